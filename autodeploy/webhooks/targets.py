"""Where a webhook may point: never at a link-local or cloud metadata address, unless allowed.

A webhook POSTs on every build from wherever AutoDeploy runs, often a CI runner or the service on a
cloud VM, where 169.254.169.254 answers with the instance's credentials (AWS, Azure and Google
Cloud's metadata endpoints; Google Cloud's also as `metadata.google.internal`, AWS's also as
fd00:ec2::254 over IPv6). So `webhook add` refuses such a URL (ADL0977) and a delivery refuses a
host that *resolves* to one (a DNS name, or an IPv4 address written as `2852039166` or `0xA9FEA9FE`),
recording why. The name is resolved once per attempt and the connection goes to the addresses that
were checked (the Host header and TLS server name stay the URL's), so a second lookup cannot return
another answer (DNS rebinding). Loopback stays allowed (a receiver on the same machine, the tests').

`AUTODEPLOY_WEBHOOK_ALLOW_LINK_LOCAL=1` lifts the rule for a deliberate link-local receiver
(docs/webhooks.md).
"""

from __future__ import annotations

import ipaddress
import os
import socket

ALLOW_ENV = "AUTODEPLOY_WEBHOOK_ALLOW_LINK_LOCAL"
# the metadata endpoints that are not link-local addresses: AWS IMDS over IPv6 (a unique local
# address) and Google Cloud's metadata server name
_METADATA_ADDRESSES = frozenset({ipaddress.ip_address("fd00:ec2::254")})
_METADATA_NAMES = frozenset({"metadata.google.internal", "metadata.goog"})


def allowed() -> bool:
    return os.environ.get(ALLOW_ENV, "").strip().lower() in ("1", "true", "yes")


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`host` as an IP address when it is one, in any form the resolver accepts for IPv4 literals."""
    text = host.strip("[]").split("%", 1)[0]  # an IPv6 literal in a URL, its zone id dropped
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    try:
        # inet_aton reads what getaddrinfo reads: "2852039166", "0xa9fea9fe", "169.254.43518"
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def address_problem(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if addr.is_link_local:  # 169.254.0.0/16 and fe80::/10
        return f"{addr} is a link-local address (the cloud metadata endpoint lives there)"
    if addr in _METADATA_ADDRESSES:
        return f"{addr} is a cloud metadata endpoint"
    return None


def host_problem(host: str) -> str | None:
    """Why a URL naming `host` may not be a webhook target (no DNS lookup), else None."""
    if allowed():
        return None
    if host.lower().rstrip(".") in _METADATA_NAMES:
        return f"{host} is the cloud metadata server"
    addr = _address(host)
    return address_problem(addr) if addr is not None else None


def resolve_checked(host: str, port: int) -> tuple[tuple[str, ...], str | None]:
    """Resolve `host` once: (every address it resolves to, why one of them may not be a target, else
    None). A delivery connects to these addresses and no others (delivery.py), so a name cannot
    answer a safe address to the check and the metadata address to the connection (DNS rebinding).
    An unresolvable host gives no address and no problem (the delivery records the failed attempt)."""
    problem = None if allowed() else host_problem(host)
    if problem is not None:
        return (), problem
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return (), None
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allowed():
        for text in addresses:
            addr = _address(text)
            if addr is not None and (why := address_problem(addr)):
                return addresses, f"{host} resolves to {why}"
    return addresses, None
