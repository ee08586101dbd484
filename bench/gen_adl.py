"""Generate an N-resource .adl file with mixed kinds and references (for benchmarks).

    python bench/gen_adl.py 1000 > /tmp/big.adl
"""

from __future__ import annotations

import sys


def layout(n: int) -> list[tuple[int, int, str | int]]:
    """(index, group, slot) of each resource: one network and one key per 50 resources, then
    slots 0..7 (bucket, database, queue, function, service, table, vm, topic) referencing back
    into the same group. bench/gen_tf.py writes the same layout as Terraform."""
    out: list[tuple[int, int, str | int]] = []
    group = -1
    for i in range(n):
        if i % 50 == 0:
            group += 1
            out.append((i, group, "network"))
        elif i % 50 == 1:
            out.append((i, group, "key"))
        else:
            out.append((i, group, (i % 50 - 2) % 8))
    return out


def generate(n: int, cloud: str = "aws") -> str:
    region = "us-east-1" if cloud == "aws" else "eastus"
    vm_type = "m6i.large" if cloud == "aws" else "Standard_D2s_v5"
    db_type = "db.m6g.large" if cloud == "aws" else "Standard_D2ds_v5"
    out = [f'deployment bench {{\n  cloud      = {cloud}\n  region     = "{region}"\n'
           f'  compliance = [hipaa, soc2]\n  budget     = 1000000 usd/month\n}}\n']
    for i, group, k in layout(n):
        if k == "network":
            out.append(f'network net{group} {{\n  cidr = "10.{group % 250}.0.0/16"\n}}\n')
            continue
        if k == "key":
            out.append(f"key key{group} {{ rotation = true }}\n")
            continue
        net, key = f"net{group}", f"key{group}"
        if k == 0:
            out.append(f"bucket b{i} {{\n  encryption = {key}\n  size       = {i % 7 + 1} TB\n  data       = phi\n}}\n")
        elif k == 1:
            out.append(f'database d{i} : postgres {{\n  instance   = "{db_type}"\n  storage    = 100 GB\n'
                       f"  encryption = {key}\n  network    = {net}.private\n}}\n")
        elif k == 2:
            out.append(f"queue q{i} {{\n  encryption = {key}\n  retention  = 4 days\n}}\n")
        elif k == 3:
            out.append(f'function f{i} {{\n  runtime = "python3.12"\n  memory  = 512 MB\n  trigger = q{i - 1}\n'
                       f"  uses    = [b{i - 3}]\n}}\n")
        elif k == 4:
            out.append(f'service s{i} : container {{\n  image    = "ghcr.io/acme/s:{i}"\n  cpu      = 1 vcpu\n'
                       f"  memory   = 2 GB\n  replicas = 2..6\n  load     = 100 rps\n  network  = {net}.private\n"
                       f"  uses     = [d{i - 3}, b{i - 4}]\n}}\n")
        elif k == 5:
            out.append(f"table t{i} {{\n  encryption = {key}\n  pitr       = true\n}}\n")
        elif k == 6:
            out.append(f'vm v{i} {{\n  instance = "{vm_type}"\n  count    = 1..3\n  disk     = 50 GB\n'
                       f"  network  = {net}.private\n}}\n")
        else:
            out.append(f"topic n{i} {{\n  encryption  = {key}\n  subscribers = [q{i - 5}]\n}}\n")
    return "\n".join(out)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    cloud = sys.argv[2] if len(sys.argv) > 2 else "aws"
    sys.stdout.write(generate(n, cloud))
