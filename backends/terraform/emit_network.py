"""network -> VPC, subnets over AZs, routing, NAT gateways, flow logs to CloudWatch."""

from __future__ import annotations

from autodeploy.compiler.buildable import aws_subnet_newbits
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Call, Expr, Tmpl, ref
from .registry import TERRAFORM


@TERRAFORM.register("network", primary=("aws_vpc",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    cidr = r.get("cidr")
    zones, pub, priv = r.get("zones"), r.get("public_subnets"), r.get("private_subnets")
    ctx.data_source("aws_availability_zones", "available", {"state": "available"})
    ctx.resource("aws_vpc", n, {"cidr_block": cidr, "enable_dns_support": True, "enable_dns_hostnames": True,
                                "tags": ctx.tags(r)})
    # the default security group is locked down: nothing uses it
    ctx.resource("aws_default_security_group", n, {"vpc_id": ref("aws_vpc", n, "id"), "tags": {"Name": f"{n}-default"}})
    azs = f"slice(data.aws_availability_zones.available.names, 0, {zones})"
    newbits = aws_subnet_newbits(int(cidr.split("/")[1]))  # the compiler checks it fits (ADL1082)
    for member, count, offset in (("public", pub, 0), ("private", priv, 2 ** (newbits - 1))):
        if not count:
            continue
        ctx.resource("aws_subnet", f"{n}_{member}", {
            "count": count,
            "vpc_id": ref("aws_vpc", n, "id"),
            "cidr_block": Expr(f"cidrsubnet(aws_vpc.{n}.cidr_block, {newbits}, count.index + {offset})"),
            "availability_zone": Expr(f"element({azs}, count.index)"),
            "map_public_ip_on_launch": False,
            "tags": {"Name": Tmpl(f"{n}-{member}-${{count.index}}"), "tier": member},
        })
    nat = min(r.get("nat_gateways"), pub) if pub else 0
    if r.get("nat_gateways") and not pub:
        ctx.diag("ADL5003", r.span_of("nat_gateways"), kind="network", name=n, attr="nat_gateways",
                 value=r.get("nat_gateways"), reason="NAT gateways need a public subnet",
                 hint="set public_subnets >= 1 or nat_gateways = 0")
    if pub:
        ctx.resource("aws_internet_gateway", n, {"vpc_id": ref("aws_vpc", n, "id"), "tags": {"Name": n}})
        ctx.resource("aws_route_table", f"{n}_public", {
            "vpc_id": ref("aws_vpc", n, "id"),
            "route": Block({"cidr_block": "0.0.0.0/0", "gateway_id": ref("aws_internet_gateway", n, "id")}),
            "tags": {"Name": f"{n}-public"},
        })
        ctx.resource("aws_route_table_association", f"{n}_public", {
            "count": pub,
            "subnet_id": Expr(f"aws_subnet.{n}_public[count.index].id"),
            "route_table_id": ref("aws_route_table", f"{n}_public", "id"),
        })
    if nat:
        ctx.resource("aws_eip", f"{n}_nat", {"count": nat, "domain": "vpc",
                                             "tags": {"Name": Tmpl(f"{n}-nat-${{count.index}}")}})
        ctx.resource("aws_nat_gateway", n, {
            "count": nat,
            "allocation_id": Expr(f"aws_eip.{n}_nat[count.index].id"),
            "subnet_id": Expr(f"aws_subnet.{n}_public[count.index].id"),
            "tags": {"Name": Tmpl(f"{n}-nat-${{count.index}}")},
        })
    if priv:
        body = {"count": max(nat, 1), "vpc_id": ref("aws_vpc", n, "id")}
        if nat:
            body["route"] = Block({"cidr_block": "0.0.0.0/0",
                                   "nat_gateway_id": Expr(f"aws_nat_gateway.{n}[count.index].id")})
        body["tags"] = {"Name": Tmpl(f"{n}-private-${{count.index}}")}
        ctx.resource("aws_route_table", f"{n}_private", body)
        ctx.resource("aws_route_table_association", f"{n}_private", {
            "count": priv,
            "subnet_id": Expr(f"aws_subnet.{n}_private[count.index].id"),
            "route_table_id": Expr(f"aws_route_table.{n}_private[count.index % {max(nat, 1)}].id"),
        })
    if r.get("flow_logs"):
        lg = ctx.log_group(f"{n}_flow_logs", Tmpl(f"/autodeploy/${{var.name_prefix}}/vpc/{n}"),
                           r.get("flow_log_retention"))
        ctx.role(f"{n}_flow_logs", "vpc-flow-logs.amazonaws.com")
        ctx.role_policy(f"{n}_flow_logs", f"{n}_flow_logs", [{
            "actions": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            "resources": [Tmpl(f"${{{lg.text}}}:*")]}])
        ctx.resource("aws_flow_log", n, {
            "vpc_id": ref("aws_vpc", n, "id"),
            "traffic_type": "ALL",
            "log_destination_type": "cloud-watch-logs",
            "log_destination": lg,
            "iam_role_arn": ref("aws_iam_role", f"{n}_flow_logs", "arn"),
        })
    ctx.output(f"{n}_vpc_id", ref("aws_vpc", n, "id"), f"VPC id of network {n}")
    _ = Call
