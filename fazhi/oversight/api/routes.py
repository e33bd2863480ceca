from fazhi.oversight.api.views import (
    CampaignViewSet,
    RectificationViewSet,
    ReviewViewSet,
    RubricItemViewSet,
    RubricViewSet,
)

ROUTES = [
    ("oversight/rectifications", RectificationViewSet, "oversight-rectification"),
    ("oversight/campaigns", CampaignViewSet, "oversight-campaign"),
    ("oversight/reviews", ReviewViewSet, "oversight-review"),
    ("oversight/rubrics", RubricViewSet, "oversight-rubric"),
    ("oversight/rubric-items", RubricItemViewSet, "oversight-rubric-item"),
]
