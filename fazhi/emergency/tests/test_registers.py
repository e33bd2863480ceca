"""The register contract for each emergency register: anonymous → login, a role
without the permission → 403, another town's record → 404 and absent from the
list and the export, a fixed list query count, a reader sees their own records.
And who may keep the registers: every staff role reads, leaders only read."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.emergency import definitions
from fazhi.emergency.choices import DrillKind
from fazhi.emergency.tests.factories import (
    make_drill,
    make_equipment,
    make_member,
    make_plan,
    make_team,
    team_of,
    village_of,
)

pytestmark = pytest.mark.django_db


class TestPlansRegister(RegisterContract):
    register = definitions.plans

    def make(self, town, n):
        return [make_plan(town, revised_on=dt.date(2021 + i % 4, 3, 1)) for i in range(n)]


class TestDrillsRegister(RegisterContract):
    register = definitions.drills

    def make(self, town, n):
        plan = make_plan(town)
        village = village_of(town)
        kinds = list(DrillKind.values)
        return [
            make_drill(town, kind=kinds[i % len(kinds)], plan=plan if i % 2 else None,
                       village=village if i % 3 else None, problems="集合点不清楚" if i % 4 else "")
            for i in range(n)
        ]  # fmt: skip


class TestTeamsRegister(RegisterContract):
    register = definitions.teams

    def make(self, town, n):
        made = [make_team(town) for _ in range(n)]
        for team in made[:3]:
            make_member(team)
        return made


class TestMembersRegister(RegisterContract):
    register = definitions.members

    def make(self, town, n):
        teams = [team_of(town), make_team(village_of(town))]
        return [make_member(teams[i % 2]) for i in range(n)]


class TestEquipmentRegister(RegisterContract):
    register = definitions.equipment

    def make(self, town, n):
        teams = [team_of(town), make_team(village_of(town))]
        return [make_equipment(teams[i % 2]) for i in range(n)]


ALL = [definitions.plans, definitions.drills, definitions.teams, definitions.members, definitions.equipment]


@pytest.mark.parametrize("role", ["officer", "legal_reviewer", "window_clerk", "mediator", "grid_worker",
                                  "rule_of_law_office", "leader"])  # fmt: skip
def test_every_staff_role_reads_the_registers(client, town_a, role):
    login(client, user_with_role(f"emg_{role}", role, town_a))
    for register in ALL:
        assert client.get(register.list_url).status_code == 200, register.key


@pytest.mark.parametrize(("role", "may_keep"), [("officer", True), ("rule_of_law_office", True), ("leader", False),
                                                ("legal_reviewer", False), ("grid_worker", False)])  # fmt: skip
def test_who_keeps_the_registers(client, town_a, role, may_keep):
    login(client, user_with_role(f"emg_{role}", role, town_a))
    for register in ALL:
        assert (client.get(register.url("create")).status_code == 200) is may_keep, register.key
        assert (client.get(register.url("import")).status_code == 200) is may_keep, register.key


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditor"])
def test_the_administrators_see_no_emergency_records(client, town_a, role):
    login(client, user_with_role(f"emg_{role}", role, town_a if role != "auditor" else None))
    for register in ALL:
        assert client.get(register.list_url).status_code == 403, register.key
