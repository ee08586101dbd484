"""model_endpoint -> a SageMaker model (network-isolated, in the network's private subnets when
given), an endpoint configuration encrypted with the referenced key, the endpoint, and for a count
range an Application Auto Scaling target tracking invocations per instance."""

from __future__ import annotations

from autodeploy.backends.aws import app_services as facts
from autodeploy.compiler.ir import IRResource

from .context import TfCtx
from .hcl import Block, Tmpl, ref
from .registry import TERRAFORM


def _artifact_arn(url: str) -> Tmpl | None:
    """s3://bucket/key -> the object's ARN (the role may read exactly the artifact)."""
    if not url.startswith("s3://") or "/" not in url[5:]:
        return None
    return Tmpl("arn:${data.aws_partition.current.partition}:s3:::" + url[5:].replace("${", "$${"))


@TERRAFORM.register("model_endpoint", primary=("aws_sagemaker_endpoint",))
def emit(ctx: TfCtx, r: IRResource) -> None:
    n = r.name
    role = f"{n}_sagemaker"
    ctx.role(role, "sagemaker.amazonaws.com", ("AmazonEC2ContainerRegistryReadOnly",))
    ctx.roles[n] = role
    lg = ctx.log_group(n, Tmpl(f"/aws/sagemaker/Endpoints/${{var.name_prefix}}-{n.replace('_', '-')}"), 365)
    stmts = [{"sid": "Logs", "actions": ["logs:CreateLogStream", "logs:PutLogEvents"],
              "resources": [Tmpl(f"${{{lg.text}}}:*")]}]
    artifact = _artifact_arn(str(r.get("model_data") or ""))
    if artifact is not None:
        ctx.partition()
        stmts.append({"sid": "ModelArtifact", "actions": ["s3:GetObject"], "resources": [artifact]})
    key = ctx.key_arn(r)
    if key is not None:
        stmts.append({"sid": "ModelKey", "actions": ["kms:Decrypt", "kms:CreateGrant"], "resources": [key]})
    ctx.role_policy(f"{n}_model", role, stmts)
    net = ctx.network(r, required=False)
    sg = ctx.security_group(r, net, None) if net else None
    if net:
        ctx.sg_rule("out", n, "https", "HTTPS to AWS APIs (model artifact, ECR, logs)", 443, cidr="0.0.0.0/0")
    ctx.resource("aws_sagemaker_model", n, {
        "name": ctx.name(n),
        "execution_role_arn": ref("aws_iam_role", role, "arn"),
        "enable_network_isolation": bool(r.get("isolation")),
        "primary_container": Block({"image": r.get("image"), "model_data_url": r.get("model_data")}),
        "vpc_config": Block({"subnets": ctx.subnets(net), "security_group_ids": [sg]}) if net else None,
        "tags": ctx.tags(r),
    })
    count = r.get("count") or {"min": 1, "max": 1}
    ctx.resource("aws_sagemaker_endpoint_configuration", n, {
        "name": ctx.name(n),
        "kms_key_arn": key,
        "production_variants": Block({"variant_name": "AllTraffic", "model_name": ref("aws_sagemaker_model", n, "name"),
                                      "initial_instance_count": int(count["min"]),
                                      "instance_type": r.get("instance")}),
        "tags": ctx.tags(r),
    })
    ctx.resource("aws_sagemaker_endpoint", n, {
        "name": ctx.name(n),
        "endpoint_config_name": ref("aws_sagemaker_endpoint_configuration", n, "name"),
        "tags": ctx.tags(r),
    })
    if count["min"] != count["max"]:
        ctx.resource("aws_appautoscaling_target", n, {
            "service_namespace": "sagemaker",
            "resource_id": Tmpl(f"endpoint/${{aws_sagemaker_endpoint.{n}.name}}/variant/AllTraffic"),
            "scalable_dimension": "sagemaker:variant:DesiredInstanceCount",
            "min_capacity": int(count["min"]), "max_capacity": int(count["max"])})
        ctx.resource("aws_appautoscaling_policy", n, {
            "name": ctx.name(f"{n}-invocations"),
            "policy_type": "TargetTrackingScaling",
            "service_namespace": ref("aws_appautoscaling_target", n, "service_namespace"),
            "resource_id": ref("aws_appautoscaling_target", n, "resource_id"),
            "scalable_dimension": ref("aws_appautoscaling_target", n, "scalable_dimension"),
            "target_tracking_scaling_policy_configuration": Block({
                "target_value": facts.INVOCATIONS_PER_INSTANCE,
                "predefined_metric_specification": Block({
                    "predefined_metric_type": "SageMakerVariantInvocationsPerInstance"})})})
    ctx.output(f"{n}_endpoint_name", ref("aws_sagemaker_endpoint", n, "name"), f"Name of model endpoint {n}")
