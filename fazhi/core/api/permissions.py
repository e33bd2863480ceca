from rest_framework.permissions import BasePermission

VERBS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change", "PATCH": "change"}


class RegisterPermission(BasePermission):
    """Signed in, and the role holds the model permission for the method. Objects
    outside the user's scope never reach here: the queryset hides them (404)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        register = getattr(view, "register", None)
        if register is None:
            return True
        verb = getattr(view, "action_verbs", {}).get(getattr(view, "action", None)) or VERBS.get(
            request.method
        )
        return verb is not None and register.can(user, verb)
