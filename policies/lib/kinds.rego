# Generated from compiler/kinds.py by `python -m autodeploy.docgen`; do not edit by hand.
# The traits of every kind (compiler/schema.py TRAITS); rules read them through lib.kind_has.
package adl.kinds

traits := {
	"api_gateway": set(),
	"audit": {"encryptable", "stores_data"},
	"broker": {"encryptable", "stores_data", "network_placed", "private_by_default", "exports_logs"},
	"bucket": {"encryptable", "stores_data", "private_by_default"},
	"cache": {"encryptable", "stores_data", "network_placed"},
	"cdn": set(),
	"database": {"encryptable", "stores_data", "network_placed", "private_by_default", "exports_logs"},
	"document_db": {"encryptable", "stores_data", "network_placed", "exports_logs"},
	"etl_job": {"encryptable", "exports_logs"},
	"file_system": {"encryptable", "stores_data", "network_placed"},
	"function": {"network_placed"},
	"helm_release": set(),
	"kafka": {"encryptable", "stores_data", "network_placed", "exports_logs"},
	"key": set(),
	"kubernetes": {"encryptable", "network_placed", "private_by_default", "exports_logs"},
	"load_balancer": {"network_placed"},
	"model_endpoint": {"encryptable", "network_placed"},
	"monitor": {"encryptable"},
	"network": set(),
	"queue": {"encryptable", "stores_data"},
	"search": {"encryptable", "stores_data", "network_placed", "private_by_default", "exports_logs"},
	"secret": {"encryptable", "stores_data"},
	"service": {"network_placed", "exports_logs"},
	"stream": {"encryptable", "stores_data"},
	"table": {"encryptable", "stores_data"},
	"topic": {"encryptable", "stores_data"},
	"vm": {"encryptable", "network_placed"},
	"volume": {"encryptable", "stores_data"},
}
