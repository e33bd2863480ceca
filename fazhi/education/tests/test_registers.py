"""The five education registers keep the register contract: anonymous is sent to
login, a role without the permission is refused, another town's records are 404
and absent from lists and exports, and list pages keep a fixed number of queries."""

from fazhi.core.tests.register_contract import RegisterContract
from fazhi.education import definitions
from fazhi.education.choices import RosterKind
from fazhi.education.tests.factories import (
    make_event,
    make_member,
    make_service,
    make_session,
    make_training,
    village_of,
)


class TestStudySessionsRegister(RegisterContract):
    register = definitions.study_sessions

    def make(self, town, n):
        return [make_session(town) for _ in range(n)]


class TestOutreachRegister(RegisterContract):
    register = definitions.outreach_events

    def make(self, town, n):
        # Every relation the list shows: with and without a village.
        village = village_of(town)
        return [make_event(town, village=village if i % 2 else None) for i in range(n)]


class TestLegalServicesRegister(RegisterContract):
    register = definitions.legal_services

    def make(self, town, n):
        return [make_service(town) for _ in range(n)]


class TestRosterRegister(RegisterContract):
    register = definitions.roster

    def make(self, town, n):
        kinds = (RosterKind.LITERATE_RESIDENT, RosterKind.VILLAGE_ADVISOR)
        return [make_member(town, kind=kinds[i % 2]) for i in range(n)]


class TestTrainingsRegister(RegisterContract):
    register = definitions.trainings

    def make(self, town, n):
        return [make_training(town) for _ in range(n)]
