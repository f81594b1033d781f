"""One exchange as the hot path saw it: raw facts only, judged later off the hot path."""

from __future__ import annotations

from whichlayer.proxy._http import Head

#: How the body of an answer ended.
END_COMPLETE = "complete"
END_CUT_BY_UPSTREAM = "cut_by_upstream"
END_CUT_BY_CLIENT = "cut_by_client"
END_NO_ANSWER = "no_answer"  # the upstream never answered; the proxy answered itself

#: How much of an error body, or of a stream's last payload, is kept for the diagnosis.
CAPTURE_BYTES = 65_536


class Exchange:
    """Filled in by the forwarding code; read by the recorder thread."""

    __slots__ = (
        "body_hash",
        "capture",
        "client_closed",
        "error",
        "error_kind",
        "frames",
        "max_gap_s",
        "method",
        "model_hint",
        "path",
        "req_body",
        "req_head",
        "req_size",
        "resp_head",
        "resp_size",
        "reused",
        "sse",
        "started",
        "status",
        "stream_end",
        "t_connect",
        "t_first_frame",
        "t_total",
        "t_ttfb",
        "target",
    )

    def __init__(self, started: float, method: str, path: str, req_head: Head, target: str) -> None:
        self.started = started  # wall clock (epoch seconds)
        self.method = method
        self.path = path
        self.req_head = req_head  # the auth header is read for its fingerprint only, then dropped
        self.target = target
        self.req_body = b""  # the start of the request body (model, stream flag, hash)
        self.body_hash: str | None = None  # set on the hot path only for bodies streamed through
        self.model_hint: str | None = None
        self.req_size = 0
        self.status: int | None = None
        self.resp_head: Head | None = None
        self.resp_size = 0
        self.sse = False
        self.frames = 0
        self.capture = bytearray()
        self.stream_end: str | None = None
        self.error: BaseException | None = None  # why the upstream could not be reached
        self.error_kind: str | None = None
        self.reused = False
        self.client_closed = False
        self.t_connect: float | None = None
        self.t_ttfb: float | None = None
        self.t_first_frame: float | None = None
        self.t_total: float | None = None
        self.max_gap_s = 0.0
