package adl.rules.network.public_data_service_test

import data.adl.fixtures as fx
import data.adl.rules.network.public_data_service.findings

test_public_search_and_broker_flagged if {
	s := fx.resource("search", "s", null, {"public": true})
	b := fx.variant(fx.resource("broker", "b", null, {"public": true}), "rabbitmq")
	fs := findings with input as fx.doc([s, b], [], ["pci_dss"])
	{f.resource | some f in fs} == {"s", "b"}
}

test_private_passes if {
	s := fx.resource("search", "s", null, {"public": false})
	b := fx.variant(fx.resource("broker", "b", null, {"public": false}), "activemq")
	count(findings) == 0 with input as fx.doc([s, b], [], ["hipaa"])
}
