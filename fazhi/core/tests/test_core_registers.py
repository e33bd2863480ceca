"""The register contract for the core registers."""

from fazhi.core import definitions
from fazhi.core.models import Post
from fazhi.core.tests.factories import OrgUnitFactory, PersonFactory
from fazhi.core.tests.register_contract import RegisterContract


class TestPeopleRegister(RegisterContract):
    register = definitions.people

    def make(self, town, n):
        return PersonFactory.create_batch(n, org_unit=town)


class TestPostsRegister(RegisterContract):
    register = definitions.posts

    def make(self, town, n):
        start = Post.objects.count()
        posts = []
        for i in range(n):
            post = Post.objects.create(org_unit=town, code=f"P{start + i:03d}", name=f"岗位{start + i}")
            post.holders.set(PersonFactory.create_batch(2, org_unit=town))
            posts.append(post)
        return posts


class TestOrgUnitsRegister(RegisterContract):
    register = definitions.org_units

    def make(self, town, n):
        start = town.children.count()
        return [
            OrgUnitFactory(
                kind="village", code=f"{town.code}{200 + start + i:03d}", name=f"村{start + i}", parent=town
            )
            for i in range(n)
        ]

    def test_another_towns_record_is_not_found(self, client, town_a, other_town_reader):
        (obj,) = self.make(town_a, 1)
        client.force_login(other_town_reader)
        assert client.get(self.register.url("detail", obj.pk)).status_code == 404
        names = [u.name for u in client.get(self.register.url("list")).context["page"].object_list]
        assert obj.name not in names and town_a.name not in names
