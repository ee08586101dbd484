# METADATA
# title: Automated backups retained long enough
# description: >-
#   Databases and document databases must keep automated backups for at least 7 days; Redis/Valkey
#   caches must have snapshots enabled (backup of at least 1 day).
# custom:
#   id: ADLP-021
#   severity: medium
#   controls:
#     hipaa: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"]
#     soc2: ["A1.2", "CC7.4"]
#     gdpr: ["Art. 32"]
#   remediation: >-
#     Set `backup = 7 days` or more on databases and document databases (default 7) and `backup = 1 day`
#     or more on caches (default 1).
#   source: >-
#     MAPPING row 30 (>= 7 days is our threshold; the cache threshold follows the ElastiCache Config
#     rule's snapshot check). AWS Config: db-instance-backup-enabled,
#     elasticache-redis-cluster-automatic-backup-check; Prowler: rds_instance_backup_enabled,
#     elasticache_redis_cluster_backup_enabled, documentdb_cluster_backup_enabled; Checkov: CKV_AWS_133,
#     CKV_AWS_134
package adl.rules.resilience.backup_retention

import data.adl.lib

min_days := {"database": 7, "document_db": 7, "cache": 1}

findings contains f if {
	some kind, need in min_days
	some r in lib.of_kind(kind)
	r.variant != "memcached"
	is_number(r.attrs.backup)
	r.attrs.backup < need
	msg := sprintf("%s %q keeps backups for %s, less than %v", [r.kind, r.name, lib.days(r.attrs.backup), need])
	f := lib.finding(rego.metadata.chain(), r, "backup", msg)
}
