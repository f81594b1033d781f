"""nginx (and OpenResty) in front of an API: its stock error pages."""

from whichlayer.providers._base import Documented, GatewayPages, Provider
from whichlayer.taxonomy import Cause, Origin

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
        _PAGES.row(
            403,
            Cause.POLICY_BLOCK,
            "Forbidden",
            "nginx refused the request by its own access rules (deny, allow, auth_request).",
            "https://nginx.org/en/docs/http/ngx_http_access_module.html",
        ),
        _PAGES.row(
            404,
            Cause.ENDPOINT_MISMATCH,
            "Not Found",
            "No location of nginx serves the path: the base URL or path is wrong.",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#location",
        ),
        _PAGES.row(
            405,
            Cause.ENDPOINT_MISMATCH,
            "Not Allowed",
            "nginx does not take this method on the path (a POST to static content).",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#location",
        ),
        _PAGES.row(
            414,
            Cause.REQUEST_TOO_LARGE,
            "Request-URI Too Large",
            "The request line exceeds large_client_header_buffers.",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers",
        ),
        Documented(
            "the plain http request was sent to https port",
            Cause.ENDPOINT_MISMATCH,
            "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#errors",
            "Error code: 400 - <html>\r\n<head><title>400 The plain HTTP request was sent to "
            "HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>"
            "\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>"
            "nginx</center>\r\n</body>\r\n</html>",
            "The base URL says http:// for a port that speaks HTTPS: use https://.",
            status=400,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
        Documented(
            "request header or cookie too large",
            Cause.REQUEST_TOO_LARGE,
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers",
            _page(400, "Request Header Or Cookie Too Large"),
            "A request header (often a very long key or cookie) exceeds "
            "large_client_header_buffers.",
            status=400,
            field="phrase",
            origin=Origin.GATEWAY,
        ),
    ),
)
