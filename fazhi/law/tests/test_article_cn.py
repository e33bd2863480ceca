import pickle

import pytest

from fazhi.law import RuleError, article_cn, cite
from fazhi.law.penalty import PENALTY_LAW


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "第一条"),
        (8, "第八条"),
        (10, "第十条"),
        (11, "第十一条"),
        (19, "第十九条"),
        (20, "第二十条"),
        (51, "第五十一条"),
        (100, "第一百条"),
        (101, "第一百零一条"),
        (110, "第一百一十条"),
        (111, "第一百一十一条"),
        (1000, "第一千条"),
        (1005, "第一千零五条"),
        (1010, "第一千零一十条"),
        (1260, "第一千二百六十条"),
    ],
)
def test_article_numbers_in_chinese(n, text):
    assert article_cn(n) == text


def test_several_articles():
    assert article_cn((44, 45, 62)) == "第四十四条、第四十五条、第六十二条"


def test_a_string_of_numbers_is_read_as_articles():
    assert article_cn("51") == "第五十一条"
    assert article_cn("44、45、62") == "第四十四条、第四十五条、第六十二条"


def test_a_label_is_kept_as_it_is():
    assert article_cn("第二部分") == "第二部分"


@pytest.mark.parametrize("bad", [0, -1, 10000])
def test_out_of_range_articles_are_refused(bad):
    with pytest.raises(ValueError):
        article_cn(bad)


def test_cite_joins_law_and_article():
    assert cite(PENALTY_LAW, 51) == "行政处罚法第五十一条"
    assert cite(None, None) == ""


def test_rule_error_shows_message_and_citation():
    err = RuleError("简易程序罚款不得超过200元", law=PENALTY_LAW, article=51, code="summary_fine_cap")
    assert str(err) == "简易程序罚款不得超过200元（行政处罚法第五十一条）"
    assert err.citation == "行政处罚法第五十一条"
    assert err.message == "简易程序罚款不得超过200元"
    assert err.code == "summary_fine_cap"


def test_rule_error_without_a_law_has_no_brackets():
    err = RuleError("不允许")
    assert str(err) == "不允许"
    assert err.code == "rule_violation"


def test_rule_error_survives_pickling():
    data = pickle.dumps(RuleError("不允许", law=PENALTY_LAW, article=51, code="x"))
    err = pickle.loads(data)  # noqa: S301 - our own object, in memory
    assert str(err) == "不允许（行政处罚法第五十一条）"
    assert err.code == "x"
