"""database (RDS): names, engine settings, ports, log exports, master user, IAM."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autodeploy.backends import naming

from .grants import DBUSER, Grant, sid_of

PORTS = {"postgres": 5432, "mysql": 3306, "mariadb": 3306}
# Every log the engine can export to CloudWatch (the Terraform side's list, now deploy's too): audit
# and slowquery are what an audit trail and incident review need; `error,general` alone missed them.
# (MySQL's `audit` log carries events once the MARIADB_AUDIT_PLUGIN option is on.)
LOG_EXPORTS = {"postgres": ("postgresql", "upgrade"), "mysql": ("audit", "error", "general", "slowquery"),
               "mariadb": ("audit", "error", "general", "slowquery")}
# the master user; its password is managed by RDS in Secrets Manager and never seen by autodeploy
MASTER_USER = "app_admin"
# the database user IAM authentication (`rds-db:connect`) is granted for
DB_IAM_USER = "app"
# parameter forcing TLS, and its (on, off) values
TLS_PARAMETER = {"postgres": ("rds.force_ssl", "1", "0"), "mysql": ("require_secure_transport", "ON", "OFF"),
                 "mariadb": ("require_secure_transport", "ON", "OFF")}
MONITORING_INTERVAL = 60  # enhanced monitoring, seconds
FINAL_SNAPSHOT_SUFFIX = "-final"


def engine(variant: str | None) -> str:
    return variant or "postgres"


def storage_type(attrs: Mapping[str, Any]) -> str:
    """As written, else io1 when IOPS are given (the language's original meaning), else gp3."""
    return str(attrs.get("storage_type") or ("io1" if attrs.get("iops") else "gp3"))


def family(engine: str, version: str) -> str:
    parts = version.split(".")
    if engine == "postgres":
        return f"postgres{parts[0]}"
    return f"{engine}{'.'.join(parts[:2])}"


def identifier(deployment: str, name: str) -> str:
    """The instance, its subnet group and its parameter group share this name."""
    return naming.rds_identifier(deployment, name)


def grants(name: str, attr: str, in_network: bool) -> tuple[Grant, ...]:
    """IAM database authentication for a principal that `uses` this database inside a network."""
    if attr == "trigger" or not in_network:
        return ()
    return (Grant(f"Connect{sid_of(name)}", ("rds-db:connect",), (DBUSER,)),)
