"""The leaders' duty registers keep the register contract: anonymous is sent to
login, a role without the permission is refused, another town's records are 404
and absent from lists and exports, and list pages keep a fixed number of queries."""

import datetime as dt

from fazhi.core.tests.register_contract import RegisterContract
from fazhi.oversight.choices import MeetingKind
from fazhi.oversight.duty import definitions
from fazhi.oversight.tests import factories_duty as f


class TestPlansRegister(RegisterContract):
    register = definitions.plans

    def make(self, town, n):
        start = 2000 + definitions.plans.model.objects.filter(org_unit=town).count()
        return [f.plan_of(town, start + i) for i in range(n)]


class TestTasksRegister(RegisterContract):
    register = definitions.tasks

    def make(self, town, n):
        post = f.post_of(town)
        # Every related record the list shows: with and without a post, one with progress.
        made = [f.make_task(town, post=post if i % 2 else None) for i in range(n)]
        f.actions.report_progress(made[0], actor=f.office_of(town), percent=30, text="已启动",
                                  on=dt.date(2023, 3, 1))  # fmt: skip
        return made


class TestGroupMembersRegister(RegisterContract):
    register = definitions.group_members

    def make(self, town, n):
        leader = f.leader_of(town)
        return [f.make_member(town, user=leader if i % 2 else None) for i in range(n)]


class TestAdmonitionsRegister(RegisterContract):
    register = definitions.admonitions

    def make(self, town, n):
        return [f.make_admonition(town) for _ in range(n)]


class TestDutyReportsRegister(RegisterContract):
    register = definitions.duty_reports

    def make(self, town, n):
        return [f.make_duty_report(town) for _ in range(n)]


class TestMeetingsRegister(RegisterContract):
    register = definitions.meetings

    def make(self, town, n):
        kinds = MeetingKind.values
        return [f.make_meeting(town, dt.date(2023, 1 + i % 12, 10), kinds[i % len(kinds)]) for i in range(n)]


class TestOfficerPostsRegister(RegisterContract):
    register = definitions.officer_posts

    def make(self, town, n):
        return [f.make_officer_post(town) for _ in range(n)]


class TestConductTrainingsRegister(RegisterContract):
    register = definitions.conduct_trainings

    def make(self, town, n):
        return [f.make_training(town) for _ in range(n)]


class TestOfficerAssessmentsRegister(RegisterContract):
    register = definitions.officer_assessments

    def make(self, town, n):
        return [f.make_assessment(town) for _ in range(n)]
