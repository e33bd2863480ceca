from fazhi.oversight.api.views import (
    CampaignViewSet,
    RectificationViewSet,
    ReviewViewSet,
    RubricItemViewSet,
    RubricViewSet,
)
from fazhi.oversight.duty.api import ROUTES as DUTY_ROUTES
from fazhi.oversight.supervision.api import ROUTES as SUPERVISION_ROUTES

ROUTES = [
    ("oversight/rectifications", RectificationViewSet, "oversight-rectification"),
    ("oversight/campaigns", CampaignViewSet, "oversight-campaign"),
    ("oversight/reviews", ReviewViewSet, "oversight-review"),
    ("oversight/rubrics", RubricViewSet, "oversight-rubric"),
    ("oversight/rubric-items", RubricItemViewSet, "oversight-rubric-item"),
]
ROUTES += DUTY_ROUTES
ROUTES += SUPERVISION_ROUTES
