"""model_endpoint -> an execution role, a SageMaker model (network isolation, VPC config when placed),
an endpoint configuration (KMS key when referenced), the endpoint, and for a count range an
Application Auto Scaling target with a target-tracking policy on invocations per instance."""

from __future__ import annotations

from typing import Any

from autodeploy.backends.aws import app_services as facts

from .cloud import ignore_missing, is_not_found
from .iam_util import create_role, delete_role
from .providers import Ctx, Provider, provider

_VARIANT = "AllTraffic"


def create(ctx: Ctx, phys: dict[str, Any]) -> None:
    a = ctx.resource.attrs
    sm = ctx.c("sagemaker")
    name = ctx.named(facts.name(ctx.deployment, ctx.name), ctx.pname(limit=63, lower=False))
    stmts: list[dict[str, Any]] = [{"Sid": "Logs", "Effect": "Allow", "Resource": "*", "Action": [
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]}]
    if str(a.get("model_data") or "").startswith("s3://"):
        stmts.append({"Sid": "ModelArtifact", "Effect": "Allow", "Action": ["s3:GetObject"],
                      "Resource": ["arn:aws:s3:::" + str(a["model_data"])[5:]]})
    if ctx.kms_key():
        stmts.append({"Sid": "ModelKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:CreateGrant"],
                      "Resource": [ctx.kms_key()]})
    role = create_role(ctx, phys, "role", "sagemaker", "sagemaker.amazonaws.com", stmts)
    container: dict[str, Any] = {"Image": a["image"]}
    if a.get("model_data"):
        container["ModelDataUrl"] = a["model_data"]
    model: dict[str, Any] = {"ModelName": name, "ExecutionRoleArn": role, "PrimaryContainer": container,
                             "EnableNetworkIsolation": bool(a["isolation"]), "Tags": ctx.tag_list()}
    if a.get("network"):
        vpc, subnets = ctx.subnets()
        sg = ctx.c("ec2").create_security_group(GroupName=ctx.pname("model"), Description="autodeploy model endpoint",
                                                VpcId=vpc, TagSpecifications=ctx.tag_spec("security-group"))
        phys["security_group"] = sg["GroupId"]
        model["VpcConfig"] = {"Subnets": subnets, "SecurityGroupIds": [sg["GroupId"]]}
    sm.create_model(**model)
    phys["model"] = name
    count = a["count"]
    config: dict[str, Any] = {"EndpointConfigName": name, "Tags": ctx.tag_list(), "ProductionVariants": [{
        "VariantName": _VARIANT, "ModelName": name, "InitialInstanceCount": int(count["min"]),
        "InstanceType": a["instance"]}]}
    if ctx.kms_key():
        config["KmsKeyId"] = ctx.kms_key()
    sm.create_endpoint_config(**config)
    phys["endpoint_config"] = name
    out = sm.create_endpoint(EndpointName=name, EndpointConfigName=name, Tags=ctx.tag_list())
    phys["endpoint"], phys["arn"] = name, out["EndpointArn"]
    if count["min"] != count["max"]:
        aas = ctx.c("application-autoscaling")
        rid = f"endpoint/{name}/variant/{_VARIANT}"
        aas.register_scalable_target(ServiceNamespace="sagemaker", ResourceId=rid,
                                     ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                                     MinCapacity=int(count["min"]), MaxCapacity=int(count["max"]))
        phys["scalable_target"] = rid
        aas.put_scaling_policy(PolicyName=f"{name}-invocations", ServiceNamespace="sagemaker", ResourceId=rid,
                               ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                               PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration={
                                   "TargetValue": float(facts.INVOCATIONS_PER_INSTANCE),
                                   "PredefinedMetricSpecification": {
                                       "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}})
        phys["scaling_policy"] = f"{name}-invocations"


def delete(ctx: Ctx, phys: dict[str, Any]) -> None:
    sm = ctx.c("sagemaker")
    if phys.get("scalable_target"):
        aas = ctx.c("application-autoscaling")
        dim = "sagemaker:variant:DesiredInstanceCount"
        if phys.get("scaling_policy"):
            ignore_missing(aas.delete_scaling_policy, PolicyName=phys["scaling_policy"], ServiceNamespace="sagemaker",
                           ResourceId=phys["scalable_target"], ScalableDimension=dim)
        ignore_missing(aas.deregister_scalable_target, ServiceNamespace="sagemaker",
                       ResourceId=phys["scalable_target"], ScalableDimension=dim)
    if phys.get("endpoint"):
        ignore_missing(sm.delete_endpoint, EndpointName=phys["endpoint"])
    if phys.get("endpoint_config"):
        ignore_missing(sm.delete_endpoint_config, EndpointConfigName=phys["endpoint_config"])
    if phys.get("model"):
        ignore_missing(sm.delete_model, ModelName=phys["model"])
    if phys.get("security_group"):
        ignore_missing(ctx.c("ec2").delete_security_group, GroupId=phys["security_group"])
    delete_role(ctx, phys.get("role"))


def read(ctx: Ctx, phys: dict[str, Any]) -> dict[str, Any] | None:
    sm = ctx.c("sagemaker")
    try:
        sm.describe_endpoint(EndpointName=phys["endpoint"])
        cfg = sm.describe_endpoint_config(EndpointConfigName=phys["endpoint_config"])
    except Exception as exc:  # noqa: BLE001
        if is_not_found(exc) or "Could not find" in str(exc):
            return None
        raise
    v = cfg["ProductionVariants"][0]
    return {"instance": v["InstanceType"], "kms": bool(cfg.get("KmsKeyId"))}


def expected(r: Any) -> dict[str, Any]:
    return {"instance": r.attrs["instance"], "kms": isinstance(r.attrs.get("encryption"), dict)}


provider(Provider("model_endpoint", create, delete, read, expected))
