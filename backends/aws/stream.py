"""AWS facts of `stream`: what a principal gets over a `uses` edge to one (backends/aws/model.py
finds `grants` here); the kind's other facts live with the data services (data_services.py)."""

from __future__ import annotations

from .data_services import stream_grants as grants

__all__ = ["grants"]
