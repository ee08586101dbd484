"""Issue 16: the lock, the journal and recovery after `kill -9`, in-place rollback, waiting for
the cloud, and the state in S3 -- all against a real moto server.

The kill test forks a child that runs apply and SIGKILLs itself right after the journal's
k-th entry is on disk, for every k; the parent then checks that the next apply recovers and
converges, that nothing exists twice, and that destroy leaves nothing tagged.
"""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto_server import inventory, moto, moto_server, tagged  # noqa: F401
from test_deploy_lifecycle import cli

from autodeploy.backends.deploy import engine, journal, lock
from autodeploy.backends.deploy import state as st
from autodeploy.backends.deploy.cloud import CallLog, Cloud
from autodeploy.backends.deploy.store import LocalStore, S3Store
from autodeploy.cli import main
from autodeploy.compiler import compile_file, compile_source

SMALL = Path(__file__).parent / "data" / "crash-small.adl"
SERVICES = {"ec2", "logs", "iam", "kms"}
REGION = "us-east-1"
DEPLOYMENT = "crash_small"


def _compiled(text: str | None = None) -> Any:
    result = compile_source(text, str(SMALL)) if text is not None else compile_file(SMALL)
    assert result.ok and result.ir is not None and result.graph is not None, result.diagnostics
    return result


def _shape(inv: list[str]) -> Counter[str]:
    """What exists, without the ids: two VPCs where one is wanted shows as a count of 2."""
    return Counter(re.sub(r"\b[a-z]+-[0-9a-f]{6,}\b|[0-9a-f]{8}-[0-9a-f-]{27}", "ID", line) for line in inv)


def _left_tagged(endpoint: str) -> list[str]:
    """Tagged ARNs that still exist (KMS keys pending deletion and deleted NAT gateways stay visible)."""
    kms = boto3.client("kms", endpoint_url=endpoint, region_name=REGION)
    ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=REGION)
    left = []
    for arn in tagged(endpoint, REGION, DEPLOYMENT):
        if (endpoint, arn) in _GONE:  # both states are final: ask once (the kill loop makes ~50 of each)
            continue
        if ":key/" in arn and kms.describe_key(KeyId=arn)["KeyMetadata"]["KeyState"] == "PendingDeletion" \
                or ":natgateway/" in arn and ec2.describe_nat_gateways(
                    NatGatewayIds=[arn.rsplit("/", 1)[1]])["NatGateways"][0]["State"] == "deleted":
            _GONE.add((endpoint, arn))
            continue
        left.append(arn)
    return left


_GONE: set[tuple[str, str]] = set()


def _warm_cloud(endpoint: str) -> Cloud:
    """For the forked children: one worker (entry k is the same call every run) and clients built
    here, before the fork, so each child skips loading the service models. This process never
    calls through it, so no connection is shared with a child."""
    cloud = Cloud(REGION, endpoint, workers=1)
    for service in ("sts", "ec2", "kms", "logs", "iam"):
        cloud.client(service)
    return cloud


def _fork_killed_at(k: int, body: Callable[[], int]) -> tuple[int, int]:
    """Fork; the child runs `body` and SIGKILLs itself right after the journal's k-th entry is
    on disk. Returns (child pid, wait status)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 3
        try:
            written = [0]
            original = journal.Journal.write

            def write(self: journal.Journal, entry: dict[str, Any]) -> None:
                original(self, entry)
                written[0] += 1
                if written[0] == k:
                    os.kill(os.getpid(), signal.SIGKILL)

            journal.Journal.write = write  # type: ignore[method-assign]
            code = body()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return pid, status


def _killed_apply(k: int, cloud: Cloud, path: str) -> int:
    result = _compiled()

    def body() -> int:
        state = st.load(path, DEPLOYMENT, REGION, cloud.endpoint)
        return engine.apply(result.ir, result.graph, state, cloud, lambda _: None).exit_code

    return _fork_killed_at(k, body)[1]


def test_kill_at_every_journal_step_recovers_and_converges(moto, tmp_path: Path) -> None:  # noqa: F811
    result = _compiled()
    ir, graph = result.ir, result.graph
    path = str(tmp_path / "crash.state.json")
    cloud = Cloud(REGION, moto.endpoint)
    warm = _warm_cloud(moto.endpoint)
    try:
        # a clean run: how many journal entries, and what exists afterwards
        status = _killed_apply(10**6, warm, path)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        assert not journal.pending(st.load(path, DEPLOYMENT, REGION, moto.endpoint))
        want = _shape(inventory(moto.endpoint, REGION, SERVICES))
        assert want["vpc ID"] == 1 and want["nat ID"] == 1 and sum(want.values()) >= 10, want
        cloud.calls = CallLog()
        clean = st.load(path, DEPLOYMENT, REGION, moto.endpoint)
        assert engine.destroy(clean, cloud, lambda _: None).exit_code == 0
        mutating = 0
        # entries: begin + per resource start/end + a call and a done per mutating call; count them
        entries: list[dict[str, Any]] = []
        original = journal.Journal.write

        def count(self: journal.Journal, entry: dict[str, Any]) -> None:
            entries.append(entry)
            original(self, entry)

        journal.Journal.write = count  # type: ignore[method-assign]
        try:
            c2 = Cloud(REGION, moto.endpoint, workers=1)
            c2.calls = CallLog()
            s2 = st.load(path, DEPLOYMENT, REGION, moto.endpoint)
            assert engine.apply(ir, graph, s2, c2, lambda _: None).exit_code == 0
            mutating = c2.calls.mutating
            c2.close()
        finally:
            journal.Journal.write = original  # type: ignore[method-assign]
        steps = len(entries)
        assert steps == 1 + 2 * 2 + 2 * mutating, (steps, mutating)
        assert engine.destroy(st.load(path, DEPLOYMENT, REGION, moto.endpoint), cloud, lambda _: None).exit_code == 0

        problems: list[str] = []
        recovery: list[float] = []
        t0 = time.monotonic()
        for k in range(1, steps + 1):
            os.unlink(path) if os.path.exists(path) else None
            status = _killed_apply(k, warm, path)
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                problems.append(f"k={k}: the child was not killed ({status})")
                continue
            state = st.load(path, DEPLOYMENT, REGION, moto.endpoint)
            if not journal.pending(state):
                problems.append(f"k={k}: no journal left by the killed run")
            t = time.monotonic()
            out = engine.apply(ir, graph, state, cloud, lambda _: None)
            recovery.append(time.monotonic() - t)
            if out.exit_code != 0 or not any(d.code == "ADL5163" for d in out.diagnostics):
                problems.append(f"k={k}: re-apply: exit {out.exit_code}, {[d.message for d in out.diagnostics]}")
            state = st.load(path, DEPLOYMENT, REGION, moto.endpoint)
            ops = [a.op for a in engine.plan(ir, graph, state)]
            if set(ops) != {"noop"} or journal.pending(state):
                problems.append(f"k={k}: not converged: {ops}")
            got = _shape(inventory(moto.endpoint, REGION, SERVICES))
            if got != want:
                problems.append(f"k={k}: after re-apply {dict(got - want)} extra, {dict(want - got)} missing")
            if engine.destroy(state, cloud, lambda _: None).exit_code != 0:
                problems.append(f"k={k}: destroy failed")
            left = inventory(moto.endpoint, REGION, SERVICES) + _left_tagged(moto.endpoint)
            if left:
                problems.append(f"k={k}: destroy left {left}")
                moto.reset()
        assert not problems, "\n".join(problems)
        print(f"\n{steps} kill points ({mutating} mutating calls) in {time.monotonic() - t0:.1f}s; recovery "
              f"apply: median {statistics.median(recovery):.2f}s, max {max(recovery):.2f}s")
    finally:
        cloud.close()


def test_lock_refuses_a_second_writer_and_force_unlock_recovers(moto, tmp_path: Path,  # noqa: F811
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "crash.state.json")
    common = ["--endpoint", moto.endpoint, "--state", path, "--auto-approve"]
    # a run killed in the middle of creating the network leaves its lock and its journal
    pid, status = _fork_killed_at(12, lambda: main(["apply", str(SMALL), *common]))
    assert os.WIFSIGNALED(status), status
    held = lock.parse(Path(path + ".lock").read_text())
    assert held is not None and held.pid == pid and held.command == "apply"
    assert Path(path + ".journal").exists()

    before = Path(path).read_text() if Path(path).exists() else None
    code, out, err = cli(capsys, "apply", str(SMALL), *common)
    assert code == 1 and "ADL5160" in err, err
    assert f"pid {pid}" in err and held.id in err and "no longer running" in err
    assert (Path(path).read_text() if Path(path).exists() else None) == before

    code, out, err = cli(capsys, "force-unlock", "wrong-id", "--state", path)
    assert code == 1 and "ADL5161" in err and Path(path + ".lock").exists()
    code, out, err = cli(capsys, "force-unlock", held.id, "--state", path)
    assert code == 0 and f"Removed the lock {held.id}" in out and "recovers from its journal" in out
    assert not Path(path + ".lock").exists()

    t = time.monotonic()
    code, out, err = cli(capsys, "apply", str(SMALL), *common)
    took = time.monotonic() - t
    assert code == 0, err
    assert "ADL5163" in err and "recovering: deleting the parts of `net`" in out
    assert not Path(path + ".lock").exists() and not Path(path + ".journal").exists()
    print(f"\nforce-unlock + recovering apply (gate included): {took:.2f}s")
    code, out, err = cli(capsys, "destroy", str(SMALL), *common)
    assert code == 0, err
    assert inventory(moto.endpoint, REGION, SERVICES) == [] and _left_tagged(moto.endpoint) == []


def test_the_lock_goes_to_exactly_one_of_two_racing_runs(tmp_path: Path) -> None:
    store = LocalStore(str(tmp_path / "s.json"))
    for _ in range(10):
        r, w = os.pipe()
        pids = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                os.close(r)
                try:
                    lock.acquire(store, "apply")
                    os.write(w, b"W")
                except Exception:  # noqa: BLE001
                    os.write(w, b"L")
                os._exit(0)
            pids.append(pid)
        os.close(w)
        for pid in pids:
            os.waitpid(pid, 0)
        got = b""
        while chunk := os.read(r, 16):
            got += chunk
        os.close(r)
        assert sorted(got) == sorted(b"WL"), got
        store.delete(lock.SUFFIX)


def test_lock_is_released_after_failure_and_held_lock_blocks_destroy(moto, tmp_path: Path,  # noqa: F811
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "crash.state.json")
    info = lock.acquire(LocalStore(path), "apply")
    code, _, err = cli(capsys, "destroy", str(SMALL), "--endpoint", moto.endpoint, "--state", path,
                        "--auto-approve")
    assert code == 1 and "ADL5160" in err and info.holder in err and "no longer running" not in err
    lock.release(LocalStore(path), info)
    # a run that fails (unreachable endpoint) gives the lock back
    code, _, err = cli(capsys, "destroy", str(SMALL), "--endpoint", "http://127.0.0.1:9", "--state", path,
                        "--auto-approve")
    assert not Path(path + ".lock").exists()


def test_rollback_restores_in_place_updates(moto, tmp_path: Path) -> None:  # noqa: F811
    path = str(tmp_path / "crash.state.json")
    cloud = Cloud(REGION, moto.endpoint, workers=1)
    try:
        first = _compiled()
        assert engine.apply(first.ir, first.graph, st.load(path, DEPLOYMENT, REGION, moto.endpoint), cloud,
                            lambda _: None).exit_code == 0
        before = Path(path).read_text()
        key_id = json.loads(before)["resources"]["k"]["physical"]["key_id"]
        kms = boto3.client("kms", endpoint_url=moto.endpoint, region_name=REGION)
        assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
        # rotation off (an in-place update of k), and a new queue whose creation fails afterwards
        text = SMALL.read_text().replace("key k { rotation = true }", "key k { rotation = false }")
        text += "\nqueue zq { }\n"
        changed = _compiled(text)
        plan = {a.name: a.op for a in engine.plan(changed.ir, changed.graph, st.load(path, DEPLOYMENT, REGION,
                                                                                          moto.endpoint))}
        assert plan["k"] == "update" and plan["zq"] == "create", plan
        cloud.calls = CallLog(fail_at=2)  # call 1 disables rotation, call 2 creates the queue
        out = engine.apply(changed.ir, changed.graph, st.load(path, DEPLOYMENT, REGION, moto.endpoint), cloud,
                           lambda _: None)
        assert out.exit_code == 1 and any("InjectedFault" in d.message for d in out.diagnostics)
        assert cloud.calls.by_operation["kms:DisableKeyRotation"] == 1
        assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
        assert cloud.calls.by_operation["kms:EnableKeyRotation"] == 1
        assert Path(path).read_text() == before and not Path(path + ".journal").exists()
    finally:
        cloud.close()


class PendingFor:
    """A fault-injecting observer: the first `polls` answers about NAT gateways say `status`."""

    def __init__(self, polls: int, status: str = "pending") -> None:
        self.polls, self.status, self.seen = polls, status, 0

    def before(self, **_: Any) -> None:
        pass

    def after(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        if model.name == "DescribeNatGateways" and self.seen < self.polls:
            self.seen += 1
            for n in parsed.get("NatGateways", []):
                n["State"] = self.status


def _apply_with(observer: PendingFor, endpoint: str, path: str) -> tuple[Any, list[str]]:
    result = _compiled()
    cloud = Cloud(REGION, endpoint)
    cloud.observe(observer)
    lines: list[str] = []
    try:
        out = engine.apply(result.ir, result.graph, st.load(path, DEPLOYMENT, REGION, endpoint), cloud, lines.append)
    finally:
        cloud.close()
    return out, lines


def test_waits_for_a_pending_nat_gateway(moto, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("AUTODEPLOY_WAIT_POLL", "0.01")
    pending = PendingFor(4)
    out, lines = _apply_with(pending, moto.endpoint, str(tmp_path / "s.json"))
    assert out.exit_code == 0, [d.message for d in out.diagnostics]
    assert pending.seen == 4
    waiting = [ln for ln in lines if "waiting for NAT gateway" in ln]
    assert len(waiting) == 4 and all(": pending (" in ln for ln in waiting), lines
    assert any("NAT gateway" in ln and "available after" in ln for ln in lines)


@pytest.mark.parametrize("status,code", [("pending", "ADL5165"), ("failed", "ADL5166")])
def test_wait_timeout_or_failure_rolls_back(moto, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                            status: str, code: str) -> None:
    monkeypatch.setenv("AUTODEPLOY_WAIT_POLL", "0.01")
    monkeypatch.setenv("AUTODEPLOY_WAIT_NETWORK", "0.3")
    path = tmp_path / "s.json"
    t = time.monotonic()
    out, _ = _apply_with(PendingFor(10**6, status), moto.endpoint, str(path))
    assert time.monotonic() - t < 30
    assert out.exit_code == 1
    msgs = [d.message for d in out.diagnostics if d.code == code]
    assert msgs and "`net` (network): NAT gateway nat-" in msgs[0], [d.message for d in out.diagnostics]
    if code == "ADL5165":
        assert "not available after 0.3s (last status: pending)" in msgs[0]
    assert inventory(moto.endpoint, REGION, SERVICES) == []
    assert not path.exists() and not Path(str(path) + ".journal").exists()


def test_state_in_s3_with_a_conditional_write_lock(moto, tmp_path: Path,  # noqa: F811
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, region_name=REGION)
    s3.create_bucket(Bucket="team-state")
    url = "s3://team-state/envs/crash.json"
    store = S3Store(url, REGION, moto.endpoint)
    # the conditional write: of two creates of the lock object exactly one succeeds
    assert store.create("one", lock.SUFFIX) is True
    assert store.create("two", lock.SUFFIX) is False
    assert store.read(lock.SUFFIX) == "one"
    store.delete(lock.SUFFIX)

    common = ["--endpoint", moto.endpoint, "--state", url, "--auto-approve"]
    code, out, err = cli(capsys, "apply", str(SMALL), *common)
    assert code == 0, err
    saved = json.loads(s3.get_object(Bucket="team-state", Key="envs/crash.json")["Body"].read())
    assert set(saved["resources"]) == {"net", "k"}
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="team-state")["Contents"]}
    assert keys == {"envs/crash.json"}, keys  # no lock, no journal left behind
    assert not list(tmp_path.iterdir())

    held = lock.acquire(store, "apply")
    code, out, err = cli(capsys, "apply", str(SMALL), *common)
    assert code == 1 and "ADL5160" in err and held.id in err and url in err
    code, out, err = cli(capsys, "force-unlock", held.id, "--state", url, "--endpoint", moto.endpoint)
    assert code == 0, err
    code, out, err = cli(capsys, "plan", str(SMALL), "--endpoint", moto.endpoint, "--state", url)
    assert code == 0 and out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete", out
    code, out, err = cli(capsys, "destroy", str(SMALL), *common)
    assert code == 0, err
    assert inventory(moto.endpoint, REGION, SERVICES - {"s3"}) == []
    code, out, err = cli(capsys, "apply", str(SMALL), "--state", "s3://no-such-bucket/x.json",
                          "--endpoint", moto.endpoint, "--auto-approve")
    assert code == 2 and "ADL5168" in err, err


def test_apply_refresh_repairs_drift(moto, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    path = str(tmp_path / "s.json")
    common = ["--endpoint", moto.endpoint, "--state", path]
    code, _, err = cli(capsys, "apply", str(SMALL), *common, "--auto-approve")
    assert code == 0, err
    key_id = json.loads(Path(path).read_text())["resources"]["k"]["physical"]["key_id"]
    kms = boto3.client("kms", endpoint_url=moto.endpoint, region_name=REGION)
    kms.disable_key_rotation(KeyId=key_id)  # out of band
    code, out, err = cli(capsys, "drift", str(SMALL), *common)
    assert code == 1 and "`k` (key): `rotation` is false in the cloud, true in the state" in err
    code, out, err = cli(capsys, "apply", str(SMALL), *common, "--auto-approve")
    assert code == 0 and "No changes" in out  # apply alone compares the file with the state
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is False
    code, out, err = cli(capsys, "apply", str(SMALL), *common, "--auto-approve", "--refresh")
    assert code == 0, err
    assert "~ k (key): update  (rotation)" in out and "Apply complete: 0 created, 1 updated" in out
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
    code, out, err = cli(capsys, "drift", str(SMALL), *common)
    assert code == 0, err


def test_journal_torn_last_line_is_tolerated_and_a_corrupt_one_is_coded(tmp_path: Path) -> None:
    from autodeploy.backends.deploy.diagnostics import DeployError

    store = LocalStore(str(tmp_path / "s.json"))
    good = '{"e":"begin","run":"r1","command":"apply","pid":1}\n{"e":"start","r":"net","action":"create"}\n'
    store.write(good + '{"e":"call","r":"net","api":"ec2:Crea', journal.SUFFIX)  # killed mid-write
    entries = journal.read(store)
    assert entries is not None and [e["e"] for e in entries] == ["begin", "start"]
    store.write('{"e":"begin"}\nnot json\n{"e":"end","r":"x"}\n', journal.SUFFIX)
    with pytest.raises(DeployError) as exc:
        journal.read(store)
    assert exc.value.diagnostic.code == "ADL5164" and "line 2" in exc.value.diagnostic.message


@pytest.mark.parametrize("api", ["ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateNatGateway", "kms:CreateKey"])
def test_a_call_cut_off_in_flight_is_found_by_its_tags(moto, tmp_path: Path, api: str) -> None:  # noqa: F811
    """Killed after the cloud made the part but before its response reached the journal: the
    part's id is nowhere in the journal, its tags name the deployment and the resource."""
    path = str(tmp_path / "s.json")
    warm = _warm_cloud(moto.endpoint)
    result = _compiled()
    pid = os.fork()
    if pid == 0:
        try:
            def after(self: journal.Journal, model: Any, **_: Any) -> None:
                if f"{model.service_model.service_name}:{model.name}" == api:
                    os.kill(os.getpid(), signal.SIGKILL)

            journal.Journal.after = after  # type: ignore[method-assign]
            engine.apply(result.ir, result.graph, st.load(path, DEPLOYMENT, REGION, moto.endpoint), warm,
                         lambda _: None)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), status
    text = Path(path + ".journal").read_text()
    assert f'"api":"{api}"' in text and "done" not in text.splitlines()[-1]
    cloud = Cloud(REGION, moto.endpoint)
    try:
        out = engine.apply(result.ir, result.graph, st.load(path, DEPLOYMENT, REGION, moto.endpoint), cloud,
                           lambda _: None)
        assert out.exit_code == 0 and out.diagnostics[0].code == "ADL5163", [d.message for d in out.diagnostics]
        assert not any(d.code == "ADL5107" for d in out.diagnostics), [d.message for d in out.diagnostics]
        got = _shape(inventory(moto.endpoint, REGION, SERVICES))
        assert (got["vpc ID"], got["subnet ID"], got["nat ID"], got["kms key ID (Enabled)"]) == (1, 2, 1, 1), got
        assert engine.destroy(st.load(path, DEPLOYMENT, REGION, moto.endpoint), cloud, lambda _: None).exit_code == 0
        assert inventory(moto.endpoint, REGION, SERVICES) == [] and _left_tagged(moto.endpoint) == []
    finally:
        cloud.close()

