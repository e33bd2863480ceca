"""Helpers for the tests of live news and webhooks: a kind of news of their own,
reading a server-sent events stream, a local HTTP receiver, Redis if present."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fazhi.core import live

NEWS = "test.news"


@pytest.fixture
def news_kind():
    """A kind of news every staff role may receive (it needs core.view_person)."""
    kind = live.register_kind(NEWS, "测试消息", "core.view_person")
    yield kind
    live.KINDS.pop(NEWS, None)


def read_stream(client, url: str, **headers) -> tuple[object, list[dict]]:
    """GET a stream and read it to its end, which closes it (the test client closes a
    streamed response after its last chunk; closing it again would send a second
    request_finished, whose handler closes the test's database connection).
    (response, frames); a frame is a dict of its fields: {"id": "3", "data": {...}},
    {"retry": "2000"}, {"comment": "ping"}."""
    response = client.get(url, **headers)
    frames: list[dict] = []
    if response.status_code == 200:
        text = b"".join(response.streaming_content).decode()
        for block in text.split("\n\n"):
            frame: dict = {}
            for line in block.splitlines():
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "":
                    frame["comment"] = value
                elif name == "data":
                    frame["data"] = json.loads(value)
                else:
                    frame[name] = value
            if frame:
                frames.append(frame)
    return response, frames


def sent(frames: list[dict]) -> list[dict]:
    """The events among the frames."""
    return [f["data"] for f in frames if "data" in f]


@dataclass
class Received:
    headers: dict
    body: bytes
    status: int


@dataclass
class Receiver:
    """A subscriber's endpoint on 127.0.0.1: answers `statuses` in turn, then 200."""

    statuses: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    accepted: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def answer(self) -> int:
        return self.statuses[len(self.requests)] if len(self.requests) < len(self.statuses) else 200


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = state.answer()
            state.requests.append(Received(dict(self.headers), body, status))
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", state.url + "elsewhere/")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            if 200 <= status < 300:
                state.accepted.set()

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def redis_url() -> str:
    """The Redis for the tests that need one: FAZHI_TEST_REDIS_URL (set by .ci/run, so
    that the rest of the suite keeps its immediate queue), FAZHI_REDIS_URL, else a
    redis-server on 127.0.0.1:6379. None answers: the test is skipped, or with
    FAZHI_REQUIRE_REDIS=1 (CI) it fails."""
    import redis

    url = (
        os.environ.get("FAZHI_TEST_REDIS_URL")
        or os.environ.get("FAZHI_REDIS_URL")
        or "redis://127.0.0.1:6379/0"
    )
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("FAZHI_REQUIRE_REDIS") == "1":
            pytest.fail(f"FAZHI_REQUIRE_REDIS=1 but no Redis answers at {url}")
        pytest.skip(
            "需要 Redis：设置 FAZHI_REDIS_URL 或在 127.0.0.1:6379 运行 redis-server（.ci/run 会启动）"
        )
    return url
