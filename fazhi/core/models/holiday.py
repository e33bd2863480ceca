"""The working-day calendar: the State Council's yearly holiday notice.

Periods in working days (行政处罚法 第85条, 行政许可法 第82条, ...) skip statutory
holidays and count adjusted working weekends (调休). The table is seeded from the
`chinesecalendar` package and editable, so that a new year's notice can be entered
before the package knows it. A year counts as covered only once it has a
CalendarYear row: a deadline in an uncovered year is an error, never a guess.
"""

from django.db import models

from fazhi.core.choices import CalendarSource, HolidayKind


class NationalQuerySet(models.QuerySet):
    """The calendar is national: every signed-in user reads it."""

    def visible_to(self, user):
        return self if user is not None and user.is_authenticated else self.none()


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.CharField(
        "来源", max_length=16, choices=CalendarSource.choices, default=CalendarSource.MANUAL
    )
    notice = models.CharField("放假通知", max_length=200, blank=True, help_text="例如：国办发明电〔2023〕7号")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    objects = NationalQuerySet.as_manager()

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class Holiday(models.Model):
    """One day of a holiday notice: a day off (the weekend days inside a holiday
    period included, as the notice lists them) or an adjusted working day on a
    weekend."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=HolidayKind.choices)
    name = models.CharField("名称", max_length=50, blank=True)
    source = models.CharField(
        "来源", max_length=16, choices=CalendarSource.choices, default=CalendarSource.MANUAL
    )

    objects = NationalQuerySet.as_manager()

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = "节假日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


def _clear_calendar_cache(**kwargs) -> None:
    from fazhi.core import workdays

    workdays.clear_cache()


for _model in (CalendarYear, Holiday):
    models.signals.post_save.connect(
        _clear_calendar_cache, sender=_model, dispatch_uid=f"cal-{_model.__name__}"
    )
    models.signals.post_delete.connect(
        _clear_calendar_cache, sender=_model, dispatch_uid=f"cal-d-{_model.__name__}"
    )
