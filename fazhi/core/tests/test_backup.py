"""Backup → restore into a fresh data dir (or database) gives equal row counts
and a verifying audit chain (GB/T 22239 8.1.4.9a)."""

import os
import subprocess
import sys
import uuid

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def fazhi(*args, data_dir, database_url=None, check=True):
    env = {**os.environ, "FAZHI_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("FAZHI_DATABASE_URL", None)
    if database_url:
        env["FAZHI_DATABASE_URL"] = database_url
    result = subprocess.run([sys.executable, "-m", "fazhi", *args], env=env, capture_output=True, text=True,
                            timeout=300, check=False)  # fmt: skip
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _with_a_file(data_dir, database_url=None):
    """The demo town plus one evidence file, written through the real code path."""
    fazhi("demo", "--no-serve", "--foundation-only", data_dir=data_dir, database_url=database_url)
    script = (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F;"
        "from fazhi.core import files;from fazhi.core.models import Person, User;"
        "p=Person.objects.first();u=User.objects.get(username='officer');"
        "files.store(F('a.jpg', b'\\xff\\xd8\\xff' + b'0'*100), actor=u, org_unit=p.org_unit, owner=p)"
    )
    fazhi("shell", "-c", script, data_dir=data_dir, database_url=database_url)


@pytest.fixture
def pg_databases():
    """Two fresh PostgreSQL databases beside the test database."""
    import psycopg

    settings_dict = connection.settings_dict
    base = f"host={settings_dict['HOST'] or '127.0.0.1'} port={settings_dict['PORT'] or 5432} user={settings_dict['USER'] or 'postgres'}"
    names = [f"fazhi_bk_{uuid.uuid4().hex[:8]}_{i}" for i in range(2)]
    with psycopg.connect(base + " dbname=postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f"CREATE DATABASE {name} LOCALE 'C.UTF-8' TEMPLATE template0")
    user = settings_dict["USER"] or "postgres"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    yield [f"postgres://{user}@{host}:{port}/{name}" for name in names]
    with psycopg.connect(base + " dbname=postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_backup_and_restore_on_sqlite(tmp_path):
    _with_a_file(tmp_path / "a")
    fazhi("backup", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "a")
    result = fazhi("restore", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "c")
    assert "行数一致" in result.stdout and "审计链完好" in result.stdout
    assert list((tmp_path / "c" / "files" / "evidence").rglob("*"))  # the evidence came along
    # A restore never overwrites: the same backup into the filled dir is refused.
    again = fazhi("restore", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "c", check=False)
    assert again.returncode != 0 and "不为空" in again.stderr


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_dump/pg_restore path")
def test_backup_and_restore_on_postgresql(tmp_path, pg_databases):
    source, target = pg_databases
    _with_a_file(tmp_path / "a", source)
    fazhi("backup", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "a", database_url=source)
    result = fazhi("restore", str(tmp_path / "b.tar.gz"), data_dir=tmp_path / "c", database_url=target)
    assert "行数一致" in result.stdout and "审计链完好" in result.stdout
