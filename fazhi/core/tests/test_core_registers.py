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


# -- clean_record: full_clean without a query per loaded foreign key --------------------


def test_clean_record_does_not_query_for_a_loaded_foreign_key(town_a, django_assert_num_queries):
    from fazhi.core.registers.actions import clean_record

    post = Post(org_unit=town_a, code="P-1", name="综合执法岗")
    with django_assert_num_queries(1):  # the (org_unit, code) uniqueness, not the org unit's existence
        clean_record(post)


def test_clean_record_still_checks_uniqueness_over_a_loaded_foreign_key(town_a):
    import pytest
    from django.core.exceptions import ValidationError

    from fazhi.core.registers.actions import clean_record

    Post.objects.create(org_unit=town_a, code="P-1", name="综合执法岗")
    with pytest.raises(ValidationError) as err:
        clean_record(Post(org_unit=town_a, code="P-1", name="另一个岗位"))
    assert "__all__" in err.value.message_dict


def test_clean_record_checks_a_foreign_key_given_by_id(db):
    import pytest
    from django.core.exceptions import ValidationError

    from fazhi.core.registers.actions import clean_record

    with pytest.raises(ValidationError) as err:
        clean_record(Post(org_unit_id=987654, code="P-1", name="岗位"))
    assert "org_unit" in err.value.message_dict


def test_a_forms_errors_make_one_line_with_labels_and_the_forms_own_errors():
    from django import forms

    from fazhi.core.registers.views import form_error_text

    class F(forms.Form):
        on = forms.DateField(label="日期")

        def clean(self):
            raise forms.ValidationError("开始日期不能晚于结束日期")

    form = F({"on": "不是日期"})
    assert not form.is_valid()
    text = form_error_text(form)
    assert text.startswith("日期：") and "开始日期不能晚于结束日期" in text
