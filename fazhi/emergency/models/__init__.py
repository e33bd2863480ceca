from fazhi.emergency.models.drills import Drill
from fazhi.emergency.models.plans import EmergencyPlan, PlanVersion
from fazhi.emergency.models.teams import EmergencyTeam, TeamEquipment, TeamMember

__all__ = ["Drill", "EmergencyPlan", "EmergencyTeam", "PlanVersion", "TeamEquipment", "TeamMember"]
