package adl.rules.resilience.backup_retention_test

import data.adl.fixtures as fx
import data.adl.rules.resilience.backup_retention.findings

test_short_backup_flagged if {
	d := fx.variant(fx.resource("database", "d", null, {"backup": 3}), "postgres")
	c := fx.variant(fx.resource("cache", "c", null, {"backup": 0}), "redis")
	fs := findings with input as fx.doc([d, c], [], ["soc2"])
	{f.message | some f in fs} == {
		"database \"d\" keeps backups for 3 days, less than 7",
		"cache \"c\" keeps backups for 0 days, less than 1",
	}
}

test_enough_backup_passes if {
	d := fx.variant(fx.resource("database", "d", null, {"backup": 7}), "postgres")
	c := fx.variant(fx.resource("cache", "c", null, {"backup": 1}), "redis")
	m := fx.variant(fx.resource("cache", "m", null, {"backup": 0}), "memcached")
	count(findings) == 0 with input as fx.doc([d, c, m], [], ["soc2"])
}

test_document_db_backup_checked if {
	short := fx.resource("document_db", "docs", null, {"backup": 1})
	enough := fx.resource("document_db", "more", null, {"backup": 7})
	fs := findings with input as fx.doc([short, enough], [], ["soc2"])
	{f.resource | some f in fs} == {"docs"}
}
