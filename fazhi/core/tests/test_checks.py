"""Fazhi's own deploy checks (fazhi/core/checks.py) beyond the initial passwords,
which test_auth.py runs end to end with production settings."""

import pytest
from django.core.checks import Warning as CheckWarning
from django.core.checks import run_checks

from fazhi.core import checks

pytestmark = pytest.mark.django_db  # the initial-password check reads the accounts


def _ids(messages) -> set[str]:
    return {m.id for m in messages}


def test_an_unset_public_address_is_a_deploy_warning(settings):
    settings.FAZHI_PUBLIC_URL = ""
    (warning,) = checks.public_url_configured()
    assert isinstance(warning, CheckWarning) and warning.id == "fazhi.W002"
    assert "FAZHI_PUBLIC_URL" in warning.msg and "二维码" in warning.msg
    assert "fazhi.W002" in _ids(run_checks(include_deployment_checks=True, tags=["security"]))


def test_a_set_public_address_is_not(settings):
    settings.FAZHI_PUBLIC_URL = "https://fazhi.example.gov.cn"
    assert checks.public_url_configured() == []
    assert "fazhi.W002" not in _ids(run_checks(include_deployment_checks=True, tags=["security"]))


def test_outside_deploy_the_check_is_silent(settings):
    settings.FAZHI_PUBLIC_URL = ""
    assert "fazhi.W002" not in _ids(run_checks(include_deployment_checks=False))
