"""nginx (and OpenResty) in front of an API: its stock error pages."""

from whichlayer.providers._base import GatewayPages, Provider
from whichlayer.taxonomy import Cause

DOCS = "https://nginx.org/en/docs/http/ngx_http_proxy_module.html"
LIMIT = "https://nginx.org/en/docs/http/ngx_http_limit_req_module.html"


def _page(status: int, title: str) -> str:
    return (
        f"Error code: {status} - <html>\r\n<head><title>{status} {title}</title></head>"
        f"\r\n<body>\r\n<center><h1>{status} {title}</h1></center>\r\n<hr><center>"
        "nginx</center>\r\n</body>\r\n</html>"
    )


_PAGES = GatewayPages(_page, DOCS)


PROVIDER = Provider(
    id="nginx",
    name="nginx",
    kind="gateway",
    protocols=("http",),
    words=("nginx", "openresty"),
    hop_headers=(
        ("server", "nginx", "an nginx server answered (often a relay or gateway)"),
        ("server", "openresty", "an OpenResty (nginx) server answered (often a relay or gateway)"),
    ),
    docs=DOCS,
    owner="nginx's own pages describe the upstream it proxies to (502/504) or its own "
    "limits (413, 429).",
    errors=(
        _PAGES.row(
            502,
            Cause.BAD_GATEWAY,
            "Bad Gateway",
            "The upstream nginx proxies to refused, closed or sent garbage.",
        ),
        _PAGES.row(
            504,
            Cause.GATEWAY_TIMEOUT,
            "Gateway Time-out",
            "The upstream did not answer within proxy_read_timeout.",
        ),
        _PAGES.row(
            413,
            Cause.REQUEST_TOO_LARGE,
            "Request Entity Too Large",
            "The body exceeds client_max_body_size.",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size",
        ),
        _PAGES.row(
            429,
            Cause.GATEWAY_LIMIT,
            "Too Many Requests",
            "nginx's own limit_req refused the call.",
            LIMIT,
        ),
    ),
)
