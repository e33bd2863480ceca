"""The contract every scoped register keeps, as a base class for tests.

Subclass it in an app's tests with the register, a way to make records in a
town, and the roles that may and may not read it:

    class TestPeopleRegister(RegisterContract):
        register = definitions.people
        reader_role = "officer"
        refused_role = "auditor"

        def make(self, town, n):
            return PersonFactory.create_batch(n, org_unit=town)
"""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from fazhi.core.tests.factories import login, user_with_role


@pytest.mark.django_db
class RegisterContract:
    register = None
    reader_role = "officer"
    refused_role = "auditor"

    def make(self, town, n: int) -> list:
        raise NotImplementedError

    @pytest.fixture
    def reader(self, town_a):
        return user_with_role(f"reader_{self.register.key}", self.reader_role, town_a)

    @pytest.fixture
    def other_town_reader(self, town_b):
        return user_with_role(f"other_{self.register.key}", self.reader_role, town_b)

    def test_anonymous_is_sent_to_login(self, client, town_a):
        (obj,) = self.make(town_a, 1)
        for url in (
            self.register.url("list"),
            self.register.url("detail", obj.pk),
            self.register.url("export"),
        ):
            r = client.get(url)
            assert r.status_code == 302 and r["Location"].startswith("/login/"), url

    def test_role_without_permission_is_refused(self, client, town_a):
        (obj,) = self.make(town_a, 1)
        user = user_with_role(f"refused_{self.register.key}", self.refused_role, town_a)
        login(client, user)
        assert client.get(self.register.url("list")).status_code == 403
        assert client.get(self.register.url("detail", obj.pk)).status_code in (403, 404)

    def test_another_towns_record_is_not_found(self, client, town_a, other_town_reader):
        (obj,) = self.make(town_a, 1)
        login(client, other_town_reader)
        assert client.get(self.register.url("detail", obj.pk)).status_code == 404
        assert client.get(self.register.url("list")).context["page"].paginator.count == 0
        wb = load_workbook(io.BytesIO(client.get(self.register.url("export")).content))
        assert wb.active.max_row == 1  # the header only

    def test_list_keeps_a_fixed_query_count(self, client, town_a, reader):
        login(client, reader)
        self.make(town_a, 3)
        client.get(self.register.url("list"))  # warm per-process caches (content types, calendar)
        with CaptureQueriesContext(connection) as few:
            assert client.get(self.register.url("list")).status_code == 200
        self.make(town_a, 60)
        with CaptureQueriesContext(connection) as many:
            assert client.get(self.register.url("list")).status_code == 200
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_reader_sees_own_records(self, client, town_a, reader):
        objs = self.make(town_a, 2)
        login(client, reader)
        assert client.get(self.register.url("list")).context["page"].paginator.count >= len(objs)
        assert client.get(self.register.url("detail", objs[0].pk)).status_code == 200
