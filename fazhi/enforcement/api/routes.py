from fazhi.enforcement.api.disclosures import DisclosureViewSet
from fazhi.enforcement.api.registers import EntrustmentViewSet, OfficerYearViewSet, PartyViewSet
from fazhi.enforcement.api.views import CaseViewSet, _viewset
from fazhi.enforcement.definitions import bodies, matters, officers

ROUTES = [
    ("enforcement/cases", CaseViewSet, "enforcement-case"),
    ("enforcement/bodies", _viewset(bodies, ["org_unit", "name", "kind", "short_code", "number_format", "is_active",
                                             "publish_summary", "publish_warnings", "publication_days",
                                             "short_term_fine_limit"]),
     "enforcement-body"),
    ("enforcement/matters", _viewset(matters, ["org_unit", "code", "name", "violation_basis", "penalty_basis",
                                               "penalty_kinds", "fine_min_individual", "fine_max_individual",
                                               "fine_min_organisation", "fine_max_organisation", "authority",
                                               "entrusting_body", "summary_allowed", "discretion", "is_active",
                                               "basis_documents", "responsible_post"]),
     "enforcement-matter"),
    ("enforcement/officers", _viewset(officers, ["org_unit", "person", "certificate_no", "issuer", "valid_from",
                                                 "valid_to", "status"]),
     "enforcement-officer"),
    ("enforcement/officer-years", OfficerYearViewSet, "enforcement-officer-year"),
    ("enforcement/parties", PartyViewSet, "enforcement-party"),
    ("enforcement/entrustments", EntrustmentViewSet, "enforcement-entrustment"),
    ("enforcement/disclosures", DisclosureViewSet, "enforcement-disclosure"),
]  # fmt: skip
