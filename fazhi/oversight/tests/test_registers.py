"""The oversight registers keep the register contract: anonymous is sent to login,
a role without the permission is refused, another town's records are 404 and
absent from lists and exports, and list pages keep a fixed number of queries."""

from fazhi.core.tests.register_contract import RegisterContract
from fazhi.oversight import actions, definitions
from fazhi.oversight.choices import RubricItemKind
from fazhi.oversight.models import ReviewRubric
from fazhi.oversight.tests.factories import (
    campaign_problem,
    closed_cases,
    make_campaign,
    make_rectification,
    office_of,
    rubric_of,
)


class TestRectificationsRegister(RegisterContract):
    register = definitions.rectifications

    def make(self, town, n):
        campaign = make_campaign(town)
        # Every related record the list shows: campaign problems and plain ones, with a post.
        return [
            campaign_problem(campaign, "逐利执法") if i % 2 else make_rectification(town) for i in range(n)
        ]


class TestCampaignsRegister(RegisterContract):
    register = definitions.campaigns

    def make(self, town, n):
        return [make_campaign(town) for _ in range(n)]


class TestReviewsRegister(RegisterContract):
    register = definitions.reviews

    def make(self, town, n):
        rubric, office = rubric_of(town), office_of(town)
        return [
            actions.start_review(actor=office, data={"case": case, "rubric": rubric, "evaluator": office})
            for case in closed_cases(town, n)
        ]


class TestRubricsRegister(RegisterContract):
    register = definitions.rubrics

    def make(self, town, n):
        office = office_of(town)
        start = ReviewRubric.objects.filter(org_unit=town).count()
        return [
            actions.create_default_rubric(actor=office, org_unit=town)
            if i == 0 and not start
            else definitions.rubrics.do_create(
                actor=office, data={"org_unit": town, "name": f"评查标准{start + i}"}
            )
            for i in range(n)
        ]


class TestRubricItemsRegister(RegisterContract):
    register = definitions.rubric_items

    def make(self, town, n):
        rubric = rubric_of(town)
        start = rubric.items.count()
        return [
            definitions.rubric_items.do_create(actor=office_of(town), data={
                "rubric": rubric, "kind": RubricItemKind.DOCUMENT, "position": start + i, "title": f"文书{start + i}",
            })
            for i in range(n)
        ]  # fmt: skip
