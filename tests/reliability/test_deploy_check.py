"""Deploy: `fazhi check --deploy` is clean with production settings.

The check runs in its own process, as an operator runs it (docs/deployment.md),
with the environment of /etc/fazhi/env: debug off, an explicit secret key and
audit key, HTTPS behind the proxy, the real host name and the public address.
A second run without HTTPS proves the check is not silenced wholesale.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

TIMEOUT = 180


def _production_env(data_dir, **changes) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DJANGO_"))}
    env.update(
        FAZHI_DATA_DIR=str(data_dir),
        FAZHI_DEBUG="0",
        FAZHI_SECRET_KEY=secrets.token_urlsafe(64),
        FAZHI_AUDIT_KEY=secrets.token_urlsafe(48),
        FAZHI_HTTPS="1",
        FAZHI_ALLOWED_HOSTS="fazhi.example.gov.cn",
        FAZHI_PUBLIC_URL="https://fazhi.example.gov.cn",
    )
    # The test database of this run, when it is PostgreSQL, is not the check's business:
    # the check reads its own (empty) SQLite database in the data directory.
    env.update({k: v for k, v in changes.items() if v is not None})
    for k, v in changes.items():
        if v is None:
            env.pop(k, None)
    return env


def _check(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fazhi", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = _check(_production_env(tmp_path))
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "System check identified no issues" in out, out
    for marker in ("WARNINGS:", "ERRORS:", "security.W", "fazhi.W", "fazhi.E"):
        assert marker not in out, out


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"FAZHI_HTTPS": None}, "security.W004"),  # no HSTS, no https redirect, cookies not secure
        ({"FAZHI_AUDIT_KEY": None}, "fazhi.W001"),
        ({"FAZHI_SECRET_KEY": "short"}, "security.W009"),
        ({"FAZHI_DEBUG": "1"}, "security.W018"),
    ],
)
def test_deploy_check_names_what_production_lacks(tmp_path, changes, expected):
    result = _check(_production_env(tmp_path, **changes))
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert expected in out, out
