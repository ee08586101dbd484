"""Kind traits reach OPA as data.adl.kinds, generated from compiler/kinds.py."""

from __future__ import annotations

from autodeploy.compiler.kinds import KINDS, kinds_with
from autodeploy.compiler.kinds_app_services import APP_SERVICE_KINDS
from autodeploy.compiler.kinds_data_services import DATA_SERVICE_KINDS
from autodeploy.policies.kinds_data import PATH, kinds_rego

# kinds added after these rules (issues 20, 22): checked on their own below, so the original sets stay pinned
APP = frozenset(k.name for k in APP_SERVICE_KINDS)
DATA = frozenset(k.name for k in DATA_SERVICE_KINDS)
NEW = APP | DATA


def test_generated_kinds_rego_is_current() -> None:
    assert PATH.read_text(encoding="utf-8") == kinds_rego(), "run `python -m autodeploy.docgen`"


def test_derived_traits_follow_the_attributes() -> None:
    for k in KINDS.values():
        assert ("encryptable" in k.traits) == (k.attr("encryption") is not None), k.name
        assert ("network_placed" in k.traits) == (k.attr("network") is not None), k.name


def test_trait_sets_the_rules_relied_on() -> None:
    # the kind sets the five rules listed by hand before the traits existed: findings must not move
    # issue 21 adds kubernetes (secrets encryption) and monitor (its notification topic)
    assert kinds_with("encryptable") - NEW == {"bucket", "database", "table", "cache", "queue", "topic", "secret",
                                               "vm", "audit", "kubernetes", "monitor"}
    assert kinds_with("encryptable", "stores_data") - NEW == {"bucket", "database", "table", "cache", "queue", "topic",
                                                              "secret", "audit"}
    assert kinds_with("stores_data", "network_placed") - NEW == {"database", "cache"}
    assert kinds_with("exports_logs") - NEW == {"database", "service", "kubernetes"}  # EKS/AKS control-plane logs
    protected = {k for k in kinds_with("stores_data") - NEW if KINDS[k].attr("deletion_protection")}
    assert protected == {"database", "table"}


def test_application_service_kinds_reach_the_trait_rules() -> None:
    """The encryption, key, private-subnet and log rules cover the new kinds through their traits."""
    assert kinds_with("encryptable") & APP == {"etl_job", "model_endpoint", "volume", "file_system"}
    assert kinds_with("encryptable", "stores_data") & APP == {"volume", "file_system"}
    assert kinds_with("stores_data", "network_placed") & APP == {"file_system"}
    assert kinds_with("exports_logs") & APP == {"etl_job"}


def test_data_service_traits_reach_the_generic_rules() -> None:
    # encryption_at_rest / customer_managed_key, private_subnet, service_logs and deletion_protection
    # cover the data-service kinds through these traits, with no Rego edit
    assert DATA <= kinds_with("encryptable", "stores_data")
    assert kinds_with("stores_data", "network_placed") & DATA == {"search", "kafka", "broker", "document_db"}
    assert kinds_with("exports_logs") & DATA == {"search", "kafka", "broker", "document_db"}
    assert {k for k in DATA if KINDS[k].attr("deletion_protection")} == {"document_db"}
