"""Webhooks: admins register URLs for events (`run.finished`, `gate.failed`, `budget.exceeded`);
`check`/`build --notify` deliver them as JSON signed with HMAC-SHA256 (docs/webhooks.md).

- store.py: the registrations and every delivery attempt, in the DuckDB history file;
- delivery.py: signing, one POST per attempt, bounded exponential backoff;
- dispatch.py: the events of a gate run, delivered after its verdict is out (never changing it)."""

EVENTS = ("run.finished", "gate.failed", "budget.exceeded")
