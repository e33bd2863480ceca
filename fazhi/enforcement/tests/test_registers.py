"""The enforcement registers keep the register contract: anonymous is sent to login,
a role without the permission is refused, another town's records are 404 and
absent from lists and exports, and list pages keep a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import User
from fazhi.core.tests.factories import user_with_role
from fazhi.core.tests.register_contract import RegisterContract
from fazhi.enforcement import actions, definitions
from fazhi.enforcement.choices import BodyKind
from fazhi.enforcement.models import EnforcementBody, Officer
from fazhi.enforcement.tests.factories import (
    entrusted_matter,
    individual_party,
    make_matter,
    make_officer,
    organisation_party,
    summary_data,
    summary_matter,
)


class TestBodiesRegister(RegisterContract):
    register = definitions.bodies

    def make(self, town, n):
        return [
            EnforcementBody.objects.create(
                org_unit=town, name=f"{town.name}执法主体{i}", kind=BodyKind.TOWN, short_code="云江执罚"
            )
            for i in range(n)
        ]


class TestEntrustmentsRegister(RegisterContract):
    register = definitions.entrustments

    def make(self, town, n):
        return [entrusted_matter(town).entrustments.get() for _ in range(n)]


class TestMattersRegister(RegisterContract):
    register = definitions.matters

    def make(self, town, n):
        return [make_matter(town) for _ in range(n)]


class TestOfficersRegister(RegisterContract):
    register = definitions.officers

    def make(self, town, n):
        return [make_officer(town) for _ in range(n)]


class TestPartiesRegister(RegisterContract):
    register = definitions.parties

    def make(self, town, n):
        return [(individual_party if i % 2 else organisation_party)(town) for i in range(n)]


class TestCasesRegister(RegisterContract):
    register = definitions.cases

    def make(self, town, n):
        """Summary cases through the action, by one handler with one pair of officers per town."""
        handler = User.objects.filter(username=f"handler_{town.code}").first() or user_with_role(
            f"handler_{town.code}", "officer", town
        )
        officers = list(Officer.objects.filter(org_unit=town, user=handler))
        if not officers:
            officers = [make_officer(town, user=handler), make_officer(town)]
        else:
            officers.append(Officer.objects.filter(org_unit=town, user=None).first())
        matter = summary_matter(town)
        return [
            actions.record_summary_case(
                actor=handler,
                data=summary_data(town, matter=matter, officers=officers, fine=Decimal(50 + i % 150)),
                on=dt.date(2023, 6, 1),
            )
            for i in range(n)
        ]


class TestDisclosuresRegister(RegisterContract):
    """The publication queue: rows come from decisions (a body that publishes its
    summary decisions), never from a form."""

    register = definitions.disclosures

    def make(self, town, n):
        from fazhi.enforcement.models import Disclosure
        from fazhi.enforcement.tests.factories import town_body

        body = town_body(town)
        body.publish_summary = True
        body.save()
        # One handler and pair of officers per town: a new account mid-test would empty
        # the permission cache and add queries that are not the list's.
        handler = User.objects.filter(username=f"publisher_{town.code}").first()
        if handler is None:
            handler = user_with_role(f"publisher_{town.code}", "officer", town)
            make_officer(town, user=handler), make_officer(town)
        officers = list(Officer.objects.filter(org_unit=town).order_by("id")[:2])
        matter = summary_matter(town)
        # Firms as parties: a natural person might be a minor, whose case is never published.
        cases = [
            actions.record_summary_case(
                actor=handler, on=dt.date(2023, 6, 1),
                data=summary_data(town, matter=matter, officers=officers, party=organisation_party(town)),
            )
            for _ in range(n)
        ]  # fmt: skip
        return list(Disclosure.objects.filter(case__in=cases).order_by("id"))


@pytest.mark.django_db
def test_the_parties_list_masks_resident_ids(client, town_a, officer_town_a):
    party = individual_party(town_a)
    client.force_login(officer_town_a)
    page = client.get(definitions.parties.url("list")).content.decode()
    assert party.name in page and party.resident_id not in page


@pytest.mark.django_db
def test_the_cases_list_masks_the_partys_name(client, town_a, officer_town_a):
    handler = user_with_role("masking_handler", "officer", town_a)
    party = individual_party(town_a, name="张小明")
    actions.record_summary_case(actor=handler, data=summary_data(town_a, party=party), on=dt.date(2023, 6, 1))
    client.force_login(officer_town_a)
    page = client.get(definitions.cases.url("list")).content.decode()
    assert "张小明" not in page
