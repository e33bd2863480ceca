"""The normative document workflow as a table, tested exhaustively: every status
against every action. A pair in the table gives the table's status; every other pair
is refused with the code transition_forbidden and a Chinese message naming both."""

import pytest

from fazhi.decisions.choices import DocumentStatus as S
from fazhi.decisions.workflow import normative as workflow
from fazhi.law import RuleError

PAIRS = [(status, action) for status in S.values for action in workflow.ACTION_LABELS]
ALLOWED = [p for p in PAIRS if p[1] in workflow.TABLE.get(p[0], {})]
FORBIDDEN = [p for p in PAIRS if p not in ALLOWED]


@pytest.mark.parametrize(("status", "action"), ALLOWED, ids="-".join)
def test_allowed_pair_goes_to_the_tables_status(status, action):
    assert workflow.next_status(status, action) == workflow.TABLE[status][action]


@pytest.mark.parametrize(("status", "action"), FORBIDDEN, ids="-".join)
def test_forbidden_pair_is_refused_in_chinese(status, action):
    with pytest.raises(RuleError) as exc:
        workflow.next_status(status, action)
    assert exc.value.code == "transition_forbidden"
    assert workflow.ACTION_LABELS[action] in str(exc.value) and S(status).label in str(exc.value)


def test_the_path_runs_from_drafting_to_publication_and_clean_up():
    path = [
        (S.DRAFTING, "open_comment", S.COMMENTING),
        (S.COMMENTING, "close_comment", S.DRAFTING),
        (S.DRAFTING, "send_review", S.REVIEWING),
        (S.REVIEWING, "pass_review", S.DELIBERATING),
        (S.DELIBERATING, "deliberate", S.APPROVED),
        (S.APPROVED, "issue", S.ISSUED),
        (S.ISSUED, "publish", S.PUBLISHED),
        (S.PUBLISHED, "file", S.PUBLISHED),
        (S.PUBLISHED, "repeal", S.REPEALED),
    ]
    for status, action, target in path:
        assert workflow.next_status(status, action) == target


def test_an_unlawful_review_sends_the_draft_back():
    assert workflow.next_status(S.REVIEWING, "fail_review") == S.DRAFTING


def test_a_document_may_be_abandoned_until_it_is_issued_and_not_after():
    assert {s for s in S.values if "abandon" in workflow.TABLE[s]} == {
        S.DRAFTING, S.COMMENTING, S.REVIEWING, S.DELIBERATING, S.APPROVED,
    }  # fmt: skip


def test_ended_documents_take_no_step():
    for status in (S.REPEALED, S.EXPIRED, S.ABANDONED):
        assert workflow.allowed_steps(status) == []


def test_every_action_has_a_label_a_step_and_an_audit_verb():
    assert set(workflow.ACTION_LABELS) == set(workflow.AUDIT_VERBS)
    assert set(workflow.ACTION_LABELS) <= set(workflow.STEP_OF)
    assert set(workflow.STEP_OF.values()) == set(workflow.STEP_LABELS) == set(workflow.PERMISSIONS)
    table_actions = {a for moves in workflow.TABLE.values() for a in moves}
    assert table_actions == set(workflow.ACTION_LABELS)


def test_the_review_is_the_reviewers_and_deliberation_and_issue_are_a_leaders():
    assert workflow.PERMISSIONS["record_review"] == "decisions.review_normativedocument"
    for step in ("deliberate", "issue", "publish"):
        assert workflow.PERMISSIONS[step] == "decisions.issue_normativedocument"
    assert workflow.PERMISSIONS["open_comment"] == "decisions.change_normativedocument"
