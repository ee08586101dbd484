# METADATA
# title: File systems are backed up
# description: >-
#   A shared file system must be covered by automatic backups (backup = true) so that deleted or
#   corrupted files can be restored.
# custom:
#   id: ADLP-142
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"]
#     soc2: ["A1.2"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `backup = true` on the file_system (the default).
#   source: >-
#     MAPPING row 33 (backup plan covers data stores). AWS Config: efs-in-backup-plan; Prowler:
#     efs_have_backup_enabled
package adl.rules.resilience.file_system_backup

import data.adl.lib

findings contains f if {
	some r in lib.of_kind("file_system")
	r.attrs.backup == false
	f := lib.finding(rego.metadata.chain(), r, "backup", sprintf("file_system %q has no automatic backups", [r.name]))
}
