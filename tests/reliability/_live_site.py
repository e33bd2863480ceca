"""A Fazhi site served by the real gunicorn (`python -m fazhi serve --no-worker`)
in a process group of its own, on a database of its own, for the reliability
tests: SQLite in a temporary FAZHI_DATA_DIR, or a PostgreSQL database created on
the shared server (or on a private cluster) and dropped afterwards.

Everything Django does here runs in subprocesses with their own environment;
the pytest process never opens these databases through Django.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SHARED_PG = "postgres://postgres@127.0.0.1:5432/postgres"
SUMMARY_URL = "/api/v1/enforcement/cases/summary/"


def required() -> bool:
    """CI (FAZHI_REQUIRE_BROWSER=1 or CI=true) turns a missing tool into a failure."""
    return os.environ.get("FAZHI_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    if required():
        pytest.fail(f"{reason} (required in CI: FAZHI_REQUIRE_BROWSER=1 or CI=true)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_server_url() -> str:
    """The PostgreSQL server the suite already uses (FAZHI_DATABASE_URL), else the default."""
    url = os.environ.get("FAZHI_DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return parts._replace(path="/postgres").geturl()
    return SHARED_PG


def _with_db(server_url: str, name: str) -> str:
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def pg_admin(server_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def reachable(server_url: str) -> None:
    try:
        pg_admin(server_url, "SELECT 1")
    except Exception as exc:  # any reason the server cannot be reached
        skip_or_fail(f"PostgreSQL 不可用：{server_url}（{type(exc).__name__}）")


def _new_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"


@contextlib.contextmanager
def pg_database(server_url: str, prefix: str, source: str | None = None):
    """A database of the test's own on `server_url`, dropped at the end; yields its
    URL. With `source` (a database URL) it starts as a copy of it: a template copy
    on the same server, a dump piped into psql from another."""
    reachable(server_url)
    name = _new_name(prefix)
    url = _with_db(server_url, name)
    same_server = source is not None and urlsplit(source).netloc == urlsplit(server_url).netloc
    template = urlsplit(source).path.lstrip("/") if same_server else "template0"
    pg_admin(server_url, f"CREATE DATABASE {name} LOCALE 'C.UTF-8' TEMPLATE {template}")
    try:
        if source is not None and not same_server:
            dump = subprocess.run([str(PG_BIN / "pg_dump"), "--no-owner", "-d", source], check=True,
                                  capture_output=True, timeout=120)  # fmt: skip
            subprocess.run([str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=dump.stdout,
                           check=True, capture_output=True, timeout=120)  # fmt: skip
        yield url
    finally:
        pg_admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@dataclass
class PrivateCluster:
    """A PostgreSQL cluster of the test's own (initdb in a temporary directory, on
    a free port): it may be stopped and restarted; the shared server never is."""

    root: Path
    port: int = 0

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *cmd: str, timeout: float = 60) -> None:
        """A server program, as the unprivileged `postgres` user when we are root
        (initdb and pg_ctl refuse to run as root)."""
        user = "postgres" if os.geteuid() == 0 else None
        done = subprocess.run(cmd, user=user, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        assert done.returncode == 0, f"{cmd[0]} failed: {done.stdout[-2000:]}{done.stderr[-2000:]}"

    def ctl(self, *args: str, timeout: float = 60) -> None:
        log = self.root / "server.log"
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "-t", "30", *args,
                 timeout=timeout)  # fmt: skip

    def init(self) -> None:
        self.port = free_port()
        if os.geteuid() == 0:
            import pwd

            os.chown(self.root, pwd.getpwnam("postgres").pw_uid, -1)
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                 "--locale=C.UTF-8", "--encoding=UTF8", "--no-sync", timeout=120)  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.root}'\n"
                "fsync = on\nshared_buffers = 32MB\nmax_connections = 40\n"
            )
        self.ctl("start")


@contextlib.contextmanager
def private_cluster():
    if not (PG_BIN / "initdb").exists():
        skip_or_fail(f"缺少 {PG_BIN / 'initdb'}（apt-get install postgresql-15）")
    root = Path(tempfile.mkdtemp(prefix="fazhi-pgcluster-"))
    cluster = PrivateCluster(root)
    try:
        cluster.init()
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.ctl("stop", "-m", "immediate")
        shutil.rmtree(root, ignore_errors=True)


# The preparation, run in a subprocess on the site's own settings: migrate, the
# holiday calendar, a town with its body, a summary matter, two officers, an
# officer's account with an API token. Prints what the clients need, as JSON.
PREPARE = r"""
import datetime as dt, json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("collectstatic", verbosity=0, interactive=False)
from rest_framework.authtoken.models import Token
from fazhi.core import workdays
from fazhi.core.tests.factories import county, town, user_with_role
from fazhi.enforcement.tests.factories import officer_pair, summary_matter, town_body
workdays.seed_from_package()
t = town("500235131", "江口镇", county())
users = [user_with_role(f"officer{i}", "officer", t, display_name=f"执法员{i}") for i in range(2)]
town_body(t)
matter = summary_matter(t)
officers = officer_pair(t, user=users[0])
tokens = [Token.objects.get_or_create(user=u)[0].key for u in users]
print(json.dumps({"tokens": tokens, "matter": matter.pk, "officers": [o.pk for o in officers],
                  "users": [u.pk for u in users], "password": "Test#Pass2023"}))
"""


@dataclass
class Site:
    """A data dir, a database (SQLite in the data dir unless `database_url`), a port."""

    database_url: str | None = None
    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="fazhi-rel-")))
    port: int = field(default_factory=free_port)
    workers: int = 2
    threads: int = 2
    server: subprocess.Popen | None = None
    starts: int = 0
    info: dict = field(default_factory=dict)

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "PYTEST", "DJANGO_ALLOW"))}
        env.update(
            FAZHI_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="fazhi.settings",
            FAZHI_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        if self.database_url:
            env["FAZHI_DATABASE_URL"] = self.database_url
        return env

    @property
    def vendor(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def python(self, code: str, *args: str, timeout: float = 180) -> str:
        """Run `code` in a fresh interpreter on the site's settings; its stdout."""
        done = subprocess.run(
            [sys.executable, "-c", code, *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        assert done.returncode == 0, f"subprocess failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
        return done.stdout

    def fazhi(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "fazhi", *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip

    def prepare(self) -> dict:
        self.info = json.loads(self.python(PREPARE, timeout=300).strip().splitlines()[-1])
        return self.info

    # -- the server ------------------------------------------------------------------

    def start(self, timeout: float = 60) -> None:
        assert self.server is None
        log = (self.data_dir / f"gunicorn-{self.starts}.log").open("wb")
        self.server = subprocess.Popen(
            [sys.executable, "-m", "fazhi", "serve", "--no-worker", "--port", str(self.port),
             "--workers", str(self.workers), "--threads", str(self.threads)],
            env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.server.poll() is None, f"gunicorn exited: {self.log_tail()}"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer within {timeout} s: {self.log_tail()}")

    def group_pids(self) -> list[int]:
        """The live (not zombie) processes of the server's process group."""
        if self.server is None:
            return []
        pgid, pids = self.server.pid, []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            fields = text[text.rfind(")") + 2 :].split()
            if fields[0] != "Z" and int(fields[2]) == pgid:
                pids.append(int(stat.parent.name))
        return pids

    def kill(self) -> int:
        """SIGKILL the whole process group (gunicorn's master and its workers); the
        number of processes killed."""
        assert self.server is not None
        pids = self.group_pids()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self.group_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.group_pids(), "a process of the server's group outlived SIGKILL"
        self.server = None
        return len(pids)

    def stop(self) -> None:
        if self.server is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.server.pid, signal.SIGTERM)
        try:
            self.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait(timeout=10)
        self.server = None

    def log_tail(self, n: int = 4000) -> str:
        logs = sorted(self.data_dir.glob("gunicorn-*.log"))
        return logs[-1].read_text(errors="replace")[-n:] if logs else ""

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


# Migrating costs 15-40 s: each kind of database is prepared once a test session
# and copied for each test (the data dir too: it holds the secret key that the
# audit chain's hashes depend on).
_PREPARED: dict = {}  # vendor: Future of (data dir, database URL, info)


def _prepare(vendor: str) -> tuple[Path, str | None, dict]:
    url = None
    if vendor == "postgresql":
        server = shared_server_url()
        reachable(server)
        name = _new_name("fazhi_rel_tpl")
        pg_admin(server, f"CREATE DATABASE {name} LOCALE 'C.UTF-8' TEMPLATE template0")
        atexit.register(pg_admin, server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        url = _with_db(server, name)
    s = Site(database_url=url)
    atexit.register(shutil.rmtree, s.data_dir, True)
    return s.data_dir, url, s.prepare()


def _prepared(vendor: str) -> tuple[Path, str | None, dict]:
    """The prepared site of `vendor`. Run by one process, the first call starts
    preparing both kinds at once, the second in the background while the first
    one's test runs; under xdist, where a worker may need only one, each is
    prepared when first asked for."""
    from concurrent.futures import ThreadPoolExecutor

    if vendor not in _PREPARED:
        eager = () if os.environ.get("PYTEST_XDIST_WORKER") else ("sqlite", "postgresql")
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="prepare")
        for v in {vendor, *eager} - set(_PREPARED):
            _PREPARED[v] = pool.submit(_prepare, v)
        pool.shutdown(wait=False)
    return _PREPARED[vendor].result()


@contextlib.contextmanager
def site(vendor: str = "sqlite", *, server_url: str | None = None, prefix: str = "fazhi_rel", **kwargs):
    """A prepared site of its own: SQLite in its data dir, or a PostgreSQL database
    on `server_url` (the shared server unless given)."""
    template_dir, template_url, info = _prepared(vendor)
    data_dir = Path(tempfile.mkdtemp(prefix="fazhi-rel-"))
    shutil.copytree(template_dir, data_dir, dirs_exist_ok=True)
    with contextlib.ExitStack() as stack:
        url = None
        if vendor == "postgresql":
            url = stack.enter_context(
                pg_database(server_url or shared_server_url(), prefix, source=template_url)
            )
        s = Site(database_url=url, data_dir=data_dir, info=dict(info), **kwargs)
        try:
            yield s
        finally:
            s.cleanup()


# -- clients ----------------------------------------------------------------------------


def case_body(info: dict, n: int, *, collected: bool = False) -> dict:
    """An on-the-spot fine of 50 yuan: the request body, told apart by `n`."""
    import datetime as dt

    return {
        "matter": info["matter"], "party_kind": "individual", "party_name": f"当事人{n}",
        "penalty_kind": "fine", "fine": "50", "officers": info["officers"], "facts": f"当事人随地乱扔废弃物（{n}）。",
        "place": "江口镇滨江路", "occurred_on": dt.date.today().isoformat(), "collected_on_spot": collected,
    }  # fmt: skip


@dataclass
class Answer:
    status: int  # 0: no answer (connection refused, reset or closed)
    body: bytes
    headers: dict
    seconds: float
    error: str = ""
    cookies: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


def request(port: int, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30) -> Answer:  # fmt: skip
    """One request on a fresh connection; a connection failure is status 0."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        cookies = {}
        for value in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        headers = {k.lower(): v for k, v in resp.getheaders()}
        return Answer(resp.status, data, headers, time.monotonic() - started, cookies=cookies)
    except (OSError, http.client.HTTPException) as exc:
        if isinstance(exc, TimeoutError | socket.timeout):
            raise AssertionError(f"{method} {path}: no answer within {timeout} s (a hang)") from exc
        return Answer(0, b"", {}, time.monotonic() - started, error=f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def post_case(port: int, token: str, body: dict, key: str | None, timeout: float = 30) -> Answer:
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    return request(
        port, "POST", SUMMARY_URL, body=json.dumps(body).encode(), headers=headers, timeout=timeout
    )


class Writer:
    """Clients posting on-the-spot cases, each with a fresh Idempotency-Key. A
    request without an answer (the server killed, restarting) or with a 503 is
    retried with the same key and body until it is answered: a key is never
    dropped, so at the end every key sent has exactly one case. `draining`
    stops new keys; `join` waits until the last pending key is answered."""

    RETRYABLE = (0, 502, 503)

    def __init__(self, s: Site, clients: int = 3, timeout: float = 30):
        import threading

        self.site, self.timeout = s, timeout
        self.lock = threading.Lock()
        self.acked: dict[str, dict] = {}
        self.keys: set[str] = set()
        self.answers: list[tuple] = []  # (when, status, detail, seconds, headers)
        self.unexpected: list[str] = []
        self.replayed = 0
        self.draining = threading.Event()
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)]
        self.counter = 0

    def start(self) -> Writer:
        for t in self.threads:
            t.start()
        return self

    def _next(self) -> tuple[str, dict]:
        with self.lock:
            self.counter += 1
            n = self.counter
            key = uuid.uuid4().hex
            self.keys.add(key)
        return key, case_body(self.site.info, n, collected=n % 3 == 0)

    def _client(self, n: int) -> None:
        token = self.site.info["tokens"][n % len(self.site.info["tokens"])]
        pending = None
        while pending is not None or not self.draining.is_set():
            key, body = pending or self._next()
            answer = post_case(self.site.port, token, body, key, timeout=self.timeout)
            detail = answer.error or answer.body[:300].decode("utf-8", "replace")
            with self.lock:
                self.answers.append((time.monotonic(), answer.status, detail, answer.seconds, answer.headers))
            if answer.status == 201:
                data = answer.json()
                with self.lock:
                    if answer.headers.get("idempotent-replayed") == "true":
                        self.replayed += 1
                    earlier = self.acked.get(key)
                    if earlier and earlier["id"] != data["id"]:
                        self.unexpected.append(f"key {key} answered case {earlier['id']}, then {data['id']}")
                    self.acked[key] = {"id": data["id"], "decision_no": data["decision_no"]}
                pending = None
            elif answer.status in self.RETRYABLE:
                pending = (key, body)
                time.sleep(0.1)
            else:
                with self.lock:
                    self.unexpected.append(f"{answer.status}: {detail}")
                pending = None
                time.sleep(0.1)

    def acked_count(self) -> int:
        with self.lock:
            return len(self.acked)

    def wait_for_acks(self, more: int, timeout: float = 60) -> None:
        target = self.acked_count() + more
        deadline = time.monotonic() + timeout
        while self.acked_count() < target:
            assert time.monotonic() < deadline, (
                f"no write acknowledged in {timeout} s: {self.site.log_tail()}"
            )
            assert not self.unexpected, self.unexpected[:5]
            time.sleep(0.02)

    def join(self, timeout: float = 90) -> None:
        self.draining.set()
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.1, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in self.threads), "a client still has an unanswered key"
