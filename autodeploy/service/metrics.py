"""Request counters and latency histograms, in the Prometheus text format (version 0.0.4)."""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def _labels(**kv: object) -> str:
    inner = ",".join(f'{k}="{str(v).replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
                     for k, v in kv.items())
    return "{" + inner + "}"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.hist: dict[str, list[int]] = {}
        self.sums: dict[str, float] = defaultdict(float)

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, method, status)] += 1
            counts = self.hist.setdefault(route, [0] * (len(BUCKETS) + 1))
            counts[bisect.bisect_left(BUCKETS, seconds)] += 1
            self.sums[route] += seconds

    def render(self, gauges: dict[str, tuple[str, float]]) -> str:
        out = ["# HELP autodeploy_requests_total HTTP requests by route, method and status.",
               "# TYPE autodeploy_requests_total counter"]
        with self._lock:
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(f"autodeploy_requests_total{_labels(route=route, method=method, status=status)} {n}")
            out += ["# HELP autodeploy_request_seconds Request latency by route.",
                    "# TYPE autodeploy_request_seconds histogram"]
            for route, counts in sorted(self.hist.items()):
                running = 0
                for le, n in zip([*map(str, BUCKETS), "+Inf"], counts, strict=True):
                    running += n
                    out.append(f"autodeploy_request_seconds_bucket{_labels(route=route, le=le)} {running}")
                out.append(f"autodeploy_request_seconds_sum{_labels(route=route)} {self.sums[route]:.6f}")
                out.append(f"autodeploy_request_seconds_count{_labels(route=route)} {running}")
        for name, (help_text, value) in sorted(gauges.items()):
            out += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {value:g}"]
        return "\n".join(out) + "\n"
