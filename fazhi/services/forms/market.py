"""Forms of the market entity registers. Each validates web input and API requests
alike and offers only the units, entities and accounts the user sees. (The
importer of the county's export checks its rows in bulk against the same model
rules: fazhi/services/imports/market.py.)"""

from __future__ import annotations

from django import forms

from fazhi.core.forms import RegisterForm
from fazhi.core.models import OrgUnit, User
from fazhi.services.choices import EntityStatus
from fazhi.services.models import EnterpriseVisit, MarketEntity
from fazhi.services.models.market import VILLAGE_KINDS, normalize_uscc

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def villages_visible_to(user):
    return OrgUnit.objects.visible_to(user).filter(kind__in=VILLAGE_KINDS).order_by("path")


def entities_visible_to(user):
    return MarketEntity.objects.visible_to(user).order_by("name", "id")


class CreditCodeField(forms.CharField):
    """A credit code as people paste it (spaces, lowercase letters) is taken in the
    standard's form before its length and check character are checked."""

    def to_python(self, value):
        return normalize_uscc(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class MarketEntityForm(RegisterForm):
    class Meta:
        model = MarketEntity
        fields = ["org_unit", "entity_type", "name", "uscc", "legal_rep", "registered_on", "village", "address",
                  "industry", "registered_capital", "status", "cancelled_on", "note"]  # fmt: skip
        widgets = {"registered_on": DATE, "cancelled_on": DATE}
        field_classes = {"uscc": CreditCodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_visible_to(self.user)
        # Left out (an API request, an import without the column), an entity is existing.
        self.fields["status"].required = False

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or EntityStatus.EXISTING

    def clean_legal_rep(self) -> str:
        return (self.cleaned_data.get("legal_rep") or "").strip()


class EnterpriseVisitForm(RegisterForm):
    """The visit belongs to its entity's unit: there is no unit to choose."""

    class Meta:
        model = EnterpriseVisit
        fields = ["entity", "visited_on", "visitors", "problems", "assistance", "follow_up_due", "resolved_on",
                  "handler"]  # fmt: skip
        widgets = {"visited_on": DATE, "follow_up_due": DATE, "resolved_on": DATE,
                   "problems": forms.Textarea(attrs={"rows": 3}), "assistance": forms.Textarea(attrs={"rows": 3})}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities_visible_to(self.user)
        self.fields["handler"].queryset = (
            User.objects.visible_to(self.user).filter(is_active=True).order_by("username")
        )
