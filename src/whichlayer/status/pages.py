"""Where each provider publishes its status, and which of its components are the API.

Kept apart from the readers so that the provider registry can own these rows;
``WHICHLAYER_STATUS_URL_<PROVIDER>`` overrides a page's URL (tests point it at
a loopback server; a company mirror can too).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class StatusPage:
    provider: str
    name: str
    url: str
    format: str
    #: Lower-case words; a component or product whose name holds one is part of the API.
    api_words: tuple[str, ...]

    def effective_url(self) -> str:
        return os.environ.get(f"WHICHLAYER_STATUS_URL_{self.provider.upper()}", "") or self.url


PAGES: dict[str, StatusPage] = {
    p.provider: p
    for p in (
        StatusPage(
            "anthropic",
            "Anthropic",
            "https://status.anthropic.com/api/v2/summary.json",
            "statuspage",
            ("api",),
        ),
        StatusPage(
            "openai",
            "OpenAI",
            "https://status.openai.com/proxy/status.openai.com",
            "incidentio",
            (
                "api",
                "responses",
                "completions",
                "embeddings",
                "batch",
                "realtime",
                "assistants",
                "fine-tuning",
                "files",
                "moderations",
                "audio",
                "image",
                "codex",
            ),
        ),
        StatusPage(
            "google",
            "Google Cloud (Vertex AI / Gemini)",
            "https://status.cloud.google.com/incidents.json",
            "google_cloud",
            ("vertex", "gemini", "generative"),
        ),
        StatusPage(
            "bedrock",
            "AWS (Bedrock)",
            "https://health.aws.amazon.com/public/currentevents",
            "aws_health",
            ("bedrock",),
        ),
        StatusPage(
            "azure",
            "Azure (Azure OpenAI)",
            "https://azure.status.microsoft/en-us/status/feed/",
            "azure_rss",
            ("openai", "ai foundry", "ai services", "cognitive"),
        ),
        StatusPage(
            "cloudflare",
            "Cloudflare",
            "https://www.cloudflarestatus.com/api/v2/summary.json",
            "statuspage",
            ("ai gateway", "workers ai", "cdn", "proxy"),
        ),
    )
}

#: Other names people and the engine use for the same provider.
ALIASES = {
    "claude": "anthropic",
    "gemini": "google",
    "vertex": "google",
    "vertex_ai": "google",
    "aws": "bedrock",
    "azure_openai": "azure",
    "chatgpt": "openai",
    "codex": "openai",
}


def page_for(name: str | None) -> StatusPage | None:
    if not name:
        return None
    key = name.strip().lower().replace("-", "_")
    return PAGES.get(ALIASES.get(key, key))


#: Hosts whose status page is the provider's own (a relay's base URL is not).
_HOST_PROVIDER = (
    ("openai.azure.com", "azure"),
    ("anthropic.com", "anthropic"),
    ("openai.com", "openai"),
    ("googleapis.com", "google"),
    ("amazonaws.com", "bedrock"),
)
#: The provider a client's protocol talks to when it has no base URL of its own.
PROTOCOL_PROVIDER = {"anthropic": "anthropic", "openai": "openai", "gemini": "google"}


def provider_for_host(host: str | None) -> str | None:
    host = (host or "").lower().rstrip(".")
    return next((p for suffix, p in _HOST_PROVIDER if host.endswith(suffix)), None)


def page_for_diagnosis(provider: str | None, host: str | None) -> StatusPage | None:
    """The status page that speaks for a diagnosis: its host's provider, else its dialect's."""
    return page_for(provider_for_host(host)) or page_for(provider)
