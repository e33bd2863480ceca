from fazhi.emergency.api.views import (
    EmergencyDrillViewSet,
    EmergencyPlanViewSet,
    EmergencyTeamEquipmentViewSet,
    EmergencyTeamMemberViewSet,
    EmergencyTeamViewSet,
)

ROUTES = [
    ("emergency/plans", EmergencyPlanViewSet, "emergency-plan"),
    ("emergency/drills", EmergencyDrillViewSet, "emergency-drill"),
    ("emergency/teams", EmergencyTeamViewSet, "emergency-team"),
    ("emergency/members", EmergencyTeamMemberViewSet, "emergency-member"),
    ("emergency/equipment", EmergencyTeamEquipmentViewSet, "emergency-equipment"),
]
