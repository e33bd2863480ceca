import pytest

from fazhi.reports.rounding import count_text, round_down


@pytest.mark.parametrize(
    ("n", "unit", "k", "text"),
    [(12, "次", 1, "10余次"), (103, "场次", 2, "100余场次"), (30412, "人次", 4, "30000余人次"),
     (100, "场次", 2, "100场次"), (108, "次", 2, "100余次"), (7, "次", 1, "7次"), (0, "次", 2, "0次"),
     (1120, "起", 0, "1120起"), (99, "次", 2, "99次"), (20, "次", 1, "20次")],
)  # fmt: skip
def test_a_count_is_rounded_down_with_yu_only_when_something_was_dropped(n, unit, k, text):
    assert count_text(n, unit, k) == text


def test_never_rounded_up_and_never_negative():
    assert round_down(19, 1) == (10, True)
    assert round_down(99999, 4) == (90000, True)
    with pytest.raises(ValueError):
        round_down(-1, 1)
