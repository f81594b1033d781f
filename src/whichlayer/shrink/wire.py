"""Sending a candidate over HTTP with a deadline and a byte cap (for the CLI; the library
takes any ``send`` callable)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

#: Largest answer read; an error body is far smaller.
MAX_ANSWER_BYTES = 1024 * 1024


@dataclass(slots=True)
class Answer:
    """An HTTP answer, shaped so that :func:`whichlayer.explain` reads it like a response."""

    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""


class HttpSender:
    """POSTs JSON bodies to one URL with fixed headers; one connection pool for the run."""

    def __init__(self, url: str, headers: dict[str, str], *, verify: bool = True) -> None:
        import httpx2

        self.url = url
        drop = {"content-length", "content-type", "host", "accept-encoding", "transfer-encoding"}
        self.headers = {k: v for k, v in headers.items() if k.lower() not in drop}
        self.headers["Content-Type"] = "application/json"
        self._client = httpx2.Client(verify=verify, follow_redirects=False, trust_env=True)
        self.timeout_s = 60.0
        self.deadline: float | None = None  # time.monotonic() by which every request must end

    def __call__(self, body: dict[str, Any]) -> Answer:
        import httpx2

        from whichlayer.shrink.core import canonical

        data = canonical(body).encode("ascii")
        seconds = self.timeout_s
        if self.deadline is not None:
            seconds = min(seconds, self.deadline - time.monotonic())
        if seconds <= 0:
            raise TimeoutError("the time limit (--timeout) was reached")
        timeout = httpx2.Timeout(seconds)
        with self._client.stream(
            "POST", self.url, content=data, headers=self.headers, timeout=timeout
        ) as resp:
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= MAX_ANSWER_BYTES:
                    break
            raw = b"".join(chunks)[:MAX_ANSWER_BYTES]
            return Answer(resp.status_code, dict(resp.headers), raw.decode("utf-8", "replace"))

    def close(self) -> None:
        self._client.close()
