"""Core records: org units, posts, people, users, audit events, holidays, deadlines,
live news and webhooks."""

from fazhi.core.models.attachment import Attachment
from fazhi.core.models.audit import GLOBAL_CHAIN, AuditCheckpoint, AuditEvent, AuditHead
from fazhi.core.models.deadlines import Deadline
from fazhi.core.models.documents import DocumentSequence, GeneratedDocument
from fazhi.core.models.holiday import CalendarYear, Holiday
from fazhi.core.models.idempotency import IdempotencyRecord
from fazhi.core.models.live import LiveEvent, WebhookDelivery, WebhookSubscription
from fazhi.core.models.org import OrgUnit, Post
from fazhi.core.models.person import Person
from fazhi.core.models.scoped import OrgScopedModel, ScopedQuerySet
from fazhi.core.models.steps import StepRecord
from fazhi.core.models.user import User, UserSession

__all__ = [
    "GLOBAL_CHAIN",
    "Attachment",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditHead",
    "CalendarYear",
    "Deadline",
    "DocumentSequence",
    "GeneratedDocument",
    "Holiday",
    "IdempotencyRecord",
    "LiveEvent",
    "OrgScopedModel",
    "OrgUnit",
    "Person",
    "Post",
    "ScopedQuerySet",
    "StepRecord",
    "User",
    "UserSession",
    "WebhookDelivery",
    "WebhookSubscription",
]
