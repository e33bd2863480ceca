"""The rectification workflow as a table, tested exhaustively: every status
against every step. A pair in the table gives the table's status; every other
pair is refused with the code transition_forbidden and a Chinese message that
names the status and the step."""

import pytest

from fazhi.law import RuleError
from fazhi.oversight import workflow
from fazhi.oversight.choices import RectificationStatus as S

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


def test_the_path_is_open_in_progress_submitted_closed_or_back():
    assert workflow.TABLE == {
        S.OPEN: {"start": S.IN_PROGRESS},
        S.IN_PROGRESS: {"submit": S.SUBMITTED},
        S.SUBMITTED: {"close_out": S.CLOSED, "reject": S.IN_PROGRESS},
        S.CLOSED: {},
    }


def test_closing_out_and_rejecting_need_the_close_out_permission():
    assert (
        workflow.PERMISSIONS["close_out"]
        == workflow.PERMISSIONS["reject"]
        == "oversight.close_out_rectification"
    )
    assert (
        workflow.PERMISSIONS["start"] == workflow.PERMISSIONS["submit"] != workflow.PERMISSIONS["close_out"]
    )


def test_every_step_has_a_label_a_permission_and_an_audit_verb():
    assert set(workflow.ACTION_LABELS) == set(workflow.PERMISSIONS) == set(workflow.AUDIT_VERBS)
