"""Background jobs of core (huey; `fazhi worker` runs them, immediate in tests)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fazhi.core import live, webhooks


@db_task(name="fazhi.webhooks.deliver")
def deliver_webhook(delivery_id: int) -> None:
    """One attempt at a webhook delivery; a failure schedules the next itself."""
    webhooks.attempt(delivery_id)


@db_periodic_task(crontab(minute="*"), name="fazhi.webhooks.resend_stalled")
def resend_stalled_webhooks() -> None:
    webhooks.resend_stalled()


@db_periodic_task(crontab(minute="17"), name="fazhi.live.prune")
def prune_live_events() -> None:
    live.prune()
