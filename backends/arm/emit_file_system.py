"""file_system -> Azure Files: a StorageV2 account (HTTPS only, TLS 1.2, no shared keys, no public
network access; geo-zone-redundant unless one_zone) + its file service (SMB 3.1.1 with AES-256-GCM
channel encryption, soft delete for backup) + one share, reached through a private endpoint in the
network's private subnet."""

from __future__ import annotations

from autodeploy.compiler.ir import IRResource

from . import shared
from .context import ArmContext, Ref, q, x
from .emit_network import member_subnet, subnet_id
from .names import child_name
from .registry import ARM

DEFAULT_QUOTA_GB = 100  # a share needs a quota; `size` (expected data) raises it


@ARM.register("file_system")
def emit_file_system(ctx: ArmContext, r: IRResource) -> None:
    acct = Ref("Microsoft.Storage/storageAccounts", (ctx.name_expr("storage", r.name, "files"),))
    ctx.primary[r.name] = acct
    if isinstance(r.get("encryption"), dict):
        ctx.diag("ADL5054", r.span_of("encryption"), name=r.name, attr="encryption",
                 value=r.get("encryption")["ref"],
                 why="customer-managed keys for Azure Files are not emitted; Microsoft-managed keys with "
                     "infrastructure encryption are used", hint="reference no key, or add the key by hand")
    elif r.get("encryption") is False:
        ctx.diag("ADL5055", r.span_of("encryption"), name=r.name, attr="encryption",
                 what="Azure Storage always encrypts at rest; Microsoft-managed keys are used")
    for attr, what in (("throughput_mode", "Azure Files standard shares have no throughput mode"),
                       ("performance", "Azure Files standard shares have one performance tier"),
                       ("access_point", "SMB shares have no access points; clients mount the share root"),
                       ("ia_after", "Azure Files has no per-file lifecycle; the share tier is "
                                    "TransactionOptimized")):
        if attr in r.explicit:
            ctx.diag("ADL5055", r.span_of(attr), name=r.name, attr=attr, what=what)
    sku = "Standard_LRS" if r.get("one_zone") else "Standard_GZRS"
    ctx.resource(acct.type, acct.name, tags=ctx.tags_for(r), depends=ctx.deps_of(r), kind="StorageV2",
                 sku={"name": sku}, props=shared.storage_properties(False, {"largeFileSharesState": "Enabled"}))
    files = Ref("Microsoft.Storage/storageAccounts/fileServices", (acct.segments[0], q("default")))
    days = 30 if r.get("backup") else 1
    ctx.resource(files.type, files.name, location=False, tags=False, depends=[acct.id], props={
        "shareDeleteRetentionPolicy": {"enabled": True, "days": days},
        "protocolSettings": {"smb": {"versions": "SMB3.1.1", "channelEncryption": "AES-256-GCM",
                                     "authenticationMethods": "Kerberos", "kerberosTicketEncryption": "AES-256"}},
    })
    quota = max(DEFAULT_QUOTA_GB, int(float(r.get("size") or 0)))
    share = Ref("Microsoft.Storage/storageAccounts/fileServices/shares",
                (acct.segments[0], q("default"), q(child_name(r.name))))
    ctx.resource(share.type, share.name, location=False, tags=False, depends=[files.id], props={
        "shareQuota": quota, "enabledProtocols": "SMB", "accessTier": "TransactionOptimized"})
    net = member_subnet(ctx, r)
    if net is not None:
        vnet = ctx.primary[net[0]]
        shared.private_endpoint(ctx, r, acct, "file", subnet_id(ctx, *net), vnet, [])
    if r.get("backup"):
        ctx.diag("ADL5055", r.span_of("backup"), name=r.name, attr="backup",
                 what="deleted shares are kept 30 days (soft delete); snapshots to a Recovery Services vault "
                      "are not emitted")
    ctx.output(_out(r.name), "string", x(f"reference({acct.id}).primaryEndpoints.file"))


def _out(name: str) -> str:
    return "".join(p.capitalize() if i else p for i, p in enumerate(child_name(name).split("-"))) + "FileEndpoint"
