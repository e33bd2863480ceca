from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "fazhi.core.tests.testapp"
    label = "testapp"
    verbose_name = "测试台账"
