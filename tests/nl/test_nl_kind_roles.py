"""Issue 12: the translator finds the parts kinds play (VM, disk, replicated service, a framework's
key and network...) from the registry, so a new kind of the same shape plays them with no NL edit."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest

import autodeploy.compiler.kinds as kinds_mod
from autodeploy.nl import kind_roles


def test_the_roles_of_todays_kinds() -> None:
    assert kind_roles.VMS == ("vm",)
    assert kind_roles.DISKS == ("volume",)
    assert kind_roles.REPLICATED == ("service",)
    assert kind_roles.CLUSTERS == ("kubernetes",)
    assert set(kind_roles.IMAGED) == {"service", "model_endpoint"}
    assert kind_roles.KEYS == ("key",) and kind_roles.NETWORKS == ("network",)
    assert kind_roles.enum_holders("type", "gp3") == ("volume",)
    assert kind_roles.host_attr("volume") == "vm" and kind_roles.host_attr("bucket") == ""


def test_a_new_kind_of_the_same_shape_plays_the_same_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind added to the registry only (a second disk kind, a second container kind) is found
    by the roles: nothing in nl/ names it."""
    extra = {
        "scratch_disk": replace(kinds_mod.KINDS["volume"], name="scratch_disk"),
        "batch_service": replace(kinds_mod.KINDS["service"], name="batch_service"),
    }
    monkeypatch.setattr(kinds_mod, "KINDS", {**kinds_mod.KINDS, **extra})
    try:
        roles = importlib.reload(kind_roles)
        assert "scratch_disk" in roles.DISKS and roles.host_attr("scratch_disk") == "vm"
        assert "batch_service" in roles.REPLICATED and "batch_service" in roles.IMAGED
        assert "scratch_disk" in roles.enum_holders("type", "io2")
    finally:
        monkeypatch.undo()
        importlib.reload(kind_roles)
    assert "scratch_disk" not in kind_roles.DISKS


def test_the_translator_still_reads_the_roles() -> None:
    from autodeploy.nl.offline import translate

    spec = translate("a server with two extra 300 GB disks, and 4 containers running the api")
    kinds = sorted(r.kind for r in spec.resources if r.from_text)
    assert kinds == ["service", "vm", "volume"]
    vol = spec.of_kind("volume")[0]
    assert vol.attrs["vm"] == {"ref": spec.of_kind("vm")[0].name} and vol.attrs["count"] == 2
    assert spec.of_kind("service")[0].attrs["replicas"] == {"min": 4, "max": 4}
