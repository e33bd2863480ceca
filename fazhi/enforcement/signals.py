"""Signals other parts of Fazhi listen to, sent only after the transaction that
made the change has committed (so a listener never sees a rolled-back decision):

- `decision_made(sender=Case, case=case)`: a decision was taken (on the spot or
  in the ordinary procedure);
- `decision_published(sender=Disclosure, disclosure=disclosure)`: a decision
  was published on the portal;
- `disclosure_withdrawn(sender=Disclosure, disclosure=disclosure)`: a published
  decision was withdrawn.

The live updates of the workbench and the webhooks to subscribers listen here.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

decision_made = Signal()
decision_published = Signal()
disclosure_withdrawn = Signal()


def send_on_commit(signal: Signal, sender, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
