from fazhi.core.navigation import MODULES


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    current = ""
    if match is not None:
        register = match.kwargs.get("register") if match.kwargs else None
        current = register.module if register is not None else match.kwargs.get("module", "")
    return {"nav_modules": MODULES, "nav_current": current}
