"""Real servers on 127.0.0.1 for the API and alert tests: uvicorn, an HTTP receiver, SMTP."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import uvicorn

from threatdesk.analyzers import build_analyzers
from threatdesk.models import Item, Signal
from threatdesk.pipeline import Pipeline


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Run an ASGI app under uvicorn in a thread; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Receiver:
    """A webhook receiver whose behaviour the test switches: ok, fail (500), slow (sleeps), block."""

    mode: str = "ok"
    slow_seconds: float = 2.0
    received: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 0
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""


@contextmanager
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.attempts += 1
            mode = state.mode
            if mode == "slow":
                time.sleep(state.slow_seconds)
            elif mode == "block":
                state.release.wait(30)
            if mode == "fail":
                self.send_response(500)
                self.end_headers()
                return
            if mode == "ok":
                state.received.append({"headers": dict(self.headers), "body": body})
            try:
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


class PhoneSpans:
    """Stands in for the PII analyzer (another branch): marks invented 555-01xx numbers."""

    name = "testphone"
    version = 1
    PATTERN = re.compile(r"\b\d{3}-555-01\d\d\b")

    def __call__(self, item: Item) -> list[Signal]:
        return [Signal("testphone.v1", "pii", "a phone number", m.start(), m.end(),
                       {"type": "phone", "normalized": m.group()}, 0.9, restricted=True)
                for m in self.PATTERN.finditer(item.text)]


def pipeline_with_pii() -> Pipeline:
    return Pipeline([*build_analyzers(), PhoneSpans()])


#: Texts that the rules rank urgent (P1/P2) and one that is not, in English and Spanish.
URGENT = [
    "2k to whoever gets me pics of where the tall agent sleeps, call 312-555-0142",
    "Pago 5 mil al que levante al jefe de la migra, con pruebas",
]
BENIGN = "Rivera's team took them down 3-1 in the rec league final, great game everybody"
