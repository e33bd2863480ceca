"""Backup and restore (GB/T 22239 8.1.4.9a): the database, the stored files and a
manifest of row counts in one .tar.gz; a restore goes into an empty data dir or
database and ends by comparing row counts and verifying the audit chain."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "fazhi-backup/1"
SKIP_FILE_DIRS = {"tmp", "import-errors"}


class BackupError(RuntimeError):
    pass


def _tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    return sorted(tables & existing)


def row_counts(cursor=None, tables: list[str] | None = None) -> dict[str, int]:
    """Rows per table, through `cursor` (by default a cursor on the live database)."""
    tables = tables if tables is not None else _tables()
    if cursor is None:
        with connection.cursor() as own:
            return row_counts(own, tables)
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  (names from the model registry)
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _dump_database(workdir: Path) -> tuple[str, dict[str, int]]:
    """Write the database into `workdir`; return the file name and the row counts of
    exactly what was written (the site may go on writing meanwhile)."""
    tables = _tables()
    if connection.vendor == "sqlite":
        target = workdir / "db.sqlite3"
        connection.ensure_connection()
        dst = sqlite3.connect(target)
        try:
            connection.connection.backup(dst)  # online: consistent while the site runs
            counts = row_counts(dst.cursor(), tables)
        finally:
            dst.close()
        return target.name, counts
    if connection.vendor == "postgresql":
        target = workdir / "db.pgdump"
        args, env = _pg_env()
        with transaction.atomic(), connection.cursor() as cursor:
            # One snapshot for pg_dump and for the counts.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cmd = ["pg_dump", *args, "-Fc", f"--snapshot={snapshot}", "-f", str(target),
                   settings.DATABASES["default"]["NAME"]]  # fmt: skip
            result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
            counts = row_counts(cursor, tables)
        return target.name, counts
    raise BackupError(f"不支持的数据库：{connection.vendor}")


def backup(path: Path) -> dict:
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:
        workdir = Path(tmp)
        db_name, counts = _dump_database(workdir)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": db_name,
            "rows": counts,
        }
        key_file = Path(settings.DATA_DIR) / "secret_key"
        with tarfile.open(path, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(workdir / db_name, arcname=db_name)
            if key_file.exists() and not os.environ.get("FAZHI_SECRET_KEY"):
                tar.add(key_file, arcname="secret_key")
            if media.exists():
                for child in sorted(media.iterdir()):
                    if child.name not in SKIP_FILE_DIRS:
                        tar.add(child, arcname=f"files/{child.name}")
    path.chmod(0o600)
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    return [m for m in tar.getmembers() if not (m.name.startswith("/") or ".." in Path(m.name).parts)]


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(path: Path) -> dict:
    """Restore a backup into an empty data dir or database. Returns the manifest."""
    with tarfile.open(path, "r:gz") as tar:
        members = _safe_members(tar)
        manifest = json.loads(tar.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT:
            raise BackupError("不是本系统的备份文件")
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"备份来自{manifest['engine']}数据库，当前为{connection.vendor}，不能直接恢复")
        if not _database_is_empty():
            raise BackupError("目标数据库不为空：请恢复到新的数据目录或空数据库")
        media = Path(settings.MEDIA_ROOT)
        if media.exists() and any(p for p in media.rglob("*") if p.is_file() and "tmp" not in p.parts):
            raise BackupError(f"目标文件目录不为空：{media}")
        with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:
            tar.extractall(tmp, members=members, filter="data")
            workdir = Path(tmp)
            _restore_database(workdir / manifest["database"])
            if (workdir / "files").exists():
                media.mkdir(parents=True, exist_ok=True)
                shutil.copytree(workdir / "files", media, dirs_exist_ok=True)
            key = workdir / "secret_key"
            target_key = Path(settings.DATA_DIR) / "secret_key"
            if key.exists() and not os.environ.get("FAZHI_SECRET_KEY"):
                shutil.copyfile(key, target_key)
                target_key.chmod(0o600)
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        src = sqlite3.connect(dump)
        dst = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return
    args, env = _pg_env()
    connection.close()
    cmd = [
        "pg_restore",
        *args,
        "--no-owner",
        "--exit-on-error",
        "-d",
        settings.DATABASES["default"]["NAME"],
        str(dump),
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")


def compare(manifest: dict) -> list[str]:
    """Differences between the restored row counts and the backup's manifest."""
    now = row_counts()
    problems = []
    for table, count in manifest["rows"].items():
        if now.get(table) != count:
            problems.append(f"{table}：备份{count}行，恢复后{now.get(table)}行")
    return problems
