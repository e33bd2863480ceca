"""The two procedures as transition tables, tested exhaustively: every state of
CaseStatus against every action in ACTION_LABELS, for both procedures. A pair in
the table gives the table's state; every other pair is refused with the code
transition_forbidden and a Chinese message that names the state and the step."""

import re

import pytest

from fazhi.enforcement import workflow
from fazhi.enforcement.choices import CaseStatus, Procedure
from fazhi.law import RuleError

CJK = re.compile(r"[\u4e00-\u9fff]")

PAIRS = [
    (procedure, status, action)
    for procedure in (Procedure.SUMMARY, Procedure.ORDINARY)
    for status in CaseStatus.values
    for action in workflow.ACTION_LABELS
]
ALLOWED = [p for p in PAIRS if p[2] in workflow.TABLES[p[0]].get(p[1], {})]
FORBIDDEN = [p for p in PAIRS if p not in ALLOWED]


def _id(pair) -> str:
    return "-".join(pair)


@pytest.mark.parametrize(("procedure", "status", "action"), ALLOWED, ids=_id)
def test_allowed_pair_goes_to_the_tables_state(procedure, status, action):
    assert workflow.next_status(procedure, status, action) == workflow.TABLES[procedure][status][action]


@pytest.mark.parametrize(("procedure", "status", "action"), FORBIDDEN, ids=_id)
def test_forbidden_pair_is_refused_in_chinese(procedure, status, action):
    with pytest.raises(RuleError) as exc:
        workflow.next_status(procedure, status, action)
    assert exc.value.code == "transition_forbidden"
    message = str(exc.value)
    assert CJK.search(message)
    assert workflow.ACTION_LABELS[action] in message
    assert CaseStatus(status).label in message
    assert "行政处罚法" in message


def test_the_pairs_cover_both_tables_entirely():
    in_tables = sum(len(actions) for table in workflow.TABLES.values() for actions in table.values())
    assert len(ALLOWED) == in_tables
    assert len(PAIRS) == 2 * len(CaseStatus.values) * len(workflow.ACTION_LABELS)


@pytest.mark.parametrize("procedure", [Procedure.SUMMARY, Procedure.ORDINARY])
def test_every_table_state_and_target_is_a_case_status(procedure):
    table = workflow.TABLES[procedure]
    targets = {target for actions in table.values() for target in actions.values()}
    assert set(table) | targets <= set(CaseStatus.values)


@pytest.mark.parametrize("procedure", [Procedure.SUMMARY, Procedure.ORDINARY])
def test_every_table_action_has_a_chinese_label(procedure):
    used = {action for actions in workflow.TABLES[procedure].values() for action in actions}
    assert used <= set(workflow.ACTION_LABELS)
    assert all(CJK.search(workflow.ACTION_LABELS[a]) for a in used)


@pytest.mark.parametrize("procedure", [Procedure.SUMMARY, Procedure.ORDINARY])
def test_a_withdrawn_case_allows_no_further_step(procedure):
    assert workflow.allowed_actions(procedure, CaseStatus.WITHDRAWN) == []


@pytest.mark.parametrize("procedure", [Procedure.SUMMARY, Procedure.ORDINARY])
def test_an_archived_case_can_only_be_recorded_as_revoked(procedure):
    """A decision may be changed or revoked years later (reconsideration, a court):
    the record says so, and the portal withdraws it (第48条); nothing else moves."""
    assert workflow.allowed_actions(procedure, CaseStatus.ARCHIVED) == ["revoke"]


@pytest.mark.parametrize("procedure", [Procedure.SUMMARY, Procedure.ORDINARY])
def test_revocation_keeps_the_case_where_it_is(procedure):
    for status, actions in workflow.TABLES[procedure].items():
        if "revoke" in actions:
            assert actions["revoke"] == status


def test_a_summary_case_cannot_skip_the_hand_over():
    with pytest.raises(RuleError, match="不能「结案」"):
        workflow.next_status(Procedure.SUMMARY, CaseStatus.DECIDED, "close")


def test_an_ordinary_penalty_cannot_be_decided_during_legal_review():
    with pytest.raises(RuleError) as exc:
        workflow.next_status(Procedure.ORDINARY, CaseStatus.LEGAL_REVIEW, "decide")
    assert exc.value.code == "transition_forbidden"
