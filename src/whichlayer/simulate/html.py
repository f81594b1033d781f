"""HTML error pages as nginx and Cloudflare send them, instead of the API's JSON.

nginx: the built-in pages of ``src/http/ngx_http_special_response.c``
("<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>").
Cloudflare: the 5xx error page (title ``<host> | 524: A timeout occurred``,
``cf-error-details``, "Error code 524", "Cloudflare Ray ID"), as quoted in
public bug reports of clients that received it from api.openai.com-like hosts.
Statuses and titles: developers.cloudflare.com/support/troubleshooting/
http-status-codes/cloudflare-5xx-errors/ (520 "Web server is returning an
unknown error", 521 "Web server is down", 522 "Connection timed out",
523 "Origin is unreachable", 524 "A timeout occurred").
"""

from __future__ import annotations

import secrets
import time

from whichlayer.simulate.faults import Reply

_NGINX = {
    502: "502 Bad Gateway",
    503: "503 Service Temporarily Unavailable",
    504: "504 Gateway Time-out",
}

_CLOUDFLARE = {
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway time-out",
    520: "Web server is returning an unknown error",
    521: "Web server is down",
    522: "Connection timed out",
    523: "Origin is unreachable",
    524: "A timeout occurred",
}

#: page id -> (vendor, status); the ids are scenario variants (``bad_gateway:nginx``).
PAGES: dict[str, tuple[str, int]] = {
    "nginx": ("nginx", 502),
    "nginx_502": ("nginx", 502),
    "nginx_503": ("nginx", 503),
    "nginx_504": ("nginx", 504),
    "cloudflare": ("cloudflare", 502),
    **{f"cloudflare_{code}": ("cloudflare", code) for code in _CLOUDFLARE},
}


def page(page_id: str, host: str = "api.simulated.invalid") -> Reply:
    """The HTML reply of one vendor page."""
    vendor, status = PAGES[page_id]
    if vendor == "nginx":
        return nginx(status)
    return cloudflare(status, host)


def nginx(status: int) -> Reply:
    title = _NGINX[status]
    body = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    )
    return Reply(status, body.encode(), "text/html", {"server": "nginx"})


def cloudflare(status: int, host: str) -> Reply:
    ray = secrets.token_hex(8)
    text = _CLOUDFLARE[status]
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    # The page is copied as Cloudflare sends it, long lines and all.
    body = f"""<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
<head>
<title>{host} | {status}: {text}</title>
<meta charset="UTF-8" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
</head>
<body>
<div id="cf-wrapper">
<div id="cf-error-details" class="p-0">
<header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
<h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
<span class="inline-block">{text}</span>
<span class="code-label">Error code {status}</span>
</h1>
<div>Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_{status}">cloudflare.com</a> for more information.</div>
<div class="mt-3">{stamp}</div>
</header>
<div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
<p class="text-13">
<span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">{ray}</strong></span>
<span class="cf-footer-separator sm:hidden">&bull;</span>
<span class="cf-footer-item sm:block sm:mb-1">Performance &amp; security by <a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing" target="_blank">Cloudflare</a></span>
</p>
</div>
</div>
</div>
</body>
</html>
"""  # noqa: E501
    headers = {"server": "cloudflare", "cf-ray": f"{ray}-SJC"}
    return Reply(status, body.encode(), "text/html; charset=UTF-8", headers)
