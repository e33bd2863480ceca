"""Load on loopback for the benchmarks: Fazhi served by gunicorn in a child
process, and C concurrent keep-alive clients (threads) sending requests to it.

The clients run in this process, on the same machine as the server: on a
two-core machine they take part of the CPU the server would have, so the
figures are a floor, and the ratios against a bare endpoint measured in the
same run are what to compare between machines."""

from __future__ import annotations

import contextlib
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# One request: (method, path, body, headers).
Request = tuple[str, str, bytes | None, dict[str, str]]


@contextlib.contextmanager
def served(data_dir: str, database_url: str | None, port: int, workers: int, threads: int,
           **env: str) -> Iterator[None]:  # fmt: skip
    """`fazhi serve --no-worker` on `port` until the block ends."""
    environ = {**os.environ, "FAZHI_DATA_DIR": data_dir, "FAZHI_LOG_LEVEL": "WARNING", **env}
    if database_url:
        environ["FAZHI_DATABASE_URL"] = database_url
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--no-worker", "--port", str(port), "--workers", str(workers),
         "--threads", str(threads)],
        env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/login/")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"the server did not answer on port {port}")
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, sorted
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def pct(self, p: float) -> float:
        """The p-th percentile latency in milliseconds."""
        if not self.latencies:
            return float("nan")
        return self.latencies[min(len(self.latencies) - 1, int(len(self.latencies) * p / 100))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    def line(self, name: str) -> str:
        return (
            f"{name:24} {self.rps:8.1f} req/s   p50 {self.p50:7.1f} ms   p95 {self.pct(95):7.1f} ms   "
            f"p99 {self.pct(99):7.1f} ms   errors {len(self.errors)}"
        )


def run(
    port: int, request: Callable[[int], Request], clients: int, per_client: int, ok=range(200, 300)
) -> Result:
    """`clients` threads, each on its own keep-alive connection, each sending
    `per_client` requests made by `request(n)`; a status outside `ok` is an error."""
    result = Result()
    lock = threading.Lock()

    def client(c: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, errors = [], []
        for i in range(per_client):
            method, path, body, headers = request(c * per_client + i)
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as e:
                errors.append(f"{path}: {e!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - t0)
            if resp.status not in ok:
                errors.append(f"{resp.status} {path} {data[:200]!r}")
        conn.close()
        with lock:
            result.latencies.extend(mine)
            result.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.elapsed = time.perf_counter() - started
    result.latencies.sort()
    return result


def login(port: int, username: str, password: str) -> str:
    """Log in through the login page; the session cookie header to send."""
    import re

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login/")
    resp = conn.getresponse()
    page = resp.read().decode()
    csrf = _cookie(resp, "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    from urllib.parse import urlencode

    body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    conn.request("POST", "/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
        "Referer": f"http://127.0.0.1:{port}/login/"})  # fmt: skip
    resp = conn.getresponse()
    resp.read()
    session = _cookie(resp, "sessionid") or _cookie(resp, "fazhi_session")
    if resp.status != 302 or not session:
        raise SystemExit(f"could not log in as {username}: HTTP {resp.status}")
    name = "sessionid" if _cookie(resp, "sessionid") else "fazhi_session"
    return f"{name}={session}; csrftoken={csrf}"


def _cookie(resp, name: str) -> str:
    for header, value in resp.getheaders():
        if header.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return ""
