from fazhi.education.api.views import (
    LegalServiceViewSet,
    OutreachEventViewSet,
    RosterMemberViewSet,
    StaffTrainingViewSet,
    StudySessionViewSet,
)

ROUTES = [
    ("education/study-sessions", StudySessionViewSet, "education-studysession"),
    ("education/outreach", OutreachEventViewSet, "education-outreachevent"),
    ("education/legal-services", LegalServiceViewSet, "education-legalservicerecord"),
    ("education/roster", RosterMemberViewSet, "education-rostermember"),
    ("education/trainings", StaffTrainingViewSet, "education-stafftraining"),
]
