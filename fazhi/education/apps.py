from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "fazhi.education"
    label = "education"
    verbose_name = "学法普法"

    def ready(self) -> None:
        from fazhi.education import roles  # noqa: F401  (grants the app's permissions to roles)
