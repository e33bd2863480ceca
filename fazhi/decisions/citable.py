"""Which normative documents may be cited as the basis of an act.

An unpublished normative document may not be the basis of any administrative act
(国办发〔2018〕37号). A record of a unit (an enforcement matter, a major decision)
may cite only documents that are published and in force today, made by that unit
or by a unit above it (the town's own, the county's). `check_citable` is the one
check; forms, imports and the API call it, and show its refusal."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator

from fazhi.core.models import OrgUnit
from fazhi.core.models.scoped import visible_unit_ids
from fazhi.decisions.models import NormativeDocument
from fazhi.law import RuleError
from fazhi.law.decisions import NORMATIVE_DOCUMENTS_NOTICE

ARTICLE = "关于规范性文件公开发布的要求"


ancestor_paths = OrgUnit.paths_up


def _owners_of(unit: OrgUnit) -> Q:
    return Q(org_unit__path__in=ancestor_paths(unit.path))


def check_citable(documents: Iterable[NormativeDocument], *, unit: OrgUnit) -> None:
    """Refuse (RuleError, code document_not_citable) any document that is not published
    and in force today, or that belongs neither to `unit` nor to a unit above it."""
    allowed = set(ancestor_paths(unit.path)) if unit is not None else set()
    for doc in documents:
        if doc.org_unit.path not in allowed:
            raise RuleError(
                f"“{doc.title}”不是本单位或上级机关制定的规范性文件，不能作为依据",
                law=NORMATIVE_DOCUMENTS_NOTICE,
                article=ARTICLE,
                code="document_not_citable",
            )
        if not doc.is_citable:
            state = doc.get_status_display() if doc.status != "published" else "已超过有效期或尚未公布"
            raise RuleError(
                f"“{doc.title}”（{state}）不是已公布且现行有效的规范性文件，未经公布的规范性文件不得作为行政管理依据",
                law=NORMATIVE_DOCUMENTS_NOTICE,
                article=ARTICLE,
                code="document_not_citable",
            )


def candidates_for(user) -> QuerySet[NormativeDocument]:
    """Every document a user may try to cite: those the user sees, and those of the
    units above the user's own (a county's documents bind its towns). Whether one may
    be cited is `check_citable`'s answer, so that a refusal names the rule."""
    scope = Q(org_unit__in=visible_unit_ids(user))
    unit = getattr(user, "org_unit", None)
    if unit is not None:
        scope |= _owners_of(unit)
    return NormativeDocument.objects.filter(scope).select_related("org_unit")


def citable_for(user) -> QuerySet[NormativeDocument]:
    """The documents a form offers: `candidates_for(user)` that are citable today."""
    return candidates_for(user).filter(pk__in=NormativeDocument.objects.citable().values("pk"))


# -- for forms and imports of the records that cite documents ---------------------------------


class _OfferedIterator(ModelChoiceIterator):
    """Lists the field's `offered` documents (the citable ones) rather than every one
    it accepts, so that a picker shows what may be cited."""

    def __iter__(self):
        queryset = self.field.offered if self.field.offered is not None else self.queryset
        for obj in queryset:
            yield self.choice(obj)


class BasisDocumentsField(forms.ModelMultipleChoiceField):
    """Normative documents as the basis of a record. It accepts any document the user
    may name (`candidates_for`) and offers the citable ones; the form then calls
    `check_citable`, whose refusal names the rule instead of "not a valid choice"."""

    iterator = _OfferedIterator

    def __init__(self, *args, **kwargs):
        self.offered = None
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: NormativeDocument) -> str:
        return f"{obj.doc_number}　{obj.title}" if obj.doc_number else obj.title


def setup_basis_field(field: forms.ModelMultipleChoiceField, user, current=()) -> None:
    """Point a basis-documents field at what `user` may name, offering the citable ones
    and those already cited (so that a document no longer citable shows, and is refused)."""
    field.queryset = candidates_for(user).order_by("-published_on", "-id")
    current_ids = [d.pk for d in current]
    field.offered = field.queryset.filter(
        Q(pk__in=NormativeDocument.objects.citable().values("pk")) | Q(pk__in=current_ids)
    )


def clean_basis(form: forms.BaseForm, field_name: str, unit: OrgUnit | None) -> None:
    """Add `check_citable`'s refusal to the form's field, if any."""
    documents = form.cleaned_data.get(field_name)
    if not documents or unit is None:
        return
    try:
        check_citable(documents, unit=unit)
    except RuleError as exc:
        form.add_error(field_name, str(exc))


_SEPARATORS = re.compile(r"[、，,;；\n\r]+")


def parse_document_numbers(raw, user) -> list[int]:
    """An Excel cell of document numbers (文号) separated by 、 or commas, as document ids
    among those the user may name; whether each may be cited is the form's check."""
    text = "" if raw is None else str(raw)
    ids = []
    for number in [t.strip() for t in _SEPARATORS.split(text) if t.strip()]:
        found = list(candidates_for(user).filter(doc_number=number).values_list("pk", flat=True)[:2])
        if not found:
            raise ValueError(f"文号为“{number}”的规范性文件不存在")
        if len(found) > 1:
            raise ValueError(f"文号“{number}”对应多个单位的规范性文件，请在页面上选择")
        ids.append(found[0])
    return ids
