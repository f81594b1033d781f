"""Cloudflare as a CDN / reverse proxy in front of an API: its 52x statuses and pages."""

from whichlayer.providers._base import Documented, GatewayPages, Provider, StatusPage
from whichlayer.taxonomy import Cause, Origin

DOCS = "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/"
ONE_K = "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/"


def _page(status: int, title: str) -> str:
    return (
        f"Error code: {status} - <!DOCTYPE html><html><head><title>api.example.com | "
        f"{status}: {title}</title></head><body><h1>{title}</h1><span>Error code "
        f"{status}</span> Cloudflare Ray ID: 8a1b2c3d4e5f6a7b</body></html>"
    )


_PAGES = GatewayPages(_page, DOCS)


PROVIDER = Provider(
    id="cloudflare",
    name="Cloudflare (CDN)",
    kind="gateway",
    protocols=("http",),
    words=("cloudflare", "cf-ray"),
    hop_headers=(
        ("cf-ray", "", "Cloudflare is in the path"),
        ("server", "cloudflare", "Cloudflare answered"),
    ),
    docs=DOCS,
    status_page=StatusPage(
        "https://www.cloudflarestatus.com",
        "statuspage.io v2",
        "https://www.cloudflarestatus.com/api/v2/summary.json",
        api_words=("cdn", "proxy", "dns"),
    ),
    owner="52x statuses are Cloudflare describing the origin behind it: the origin (the API "
    "or relay) failed, Cloudflare reports it.",
    errors=(
        _PAGES.row(
            520,
            Cause.BAD_GATEWAY,
            "Web server is returning an unknown error",
            "The origin answered something empty or unexpected.",
        ),
        _PAGES.row(
            521,
            Cause.UNAVAILABLE,
            "Web server is down",
            "The origin refused Cloudflare's connection.",
        ),
        _PAGES.row(
            522,
            Cause.GATEWAY_TIMEOUT,
            "Connection timed out",
            "Cloudflare could not connect to the origin in time.",
        ),
        _PAGES.row(
            523,
            Cause.BAD_GATEWAY,
            "Origin is unreachable",
            "Cloudflare has no route to the origin.",
        ),
        _PAGES.row(
            524,
            Cause.GATEWAY_TIMEOUT,
            "A timeout occurred",
            "The origin accepted the connection but did not answer within 100 s.",
        ),
        _PAGES.row(
            525,
            Cause.BAD_GATEWAY,
            "SSL handshake failed",
            "The TLS handshake between Cloudflare and the origin failed.",
        ),
        _PAGES.row(
            526,
            Cause.BAD_GATEWAY,
            "Invalid SSL certificate",
            "The origin's certificate is not valid for Cloudflare.",
        ),
        Documented(
            "error 1015",
            Cause.GATEWAY_LIMIT,
            ONE_K,
            "Error code: 429 - <!DOCTYPE html><html><head><title>Access denied | "
            "api.example.com used Cloudflare to restrict access</title></head><body><h1>Error "
            "1015</h1><h2>You are being rate limited</h2> Cloudflare Ray ID: 8a1b2c3d4e5f6a7b"
            "</body></html>",
            "Error 1015: the site's Cloudflare rate-limiting rule throttled the caller.",
            status=429,
            field="phrase",
            context=True,
            origin=Origin.GATEWAY,
        ),
        Documented(
            "error 1020",
            Cause.POLICY_BLOCK,
            ONE_K,
            "Error code: 403 - <!DOCTYPE html><html><head><title>Access denied | "
            "api.example.com used Cloudflare to restrict access</title></head><body><h1>Error "
            "1020</h1><h2>Access denied</h2> Cloudflare Ray ID: 8a1b2c3d4e5f6a7b</body></html>",
            "Error 1020: a firewall rule of the site refused the request.",
            status=403,
            field="phrase",
            context=True,
            origin=Origin.GATEWAY,
        ),
        Documented(
            "error 1010",
            Cause.POLICY_BLOCK,
            ONE_K,
            "Error code: 403 - <!DOCTYPE html><html><head><title>Access denied | "
            "api.example.com used Cloudflare to restrict access</title></head><body><h1>Error "
            "1010</h1><h2>The owner of this website has banned your access based on your "
            "browser's signature</h2> Cloudflare Ray ID: 8a1b2c3d4e5f6a7b</body></html>",
            "Error 1010: the client's signature (its HTTP library) is banned by the site.",
            status=403,
            field="phrase",
            context=True,
            origin=Origin.GATEWAY,
        ),
        Documented(
            "error code: 1003",
            Cause.ENDPOINT_MISMATCH,
            ONE_K,
            "Error: 403 error code: 1003",
            "Error 1003 (Direct IP access not allowed): the request reached Cloudflare by an "
            "IP address or a Host it does not serve; use the API's documented host name.",
            status=403,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "error code: 1020",
            Cause.POLICY_BLOCK,
            ONE_K,
            "Error code: 403 - error code: 1020",
            "Error 1020 (plain-text form): a firewall rule of the site refused the request.",
            status=403,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "error code: 1010",
            Cause.POLICY_BLOCK,
            ONE_K,
            "Error code: 403 - error code: 1010",
            "Error 1010 (plain-text form): the client's signature is banned by the site.",
            status=403,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
    ),
)
