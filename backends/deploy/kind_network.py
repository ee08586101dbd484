"""network -> VPC, public/private subnets over AZs, IGW, route tables, NAT GW + EIP, flow logs."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from .cloud import ignore_missing
from .providers import Ctx, Provider, provider

_FLOW_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
               "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}
_FLOW_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
    "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"]}]}


def _subnet_cidrs(cidr: str, n: int) -> list[str]:
    net = ipaddress.ip_network(cidr)
    prefix = min(net.prefixlen + 4, 28)  # 16 slots: 16 public+private subnets at most
    return [str(s) for s in list(net.subnets(new_prefix=prefix))[:n]]


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    ec2 = ctx.c("ec2")
    vpc = ec2.create_vpc(CidrBlock=a["cidr"], TagSpecifications=ctx.tag_spec("vpc"))["Vpc"]["VpcId"]
    phys["vpc_id"] = vpc
    azs = sorted(z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]
                 if z.get("State", "available") == "available")[: a["zones"]]
    cidrs = _subnet_cidrs(a["cidr"], a["public_subnets"] + a["private_subnets"])
    for tier, count, offset in (("public", a["public_subnets"], 0), ("private", a["private_subnets"],
                                                                       a["public_subnets"])):
        phys[f"{tier}_subnets"] = []
        for i in range(count):
            s = ec2.create_subnet(VpcId=vpc, CidrBlock=cidrs[offset + i], AvailabilityZone=azs[i % len(azs)],
                                  TagSpecifications=ctx.tag_spec("subnet"))["Subnet"]["SubnetId"]
            phys[f"{tier}_subnets"].append(s)
    if a["public_subnets"]:
        igw = ec2.create_internet_gateway(TagSpecifications=ctx.tag_spec("internet-gateway"))
        phys["igw_id"] = igw["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=phys["igw_id"], VpcId=vpc)
        phys["igw_attached"] = True
        rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=ctx.tag_spec("route-table"))
        phys["public_rt"] = rt["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=phys["public_rt"], DestinationCidrBlock="0.0.0.0/0",
                         GatewayId=phys["igw_id"])
        for s in phys["public_subnets"]:
            assoc = ec2.associate_route_table(RouteTableId=phys["public_rt"], SubnetId=s)["AssociationId"]
            phys.setdefault("associations", []).append(assoc)
    nats = min(a["nat_gateways"], a["public_subnets"]) if a["private_subnets"] else 0
    phys["eips"], phys["nat_gateways"], phys["private_rts"] = [], [], []
    for i in range(nats):
        alloc = ec2.allocate_address(Domain="vpc", TagSpecifications=ctx.tag_spec("elastic-ip"))["AllocationId"]
        phys["eips"].append(alloc)
        nat = ec2.create_nat_gateway(SubnetId=phys["public_subnets"][i], AllocationId=alloc,
                                     TagSpecifications=ctx.tag_spec("natgateway"))["NatGateway"]["NatGatewayId"]
        phys["nat_gateways"].append(nat)
    if a["private_subnets"]:
        for i in range(max(nats, 1)):
            rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=ctx.tag_spec("route-table"))
            rt_id = rt["RouteTable"]["RouteTableId"]
            phys["private_rts"].append(rt_id)
            if nats:
                ec2.create_route(RouteTableId=rt_id, DestinationCidrBlock="0.0.0.0/0",
                                 NatGatewayId=phys["nat_gateways"][i])
        for i, s in enumerate(phys["private_subnets"]):
            assoc = ec2.associate_route_table(RouteTableId=phys["private_rts"][i % len(phys["private_rts"])],
                                              SubnetId=s)["AssociationId"]
            phys.setdefault("associations", []).append(assoc)
    if a["flow_logs"]:
        _create_flow_logs(ctx, phys)


def _create_flow_logs(ctx: Ctx, phys: dict[str, Any]) -> None:
    logs, iam = ctx.c("logs"), ctx.c("iam")
    group = f"/autodeploy/{ctx.deployment}/{ctx.name}/flow-logs"
    logs.create_log_group(logGroupName=group, tags=ctx.tags)
    phys["log_group"] = group
    logs.put_retention_policy(logGroupName=group, retentionInDays=_retention(ctx.resource.attrs["flow_log_retention"]))
    role = ctx.pname("flowlogs")
    arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(_FLOW_TRUST),
                          Tags=ctx.tag_list())["Role"]["Arn"]
    phys["flow_role"] = role
    iam.put_role_policy(RoleName=role, PolicyName="flow-logs", PolicyDocument=json.dumps(_FLOW_POLICY))
    out = ctx.c("ec2").create_flow_logs(ResourceIds=[phys["vpc_id"]], ResourceType="VPC", TrafficType="ALL",
                                        LogGroupName=group, DeliverLogsPermissionArn=arn,
                                        TagSpecifications=ctx.tag_spec("vpc-flow-log"))
    phys["flow_log_ids"] = out.get("FlowLogIds", [])


# CloudWatch Logs accepts only these retention values; round up to the next one.
_RETENTIONS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
               3288, 3653)


def _retention(days: float) -> int:
    return next((r for r in _RETENTIONS if r >= days), _RETENTIONS[-1])


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    ec2 = ctx.c("ec2")
    if phys.get("flow_log_ids"):
        ignore_missing(ec2.delete_flow_logs, FlowLogIds=phys["flow_log_ids"])
    if phys.get("flow_role"):
        ignore_missing(ctx.c("iam").delete_role_policy, RoleName=phys["flow_role"], PolicyName="flow-logs")
        ignore_missing(ctx.c("iam").delete_role, RoleName=phys["flow_role"])
    if phys.get("log_group"):
        ignore_missing(ctx.c("logs").delete_log_group, logGroupName=phys["log_group"])
    rts = ([phys["public_rt"]] if phys.get("public_rt") else []) + phys.get("private_rts", [])
    assocs = set(phys.get("associations", []))
    if rts:  # also associations made but not yet recorded when a create was interrupted
        for rt in ec2.describe_route_tables(Filters=[{"Name": "route-table-id", "Values": rts}])["RouteTables"]:
            assocs |= {a["RouteTableAssociationId"] for a in rt.get("Associations", []) if not a.get("Main")}
    for assoc in sorted(assocs):
        ignore_missing(ec2.disassociate_route_table, AssociationId=assoc)
    for nat in phys.get("nat_gateways", []):
        ignore_missing(ec2.delete_nat_gateway, NatGatewayId=nat)
    for alloc in phys.get("eips", []):
        ignore_missing(ec2.release_address, AllocationId=alloc)
    for s in phys.get("public_subnets", []) + phys.get("private_subnets", []):
        ignore_missing(ec2.delete_subnet, SubnetId=s)
    for rt in rts:
        ignore_missing(ec2.delete_route_table, RouteTableId=rt)
    if phys.get("igw_id"):
        if phys.get("igw_attached"):
            ignore_missing(ec2.detach_internet_gateway, InternetGatewayId=phys["igw_id"], VpcId=phys["vpc_id"])
        ignore_missing(ec2.delete_internet_gateway, InternetGatewayId=phys["igw_id"])
    if phys.get("vpc_id"):
        ignore_missing(ec2.delete_vpc, VpcId=phys["vpc_id"])


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    ec2 = ctx.c("ec2")
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [phys["vpc_id"]]}])["Vpcs"]
    if not vpcs:
        return None
    subs = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [phys["vpc_id"]]}])["Subnets"]
    ids = {s["SubnetId"] for s in subs}
    nats = ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [phys["vpc_id"]]}])["NatGateways"]
    live_nats = [n for n in nats if n["State"] not in ("deleted", "deleting")]
    flows = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [phys["vpc_id"]]}])["FlowLogs"]
    return {
        "cidr": vpcs[0]["CidrBlock"],
        "public_subnets": sum(1 for s in phys.get("public_subnets", []) if s in ids),
        "private_subnets": sum(1 for s in phys.get("private_subnets", []) if s in ids),
        "nat_gateways": len(live_nats),
        "flow_logs": bool(flows),
    }


def expected(r: Any) -> dict[str, Any]:
    a = r.attrs
    nats = min(a["nat_gateways"], a["public_subnets"]) if a["private_subnets"] else 0
    return {"cidr": a["cidr"], "public_subnets": a["public_subnets"], "private_subnets": a["private_subnets"],
            "nat_gateways": nats, "flow_logs": a["flow_logs"]}


provider(Provider("network", create, delete, read, expected))
