"""cdn -> CloudFront distribution (https-only, min TLS, price class) in front of a bucket or LB, and with
`waf` a CLOUDFRONT-scoped WAFv2 web ACL (in us-east-1, waf.py) named as the distribution's WebACLId."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import access_logs as log_facts

from . import access_logs, waf
from .cloud import is_not_found
from .providers import Ctx, Provider, provider


def _origin(ctx: Ctx) -> dict[str, Any]:
    o, _ = ctx.ref("origin")
    o = o or {}
    if o.get("bucket"):
        return {"Id": "origin", "DomainName": f"{o['bucket']}.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""}}
    return {"Id": "origin", "DomainName": o.get("lb_dns", "example.com"),
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only",
                                   "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]}}}


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    cf = ctx.c("cloudfront")
    config = {
        "CallerReference": ctx.pname(), "Comment": f"autodeploy {ctx.deployment}/{ctx.name}", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [_origin(ctx)]},
        "DefaultCacheBehavior": {"TargetOriginId": "origin", "ViewerProtocolPolicy": "redirect-to-https"
                                 if a["https_only"] else "allow-all", "MinTTL": 0,
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "TrustedSigners": {"Enabled": False, "Quantity": 0}},
        "PriceClass": a["price_class"],
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True, "MinimumProtocolVersion": a["min_tls"]},
    }
    if (logs := log_facts.prefix(ctx.resource, ctx.targets.values())) is not None:
        bucket = access_logs.ensure(ctx)  # standard logs there, as main.tf's logging_config
        phys[access_logs.PHYS_KEY] = bucket
        config["Logging"] = {"Enabled": True, "IncludeCookies": False, "Bucket": f"{bucket}.s3.amazonaws.com",
                             "Prefix": logs}
    if a["waf"]:  # the ACL first: the distribution names it
        config["WebACLId"] = waf.create(ctx, phys, "CLOUDFRONT")
    out = cf.create_distribution_with_tags(DistributionConfigWithTags={
        "DistributionConfig": config, "Tags": {"Items": ctx.tag_list()}})
    phys["distribution_id"] = out["Distribution"]["Id"]
    phys["arn"] = out["Distribution"]["ARN"]
    phys["domain"] = out["Distribution"]["DomainName"]


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    _delete_distribution(ctx, phys)
    waf.delete(ctx, phys)  # after the distribution: an ACL in use cannot be deleted


def _delete_distribution(ctx: Ctx, phys: dict[str, Any]) -> None:
    if not phys.get("distribution_id"):
        return
    cf = ctx.c("cloudfront")
    try:
        got = cf.get_distribution_config(Id=phys["distribution_id"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return
        raise
    config, etag = got["DistributionConfig"], got["ETag"]
    if config.get("Enabled"):  # CloudFront deletes only disabled distributions
        config["Enabled"] = False
        etag = cf.update_distribution(Id=phys["distribution_id"], IfMatch=etag, DistributionConfig=config)["ETag"]
    cf.delete_distribution(Id=phys["distribution_id"], IfMatch=etag)


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    try:
        d = ctx.c("cloudfront").get_distribution_config(Id=phys["distribution_id"])["DistributionConfig"]
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc):
            return None
        raise
    acl = phys.get("waf_acl_arn")
    guarded = bool(acl) and d.get("WebACLId") == acl and waf.exists(ctx, phys)
    return {"enabled": d["Enabled"], "price_class": d.get("PriceClass"), "waf": guarded}


def expected(r: Any) -> dict[str, Any]:
    return {"enabled": True, "price_class": r.attrs["price_class"], "waf": bool(r.attrs["waf"])}


provider(Provider("cdn", create, delete, read, expected))
