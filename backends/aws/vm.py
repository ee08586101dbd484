"""The vm kind's root disk on AWS: which EBS volume types take provisioned IOPS and throughput, one
model for main.tf (backends/terraform/emit_vm.py, root_block_device) and deploy
(backends/deploy/kind_vm.py, the launch template's block device), so both build the same disk."""

from __future__ import annotations

from typing import Any

IOPS_TYPES = ("gp3", "io1", "io2")
THROUGHPUT_TYPES = ("gp3",)


def disk_performance(attrs: Any) -> dict[str, int]:
    """`Iops` / `Throughput` of the root volume as main.tf sets them: only on a type that takes them
    (main.tf warns ADL5003 and leaves a misplaced one out)."""
    out = {}
    if attrs.get("disk_iops") is not None and attrs.get("disk_type") in IOPS_TYPES:
        out["Iops"] = int(attrs["disk_iops"])
    if attrs.get("disk_throughput") is not None and attrs.get("disk_type") in THROUGHPUT_TYPES:
        out["Throughput"] = int(attrs["disk_throughput"])
    return out
