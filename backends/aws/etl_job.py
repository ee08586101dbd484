"""AWS facts of `etl_job`: what a principal gets over a `uses` edge to one (backends/aws/model.py
finds `grants` here); the kind's other facts live with the application services (app_services.py)."""

from __future__ import annotations

from .app_services import etl_job_grants as grants

__all__ = ["grants"]
