"""Optional exporters fed by the recorder thread: Prometheus ``/metrics`` and OTLP/HTTP.

Both take records that have already passed through the redactor, and both run
off the hot path. Their packages are optional (``pip install 'whichlayer[proxy]'``).
"""

from __future__ import annotations

from typing import Any, Protocol

#: The record fields carried as attributes on spans and metrics.
_DIAGNOSIS = ("layer", "cause", "origin", "retry")


class Exporter(Protocol):
    def export(self, row: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def _status_class(status: int | None) -> str:
    return f"{status // 100}xx" if status else "none"


class PrometheusExporter:
    """Counters and a histogram on ``http://127.0.0.1:PORT/metrics``."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server

        self.registry = CollectorRegistry()
        self.requests = Counter(
            "whichlayer_proxy_requests",
            "Requests forwarded, by answer status class",
            ["status_class"],
            registry=self.registry,
        )
        self.failures = Counter(
            "whichlayer_proxy_failures",
            "Failures by diagnosis",
            ["layer", "cause", "origin", "retry"],
            registry=self.registry,
        )
        self.flags = Counter(
            "whichlayer_proxy_flags",
            "Retry storms, streams cut midway, slow first bytes",
            ["flag"],
            registry=self.registry,
        )
        self.ttfb = Histogram(
            "whichlayer_proxy_ttfb_seconds",
            "Time to the upstream's answer head",
            registry=self.registry,
            buckets=(0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self._server, self._thread = start_http_server(port, host, registry=self.registry)
        self.port = self._server.server_port

    def export(self, row: dict[str, Any]) -> None:
        self.requests.labels(_status_class(row.get("status"))).inc()
        if not row.get("ok"):
            self.failures.labels(*(str(row.get(k) or "unknown") for k in _DIAGNOSIS)).inc()
        for flag in row.get("flags") or ():
            self.flags.labels(flag).inc()
        if row.get("ttfb_ms") is not None:
            self.ttfb.observe(row["ttfb_ms"] / 1000.0)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class OtlpExporter:
    """A span per exchange and counters, over OTLP/HTTP (protobuf) to ``url``."""

    def __init__(self, url: str, export_interval_s: float = 5.0) -> None:
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        base = url.rstrip("/")
        resource = Resource.create({"service.name": "whichlayer-proxy"})
        self.tracer_provider = TracerProvider(resource=resource)
        self.tracer_provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{base}/v1/traces", timeout=10))
        )
        reader = PeriodicExportingMetricReader(
            OTLPMetricExporter(endpoint=f"{base}/v1/metrics", timeout=10),
            export_interval_millis=export_interval_s * 1000,
        )
        self.meter_provider = MeterProvider(resource=resource, metric_readers=[reader])
        self.tracer = self.tracer_provider.get_tracer("whichlayer.proxy")
        meter = self.meter_provider.get_meter("whichlayer.proxy")
        self.requests = meter.create_counter("whichlayer.proxy.requests", "1", "Requests forwarded")
        self.failures = meter.create_counter("whichlayer.proxy.failures", "1", "Failures")

    def export(self, row: dict[str, Any]) -> None:
        from opentelemetry.trace import SpanKind, Status, StatusCode

        attrs: dict[str, Any] = {
            "http.request.method": row["method"],
            "url.path": row["path"].split("?")[0],
            "server.address": row.get("upstream") or "",
            "whichlayer.record_id": row["id"],
            "whichlayer.stream_end": row.get("stream_end") or "",
        }
        if row.get("status") is not None:
            attrs["http.response.status_code"] = row["status"]
        if row.get("model"):
            attrs["gen_ai.request.model"] = row["model"]
        if row.get("request_ids"):
            attrs["whichlayer.request_id"] = row["request_ids"][0]["value"]
        if row.get("flags"):
            attrs["whichlayer.flags"] = list(row["flags"])
        failed = not row.get("ok")
        if failed:
            for key in _DIAGNOSIS:
                attrs[f"whichlayer.{key}"] = str(row.get(key) or "unknown")
        start = int(row["ts"] * 1e9)
        end = start + int((row.get("total_ms") or 0.0) * 1e6)
        span = self.tracer.start_span(
            f"{row['method']} {attrs['url.path']}",
            kind=SpanKind.CLIENT,
            start_time=start,
            attributes=attrs,
        )
        if failed:
            span.set_status(Status(StatusCode.ERROR, f"{row.get('layer')}/{row.get('cause')}"))
        span.end(end_time=end)
        self.requests.add(1, {"http.response.status_class": _status_class(row.get("status"))})
        if failed:
            self.failures.add(
                1, {f"whichlayer.{k}": str(row.get(k) or "unknown") for k in _DIAGNOSIS}
            )

    def close(self) -> None:
        self.tracer_provider.shutdown()
        self.meter_provider.shutdown()


def prometheus_exporter(port: int) -> PrometheusExporter:
    return PrometheusExporter(port)


def otlp_exporter(url: str) -> OtlpExporter:
    return OtlpExporter(url)
