import pytest

from fazhi.law import RuleError
from fazhi.law.decisions import (
    MAJOR_DECISION_STEPS,
    check_not_applicable,
    check_step_allowed,
    missing_steps,
)
from fazhi.law.reports import ANNUAL_REPORT_PART_TITLES, ANNUAL_REPORT_PARTS

ALL = [step.code for step in MAJOR_DECISION_STEPS]


def test_the_five_steps_in_order():
    assert ALL == [
        "public_participation",
        "expert_argumentation",
        "risk_assessment",
        "legality_review",
        "collective_deliberation",
    ]


def test_only_expert_argumentation_and_risk_assessment_are_optional():
    assert [s.code for s in MAJOR_DECISION_STEPS if s.optional] == ["expert_argumentation", "risk_assessment"]


@pytest.mark.parametrize("code", ["public_participation", "legality_review", "collective_deliberation"])
def test_required_steps_cannot_be_marked_not_applicable(code):
    with pytest.raises(RuleError) as caught:
        check_not_applicable(code, "不需要")
    assert caught.value.code == "step_required"


def test_an_optional_step_marked_not_applicable_needs_a_reason():
    check_not_applicable("risk_assessment", "不涉及社会稳定和公共安全")
    with pytest.raises(RuleError) as caught:
        check_not_applicable("risk_assessment", "  ")
    assert caught.value.code == "step_reason_required"


def test_missing_steps_skip_valid_not_applicable_marks_only():
    done = ["public_participation"]
    missing = missing_steps(done, not_applicable={"expert_argumentation", "legality_review"})
    assert [s.code for s in missing] == ["risk_assessment", "legality_review", "collective_deliberation"]


def test_deliberation_before_legality_review_is_refused():
    with pytest.raises(RuleError, match="合法性审查") as caught:
        check_step_allowed(
            "collective_deliberation",
            done=["public_participation", "expert_argumentation", "risk_assessment"],
        )
    assert caught.value.code == "step_out_of_order"
    assert "第二十五条" in str(caught.value)


def test_deliberation_after_every_earlier_step_is_allowed():
    check_step_allowed(
        "collective_deliberation",
        done=["public_participation", "legality_review"],
        not_applicable={"expert_argumentation", "risk_assessment"},
    )


def test_unknown_step_is_a_programming_error():
    with pytest.raises(ValueError):
        missing_steps(["vote"])


def test_annual_report_has_five_parts_and_the_last_is_optional():
    assert ANNUAL_REPORT_PART_TITLES == (
        "主要举措及成效",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "存在的不足和原因",
        "下一年度工作安排",
        "其他需要报告的情况",
    )
    assert [part.required for part in ANNUAL_REPORT_PARTS] == [True, True, True, True, False]
