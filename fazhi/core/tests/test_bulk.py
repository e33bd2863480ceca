"""Bulk writes (fazhi.core.bulk) and the pages that read by ids first: a batch past
COPY_FROM goes through COPY on PostgreSQL and bulk_create elsewhere, with the
same result either way (the suite runs on both databases)."""

import pytest
from django.core.paginator import Paginator

from fazhi.core import audit, bulk
from fazhi.core.audit_verify import verify
from fazhi.core.models import AuditEvent, Post
from fazhi.core.registers.views import IdsFirstPaginator

pytestmark = pytest.mark.django_db


def test_a_long_batch_gets_ids_and_every_row(town_a):
    posts = [Post(org_unit=town_a, code=f"B{i:03d}", name=f"岗位{i}") for i in range(bulk.COPY_FROM + 20)]
    bulk.insert(Post, posts)
    assert all(p.pk for p in posts) and len({p.pk for p in posts}) == len(posts)
    stored = dict(Post.objects.filter(org_unit=town_a).values_list("pk", "code"))
    assert all(stored[p.pk] == p.code for p in posts)
    Post.objects.create(org_unit=town_a, code="AFTER", name="之后")  # the sequence moved past the batch


def test_a_long_audit_batch_is_chained_and_verifies(officer_town_a, town_a):
    n = bulk.COPY_FROM + 5
    with audit.batch():
        for i in range(n):
            audit.record(actor=officer_town_a, action="core.test.bulk", target=town_a, new={"i": i})
    seqs = sorted(
        AuditEvent.objects.filter(chain=town_a.pk, action="core.test.bulk").values_list("seq", flat=True)
    )
    assert seqs == list(range(seqs[0], seqs[0] + n))  # one unbroken run on the town's chain
    assert verify().ok


def test_ids_first_pages_are_the_plain_pages(town_a):
    Post.objects.bulk_create([Post(org_unit=town_a, code=f"P{i:03d}", name=f"岗位{i}") for i in range(123)])
    qs = Post.objects.filter(org_unit=town_a).select_related("org_unit").order_by("-id")
    for number in (1, 2, 3):
        plain = [p.pk for p in Paginator(qs, 50).page(number).object_list]
        first = [p.pk for p in IdsFirstPaginator(qs, 50).page(number).object_list]
        assert first == plain
