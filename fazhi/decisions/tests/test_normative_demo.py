"""The demo step of normative documents: Jiangkou's 2023 documents (filed on time,
filed late, repealed at the clean-up), this year's overdue filing, the draft open
for comment with two portal comments, the one in legality review, and a matter that
cites a published document. A second run adds nothing."""

import pytest

from fazhi.core import demo as core_demo
from fazhi.decisions.choices import CommentChannel, DocumentStatus
from fazhi.decisions.demo import normative as demo
from fazhi.decisions.models import NormativeDocument, PublicComment
from fazhi.enforcement.choices import Authority
from fazhi.enforcement.models import Matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    context = core_demo.load(out=lambda s: None, up_to=core_demo.FOUNDATION)
    town = context.objects["town"]
    Matter.objects.create(org_unit=town, code="JK-001", name="堆放杂物且拒不改正", violation_basis="某条例",
                          penalty_basis="某条例", penalty_kinds="警告", authority=Authority.STATUTORY)  # fmt: skip
    return context


def _doc(key):
    return NormativeDocument.objects.get(title=demo.DOCS[key][0])


def test_the_demo_has_each_state_the_brief_asks_for(ctx):
    demo.normative_documents(ctx)
    assert _doc("environment").filing_state() == "按期备案"
    assert _doc("market").filing_state() == "逾期备案"
    stalls = _doc("stalls")
    assert stalls.status == DocumentStatus.REPEALED and stalls.ended_on.year == 2023
    assert _doc("housing").filing_state() == "逾期未备案"
    doorstep = _doc("doorstep")
    assert doorstep.status == DocumentStatus.COMMENTING
    assert list(PublicComment.objects.filter(document=doorstep).values_list("channel", flat=True)) == [
        CommentChannel.PORTAL, CommentChannel.PORTAL,
    ]  # fmt: skip
    assert _doc("village_power").status == DocumentStatus.REVIEWING
    assert list(Matter.objects.get(code="JK-001").basis_documents.all()) == [_doc("environment")]


def test_a_second_run_adds_nothing(ctx):
    demo.normative_documents(ctx)
    demo.normative_documents(ctx)
    assert NormativeDocument.objects.count() == len(demo.DOCS)
