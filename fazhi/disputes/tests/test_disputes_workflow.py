"""The dispute workflow as a table, tested exhaustively: every status against every
action. A pair in the table gives the table's status; every other pair is refused
with the code transition_forbidden and a Chinese message naming both. Closing is
refused, naming what is missing, until a result and a follow-up visit are recorded."""

import pytest

from fazhi.disputes.choices import DisputeStatus as S
from fazhi.disputes.workflow import disputes as workflow
from fazhi.law import RuleError

PAIRS = [(status, action) for status in S.values for action in workflow.STEPS]
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


def test_the_path_runs_from_registration_to_close():
    path = [
        (S.REGISTERED, "assign", S.ASSIGNED),
        (S.ASSIGNED, "start", S.MEDIATING),
        (S.MEDIATING, "resolve", S.RESOLVED),
        (S.MEDIATING, "fail", S.UNRESOLVED),
        (S.RESOLVED, "follow_up", S.RESOLVED),
        (S.UNRESOLVED, "follow_up", S.UNRESOLVED),
        (S.RESOLVED, "close", S.CLOSED),
        (S.UNRESOLVED, "close", S.CLOSED),
    ]
    for status, action, target in path:
        assert workflow.next_status(status, action) == target


def test_judicial_confirmation_is_only_for_a_resolved_dispute_and_may_follow_the_close():
    allowed = {s for s in S.values if "apply_confirmation" in workflow.TABLE[s]}
    assert allowed == {S.RESOLVED, S.CLOSED}


@pytest.mark.parametrize(
    ("status", "followed_up", "missing"),
    [
        (S.REGISTERED, False, ["调解结果", "回访记录"]),
        (S.MEDIATING, True, ["调解结果"]),
        (S.RESOLVED, False, ["回访记录"]),
        (S.UNRESOLVED, False, ["回访记录"]),
    ],
)
def test_close_is_refused_naming_what_is_missing(status, followed_up, missing):
    refusal = workflow.close_refusal(status, followed_up)
    assert refusal.code == "close_incomplete" and "不能结案" in str(refusal)
    for what in missing:
        assert what in str(refusal)


def test_close_is_allowed_with_a_result_and_a_visit():
    assert workflow.close_refusal(S.RESOLVED, True) is None
    assert workflow.close_refusal(S.UNRESOLVED, True) is None


def test_every_step_has_a_label_a_permission_and_an_audit_verb():
    assert set(workflow.STEPS) == set(workflow.PERMISSIONS)
    assert set(workflow.ACTION_LABELS) == set(workflow.AUDIT_VERBS)
