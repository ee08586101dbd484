"""Kind traits reach OPA as data.adl.kinds, generated from compiler/kinds.py."""

from __future__ import annotations

from autodeploy.compiler.kinds import KINDS, kinds_with
from autodeploy.compiler.kinds_data_services import DATA_SERVICE_KINDS
from autodeploy.policies.kinds_data import PATH, kinds_rego

DATA = frozenset(k.name for k in DATA_SERVICE_KINDS)


def test_generated_kinds_rego_is_current() -> None:
    assert PATH.read_text(encoding="utf-8") == kinds_rego(), "run `python -m autodeploy.docgen`"


def test_derived_traits_follow_the_attributes() -> None:
    for k in KINDS.values():
        assert ("encryptable" in k.traits) == (k.attr("encryption") is not None), k.name
        assert ("network_placed" in k.traits) == (k.attr("network") is not None), k.name


def test_trait_sets_the_rules_relied_on() -> None:
    # the kind sets the five rules listed by hand before the traits existed: findings must not move
    assert kinds_with("encryptable") - DATA == {"bucket", "database", "table", "cache", "queue", "topic", "secret",
                                                "vm", "audit"}
    assert kinds_with("encryptable", "stores_data") - DATA == {"bucket", "database", "table", "cache", "queue",
                                                               "topic", "secret", "audit"}
    assert kinds_with("stores_data", "network_placed") - DATA == {"database", "cache"}
    assert kinds_with("exports_logs") - DATA == {"database", "service"}
    protected = {k for k in kinds_with("stores_data") - DATA if KINDS[k].attr("deletion_protection")}
    assert protected == {"database", "table"}


def test_data_service_traits_reach_the_generic_rules() -> None:
    # encryption_at_rest / customer_managed_key, private_subnet, service_logs and deletion_protection
    # cover the data-service kinds through these traits, with no Rego edit
    assert DATA <= kinds_with("encryptable", "stores_data")
    assert kinds_with("stores_data", "network_placed") & DATA == {"search", "kafka", "broker", "document_db"}
    assert kinds_with("exports_logs") & DATA == {"search", "kafka", "broker", "document_db"}
    assert {k for k in DATA if KINDS[k].attr("deletion_protection")} == {"document_db"}
