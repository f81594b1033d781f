"""Network: getting there (DNS, TCP, proxy, TLS, timeouts, resets).

Wordings come from the clients that print them: CPython (socket, ssl,
errno), urllib3/requests, httpx/httpcore, aiohttp, Node (libuv codes, undici
``UND_ERR_*``, OpenSSL verify codes), curl exit codes, Go net/http and
crypto/x509, Rust hyper/reqwest/rustls.
"""

from __future__ import annotations

import re

from whichlayer.rules.base import (
    Facts,
    Rule,
    all_of,
    any_of,
    exception,
    field_is,
    none_of,
    says,
    status,
    websocket_close,
)
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

L = Layer.NETWORK

_LOCAL_HOST = re.compile(
    r"\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)\b"
)


def _local_target(view: View) -> Facts | None:
    found = _LOCAL_HOST.search(view.hay)
    return {"host": found.group(0)} if found else None


# Ports the local proxy programs listen on by default: Clash and mihomo (7890-7899, Clash
# Verge Rev 7897/7898, clash-for-lab 17890), v2rayN (10808-10811), SOCKS (1080/1081),
# ShadowsocksX-NG (1086/1087), Privoxy (8118), Squid (3128), NekoRay (2080/2081), v2rayA
# (20170-20172), Hiddify (12334), Tor (9050/9150), Surge (6152/6153). Ports that model servers
# or web apps also use (8080, 8000, 8888, 8123) are left out: there a refusal is the server.
_PROXY_PORT = (
    r"(?:1?789\d|108[01]|108[67]|1080[89]|1081[01]|8118|3128|208[01]|2017[012]|12334|9[01]50"
    r"|615[23])"
)
_LOCAL_PROXY = re.compile(
    r"(?<![\w.:])(?:127\.0\.0\.1|localhost|0\.0\.0\.0|::1|\[::1\])"
    r"(?:\]?:|'?,\s*(?:port=)?|\s+port\s+"
    # Node's system error printed as an object (util.inspect or JSON): address: '127.0.0.1',
    # port: 7890
    r"|['\"],\s*['\"]?port['\"]?:\s*)" + _PROXY_PORT + r"(?!\d)"
)
# A proxy the paste shows as configured: HTTPS_PROXY=..., "proxy": "http://...", --proxy ...
_PROXY_SETTING = re.compile(
    r"(?:\b(?:https?|all|socks)_proxy|\bproxy(?:_?url|_?server)?|--proxy)[\"']?\s*[=:]?\s*[\"']?"
    r"(?:(?:https?|socks[45]?h?)://)?(?:[^@\s/\"']+@)?([\w.\-]+|\[[0-9a-f:]+\]):(\d{2,5})\b"
)


def _refused_at_proxy(view: View) -> Facts | None:
    """The refused address is a proxy's: a local port proxy programs listen on, or the
    proxy the paste shows configured."""
    hay = view.hay
    found = _LOCAL_PROXY.search(hay)
    if found:
        return {"proxy port": found.group(0)}
    for setting in _PROXY_SETTING.finditer(hay):
        host, port = setting.group(1), setting.group(2)
        addresses = (f"{host}:{port}", f"{host} port {port}", f"'{host}', {port}")
        rest = hay[: setting.start()] + "\n" + hay[setting.end() :]
        if any(a in rest for a in addresses):
            return {"configured proxy": f"{host}:{port}"}
    return None


#: The resolver's own words for a failed lookup (CPython/urllib3, Node, Go, curl, .NET,
#: Android, Rust): they mean the name did not resolve wherever they appear.
_LOOKUP_FAILED = (
    (r"\bgetaddrinfo (?:enotfound|eai_again|failed)", "getaddrinfo "),
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated with hostname",
    "no such host",
    "could not resolve host",
    "failed to resolve '",
    "remote name could not be resolved",
    (r"unable to resolve host \S", "unable to resolve host "),
    "failed to lookup address",
)

#: A relay's words for its own request to its upstream (one-api/new-api "do request
#: failed", its Chinese log line, and the "(request id: ...)" it adds to what it relays).
_RELAY_OWN_REQUEST = (
    "do request failed",
    "请求上游地址失败",
    "failed to request upstream",
)

#: A local model server's words for its OWN call to its model process (Ollama's server to
#: its llama runner on a loopback port: "POST predict: Post \"http://127.0.0.1:.../completion\":
#: EOF", "do load request: ...", "do embedding request: ...", "an (unknown) error was
#: encountered while running the model: unexpected EOF"). An EOF there is the runner dying
#: (a crash, out of memory), answered to the client as a 500: upstream, not the client's
#: network, whatever the EOF words say.
_RUNNER_CALL = (
    "post predict:",
    "do load request:",
    "do embedding request:",
    "encountered while running the model",
)


#: A local model server's own address: a loopback host with the default port of Ollama
#: (11434) or LM Studio (1234), or Ollama's native API paths.
_LOCAL_MODEL_SERVER = re.compile(
    r"(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(?:11434|1234)\b"
    r"|(?::\d{2,5})?/api/(?:chat|generate|tags|embed|embeddings|show|pull|ps)\b)"
)
#: The Ollama clients' own words for a failed status (LangChain's "Ollama call failed with
#: status code 502. Details: ...", ollama-python's "ResponseError: ... (status code: 502)"):
#: they name the local server without its address.
#: Only their empty forms: a message after them is the server's own words.
_OLLAMA_CLIENT = re.compile(
    r"ollama call failed with status code \d{3}\.?(?: details:?)?\s*(?=\Z|\n|at |file |traceback)|"
    r"\bresponseerror:\s*\(status code: \d{3}\)"
)
#: A browser's (or a web view's) own words: there an empty 403 is Ollama refusing the page's
#: origin (OLLAMA_ORIGINS), not a proxy.
_BROWSER = re.compile(r"net::err_|failed to load resource|\bcors\b|origin ")


def _local_server_intercepted(view: View) -> Facts | None:
    """A loopback model server's URL answered with a status such servers never send
    bodiless: a gateway status (502/503/504), or a 403 to a script (no browser origin)."""
    ev = view.ev
    if ev.html_vendor or ev.html_title:
        return None  # a page answered: read that instead
    hay = view.hay
    target = _LOCAL_MODEL_SERVER.search(hay) or _OLLAMA_CLIENT.search(hay)
    if target is None:
        return None
    # a body that says something is the server's answer; one that carries the client's own
    # line (the address, the client's words) is that line passed on in an envelope
    said = target.group(0)
    for body in ev.bodies:
        if body.message and said not in " ".join(body.message.lower().split()):
            return None
    if ev.status == 403 and _BROWSER.search(hay):
        return None
    return {"local server": target.group(0), "answered": str(ev.status)}


#: LiteLLM words every httpx timeout "Connection timed out after {timeout} seconds." with the
#: timeout of the WHOLE call (connect included). A connect that long never happens: an
#: unanswered SYN ends in the operating system's own connect timeout (about 21 s on Windows,
#: 75-130 s on macOS and Linux) as a connect error, not a timeout; so past two minutes the
#: wait was for the answer.
_LITELLM_WAITED = re.compile(r"litellm\.timeout: connection timed out after (\d+(?:\.\d+)?) ?s")


def _waited_for_answer(view: View) -> Facts | None:
    found = _LITELLM_WAITED.search(view.hay)
    if found is None or float(found.group(1)) < 120:
        return None
    return {"timeout": found.group(1) + " s"}


#: A 5xx answer that carries a client's own transport words: the party that answered (a
#: relay, a local router, an agent's proxy) could not reach ITS upstream and reports its
#: fetch's failure as its own 500/502/503/504 (undici's "fetch failed", a Rust or Deno
#: client's "error sending request for url", aiohttp's "Cannot connect to host"). (httpx's
#: "All connection attempts failed" is left out: model servers say it of their own workers,
#: as GPUStack's 503 ServiceUnavailable does, and that is the server side.)
#: No provider answered, so the layer is the network, on the relay's hop. Left to their
#: own rules: one-api/new-api's "do request failed: ..." (relay_upstream_error), LiteLLM's
#: "...Exception - Connection error" (relay_upstream_error), a retry summary that names the
#: provider's last status ("Last status: 503"): there the server side did answer.
_RELAY_STATUSES = (500, 502, 503, 504)
_PROVIDER_ANSWERED = (
    "last status",
    "do request failed",
    "exception - ",
    "apiconnectionerror",
    (
        r"(?:upstream|provider) (?:returned|responded with|answered) (?:http |status )?\d{3}",
        "returned",
        "responded with",
        "answered",
    ),
)
#: gRPC's client raises its own transport failures under UNAVAILABLE, which Google's clients
#: print as a 503: no server answered, so the rules that read those words rank where the 60
#: points an answered status costs network rules (classify.ANSWERED_PENALTY) still leave
#: them above the 503's own rules (135 - 60 = 75: above upstream.unavailable, 70).
_GRPC_OWN_FAILURE_PRIORITY = 135
#: Scores drop by ANSWERED_PENALTY (classify) when a status was received: these rules are
#: meant to win over the status's upstream rules only through that penalty (140 - 60 = 80:
#: above upstream.server_error.body 68, upstream.bad_gateway 71 and the relay's generic
#: "upstream error" 65; below the one-api/LiteLLM transport conventions at 82 and 97).
_RELAY_WRAPPED_PRIORITY = 140


def _relay_wrapped(
    rule_id: str,
    statement: str,
    cause: Cause,
    words: tuple[str | tuple[str, ...], ...],
    retry: Retry,
    samples: tuple[str, ...],
    near_misses: tuple[str, ...],
    priority: int = _RELAY_WRAPPED_PRIORITY,
    statuses: tuple[int, ...] = _RELAY_STATUSES,
) -> Rule:
    return Rule(
        rule_id,
        statement,
        L,
        cause,
        all_of(
            status(*statuses),
            says(*words),
            none_of(says(*_PROVIDER_ANSWERED)),
        ),
        priority=priority,
        origin=Origin.RELAY,
        retry=retry,
        confidence=0.6,
        samples=samples,
        near_misses=near_misses,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "network.proxy",
        "The forward proxy refused, failed, or wants authentication.",
        L,
        Cause.PROXY,
        any_of(
            says(
                "proxyerror",
                "proxy authentication required",
                "tunnel connection failed",
                "unable to connect to proxy",
                "cannot connect to proxy",
                "proxyconnect tcp",
                "err_proxy",
                # Chromium/Electron: the CONNECT tunnel through the proxy failed
                "err_tunnel_connection_failed",
                "proxy error",
                (r"socks(?:4|5)?(?: proxy)? error", "socks"),
                "could not connect to proxy",
                # OkHttp when the proxy's 407 could not be answered; the old openai SDK
                # given an empty or broken proxy setting
                "failed to authenticate with proxy",
                "check proxy url",
                # curl's tunnel through the proxy refused: "CONNECT tunnel failed, response 403"
                "connect tunnel failed",
                "received http code 407",
                "curl: (97)",
                (r"proxy response \(\d{3}\) !== 200", "proxy response ("),
                "407 proxy",
                (r"proxy connection (?:timed out|failed|refused|closed)", "proxy connection "),
                # https-proxy-agent: "Proxy connection ended before receiving CONNECT response"
                "before receiving connect response",
                # the socks npm package, PySocks, Go's x/net/proxy
                (
                    r"socks[45]?h? (?:proxy rejected|proxy server sent|connect tcp|handshake"
                    r" failed|authentication failed)",
                    "socks",
                ),
            ),
            status(407),
            exception("ProxyError"),
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "curl_cffi.requests.errors.RequestsError: Failed to perform, curl: (56) CONNECT"
            " tunnel failed, response 403.",
            "openai.error.APIConnectionError: Error communicating with OpenAI: Please check"
            " proxy URL. It is malformed and could be missing the host.",
            "Caused by: java.io.IOException: Failed to authenticate with proxy",
            "POST https://api.openai.com/v1/chat/completions net::ERR_TUNNEL_CONNECTION_FAILED",
            "requests.exceptions.ProxyError: HTTPSConnectionPool(host='api.openai.com',"
            " port=443): Max retries exceeded (Caused by ProxyError('Unable to connect to"
            " proxy', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))",
            "request to https://api.openai.com/v1/chat/completions failed, reason: Proxy"
            " connection timed out",
            "Error: Proxy connection ended before receiving CONNECT response",
            "Error: Socks5 proxy rejected connection - ConnectionRefused",
        ),
        near_misses=(
            "CC Switch local proxy failed while handling Codex endpoint /responses. "
            "upstream_status: HTTP 403; cause: 用户额度不足",
        ),
    ),
    Rule(
        "network.connect_refused.dev_proxy",
        "A development server's own proxy could not reach the target it forwards to: Vite's"
        " 'http proxy error: <path>' followed by the error's stack (packages/vite/src/node/"
        "server/middlewares/proxy.ts). With ECONNREFUSED nothing listens at the target (the"
        " local model server is down, or on IPv6 ::1 vs 127.0.0.1); no forward proxy is in"
        " the way.",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            says("http proxy error: "),
            says((r"\beconnrefused\b", "econnrefused")),
        ),
        # above network.proxy (97), which reads "proxy error"
        priority=98,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            "[vite] http proxy error: /v1/chat/completions\nError: connect ECONNREFUSED"
            " 127.0.0.1:1234\n    at TCPConnectWrap.afterConnect [as oncomplete]"
            " (node:net:1607:16)",
        ),
        near_misses=(
            "[vite] http proxy error: /api/chat\nError: socket hang up",
            "Proxy error: tunnel connection failed: ECONNREFUSED",
        ),
    ),
    Rule(
        "network.proxy.local_server_intercepted",
        "A call to a model server on this machine (Ollama, LM Studio) was answered by a proxy:"
        " a gateway status (502/503/504) with no body, or an empty 403 to a script, came back"
        " for a loopback URL. Local model servers never answer those themselves; a proxy the"
        " environment names (HTTP_PROXY/ALL_PROXY without NO_PROXY=localhost, the Windows"
        " system proxy, Clash or v2rayN in global mode) took the localhost call and could not"
        " deliver it.",
        L,
        Cause.PROXY,
        all_of(status(502, 503, 504, 403), _local_server_intercepted),
        # an answered status costs network rules 60 points (classify.ANSWERED_PENALTY); this
        # row reads the answer itself, so 160 - 60 = 100 puts it above the bare 502/403 rules
        # and Ollama's browser-origin 403 (identity, 88), which it leaves to browsers
        priority=160,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "litellm.exceptions.APIConnectionError: OllamaException - Server error '502 Bad"
            " Gateway' for url 'http://localhost:11434/api/generate'",
            "加载模型失败：服务器错误 '502 Bad Gateway' for url 'http://127.0.0.1:11434/v1/models'",
            "ResponseError: (status code: 503)",
            "openai.APIStatusError: Error code: 503\nbase_url=http://localhost:1234/v1",
            "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url:"
            " http://127.0.0.1:11434/api/tags",
            "Error: Ollama call failed with status code 504.",
        ),
        near_misses=(
            'HTTP Request: POST http://ADDRESS:11434/api/chat "HTTP/1.1 502 Bad Gateway"',
            "GET http://localhost:11434/api/tags net::ERR_ABORTED 403 (Forbidden)",
            'Error: 503 {"error":"server busy, please try again.  maximum pending requests'
            ' exceeded"} for url http://localhost:11434/api/chat',
            "Server error '502 Bad Gateway' for url 'http://localhost:4000/v1/chat/completions'",
            "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center>"
            " http://localhost:11434/api/chat",
        ),
    ),
    Rule(
        "network.proxy.privoxy_page",
        "Privoxy answered instead of the API: its own status line ('500 Internal Privoxy"
        " Error') or error page ('502 - No server or forwarder data received (Privoxy@host)',"
        " 'Forwarding failure', 'Connect failed'). The proxy could not deliver the call, often"
        " a localhost call sent through it.",
        L,
        Cause.PROXY,
        says(
            "internal privoxy error",
            # the title of every Privoxy error template: "<what> (Privoxy@<hostname>)"
            (r"\(privoxy@[\w.\-]*\)", "(privoxy@"),
            "privoxy was unable to",
        ),
        # the proxy's own answer: it outranks the status it carries, so the 60 points an
        # answered status costs network rules (classify.ANSWERED_PENALTY) are added back
        priority=157,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "httpx.HTTPStatusError: Server error '500 Internal Privoxy Error' for url"
            " 'http://127.0.0.1:1234/v1/chat/completions'",
            "<title>502 - No server or forwarder data received (Privoxy@localhost)</title>",
        ),
        near_misses=("Privoxy is listening on 127.0.0.1:8118",),
    ),
    Rule(
        "network.proxy.socks_reply",
        "The SOCKS proxy answered the connect request with a failure reply (RFC 1928 codes"
        " 0x01-0x08 as PySocks and python-socks print them: 'General SOCKS server failure',"
        " 'Connection not allowed by ruleset', 'Host unreachable', ...): the proxy, not the"
        " client, could not reach the API or refused to.",
        L,
        Cause.PROXY,
        says(
            (
                r"0x0[1-8]: (?:general socks server failure|connection not allowed by ruleset"
                r"|network unreachable|host unreachable|connection refused|ttl expired"
                r"|command not supported|address type not supported)",
                "0x0",
            ),
            "general socks server failure",
            "socks server failure",
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "requests.exceptions.ConnectionError: SOCKSHTTPSConnectionPool(host='api.openai.com',"
            " port=443): Max retries exceeded with url: /v1/chat/completions (Caused by"
            " NewConnectionError('<urllib3.contrib.socks.SOCKSHTTPSConnection object at"
            " 0x7f01>: Failed to establish a new connection: 0x04: Host unreachable'))",
            "urllib3.exceptions.NewConnectionError: Failed to establish a new connection: 0x02:"
            " Connection not allowed by ruleset",
        ),
        near_misses=("Error: connect ECONNREFUSED 127.0.0.1:11434",),
    ),
    Rule(
        "network.proxy.not_http_reply",
        "The client's HTTP parser got bytes that are not an HTTP response at all (Node's"
        " llhttp 'Parse Error: Expected HTTP/', code HPE_INVALID_CONSTANT, as Node's http,"
        " undici, node-fetch and the request library print it): what answered does not"
        " speak HTTP. Through a proxy setting this is the proxy (a SOCKS port given as an"
        " HTTP proxy, a proxy that mangles the reply); without one, a service on the base"
        " URL's port that is not the API.",
        L,
        Cause.PROXY,
        says("parse error: expected http/", "hpe_invalid_constant"),
        priority=70,
        retry=Retry.NEVER,
        confidence=0.6,
        samples=(
            "Error: Parse Error: Expected HTTP/\n    at Socket.socketOnData"
            " (_http_client.js:515:22) {\n  bytesParsed: 107,\n  code: 'HPE_INVALID_CONSTANT',"
            "\n  reason: 'Expected HTTP/',\n}",
            "{ [Error: Parse Error] bytesParsed: 984, code: 'HPE_INVALID_CONSTANT' }",
        ),
        near_misses=(
            "SyntaxError: Unexpected token < in JSON at position 0",
            "Error: Parse Error: Invalid header value char",
        ),
    ),
    Rule(
        "network.proxy.connect_answer",
        "The client's ProxyError carries a status: the forward proxy's own answer to CONNECT"
        " (httpx 'ProxyError: 503 Service Unavailable', requests 'Tunnel connection failed:"
        " 403 Forbidden'). The status is the proxy's, not the API's.",
        L,
        Cause.PROXY,
        all_of(
            exception("ProxyError"),
            status(400, 401, 403, 404, 405, 429, 500, 502, 503, 504),
        ),
        # the proxy's own answer outranks the status it carries: the 60 points an answered
        # status costs network rules (classify.ANSWERED_PENALTY) are added back
        priority=157,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "httpx.ProxyError: 503 Service Unavailable",
            "httpcore.ProxyError: 502 Bad Gateway",
        ),
        near_misses=("openai.InternalServerError: Error code: 502",),
    ),
    Rule(
        "network.proxy.curl",
        "curl says the proxy failed (its exit code 5, or 56 when the tunnel through the"
        " proxy broke; 56 alone is any receive failure, a reset included).",
        L,
        Cause.PROXY,
        says(
            (
                r"curl: \(56\) (?:proxy|connect tunnel|received http code \d+ from proxy)",
                "curl: (56)",
            ),
            "curl: (5)",
            (r"curl error 5\b", "curl error 5"),
            # curl's words without the exit code (libcurl in PHP, R, git): the proxy's own
            # answer to CONNECT, or the CONNECT given up
            (r"received http code \d{3} from proxy after connect", "from proxy after connect"),
            "proxy connect aborted",
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "curl: (5) Could not resolve proxy: proxy.corp.example",
            "cURL error 56: Received HTTP code 403 from proxy after CONNECT",
        ),
        near_misses=("curl: (56) Recv failure: Connection reset by peer",),
    ),
    Rule(
        "network.proxy.translated",
        "A client's own words, in the user's language, saying the proxy failed or refused:"
        " Chinese 代理连接失败, 代理服务器拒绝连接, 代理错误, 代理认证失败; Japanese"
        " プロキシ接続エラー / プロキシサーバーに接続できません; Russian 'ошибка прокси',"
        " 'не удалось подключиться к прокси'; German 'Proxy-Fehler', 'Verbindung zum"
        " Proxyserver'; French 'erreur de proxy'; Spanish and Portuguese 'error/erro de proxy'."
        " The same reading as the English 'Proxy error' (network.proxy): the forward proxy"
        " the client is set to use, not the API.",
        L,
        Cause.PROXY,
        says(
            (
                r"代理(?:服务器|伺服器)?\s?(?:连接|連接|連線)?\s?(?:失败|失敗|错误|錯誤|异常|異常|"
                r"拒绝|拒絕|认证失败|認證失敗|超时|超時|不可用)",
                "代理",
            ),
            (r"プロキシ(?:サーバー)?(?:接続)?(?:エラー|に接続できません)", "プロキシ"),
            (r"(?:ошибка прокси|не удалось подключиться к прокси)", "прокси"),
            (r"proxy-?fehler|verbindung zum proxy-?server", "proxy"),
            (r"\berr(?:eur|or|o) (?:de|del) (?:proxy|servidor proxy)", "proxy"),
        ),
        priority=80,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            "代理连接失败，请检查代理设置",
            "错误：代理服务器拒绝连接",
            "プロキシ接続エラーが発生しました",
            "Proxy-Fehler: Verbindung abgelehnt",
        ),
        near_misses=("已启用代理", "代理商余额不足"),
    ),
    Rule(
        "network.proxy.squid_page",
        "A Squid proxy's own error page answered instead of the API.",
        L,
        Cause.PROXY,
        says(
            # Squid's own error page: the proxy could not reach what it was asked for
            'id="sysmsg"',
            (r"generated [^\n]{0,80} by [^\n]{0,60}\(squid", "generated "),
            # squid's own headers and error page
            "x-squid-error",
            (r"\(squid/\d", "(squid/"),
            "the squid software foundation",
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "{'headers': {'Server': 'squid/5.2', 'X-Squid-Error': 'ERR_ACCESS_DENIED 0'},"
            " 'status_code': 403}",
        ),
    ),
    Rule(
        "network.proxy.tunnel",
        "The client could not open its tunnel through the forward proxy (tunnel-agent's"
        " 'tunneling socket could not be established', whatever the cause after it): the"
        " proxy, not the API, is unreachable or refused.",
        L,
        Cause.PROXY,
        says(
            "tunneling socket could not be established",
            # hyper-util's tunnel through an HTTP proxy (reqwest, Rust clients): the proxy did
            # not answer CONNECT with 200; hyper-proxy's older "tunnel error: unsuccessful"
            "unsuccessful tunnel",
            "tunnel error: unsuccessful",
            # .NET's SocketsHttpHandler (PowerShell, NuGet, Semantic Kernel): "The proxy tunnel
            # request to proxy 'http://proxy:8080/' failed with status code '407'."
            "the proxy tunnel request to proxy",
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "Error: tunneling socket could not be established, cause=connect ECONNREFUSED"
            " 127.0.0.1:7890",
            "tunneling socket could not be established, statusCode=403",
            "System.Net.Http.HttpRequestException: The proxy tunnel request to proxy"
            " 'http://proxy.corp.example:8080/' failed with status code '407'.",
        ),
        near_misses=("Error: connect ECONNREFUSED 127.0.0.1:7890",),
    ),
    Rule(
        "network.proxy.refused_local_port",
        "The connection was refused at the proxy, not at the API: the refused address is a"
        " local port that proxy programs listen on (Clash 7890/7897, v2rayN 10808/10809,"
        " SOCKS 1080, Privoxy 8118, ...) or the proxy the paste shows configured. The proxy"
        " program is not running or listens on another port.",
        L,
        Cause.PROXY,
        all_of(
            says(
                (r"\beconnrefused\b", "econnrefused"),
                "connection refused",
                "actively refused",
                "connect call failed",
                "curl: (7)",
                (r"curl error 7\b", "curl error 7"),
                "couldn't connect to server",
                "java.net.connectexception",
                "os error 111",
                "os error 61",
                "errno 111]",
                "errno 61]",
                "winerror 10061",
                "connectionrefused",
                "err_connection_refused",
                "err_proxy_connection_failed",
            ),
            _refused_at_proxy,
        ),
        priority=90,
        origin=Origin.PROXY,
        retry=Retry.LIMITED,  # a proxy program restarting comes back; one not started does not
        confidence=0.8,
        samples=(
            "curl: (7) Failed to connect to 127.0.0.1 port 7890 after 0 ms: Connection refused",
            "aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host"
            " localhost:10809 ssl:default [Connect call failed ('127.0.0.1', 10809)]",
            "java.net.ConnectException: Failed to connect to localhost/127.0.0.1:8118",
            "Error: connect ECONNREFUSED ::1:7897",
            "Error: connect ECONNREFUSED 127.0.0.1:10809\n    at TCPConnectWrap.afterConnect [as"
            " oncomplete] (node:net:1555:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n"
            "  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 10809\n}",
            'cause: { "errno": -61, "code": "ECONNREFUSED", "syscall": "connect", "address":'
            ' "127.0.0.1", "port": 7897 }',
            "export HTTPS_PROXY=http://10.20.0.9:8080\nFetchError: request to"
            " https://api.openai.com/v1/models failed, reason: connect ECONNREFUSED"
            " 10.20.0.9:8080",
        ),
        near_misses=(
            "Error: connect ECONNREFUSED 127.0.0.1:11434",
            "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused",
            "connect ECONNREFUSED 127.0.0.1:78901",
            "{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1',"
            " port: 11434 }",
            "HTTPS_PROXY=http://127.0.0.1:8080\nError: connect ECONNREFUSED 127.0.0.1:1234",
        ),
    ),
    Rule(
        "network.proxy.client_support",
        "The client cannot use the proxy its environment names: SOCKS support is not installed"
        " (httpx's 'socksio', requests' 'Missing dependencies for SOCKS support', common when"
        " ALL_PROXY=socks5://... is set by a proxy app) or the proxy URL's scheme is one it"
        " does not know ('socks://', no scheme). Nothing was sent: install the SOCKS extra,"
        " fix the proxy variable, or unset it.",
        L,
        Cause.PROXY,
        says(
            (r"using socks proxy, but the '?socksio'? package", "socksio"),
            "missing dependencies for socks support",
            "unknown scheme for proxy url",
            "proxy url had no scheme",
            "proxyschemeunknown",
        ),
        priority=92,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "ImportError: Using SOCKS proxy, but the 'socksio' package is not installed. Make"
            " sure to install httpx using `pip install httpx[socks]`.",
            "requests.exceptions.InvalidSchema: Missing dependencies for SOCKS support.",
            "ValueError: Unknown scheme for proxy URL URL('socks://127.0.0.1:7890/')",
            "urllib3.exceptions.ProxySchemeUnknown: Proxy URL had no scheme, should start with"
            " http:// or https://",
        ),
        near_misses=("pip install httpx[socks]",),
    ),
    Rule(
        "network.proxy.settings",
        "The client names its proxy settings as the problem, with nothing more specific.",
        L,
        Cause.PROXY,
        says(
            "proxy settings",
        ),
        priority=35,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.5,
        samples=('Fatal Error: Expecting a valid host string in proxy settings, but found "x".',),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.dns",
        "The host name did not resolve.",
        L,
        Cause.DNS,
        any_of(
            says(
                (r"\benotfound\b", "enotfound"),
                (r"\beai_again\b", "eai_again"),
                "getaddrinfo",
                "name or service not known",
                "nodename nor servname",
                "temporary failure in name resolution",
                "no address associated with hostname",
                "no such host",
                "could not resolve host",
                "failed to lookup address",
                # Dart's SocketException (dart:io, dio): "Failed host lookup: 'host'"
                "failed host lookup",
                "dns error",
                (r"name resolution (?:failure|failed|error)", "name resolution "),
                # urllib3's NameResolutionError, .NET's WebExceptionStatus.NameResolutionFailure
                "nameresolution",
                "gaierror",
                (r"errno -[235]\]", "errno -"),
                (r"errno 1100[14]\]", "errno 1100"),
            ),
            exception("gaierror", "NameResolutionError"),
        ),
        priority=78,
        confidence=0.9,
        samples=(
            "FetchError: request to https://api.openai.com/v1/chat/completions failed,"
            " reason: getaddrinfo ENOTFOUND proxy-server",
        ),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.dns.auth_step",
        "A sign-in, token or credential step failed because a host name did not resolve"
        " (the identity provider's token host: login.microsoftonline.com, oauth2.googleapis.com,"
        " an OAuth refresh URL): nothing reached a server, so no credential was checked.",
        L,
        Cause.DNS,
        all_of(
            says(*_LOOKUP_FAILED),
            says(
                (r"\brefresh", "refresh"),
                "oauth",
                (r"\bauthenticat", "authenticat"),
                "credential",
                (r"\blog ?in\b", "login", "log in"),
                (r"\bsign ?in\b", "signin", "sign in"),
                (r"\btoken\b", "token"),
            ),
        ),
        priority=95,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            "Failed to refresh token: getaddrinfo EAI_AGAIN auth.example.com",
            "azure.core.exceptions.ClientAuthenticationError: Authentication failed:"
            " <urllib3.connection.HTTPSConnection object at 0x7f0>: Failed to resolve"
            " 'login.microsoftonline.com' ([Errno 11001] getaddrinfo failed)",
            "MsalClientException: An IO error occurred with message: Unable to resolve host"
            ' "login.microsoftonline.com": No address associated with hostname',
        ),
        near_misses=(
            "Failed to refresh token: invalid_grant",
            "Authentication failed: Incorrect API key provided",
        ),
    ),
    Rule(
        "network.dns.relay_upstream",
        "A relay (one-api/new-api) says its own request to its upstream failed because the"
        " upstream's host name did not resolve (a channel's base URL with a typo, or"
        " host.docker.internal in a container that does not define it): the relay's DNS,"
        " not the caller's.",
        L,
        Cause.DNS,
        all_of(
            any_of(field_is("code", "do_request_failed"), says(*_RELAY_OWN_REQUEST)),
            says(*_LOOKUP_FAILED),
        ),
        priority=84,
        origin=Origin.RELAY,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'do request failed: Post "http://host.docker.internal:11434/v1/chat/completions":'
            " dial tcp: lookup host.docker.internal on 127.0.0.11:53: no such host",
        ),
        near_misses=('do request failed: Post "https://api.openai.com/v1/chat/completions": EOF',),
    ),
    Rule(
        "network.dns.lookup_timeout",
        "The name lookup itself timed out: no DNS server answered (Go's 'lookup HOST on"
        " 10.0.0.2:53: i/o timeout', c-ares' 'queryA ETIMEOUT', curl's 'Resolving timed out',"
        " aiohttp's 'Timeout while contacting DNS servers'). The host was never dialled, so"
        " it is not a connect timeout.",
        L,
        Cause.DNS,
        says(
            (
                r"\blookup [\w.\-]+(?: on [\w.:\[\]%]+)?: (?:read udp [^\n]{0,80}?: )?i/o timeout",
                "lookup ",
            ),
            (r"\bquery(?:a|aaaa|srv|any)? etimeout\b", "etimeout"),
            "resolving timed out after",
            "timeout while contacting dns servers",
            (r"dns (?:lookup|resolution|query) (?:timed out|timeout)", "dns "),
        ),
        # above network.connect_timeout (79), whose "i/o timeout" a lookup's line also says
        priority=82,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            'Post "https://api.deepseek.com/chat/completions": dial tcp: lookup api.deepseek.com'
            " on 192.168.1.1:53: i/o timeout",
            "Error: queryA ETIMEOUT generativelanguage.googleapis.com",
            "cURL error 28: Resolving timed out after 10001 milliseconds",
        ),
        near_misses=(
            'Post "https://api.openai.com/v1/chat/completions": dial tcp 104.18.6.192:443: i/o'
            " timeout",
        ),
    ),
    Rule(
        "network.dns.tools",
        "A browser, curl, Java, .NET or Go reports that the host name could not be resolved.",
        L,
        Cause.DNS,
        says(
            "curl: (6)",
            (r"curl error 6\b", "curl error 6"),
            "dns_probe",
            "err_name_not_resolved",
            "err_name_resolution_failed",
            "unknownhostexception",
            # (Could not contact DNS servers)"
            # curl's resolver through PHP and others: "Could not resolve: api.openai.com
            "could not contact dns servers",
            (r"could not resolve: [\w\-]+\.[\w.\-]+", "could not resolve: "),
            # .NET's WebException
            "remote name could not be resolved",
            # Go's resolver: the DNS server answered with an error (SERVFAIL)
            (r"\d:53: server misbehaving", ":53: server misbehaving"),
            # Go's net.DNSError names the resolver it asked: "lookup HOST on 192.168.1.1:53:
            # i/o timeout | read: connection refused"; whatever follows, the name lookup
            # failed (the resolver was refused), not the connection to the API
            (r"\blookup [^\s:]+ on [^\s]+:53: ", "lookup "),
            # the DNS answer's own code as nslookup, dig, host and Erlang/Elixir clients print
            # it: "** server can't find x: NXDOMAIN", "Host x not found: 2(SERVFAIL)",
            # Mint's "reason: :nxdomain", Windows' "Non-existent domain"
            # Chrome's page for ERR_NAME_NOT_RESOLVED in Chinese: "找不到 x 的服务器 IP 地址"
            (r"找不到 ?\S+ ?的服务器 ?ip ?地址", "找不到"),
            (r"\bnxdomain\b", "nxdomain"),
            (r"\bservfail\b", "servfail"),
            "server can't find",
            "non-existent domain",
        ),
        priority=78,
        confidence=0.9,
        samples=(
            "Could not resolve: api.openai.com (Could not contact DNS servers)",
            'Post "https://api.openai.com/v1/chat/completions": dial tcp: lookup'
            " api.openai.com on 127.0.0.53:53: server misbehaving",
            "auth.example.com returns NXDOMAIN from 8.8.8.8 while api.example.com resolves",
            "** server can't find api.example.ai: NXDOMAIN",
            "无法访问此网站 找不到 api.example-relay.cn 的服务器 IP 地址。 ERR_NAME_NOT_RESOLVED",
            "** (Mint.TransportError) non-existing domain (reason: :nxdomain)",
        ),
    ),
    Rule(
        "network.tls_verify",
        "The server's certificate was not trusted (self-signed, intercepting proxy, expired, "
        "wrong host).",
        L,
        Cause.TLS_VERIFY,
        any_of(
            says(
                "certificate verify failed",
                "certificate_verify_failed",
                # Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE, also told without its article
                (r"unable to verify (?:the first|first|leaf)", "unable to verify "),
                "unable_to_verify",
                "unable to get local issuer",
                (r"\bthe first certificate\b", "the first certificate"),
                "x509: ",
                "invalid peer certificate",
                "ssl certificate problem",
                "curl: (60)",
                (r"curl error 60\b", "curl error 60"),
                "sslcertverificationerror",
                "certificate is not valid",
                (r"certificate (?:is )?not trusted", "certificate "),
                (r"certificate verification (?:error|failed)", "certificate verification "),
                (r"\berr_cert_", "err_cert_"),
                # .NET's SslStream
                "remote certificate is invalid",
                (r"remotecertificate(?:chain|name)", "remotecertificate"),
            ),
            exception("SSLCertVerificationError", "ClientConnectorCertificateError"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "System.Net.Http.HttpRequestException: The SSL connection could not be"
            " established ---> System.Security.Authentication.AuthenticationException: The"
            " remote certificate is invalid according to the validation procedure:"
            " RemoteCertificateChainErrors",
            "I am getting the message, unable to verify first certificate, since this morning.",
        ),
        near_misses=("ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number",),
    ),
    Rule(
        "network.tls_verify.wrapped",
        "A certificate that failed verification is quoted inside another party's error (a"
        " relay's 'do request failed', a local server's 500): that hop's trust store or a TLS"
        " interceptor in front of it is the cause, and retrying cannot help.",
        L,
        Cause.TLS_VERIFY,
        all_of(
            says(
                "failed to verify certificate",
                "certificate signed by unknown authority",
                "certificate verify failed",
                "unable to get local issuer certificate",
                "self-signed certificate in certificate chain",
                "self_signed_cert_in_chain",
                "unable_to_get_issuer_cert_locally",
            ),
            # the wrapper: a server's 5xx or a relay's failed request upstream
            any_of(
                status(500, 502, 503, 504),
                field_is("code", "do_request_failed"),
                says("do request failed", "failed to request upstream", "请求上游地址失败"),
            ),
        ),
        priority=92,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'Error: 500 Internal Server Error: Post "https://ollama.com:443/api/chat": tls:'
            " failed to verify certificate: x509: certificate signed by unknown authority",
            '{"error":{"message":"do request failed: Post \\"https://api.example.com/v1/chat/'
            'completions\\": tls: failed to verify certificate: x509: certificate signed by'
            ' unknown authority","type":"new_api_error","code":"do_request_failed"}}',
        ),
        near_misses=(
            "x509: certificate has expired or is not yet valid",
            "requests.exceptions.SSLError: certificate verify failed: unable to get local"
            " issuer certificate",
        ),
    ),
    Rule(
        "network.tls_verify.self_signed",
        "The certificate presented is self-signed or its issuer is unknown: typically a"
        " corporate proxy or antivirus inspecting TLS.",
        L,
        Cause.TLS_VERIFY,
        says(
            (r"self[- ]signed certificate", "signed certificate"),
            "self_signed_cert",
            "unknownissuer",
            "depth_zero_self_signed",
            "unable_to_get_issuer_cert",
            "unable to get issuer cert",
            "ssl peer certificate or ssh remote key was not ok",
            "curle_peer_failed_verification",
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "request to https://api.openai.com/chat/completions failed, reason: self-signed"
            " certificate in certificate chain",
            "Failed to connect to api.anthropic.com: SELF_SIGNED_CERT_IN_CHAIN\n\nNote: Claude"
            " Code might not be available in your country.",
        ),
    ),
    Rule(
        "network.tls_verify.translated",
        "A client's own words, in the user's language, saying the server's certificate was"
        " not trusted or not valid: Chinese 证书验证失败 / 证书不受信任 / 证书已过期 / 自签名证书,"
        " Japanese 証明書の検証に失敗, Korean 인증서 확인 실패, Russian 'ошибка проверки"
        " сертификата', German 'Zertifikatsprüfung fehlgeschlagen', French 'échec de la"
        " vérification du certificat', Spanish 'error al verificar el certificado', Portuguese"
        " 'falha na verificação do certificado'. The same reading as the English 'certificate"
        " verify failed' (network.tls_verify): an intercepting proxy, a missing CA bundle or an"
        " expired certificate, and retrying cannot help.",
        L,
        Cause.TLS_VERIFY,
        says(
            (
                r"(?:ssl|tls)?\s?(?:证书|證書)(?:验证|驗證|校验|校驗)(?:失败|失敗|错误|錯誤)",
                "证书",
                "證書",
            ),
            (r"(?:证书|證書)(?:不受信任|不被信任|已过期|已過期|无效|無效)", "证书", "證書"),
            "自签名证书",
            # .NET Framework's TrustFailure in Chinese
            "安全通道建立信任关系",
            (r"証明書(?:の)?(?:検証|確認)に失敗", "証明書"),
            "인증서 확인 실패",
            "인증서를 확인할 수 없",
            "ошибка проверки сертификата",
            (r"zertifikats?prüfung (?:ist )?fehlgeschlagen", "zertifikat"),
            (r"(?:échec|erreur) (?:de la |lors de la )?vérification du certificat", "certificat"),
            (r"error (?:al verificar|de verificación de)l? certificado", "certificado"),
            (r"falha (?:na|ao) verifica(?:ção|r) (?:do )?certificado", "certificado"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "SSL证书验证失败，请检查网络代理",
            "错误：证书不受信任",
            "SSL 証明書の検証に失敗しました",
            "Fehler: Zertifikatsprüfung fehlgeschlagen",
        ),
        near_misses=("证书已上传", "身份证号验证失败"),
    ),
    Rule(
        "network.tls_verify.platform",
        "A platform's own words for an untrusted or mismatched certificate: Windows schannel,"
        " Apple's URL loading, Android and OkHttp, .NET's validation callback, Node's other"
        " CERT_* codes.",
        L,
        Cause.TLS_VERIFY,
        says(
            "sec_e_untrusted_root",
            "cert_trust_is_untrustedroot",
            # .NET Framework's WebException (TrustFailure)
            "could not establish trust relationship for the ssl/tls secure channel",
            "issued by an authority that is not trusted",
            "certificate for this server is invalid",
            "secpolicycreatessl",
            "trust anchor for certification path not found",
            (r"hostname \S+ not verified", " not verified"),
            "no subject alternative",
            "remotecertificatevalidationcallback",
            (r"\bcert_(?:untrusted|rejected|not_yet_valid|signature_failure)\b", "cert_"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT"
            " (0x80090325) - The certificate chain was issued by an authority that is not"
            " trusted.",
            "javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException:"
            " Trust anchor for certification path not found.",
            "javax.net.ssl.SSLPeerUnverifiedException: Hostname api.openai.com not verified",
            "The certificate for this server is invalid. You might be connecting to a server"
            " that is pretending to be “api.openai.com” which could put your confidential"
            " information at risk.",
        ),
        near_misses=(
            "curl: (35) schannel: failed to receive handshake, SSL/TLS connection failed",
        ),
    ),
    Rule(
        "network.tls_verify.java_trust",
        "Java cannot build a trusted certificate path (PKIX) to the server.",
        L,
        Cause.TLS_VERIFY,
        says(
            "pkix path building failed",
            "unable to find valid certification path",
            "certpathbuilderexception",
            # the path was built but did not validate: expired, not yet valid, revoked
            "pkix path validation failed",
            "certpathvalidatorexception",
            "certificateexpiredexception",
            "certificatenotyetvalidexception",
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "javax.net.ssl.SSLHandshakeException: PKIX path building failed",
            "Caused by: java.security.cert.CertPathValidatorException: validity check failed",
        ),
    ),
    Rule(
        "network.tls_verify.expired_or_mismatch",
        "The certificate has expired or does not name the host that was called.",
        L,
        Cause.TLS_VERIFY,
        says(
            "certificate has expired",
            "cert_has_expired",
            "err_tls_cert_altname_invalid",
            "does not match certificate's altnames",
            "hostname mismatch",
            # curl (60): the certificate does not name the host
            "no alternative certificate subject name matches",
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "ERR_TLS_CERT_ALTNAME_INVALID fetching"
            ' "https://opencode.ai/zen/v1/chat/completions". For more information, pass'
            " `verbose: true` in the second argument to fetch()",
        ),
    ),
    Rule(
        "network.tls_verify.not_yet_valid",
        "The server's certificate is not valid yet: its notBefore date is after the clock of"
        " the machine that checked it (X509_V_ERR_CERT_NOT_YET_VALID in OpenSSL and"
        " BoringSSL, Node's CERT_NOT_YET_VALID, rustls' NotValidYet, curl's wolfSSL"
        " backend). Almost always the caller's clock is wrong, or a proxy re-signs with a"
        " fresh certificate; the same call fails until that is fixed.",
        L,
        Cause.TLS_VERIFY,
        says(
            # OpenSSL/BoringSSL X509_verify_cert_error_string, Node's err.message
            "certificate is not yet valid",
            # Node's err.code
            "cert_not_yet_valid",
            # rustls Display ("certificate not valid yet: verification time ...") and Debug
            # (InvalidCertificate(NotValidYet)); curl's wolfSSL backend
            "certificate not valid yet",
            "notvalidyet",
        ),
        # more exact than the generic TLS rows that read the same lines ("invalid peer certificate")
        priority=82,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "FetchError: request to https://api.openai.com/v1/chat/completions failed, reason:"
            " certificate is not yet valid",
            "invalid peer certificate: certificate not valid yet: verification time 1700000000"
            " (UNIX), but certificate is not valid before 1800000000 (UNIX)",
            "curl: (60) server verification failed: certificate not valid yet.",
        ),
        near_misses=(
            "jwt not active: token is not yet valid (nbf claim)",
            "The certificate is valid until 2027-01-01",
        ),
    ),
    Rule(
        "network.tls_handshake",
        "TLS could not be negotiated (plain HTTP port, protocol or SNI mismatch, cut handshake).",
        L,
        Cause.TLS_HANDSHAKE,
        says(
            "handshake failure",
            # OpenSSL's alert reason, as its code (TLSV1_ALERT_PROTOCOL_VERSION) or as its
            # text in a Node EPROTO or curl line ("tlsv1 alert protocol version")
            (r"\b(?:sslv3|tlsv1)[_ ]alert", "sslv3", "tlsv1"),
            "ssl connection could not be established",
            "sslhandshakeexception",
            "eof occurred in violation of protocol",
            "unexpected_eof_while_reading",
            "ssl_error_syscall",
            (r"tls handshake (?:timeout|failed|error|eof)", "tls handshake "),
            "ssl handshake",
            "sslerror",
            "record layer failure",
            # Apple's NSURLErrorSecureConnectionFailed (-1200); .NET's SslStream alert
            "secure connection to the server cannot be made",
            "remote party sent a tls alert",
            # .NET's SslStream when the peer (or a middlebox) closed during the handshake
            "remote party has closed the transport stream",
            "unexpected eof or 0 bytes from the transport stream",
            # .NET Framework's SecureChannelFailure (most often TLS 1.2 not enabled), in
            # English and in Chinese
            "could not create ssl/tls secure channel",
            "未能创建 ssl/tls 安全通道",
            # Node's EPROTO (a protocol error in the TLS layer), bare as Claude Code prints it:
            # "Unable to connect to API (EPROTO)"
            "(eproto)",
        ),
        priority=77,
        retry=Retry.LIMITED,  # a cut or reset handshake is often transient; a wrong port is not
        confidence=0.8,
        samples=(
            "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1000)",
            "Error: write EPROTO 4389111232:error:1409442E:SSL routines:ssl3_read_bytes:tlsv1"
            " alert protocol version:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1536:SSL"
            " alert number 70",
        ),
        near_misses=("certificate verify failed: self-signed certificate",),
    ),
    Rule(
        "network.tls_handshake.protocol_mismatch",
        "TLS met something that does not speak TLS on that port (wrong version number, a"
        " record that is not TLS): often plain HTTP to an HTTPS port or the reverse.",
        L,
        Cause.TLS_HANDSHAKE,
        says(
            (r"wrong[_ ]version[_ ]number", "version"),
            "first record does not look like a tls",
            "packet length too long",
            "unknown protocol",
            "unsupported protocol",
            # rustls: a plain-HTTP answer read as a TLS record
            "received corrupt message",
            "invalidcontenttype",
        ),
        priority=77,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "write EPROTO 14654428880960:error:100000f7:SSL"
            " routines:OPENSSL_internal:WRONG_VERSION_NUMBER"
            ":../../third_party/boringssl/src/ssl/tls_record.cc:231:",
        ),
    ),
    Rule(
        "network.tls_handshake.client_certificate",
        "The server asks for a client certificate (mutual TLS) and got none or one it"
        " rejects: TLS alerts 'certificate required' (116) and 'bad certificate' (42) as"
        " OpenSSL, Go, Java and rustls print them, or nginx's 400 page 'No required SSL"
        " certificate was sent'. Configure the client certificate and key the endpoint"
        " expects; the server's own certificate is not the problem.",
        L,
        Cause.TLS_HANDSHAKE,
        says(
            # nginx with ssl_verify_client on: its 400 pages for a missing or refused cert
            "no required ssl certificate was sent",
            "the ssl certificate error",
            # TLS 1.3 alert 116: OpenSSL "tlsv13 alert certificate required", Go "tls:
            # certificate required", Java "certificate_required"
            (r"alert[ _]certificate[ _]required", "certificate"),
            (r"tls: certificate required", "tls: certificate required"),
            "certificate_required",
            # alert 42 received from the peer: OpenSSL "sslv3 alert bad certificate", Go
            # "remote error: tls: bad certificate", Java "Received fatal alert: bad_certificate"
            (r"alert[ _]bad[ _]certificate", "bad"),
            "remote error: tls: bad certificate",
            "fatal alert: bad_certificate",
            "peer did not return a certificate",
            (r"client certificate (?:is )?(?:required|missing|not provided)", "client certificate"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "ssl.SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate"
            " required (_ssl.c:2580)",
            'Post "https://llm.internal.example/v1/chat/completions": remote error: tls:'
            " certificate required",
            "<html><head><title>400 No required SSL certificate was sent</title></head><body>"
            "<center><h1>400 Bad Request</h1></center><center>No required SSL certificate was"
            " sent</center><hr><center>nginx</center></body></html>",
            "javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate",
        ),
        near_misses=(
            "certificate verify failed: self-signed certificate in certificate chain",
            "x509: certificate signed by unknown authority",
        ),
    ),
    Rule(
        "network.tls_handshake.tools",
        "curl or a browser reports the TLS connection could not be set up (curl's exit code"
        " 35, ERR_SSL_*).",
        L,
        Cause.TLS_HANDSHAKE,
        says(
            "curl: (35)",
            (r"curl error 35\b", "curl error 35"),
            "err_ssl_",
            "disconnected before secure tls connection",
            # curl built on Windows schannel (git, PHP, R on Windows): its code 35 in words
            "schannel: failed to receive handshake",
        ),
        priority=77,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("curl: (35) error:0A000126:SSL routines::unexpected eof while reading",),
    ),
    Rule(
        "network.connect_refused",
        "Nothing accepted the connection at that host and port.",
        L,
        Cause.CONNECT_REFUSED,
        any_of(
            says(
                (r"\beconnrefused\b", "econnrefused"),
                "connection refused",
                "errno 111]",
                "winerror 10061",
                "actively refused",
                "connect call failed",
                "os error 111",
                "connectionrefusederror",
                (
                    r"failed to connect to [^\n]{0,80}port \d+[^\n]{0,40}refused",
                    "failed to connect to ",
                ),
                # local, and a local server that is not running refuses
                # the ollama library's word for any failed connect; its server is (not Zed's
                # "Failed to connect to Ollama API: 401 Unauthorized", which prints the HTTP
                # status the server answered: something accepted the connection)
                (
                    r"failed to connect to ollama(?![^\n]{0,8}: [1-5]\d\d\b)",
                    "failed to connect to ollama",
                ),
                # Bun's fetch error codes (Claude Code, opencode): "(ConnectionRefused)"
                "(connectionrefused)",
                (r"\bconnectionrefused:", "connectionrefused:"),
                '"code":"connectionrefused"',
            ),
            exception("ConnectionRefusedError"),
        ),
        priority=76,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "API Error: Unable to connect to API (ConnectionRefused)",
            # Claude Code's start-up note about countries is printed under every failure
            "Unable to connect to Anthropic services\n\nFailed to connect to api.anthropic.com:"
            " ECONNREFUSED\n\nNote: Claude Code might not be available in your country.",
            "ollama._types.ResponseError: Failed to connect to Ollama. Please check that Ollama "
            "is downloaded, running and accessible.",
            "requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', "
            "port=11434): Max retries exceeded with url: /api/generate (Caused by "
            "NewConnectionError(': Failed to establish a new connection: [Errno 111] "
            "Connection refused'))",
        ),
        near_misses=(
            "Connection reset by peer",
            "Failed to connect to Ollama API: 404 Not Found",
        ),
    ),
    # Go prints an error chain outer to inner, the root last: "Model x does not exist and
    # could not be pulled: Post "http://127.0.0.1:11434/api/pull": dial tcp 127.0.0.1:11434:
    # connect: connection refused". The outer links name the operation that failed (pulling
    # a model, listing them, posting a chat); the last link says why. Ranked above the rules
    # that read the outer links' words (a model "does not exist").
    Rule(
        "network.connect_refused.go_dial",
        "A Go error chain ends in a refused TCP connection ('dial tcp <address>: connect:"
        " connection refused'): nothing listens at that address as the program sees it, so"
        " whatever operation the chain names first could not even start; a relay's own"
        " request to its upstream is the relay's link (connect_refused.relay_upstream).",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            says((r"\bdial tcp \S+: connect: connection refused", "dial tcp ")),
            # a relay's own request to its upstream: network.connect_refused.relay_upstream
            none_of(any_of(field_is("code", "do_request_failed"), says(*_RELAY_OWN_REQUEST))),
        ),
        priority=90,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            'Error: model "llama3" does not exist and could not be pulled: Post'
            ' "http://127.0.0.1:11434/api/pull": dial tcp 127.0.0.1:11434: connect: connection'
            " refused",
        ),
        near_misses=('Post "http://10.0.0.5:8000/v1": dial tcp 10.0.0.5:8000: i/o timeout',),
    ),
    # gRPC's client could open no connection to any address the name resolved to: "503
    # failed to connect to all addresses" (Google's Python clients raise it as
    # ServiceUnavailable). The 503 is gRPC's own code for its transport failure, not a
    # server's answer: no server answered.
    Rule(
        "network.connect_refused.grpc_all_addresses",
        "gRPC could not connect to any address of the service ('failed to connect to all"
        " addresses'): its status UNAVAILABLE (503) is the client's own transport failure,"
        " not a server's answer. Check the proxy, DNS and firewall between here and the"
        " endpoint.",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            says("failed to connect to all addresses"),
            # a deadline named beside it ("Timeout of 60.0s exceeded", "tcp handshaker
            # shutdown", "Connection timed out") is the connect timing out: the timeout rules'
            none_of(says("timeout of", "timed out", "deadline exceeded", "handshaker shutdown")),
        ),
        priority=_GRPC_OWN_FAILURE_PRIORITY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all"
            " addresses; last error: UNKNOWN: ipv4:142.250.1.95:443: Failed to connect to"
            " remote host: Connection refused",
        ),
        near_misses=(
            "503 UNAVAILABLE: The service is currently unavailable.",
            "RetryError: Timeout of 120.0s exceeded, last exception: 503 failed to connect to"
            " all addresses; last error: UNKNOWN: ipv4:10.1.2.3:443: tcp handshaker shutdown",
        ),
    ),
    # gRPC's client reports its own transport failures under UNAVAILABLE, the code Google's
    # Python clients raise as ServiceUnavailable "503": "503 DNS resolution failed for
    # <host>" (its resolver found no address) and "503 Connect Failed" (a subchannel could
    # not connect, no reason given). As with "failed to connect to all addresses" above, no
    # server answered: the 503 is gRPC's code for the client's own failure.
    Rule(
        "network.dns.grpc_resolution",
        "gRPC could not resolve the service's name ('DNS resolution failed'): its status"
        " UNAVAILABLE (503) is the client's own resolver failing, not a server's answer."
        " Check the DNS this process uses (a cron job or container may have another).",
        L,
        Cause.DNS,
        says("dns resolution failed"),
        priority=_GRPC_OWN_FAILURE_PRIORITY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "google.api_core.exceptions.ServiceUnavailable: 503 DNS resolution failed for"
            " service: vision.googleapis.com",
            'status = StatusCode.UNAVAILABLE details = "DNS resolution failed for'
            ' api.example.com:443: C-ares status is not ARES_SUCCESS qtype=A"',
        ),
        near_misses=("503 Service Unavailable: DNS cache overflow",),
    ),
    Rule(
        "network.unknown.grpc_connect_failed",
        "gRPC could not open a connection to the service ('Connect Failed' under UNAVAILABLE,"
        " which Google's clients raise as 503): the client's own transport failure, not a"
        " server's answer. gRPC does not say why (a proxy, a firewall, a refused port), so"
        " the cause stays open.",
        L,
        Cause.UNKNOWN,
        says((r"\b(?:503|unavailable:?)\s+connect failed\b", "connect failed")),
        priority=_GRPC_OWN_FAILURE_PRIORITY,
        retry=Retry.LIMITED,
        confidence=0.65,
        samples=(
            "google.api_core.exceptions.ServiceUnavailable: 503 Connect Failed",
            "grpc: 14 UNAVAILABLE: Connect Failed",
        ),
        near_misses=(
            "upstream connect failed: 503",
            "503 Service Unavailable",
        ),
    ),
    Rule(
        "network.connect_refused.relay_upstream",
        "A relay (one-api/new-api) says its own request to its upstream was refused: nothing"
        " listens at the channel's address as the relay sees it (localhost or [::1] inside"
        " the relay's container is the container itself, not the host running Ollama or"
        " vLLM). The relay's link, not the caller's: point the channel at an address the"
        " relay can reach.",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            any_of(field_is("code", "do_request_failed"), says(*_RELAY_OWN_REQUEST)),
            says(
                "connection refused",
                (r"\beconnrefused\b", "econnrefused"),
                "actively refused",
            ),
        ),
        priority=84,
        origin=Origin.RELAY,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'do request failed: Post "http://localhost:11434/api/chat": dial tcp'
            " [::1]:11434: connect: connection refused",
            '{"error":{"message":"do request failed: Post \\"http://192.168.1.20:8000/v1/chat'
            '/completions\\": dial tcp 192.168.1.20:8000: connect: connection refused (request'
            ' id: 20240301120000123)","type":"new_api_error","code":"do_request_failed"}}',
        ),
        near_misses=(
            'Post "http://localhost:11434/api/chat": dial tcp [::1]:11434: connect: connection'
            " refused",
            'do request failed: Post "https://api.openai.com/v1/chat/completions": dial tcp'
            " 104.18.7.192:443: i/o timeout",
        ),
    ),
    Rule(
        "network.connect_refused.unreachable",
        "No route to the host or its network, or no local address can reach it"
        " (EADDRNOTAVAIL, as for localhost inside a container): the address cannot be"
        " reached at all.",
        L,
        Cause.CONNECT_REFUSED,
        says(
            # nothing routes to the host: EHOSTUNREACH / ENETUNREACH
            "no route to host",
            "ehostunreach",
            "network is unreachable",
            "enetunreach",
            # Winsock 10065 (WSAEHOSTUNREACH) and 10051 (WSAENETUNREACH)
            "attempted to an unreachable host",
            "attempted to an unreachable network",
            (r"errno (?:65|99|101|113)\]", "errno "),
            # Chrome's and Electron apps' word for no network at all; Chromium's for an
            # address nothing routes to (net_error_list.h, ERR_ADDRESS_UNREACHABLE -109)
            "err_internet_disconnected",
            "err_address_unreachable",
            # EADDRNOTAVAIL: CPython's and Go's wording, Node's and Rust's codes
            "cannot assign requested address",
            "eaddrnotavail",
            # ENETDOWN: the local interface itself is down (Node's code, strerror's words)
            (r"\benetdown\b", "enetdown"),
            "network is down",
        ),
        priority=76,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "LLM Call Fails with Error: litellm.APIConnectionError: OllamaException - [Errno"
            " 65] No route to host",
            "ollama - ERROR - Failed to retrieve Ollama model list: [Errno 99] Cannot assign"
            " requested address",
        ),
    ),
    Rule(
        "network.connect_refused.local_server_down",
        "A client says it could not reach the local model server it names (Ollama, LM"
        " Studio, llama.cpp, LocalAI) or asks whether it is running: nothing is listening.",
        L,
        Cause.CONNECT_REFUSED,
        says(
            (
                r"(?:could not|couldn't|cannot|can't|unable to) connect to (?:the )?"
                r"(?:ollama|lm studio|llama\.cpp|llama-server|localai)\b",
                "connect to ollama",
                "connect to the ollama",
                "connect to lm studio",
                "connect to the lm studio",
                "connect to llama",
                "connect to the llama",
                "connect to localai",
                "connect to the localai",
            ),
            (
                r"\bis (?:it|ollama|the server|the service|lm ?studio) running\?",
                " running?",
            ),
            # AnythingLLM: its words for Ollama's "fetch failed" ("Your Ollama instance could not
            # be reached or is not responding") and a failed liveness check ("LMStudio service
            # could not be reached. Is LMStudio running?")
            (
                r"\b(?:ollama|lm ?studio|localai)(?: instance| service| server)? could not be"
                r" reached",
                " could not be reached",
            ),
            # clients' own words for ECONNREFUSED: "Ollama server is not running"
            (
                r"\b(?:ollama|lm studio|llama\.cpp|llama-server|localai)(?: server| app|"
                r" service)? is not running",
                " is not running",
            ),
        ),
        priority=72,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "Error: could not connect to ollama app, is it running?",
            "Error: Could not connect to Ollama. Is it running on port 11434?",
            "RuntimeError: Cannot connect to Ollama service at http://ollama:11434. Ensure"
            " Ollama is running",
            "RuntimeError: ❌ Ollama server is not running. Please start it with: ollama serve",
        ),
        near_misses=("Connected to Ollama 0.5.7",),
    ),
    Rule(
        "network.connect_refused.java",
        "Java's ConnectException (OkHttp words it 'Failed to connect to host/address:port'):"
        " the TCP connect failed, most often refused; a timeout says 'timed out'.",
        L,
        Cause.CONNECT_REFUSED,
        says(
            "java.net.connectexception",
            (r"failed to connect to [\w.-]+/[0-9a-f.:\[\]]+:\d+", "failed to connect to "),
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=(
            "java.lang.RuntimeException: java.net.ConnectException: Failed to connect to"
            " api.openai.com/104.18.6.192:443",
            "dev.langchain4j.exception.UnresolvedModelServerException: Failed to connect to"
            " localhost/[0:0:0:0:0:0:0:1]:11434",
        ),
        near_misses=("java.net.SocketTimeoutException: connect timed out",),
    ),
    Rule(
        "network.connect_refused.tools",
        "curl or a browser says the connection was refused (curl's exit code 7,"
        " ERR_CONNECTION_REFUSED).",
        L,
        Cause.CONNECT_REFUSED,
        says(
            "curl: (7)",
            (r"curl error 7\b", "curl error 7"),
            "err_connection_refused",
            # Chrome's page for ERR_CONNECTION_REFUSED in Chinese ("localhost 拒绝了我们的连接请求")
            "拒绝了我们的连接请求",
        ),
        priority=76,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "2025-04-03T10:43:24 CodeCompanion  ERROR [ERROR] 2025-04-03 10:43:24\nError: {"
            " \"curl: (7) Failed to connect to localhost port 11434 after 0 ms: Couldn't"
            ' connect to server" }',
            "无法访问此网站 127.0.0.1 拒绝了我们的连接请求。",
        ),
    ),
    Rule(
        "network.connect_refused.local_send",
        "A client could not send to a server on this machine: it is most likely not running.",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            says(
                "error sending request",
                "failed to connect",
                "connection error",
                "fetch failed",
                "unable to connect",
                "all connection attempts failed",
                "not reachable at",
                "couldn't connect to",
                "could not connect to",
                # llama-stack and others naming the local server that is down
                "server is not running",
            ),
            _local_target,
        ),
        priority=60,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=(
            "Couldn't connect to the model server at http://127.0.0.1:8080",
            "LM Studio is not reachable at ws://localhost:1234/llm (due to httpx.ConnectError: "
            "All connection attempts failed)",
            "Stream disconnected before completion: error sending request for url "
            "(http://localhost:1234/v1/responses)",
        ),
        near_misses=("error sending request for url (https://api.openai.com/v1/responses)",),
    ),
    Rule(
        "network.apple_url_error.offline",
        "Apple's URL loading system (URLSession: iOS and macOS apps, Swift clients) found no"
        " network path: NSURLErrorNotConnectedToInternet (-1009, 'The Internet connection"
        " appears to be offline', also when the app may not use cellular data) or"
        " NSURLErrorCannotConnectToHost (-1004, 'Could not connect to the server').",
        L,
        Cause.CONNECT_REFUSED,
        says(
            "internet connection appears to be offline",
            "could not connect to the server.",
            (r"nsurlerrordomain code=-100[49]\b", "nsurlerrordomain code=-100"),
            "nsurlerrornotconnectedtointernet",
            "nsurlerrorcannotconnecttohost",
        ),
        priority=77,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            'Error Domain=NSURLErrorDomain Code=-1009 "The Internet connection appears to be'
            ' offline." UserInfo={NSErrorFailingURLStringKey=https://api.openai.com/v1/chat/'
            "completions}",
            'Error Domain=NSURLErrorDomain Code=-1004 "Could not connect to the server."',
        ),
        near_misses=('Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',),
    ),
    Rule(
        "network.apple_url_error.lost",
        "Apple's URL loading system lost the connection mid-request:"
        " NSURLErrorNetworkConnectionLost (-1005, 'The network connection was lost'), often a"
        " kept-alive connection the server or a proxy had closed.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "the network connection was lost",
            (r"nsurlerrordomain code=-1005\b", "nsurlerrordomain code=-1005"),
            "nsurlerrornetworkconnectionlost",
        ),
        priority=77,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=('Error Domain=NSURLErrorDomain Code=-1005 "The network connection was lost."',),
        near_misses=('Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',),
    ),
    Rule(
        "network.apple_url_error.dns",
        "Apple's URL loading system could not resolve the host: NSURLErrorCannotFindHost"
        " (-1003, 'A server with the specified hostname could not be found') or"
        " NSURLErrorDNSLookupFailed (-1006).",
        L,
        Cause.DNS,
        says(
            "server with the specified hostname could not be found",
            (r"nsurlerrordomain code=-100[36]\b", "nsurlerrordomain code=-100"),
            "nsurlerrorcannotfindhost",
            "nsurlerrordnslookupfailed",
        ),
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            'Error Domain=NSURLErrorDomain Code=-1003 "A server with the specified hostname could'
            ' not be found."',
        ),
        near_misses=(
            'Error Domain=NSURLErrorDomain Code=-1004 "Could not connect to the server."',
        ),
    ),
    Rule(
        "network.localized_socket_errors",
        "The operating system's own words, in the user's language, for the socket errors"
        " English systems name with codes (Windows' Winsock messages printed by .NET and"
        " others without the WinError number; glibc's zh_CN strerror): connection refused.",
        L,
        Cause.CONNECT_REFUSED,
        says(
            # 10061 in Chinese, Japanese, German, Russian Windows; glibc zh_CN ECONNREFUSED
            "积极拒绝",
            "拒绝连接",
            "连接被拒绝",
            "によって拒否されたため",
            "die verbindung verweigerte",
            "отверг запрос на подключение",
            # 10061 in French, Spanish, Portuguese, Italian, Korean, Polish, Dutch, Turkish
            # and Traditional Chinese Windows ("... the target machine actively refused it")
            (r"l['’]ordinateur cible l['’]a expressément refusée", "expressément refusée"),
            "denegó expresamente",
            "recusou ativamente",
            "rifiuto persistente del computer di destinazione",
            "연결을 거부했으므로",
            "aktywnie go odmawia",
            "de verbinding actief heeft geweigerd",
            "etkin olarak reddettiğinden",
            "目標電腦拒絕連線",
            # glibc's ECONNREFUSED in German, Russian, Spanish, Japanese (curl, wget, Netty, GIO
            # print the C library's localized words)
            "verbindungsaufbau abgelehnt",
            "в соединении отказано",
            "conexión rehusada",
            "接続を拒否されました",
        ),
        priority=76,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            "System.Net.Http.HttpRequestException: 由于目标计算机积极拒绝，无法连接。"
            " (localhost:11434)",
            "System.Net.Sockets.SocketException (10061): Es konnte keine Verbindung hergestellt"
            " werden, da der Zielcomputer die Verbindung verweigerte.",
            "System.Net.Http.HttpRequestException: Aucune connexion n’a pu être établie car"
            " l’ordinateur cible l’a expressément refusée. (localhost:11434)",
            "System.Net.Http.HttpRequestException: No se puede establecer una conexión ya que el"
            " equipo de destino denegó expresamente dicha conexión. (localhost:1234)",
            "Hata: Hedef makine etkin olarak reddettiğinden bağlantı kurulamadı. (localhost:8080)",
        ),
        near_misses=("远程主机强迫关闭了一个现有的连接。",),
    ),
    Rule(
        "network.localized_socket_errors.reset",
        "The operating system's words, in the user's language, for a connection the peer reset"
        " (Windows' 10054, glibc zh_CN's ECONNRESET).",
        L,
        Cause.CONNECTION_RESET,
        says(
            "强迫关闭了一个现有的连接",
            "强制关闭了一个现有的连接",
            "连接被对方重设",
            "连接被对方重置",
            "リモート ホストに強制的に切断",
            "vom remotehost geschlossen",
            "принудительно разорвал существующее подключение",
            # 10054 in French, Spanish, Portuguese, Italian, Korean, Traditional Chinese Windows
            (
                r"connexion existante a dû être fermée par l['’]hôte distant",
                "connexion existante a dû être fermée",
            ),
            "se ha forzado la interrupción de una conexión existente",
            "forçado o cancelamento de uma conexão existente",
            "interrotta forzatamente dall",
            "원격 호스트에 의해 강제로 끊겼습니다",
            "遠端主機強制關閉",
            # glibc's ECONNRESET in German and French
            "vom kommunikationspartner zurückgesetzt",
            "ré-initialisée par le correspondant",
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "System.IO.IOException: 无法从传输连接中读取数据: 远程主机强迫关闭了一个现有的连接。",
            "System.Net.Sockets.SocketException (10054): Удаленный хост принудительно разорвал"
            " существующее подключение.",
        ),
    ),
    Rule(
        "network.localized_socket_errors.timeout",
        "The operating system's words, in the user's language, for a connect that got no"
        " answer (Windows' 10060, glibc zh_CN's ETIMEDOUT).",
        L,
        Cause.CONNECT_TIMEOUT,
        says(
            "没有正确答复或连接的主机没有反应",
            "连接超时",
            "正しく応答しなかった",
            "nach einer bestimmten zeitspanne nicht richtig reagiert",
            "не получен нужный отклик",
            # 10060 in French, Spanish, Portuguese, Korean Windows ("the connected party did not
            # properly respond after a period of time")
            (r"la partie connectée n['’]a pas répondu", "partie connectée"),
            "la parte conectada no respondió",
            "a parte conectada não respondeu",
            "연결된 구성원으로부터 응답이 없어",
            # glibc's ETIMEDOUT in German and French
            "wartezeit für die verbindung ist abgelaufen",
            "connexion terminée par expiration du délai",
        ),
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "System.Net.Http.HttpRequestException: 由于连接方在一段时间后"
            "没有正确答复或连接的主机没有反应，连接尝试失败。 (api.openai.com:443)",
        ),
    ),
    Rule(
        "network.connect_timeout.translated",
        "A client's own words, in the user's language, naming the connection as what timed"
        " out ('connection timed out', 'timeout connecting to the server'): Chinese"
        " 连接服务器超时 and 连接 host 超时, German 'Zeitüberschreitung bei der Verbindung',"
        " French 'délai de connexion dépassé', Spanish 'tiempo de espera de conexión agotado',"
        " Portuguese 'tempo limite de conexão esgotado', Italian 'timeout di connessione',"
        " Russian 'время ожидания подключения', Japanese 接続がタイムアウト, Korean 연결 시간이"
        " 초과, Polish 'limit czasu połączenia', Turkish 'bağlantı zaman aşımı'. The same"
        " reading as the English 'Connection timed out': no answer while connecting, so the"
        " request was never sent; a request that timed out is network.read_timeout.translated."
        " Apps choose these words themselves, and some give them to any timeout of their HTTP"
        " client (gpt-ai-assistant's 連線超時 for axios' 'timeout of 9000ms exceeded'), so the"
        " confidence is lower than for the operating system's own words.",
        L,
        Cause.CONNECT_TIMEOUT,
        says(
            (
                r"(?:连接|連接|連線)(?:到|至)?\s?(?:服务器|服務器|伺服器|服务端|远程主机|主机|接口|api)?"
                r"\s?[a-z0-9.\-:/]{0,60}\s?(?:超时|逾时|超時|逾時)",
                "超时",
                "逾时",
                "超時",
                "逾時",
            ),
            (
                r"zeitüberschreitung (?:bei der|beim) verbindung(?:saufbau)?",
                "zeitüberschreitung ",
            ),
            "verbindungs-timeout",
            (r"délai (?:d['’]attente )?de (?:la )?connexion (?:dépassé|expiré|a expiré)", "délai "),
            (r"tiempo de espera de (?:la )?conexión (?:agotado|excedido)", "tiempo de espera "),
            (r"tempo (?:limite|de espera) (?:de|da) conexão (?:excedido|esgotado)", "tempo "),
            (r"timeout (?:di|della) connessione", "timeout d"),
            (r"время ожидания (?:подключения|соединения)", "время ожидания "),
            (r"接続(?:が|の)?タイムアウト", "タイムアウト"),
            "연결 시간이 초과",
            (r"limit czasu (?:połączenia|nawiązywania połączenia)", "limit czasu "),
            (r"bağlantı zaman aşımı", "zaman aşımı"),
        ),
        # above the translated request timeout (70): the words name the connection
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "Error: 连接服务器超时，请检查网络",
            "连接 api.openai.com 超时",
            "連線伺服器逾時，請稍後再試",
            "Zeitüberschreitung bei der Verbindung zum Server",
            "Erreur : délai de connexion dépassé",
            "Tempo limite de conexão esgotado",
            "接続がタイムアウトしました",
        ),
        near_misses=(
            "请求超时",
            "连接成功，读取超时",
            "Die Anfrage hat das Zeitlimit überschritten",
        ),
    ),
    Rule(
        "network.localized_socket_errors.dns",
        "The operating system's words, in the user's language, for a host name that did not"
        " resolve (Windows' 11001, glibc zh_CN's EAI_NONAME).",
        L,
        Cause.DNS,
        says(
            "不知道这样的主机",
            "未知的名称或服务",
            "无法解析主机",
            "无法解析域名",
            "域名解析失败",
            # .NET Framework's WebException in Chinese: "The remote name could not be resolved"
            "未能解析此远程名称",
            "そのようなホストは不明です",
            "этот хост неизвестен",
            "der angegebene host ist unbekannt",
            # 11001 in Portuguese and Korean Windows (Java's UnknownHostException in Korean too)
            "este host não é conhecido",
            "알려진 호스트가 없습니다",
            # glibc's EAI_NONAME and EAI_AGAIN in German, French, Spanish, Russian
            "name oder dienst nicht bekannt",
            "nom ou service inconnu",
            "nombre o servicio desconocido",
            "имя или служба не известны",
            "temporärer fehler bei der namensauflösung",
            (r"échec temporaire (?:dans|de) la résolution", "échec temporaire"),
            "fallo temporal en la resolución del nombre",
        ),
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=("System.Net.Http.HttpRequestException: 不知道这样的主机。 (api.openai.com:443)",),
        near_misses=("无法解析响应",),
    ),
    Rule(
        "network.connect_timeout.curl_elapsed",
        "curl's 'Failed to connect to HOST port P after N ms: Couldn't connect to server'"
        " (lib/cf-ip-happy.c: the text after the colon is curl_easy_strerror of exit 7, the"
        " same whatever the socket said) where N is ten seconds or more: a refusal comes back"
        " within a round trip, only a connect no one answers runs into the system's connect"
        " timeout (about 21 s on Windows, 75 s on macOS, 130 s on Linux).",
        L,
        Cause.CONNECT_TIMEOUT,
        all_of(
            says(
                (
                    r"failed to connect to \S+(?: port \d+|:\d+)[^\n]{0,80}? after"
                    r" [1-9]\d{4,} ms",
                    "failed to connect to ",
                ),
            ),
            none_of(says("refused")),
        ),
        # above network.connect_refused.tools (76), which reads curl's exit code 7
        priority=80,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "curl: (7) Failed to connect to api.openai.com port 443 after 21045 ms: Couldn't"
            " connect to server",
            "curl: (7) Failed to connect to generativelanguage.googleapis.com:443 after 75003"
            " ms: Couldn't connect to server",
        ),
        near_misses=(
            "curl: (7) Failed to connect to localhost port 11434 after 0 ms: Couldn't connect"
            " to server",
            "curl: (7) Failed to connect to 10.0.0.5 port 8000 after 30002 ms: Connection refused",
        ),
    ),
    Rule(
        "network.connect_timeout",
        "No answer while connecting (firewall, black hole, wrong address).",
        L,
        Cause.CONNECT_TIMEOUT,
        all_of(
            none_of(
                says(
                    "read etimedout",
                    (r"syscall: '?read", "syscall: "),
                    # libuv's "code: message, syscall" form: the read timed out, not the connect
                    "connection timed out, read",
                    # aiohttp raises its read timeout as ServerTimeoutError too
                    "timeout on reading data from socket",
                )
            ),
            any_of(
                says(
                    "connecttimeout",
                    "connect timeout",
                    "connection timed out",
                    "errno 110]",
                    # macOS and BSD: ETIMEDOUT is 60
                    "errno 60]",
                    "winerror 10060",
                    "connect etimedout",
                    "timed out while connecting",
                    (r"dial tcp[^\n]{0,80}i/o timeout", "i/o timeout"),
                    (r"failed to connect[^\n]{0,80}timed out", "failed to connect"),
                    "connection attempt failed",
                    (r"\betimedout\b", "etimedout"),
                    "timeout was reached",
                    "connect timed out",
                    # aiohttp's connector
                    "connection timeout to host",
                ),
                exception("ConnectTimeout", "ConnectTimeoutError", "ServerTimeoutError"),
            ),
        ),
        priority=79,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "httpx.ConnectTimeout: timed out while connecting",
            "aiohttp.client_exceptions.ConnectionTimeoutError: Connection timeout to host"
            " https://api.openai.com/v1/chat/completions",
        ),
        near_misses=(
            "Read timed out. (read timeout=60)",
            "aiohttp.client_exceptions.ServerTimeoutError: Timeout on reading data from socket",
        ),
    ),
    Rule(
        "network.connect_timeout.tools",
        "A client library, a browser or a gRPC channel timed out while connecting (undici,"
        " curl, botocore, Rust, Chrome, Dart's dio).",
        L,
        Cause.CONNECT_TIMEOUT,
        all_of(
            none_of(
                says(
                    "read etimedout",
                    (r"syscall: '?read", "syscall: "),
                )
            ),
            says(
                "und_err_connect_timeout",
                "curl: (28) connection timed out",
                # curl 28 while still connecting: "Failed to connect to h port 443 after N ms"
                "curl: (28) failed to connect",
                "socket connection timeout",
                "connect timeout on endpoint url",
                "err_socket_connection_timeout",
                "connect: deadline has elapsed",
                "err_connection_timed_out",
                "tcp handshaker shutdown",
                # Ruby's Net::HTTP: open_timeout (connect) ran out; its read side is ReadTimeout
                "net::opentimeout",
                # Dart's dio: DioExceptionType.connectionTimeout, "DioException [connection
                # timeout]: The request connection took longer than 0:00:30.000000 and it was
                # aborted." (its receive side is network.read_timeout.client_library)
                "dioexception [connection timeout]",
                "the request connection took longer than",
            ),
        ),
        priority=79,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("code:''UND_ERR_CONNECT_TIMEOUT",),
    ),
    Rule(
        "network.read_timeout",
        "Connected, but no complete answer came in time.",
        L,
        Cause.READ_TIMEOUT,
        any_of(
            says(
                "read timed out",
                "readtimeout",
                "request timed out",
                (r"timed out after \d+", "timed out after "),
                "operation timed out",
                # .NET's WebException (WebExceptionStatus.Timeout)
                "the operation has timed out",
                "exceeded the configured timeout",
                "read operation timed out",
                "context deadline exceeded",
                "response timeout",
                "timed out waiting",
                (r"\btimeout error\b", "timeout error"),
                "read timeout on endpoint url",
                "idle timeout",
                (r"deadline exceeded after \d", "deadline exceeded after "),
                # the DOMException of Node's and browsers' AbortSignal.timeout(), which a
                # fetch client set for the whole call (also printed without its TimeoutError)
                "operation was aborted due to timeout",
            ),
            exception(
                "ReadTimeout",
                "APITimeoutError",
                "Timeout",
                "TimeoutError",
                "ReadTimeoutError",
                "TimeoutException",
            ),
        ),
        priority=74,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "Error: 4 DEADLINE_EXCEEDED: Deadline exceeded after 30.000s,name resolution:"
            " 0.270s,metadata filters: 0.001s",
            'Read timeout on endpoint URL: "https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse"',
            "openai.APITimeoutError: Request timed out.",
            "cURL error 28: Operation timed out after 30003 milliseconds with 0 bytes received",
            "couldn't load the page: The operation was aborted due to timeout",
        ),
        near_misses=("httpx.ConnectTimeout",),
    ),
    Rule(
        "network.connect_timeout.dial_words",
        "A client library says its dial to a host and port ran out of time, in the words"
        " its language's clients use: PHP's workerman and ReactPHP ('connect host:443 timeout"
        " after 30 seconds', 'Connection to tcp://host:443 timed out'), OkHttp's"
        " SocketTimeoutException 'failed to connect to host/ip (port 443) ... after 10000ms',"
        " Rust hyper's 'error trying to connect: operation timed out', Go fasthttp's 'dialing"
        " to the given TCP address timed out', Ruby's 'Failed to open TCP connection ..."
        " (execution expired)' and 'timed out - connect(2)', Erlang hackney's :connect_timeout,"
        " Python urllib's '<urlopen error timed out>' (it wraps only the connect and send"
        " phase; a read timeout is raised bare)."
        " No TCP connection was made, so nothing was sent: a firewall, a black-holed route or"
        " a wrong address, not a slow answer. Go says it as 'dial tcp ...: connect: operation"
        " timed out' (macOS) and 'request canceled while waiting for connection'.",
        L,
        Cause.CONNECT_TIMEOUT,
        all_of(
            none_of(says("read etimedout", (r"syscall: '?read", "syscall: "))),
            says(
                (
                    r"\bconnect(?:ing)?(?: to)? (?:(?:tcp|ssl|tls)://)?[\w.\-]+:\d+"
                    r" (?:timeout|timed out)",
                    "timeout",
                    "timed out",
                ),
                (r"\bconnection to (?:tcp|ssl|tls)://\S+ timed out", "timed out"),
                (
                    r"(?:timeout|timed out) (?:while )?connecting to (?:https?://)?[\w.\-]+",
                    "connecting to ",
                ),
                (
                    r"failed to connect to \S+ \(port \d+\)[^\n]{0,80}? after \d+ ?ms",
                    "failed to connect to ",
                ),
                (r"error trying to connect: [^\n]{0,40}timed out", "error trying to connect"),
                "dialing to the given tcp address timed out",
                (
                    r"failed to open tcp connection to [^\n]{0,120}\(execution expired\)",
                    "execution expired",
                ),
                (r"timed out - connect\(2\)", "connect(2)"),
                # Go on macOS and BSD, where ETIMEDOUT reads "operation timed out"; Go's
                # transport canceling a request still waiting for its connection
                (r"\bconnect: operation timed out", "connect: operation timed out"),
                "request canceled while waiting for connection",
                ":connect_timeout",
                # Python's urllib wraps only the connect and send phase in URLError (a read
                # timeout is raised bare, as socket.timeout / TimeoutError)
                (
                    r"<urlopen error (?:\[errno (?:110|60|10060)\] )?(?:connection )?timed out>",
                    "urlopen error",
                ),
            ),
        ),
        priority=80,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            '{"error":{"code":"exception","message":"connect api.deepseek.com:443 timeout'
            ' after 15 seconds"}}',
            "java.net.SocketTimeoutException: failed to connect to api.openai.com/104.18.7.192"
            " (port 443) from /10.0.2.16 (port 40122) after 10000ms",
            "error sending request for url (https://api.anthropic.com/v1/messages): error"
            " trying to connect: operation timed out",
            "Faraday::ConnectionFailed: Failed to open TCP connection to api.openai.com:443"
            " (execution expired)",
            "Connection to tcp://api.mistral.ai:443 timed out after 10 seconds",
            'Post "https://api.openai.com/v1/chat/completions": net/http: request canceled while'
            " waiting for connection (Client.Timeout exceeded while awaiting headers)",
        ),
        near_misses=(
            "Connected to api.openai.com:443; read timeout after 60 seconds",
            "java.net.SocketTimeoutException: timeout",
            "Error: read ETIMEDOUT",
        ),
    ),
    Rule(
        "network.read_timeout.client_deadline",
        "A client's own timer for the answer ran out: the stream did not start or the call"
        " did not finish within the time the client allows (Qwen Code's and other agents'"
        " 'Streaming setup timeout after 483s' and 'Request timeout after 120s', Ktor's"
        " HttpRequestTimeoutException 'Request timeout has expired', Reactor's 'Did not"
        " observe any item or terminal signal within 60000ms', 'first token timeout'). The"
        " connection was made and the request sent; the model was still working, so a"
        " longer timeout or a shorter input is the fix, and a retry may be billed twice.",
        L,
        Cause.READ_TIMEOUT,
        says(
            (
                r"\b(?:request|streaming(?: setup| request)?|stream setup|response|api|llm"
                r"|model|completion|generation|inference) timeout after \d",
                "timeout after ",
            ),
            (r"\b(?:request|socket) timeout has expired", "timeout has expired"),
            "did not observe any item or terminal signal within",
            (r"\bfirst (?:token|byte|chunk|response) timeout", "timeout"),
            (
                r"timed out waiting for (?:the )?first (?:token|byte|chunk|response)",
                "timed out waiting for ",
            ),
        ),
        priority=76,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "[API Error: Connection error.]\n[API Error: Streaming setup timeout after 300s."
            " Try reducing input length or increasing timeout in config.]",
            "io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired"
            " [url=https://api.openai.com/v1/chat/completions, request_timeout=60000 ms]",
            "java.util.concurrent.TimeoutException: Did not observe any item or terminal"
            " signal within 60000ms in 'flatMap' (and no fallback has been configured)",
        ),
        near_misses=(
            "io.ktor.client.network.sockets.ConnectTimeoutException: Connect timeout has"
            " expired [url=https://api.openai.com/v1/chat/completions]",
            "Gateway timeout after 60s",
        ),
    ),
    Rule(
        "network.read_timeout.grpc_deadline",
        "A gRPC client's own deadline ran out before the answer, in the words the gRPC"
        " libraries put on it: grpc-js's '4 DEADLINE_EXCEEDED: Deadline exceeded', Python"
        " grpc's 'StatusCode.DEADLINE_EXCEEDED ... details = \"Deadline Exceeded\"', and"
        " google-api-core's 'DeadlineExceeded: 504 Deadline Exceeded' (its 504 is the HTTP"
        " name it gives the gRPC code, not an answer received). The call's timeout (Vertex AI's"
        " and Gemini's SDKs over gRPC) was shorter than the model's work: a read timeout of the"
        " client, not a gateway's 504; a server's own DEADLINE_EXCEEDED body names its message.",
        L,
        Cause.READ_TIMEOUT,
        says(
            # ("Deadline exceeded after 30.000s, ..." is network.read_timeout's)
            (r"\b4 deadline_exceeded: deadline exceeded\b(?! after)", "4 deadline_exceeded"),
            (
                r"statuscode\.deadline_exceeded[^\n]{0,40}details ?= ?\"deadline exceeded\"",
                "statuscode.deadline_exceeded",
            ),
            "deadlineexceeded: 504 deadline exceeded",
        ),
        # a status of 504 read from api-core's words costs network rules 60 points
        # (classify.ANSWERED_PENALTY): 134 - 60 = 74, above the generic gateway timeout (72)
        priority=134,
        retry=Retry.CAREFUL,
        confidence=0.7,
        samples=(
            "google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded",
            "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:"
            ' status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded">',
            "Error: 4 DEADLINE_EXCEEDED: Deadline exceeded\n    at callErrorFromStatus",
        ),
        near_misses=(
            '{"error":{"code":504,"message":"The request timed out. Please try again.",'
            '"status":"DEADLINE_EXCEEDED"}}',
        ),
    ),
    Rule(
        "network.read_timeout.client_library",
        "A client library's own timeout error fired while waiting for the answer (undici,"
        " Java, Go, axios, curl, the openai SDK, Vert.x, Dart's dio).",
        L,
        Cause.READ_TIMEOUT,
        says(
            (r"und_err_(?:headers|body)_timeout", "und_err_"),
            "headers timeout",
            "body timeout",
            "networktimeout",
            "sockettimeoutexception",
            (
                r"i/o error on (?:post|get) request for [^\n]{0,300}: (?:read )?time(?:d )?out",
                "i/o error on ",
            ),
            "esockettimedout",
            "client.timeout exceeded",
            "apitimeouterror",
            "timeout awaiting",
            "curl: (28)",
            (r"curl error 28\b", "curl error 28"),
            "read etimedout",
            "connection timed out, read",
            "socket timeout",
            (r"timeout of \d+ ?ms exceeded", "timeout of "),
            "interruptedioexception",
            # Rust reqwest's Debug form of a timeout; gRPC's deadline
            (r"source: timedout\b", "source: timedout"),
            # aiohttp's sock_read timeout (SocketTimeoutError, before 3.10 ServerTimeoutError)
            "timeout on reading data from socket",
            # Vert.x's HTTP client (Quarkus REST client, LangChain4j on Quarkus): no data came
            # back within the request's idle timeout, "The timeout period of 30000ms has been
            # exceeded while executing POST /v1/chat/completions for server host:443"
            (r"timeout period of \d+ ?ms has been exceeded", "timeout period of "),
            # Dart's dio: DioExceptionType.receiveTimeout, "DioException [receive timeout]: The
            # request took longer than 0:01:00.000000 to receive data. It was aborted."
            (
                r"dioexception \[receive timeout\]"
                r"|the request took longer than \S+ to receive data",
                "dioexception [receive timeout]",
                "to receive data",
            ),
        ),
        priority=74,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            'reqwest::Error { kind: Request, url: "https://api.anthropic.com/v1/messages",'
            " source: TimedOut }",
            "ConnectError: [unavailable] read ETIMEDOUT ... cause: Error: read ETIMEDOUT {"
            " errno: -60, code: 'ETIMEDOUT', syscall: 'read' }",
            "API Error: read ETIMEDOUT",
            "io.vertx.core.http.impl.NoStackTraceTimeoutException: The timeout period of 5000ms"
            " has been exceeded while executing POST /resources for server localhost:8081",
        ),
    ),
    Rule(
        "network.read_timeout.no_headers",
        "The client's own error says no response headers came in time (undici's"
        " HeadersTimeoutError, Go's ResponseHeaderTimeout): a status in the same paste is"
        " another party's log, not this client's answer.",
        L,
        Cause.READ_TIMEOUT,
        any_of(
            says(
                "und_err_headers_timeout",
                "headers timeout error",
                "timeout awaiting response headers",
            ),
            exception("HeadersTimeoutError"),
        ),
        priority=92,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "HeadersTimeoutError: Headers Timeout Error\n[GIN] 2024/12/30 - 12:58:37 | 500 |"
            '          5m0s |    192.168.1.11 | POST     "/api/chat"',
            'Post "https://api.openai.com/v1/chat/completions": net/http: timeout awaiting'
            " response headers\n[GIN] 2025/01/02 - 10:00:00 | 500 | 2m0s | 127.0.0.1 | POST"
            ' "/v1/chat/completions"',
        ),
        near_misses=("Client.Timeout exceeded while awaiting headers",),
    ),
    Rule(
        "network.read_timeout.body_stalled",
        "The answer started but its body stopped arriving within the client's timeout"
        " (undici's BodyTimeoutError, 300 s between chunks by default): a stalled stream,"
        " not a reset.",
        L,
        Cause.READ_TIMEOUT,
        any_of(
            says(
                "und_err_body_timeout",
                "body timeout error",
                # reqwest: the timeout fired while the body was being read
                (
                    r"(?:error decoding response body|error reading a body from connection)"
                    r"[^\n]{0,40}?(?:operation )?timed out",
                    "error decoding response body",
                    "error reading a body from connection",
                ),
            ),
            exception("BodyTimeoutError"),
        ),
        priority=80,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "TypeError: terminated [cause]: BodyTimeoutError: Body Timeout Error { code:"
            " 'UND_ERR_BODY_TIMEOUT' }",
            "[API Error: terminated (cause: Body Timeout Error)]",
            '{"message":"terminated","code":"UND_ERR_BODY_TIMEOUT","modelId":"qwen3","providerId":'
            '"openai"}',
        ),
        near_misses=("TypeError: terminated [cause]: SocketError: other side closed",),
    ),
    Rule(
        "network.read_timeout.stream_idle",
        "A client gave up on a stream that sent nothing for its idle window ('Stream timeout: no"
        " data from API for 30s', Codex's 'idle timeout waiting for SSE', 'no chunk received"
        " within 60 seconds', 读取超时): connected and answered, but the next data did not come"
        " in time (a slow local model or a long prompt being read).",
        L,
        Cause.READ_TIMEOUT,
        says(
            "idle timeout waiting for sse",
            (
                r"\bno (?:new )?(?:data|chunks?|tokens?|events?|bytes|output)"
                r" (?:was |were |has been )?(?:received |arrived |from (?:the )?"
                r"(?:api|server|model|provider|upstream|stream) )?(?:for|in|within)"
                r" (?:the (?:last|past) )?\d+(?:\.\d+)? ?(?:s|ms|sec|secs|seconds?|minutes?|min)\b",
                "no data",
                "no new data",
                "no chunk",
                "no new chunk",
                "no token",
                "no new token",
                "no event",
                "no new event",
                "no bytes",
                "no new bytes",
                "no output",
                "no new output",
            ),
            (r"\bstream(?:ing)? (?:idle |read )?timeout", "stream"),
            "读取超时",
            "读取数据超时",
            "读取响应超时",
        ),
        priority=80,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "Error: Stream timeout: no data from API for 45s",
            "stream disconnected before completion: idle timeout waiting for SSE",
            "TimeoutError: no chunk received within 120 seconds",
            "请求失败：读取超时",
        ),
        near_misses=(
            "no data found for this query",
            "Connection timed out after 10 s",
            "upstream timeout",
        ),
    ),
    Rule(
        "network.read_timeout.whole_call",
        "LiteLLM's timeout for the whole call ran out (it words every httpx timeout"
        " 'Connection timed out. Timeout passed=N, time taken=M'): the answer was too slow.",
        L,
        Cause.READ_TIMEOUT,
        any_of(
            says((r"timed out\. timeout passed=", "timeout passed=")),
            all_of(says("litellm.timeout: connection timed out after"), _waited_for_answer),
        ),
        priority=80,
        retry=Retry.CAREFUL,
        confidence=0.7,
        samples=(
            "litellm.Timeout: AnthropicException - litellm.Timeout: Connection timed out."
            " Timeout passed=45.0, time taken=45.301 seconds",
            "litellm.APIConnectionError: OllamaException - litellm.Timeout: Connection timed"
            " out. Timeout passed=600.0, time taken=670.6 seconds",
            "litellm.exceptions.Timeout: litellm.Timeout: Connection timed out after 300.0"
            " seconds.",
        ),
        near_misses=("litellm.Timeout: Connection timed out after 30 seconds",),
    ),
    Rule(
        "network.status_408",
        "408: the server gave up waiting for the request body.",
        L,
        Cause.READ_TIMEOUT,
        status(408),
        priority=20,
        retry=Retry.CAREFUL,
        confidence=0.5,
        samples=("API Error: 408 status code (no body)",),
    ),
    Rule(
        "network.connection_reset",
        "The connection was reset or closed mid-exchange.",
        L,
        Cause.CONNECTION_RESET,
        any_of(
            says(
                (r"\beconnreset\b", "econnreset"),
                (r"connection (?:was )?reset", "connection "),
                "errno 104]",
                "winerror 10054",
                "socket hang up",
                "forcibly closed by the remote host",
                "connection aborted",
                (r"\beconnaborted\b", "econnaborted"),
                (r"\bepipe\b", "epipe"),
                "broken pipe",
                (r"err_connection_(?:closed|reset|aborted)", "err_connection_"),
                "err_empty_response",
                # Chromium: the last chunk of a chunked answer (an SSE stream) never came, or
                # the body was shorter than its Content-Length: the connection was closed
                # mid-answer, often by a reverse proxy's read timeout or buffering
                "err_incomplete_chunked_encoding",
                "err_content_length_mismatch",
                # Windows' WSAECONNABORTED; curl's 52 (the server closed without a reply)
                "winerror 10053",
                "empty reply from server",
                # Ruby's Net::HTTP (Faraday, ruby-openai) when the server closed the socket
                # before the answer: EOFError "end of file reached"
                "eoferror: end of file reached",
            ),
            exception(
                "ConnectionResetError",
                "RemoteDisconnected",
                "RemoteProtocolError",
                "ServerDisconnectedError",
                "ClientPayloadError",
                "IncompleteRead",
                "ReadError",
            ),
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "Failed to connect to api.anthropic.com: ECONNRESET",
            "API Error: Unable to connect to API (ECONNRESET)",
            "net::ERR_CONNECTION_CLOSED",
            "POST https://chat.example.org/api/v1/chat/completions"
            " net::ERR_INCOMPLETE_CHUNKED_ENCODING 200 (OK)",
            "GET https://example.org/api/stream net::ERR_CONTENT_LENGTH_MISMATCH 200",
            "curl: (52) Empty reply from server",
            "ConnectionAbortedError: [WinError 10053] An established connection was aborted by"
            " the software in your host machine",
        ),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.connection_reset.closed_early",
        "The server or something on the way closed the connection before the answer was"
        " complete (Python, Node, OkHttp and Go clients' wording).",
        L,
        Cause.CONNECTION_RESET,
        all_of(
            says(
                "remotedisconnected",
                "remote end closed connection",
                "server disconnected",
                "serverdisconnectederror",
                "peer closed connection",
                "incomplete chunked read",
                "incompleteread",
                "connection closed before message completed",
                "und_err_socket",
                "other side closed",
                "premature close",
                "error decoding response body",
                "unexpected eof",
                "connection closed mid-",
                (r"closed mid-(?:response|stream)", "closed mid-"),
                (r"connection (?:was )?(?:closed|terminated) unexpectedly", " unexpectedly"),
                "remoteprotocolerror",
                "clientpayloaderror",
                # urllib3 when a chunked body stops mid-way
                "connection broken: invalidchunklength",
                # OkHttp: "unexpected end of stream on https://api.openai.com/..."; Go's HTTP/2
                "unexpected end of stream on",
                "server sent goaway and closed the connection",
            ),
            none_of(says(*_RUNNER_CALL)),
            # a WebSocket close that states the server's own code (RFC 6455 7.4.1: 1003/1007
            # the data refused, 1008 policy, 1009 too big, 1011-1014 the server's failure) is
            # the server saying why it closed, whatever words wrap it ("Connection closed
            # unexpectedly. Code: 1007, reason: ..."): the code's rules and the reason decide;
            # 1006, the abnormal closure no frame explains, stays a cut connection
            none_of(websocket_close(1003, 1007, 1008, 1009, 1011, 1012, 1013, 1014, sent=False)),
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "Unable to connect to API (UND_ERR_SOCKET)",
            "answer failed 1 times, the error message is: java.io.IOException: unexpected end"
            " of stream on https://api.openai.com/...",
            "http2: server sent GOAWAY and closed the connection; LastStreamID=1999,"
            ' ErrCode=NO_ERROR, debug=""',
        ),
        near_misses=(
            '{"error":"an error was encountered while running the model: unexpected EOF"}',
            "Connection closed unexpectedly. Code: 1009, reason: Max frame length exceeded.",
        ),
    ),
    Rule(
        "network.connection_reset.no_status_line",
        "The connection closed before the answer's first line: Java's HttpClient ('HTTP/1.1"
        " header parser received no bytes'), OkHttp's status-line reader at end of stream"
        " ('\\n not found: limit=0 content=…'), hyper's Debug form of 'connection closed before"
        " message completed' (IncompleteMessage). The server or a hop on the way dropped the"
        " connection after the request was sent.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "header parser received no bytes",
            "not found: limit=0 content=",
            "incompletemessage",
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "java.io.IOException: HTTP/1.1 header parser received no bytes",
            "java.io.EOFException: \\n not found: limit=0 content=…",
            "reqwest::Error { kind: Request, source: hyper::Error(IncompleteMessage) }",
        ),
    ),
    Rule(
        "network.connection_reset.body_cut",
        "The answer had started and its body was cut off (requests' ChunkedEncodingError,"
        " urllib3's 'Connection broken: ...', a TLS EOF raised while reading rather than while"
        " connecting): the connection was closed mid-answer, whatever TLS words come with it.",
        L,
        Cause.CONNECTION_RESET,
        any_of(
            says(
                "chunkedencodingerror",
                "response ended prematurely",
                (r"connection broken: \w", "connection broken: "),
                "application data after close notify",
                "application_data_after_close_notify",
            ),
            all_of(
                says(
                    "eof occurred in violation of protocol",
                    "unexpected_eof_while_reading",
                    "unexpected eof while reading",
                ),
                any_of(
                    says("readerror", "while reading the response", "during the response"),
                    exception("ReadError", "ClientPayloadError"),
                ),
            ),
        ),
        priority=80,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "requests.exceptions.ChunkedEncodingError: ('Connection broken:"
            " ConnectionResetError(104, 'Connection reset by peer')', ConnectionResetError(104,"
            " 'Connection reset by peer'))",
            "requests.exceptions.ChunkedEncodingError: Response ended prematurely",
            'urllib3.exceptions.ProtocolError: ("Connection broken: SSLError(SSLEOFError(8,'
            " 'EOF occurred in violation of protocol (_ssl.c:2427)'))\")",
            "httpx.ReadError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of"
            " protocol (_ssl.c:2580)",
            "ssl.SSLError: [SSL: APPLICATION_DATA_AFTER_CLOSE_NOTIFY] application data after"
            " close notify (_ssl.c:2706)",
        ),
        near_misses=(
            "httpx.ConnectError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation"
            " of protocol (_ssl.c:1007)",
            "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.openai.com', port=443):"
            " Max retries exceeded (Caused by SSLError(SSLEOFError(8, 'EOF occurred in violation"
            " of protocol (_ssl.c:1131)')))",
        ),
    ),
    Rule(
        "network.connection_reset.no_answer_jvm",
        "The connection closed before or while the answer came, in the words of JVM and Dart"
        " clients: Java HttpURLConnection's 'Unexpected end of file from server', Apache"
        " HttpClient's NoHttpResponseException 'host:443 failed to respond', Reactor Netty's"
        " 'Connection prematurely closed BEFORE response', Dart's 'Connection closed while"
        " receiving data'. (.NET's 'Unable to read data from the transport connection' is"
        " left to what follows it: a reset, or an operation canceled by a timeout.) The"
        " server, a proxy or an idle-connection reaper dropped the socket: a reset, not a"
        " server error, and the request may have been processed.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "unexpected end of file from server",
            "nohttpresponseexception",
            (r":\d+ failed to respond\b", "failed to respond"),
            "connection prematurely closed",
            "prematurecloseexception",
            "connection closed while receiving data",
        ),
        priority=76,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "java.net.SocketException: Unexpected end of file from server",
            "org.apache.http.NoHttpResponseException: api.openai.com:443 failed to respond",
            "reactor.netty.http.client.PrematureCloseException: Connection prematurely closed"
            " BEFORE response",
            "ClientException: Connection closed while receiving data,"
            " uri=https://api.openai.com/v1/chat/completions",
        ),
        near_misses=("The server failed to respond to the health check in time: 503",),
    ),
    Rule(
        "network.connection_reset.fetch_terminated",
        "A fetch or stream was terminated mid-way (undici's 'terminated', a premature close,"
        " a lost network connection).",
        L,
        Cause.CONNECTION_RESET,
        all_of(
            says(
                "typeerror: terminated",
                "typeerror (terminated)",
                # undici's message alone, as wrappers print err.message after their own
                # words ("[API Error: terminated]", "...processing the request: terminated",
                # error: 'terminated'); not "terminated by signal", "terminated unexpectedly"
                (
                    r"(?:error|exception|request|failed|fetch)[^\n:]{0,40}: ['\"]?terminated"
                    r"(?!\w|\s*(?:by|unexpectedly|abnormally|with|due|because|after)\b)",
                    "terminated",
                ),
                "stream ended unexpectedly",
                "network connection lost",
                # Node's stream code; OkHttp's HTTP/2 reset
                "err_stream_premature_close",
                (r"https?://[^\s\"]+\": eof\b", '": eof'),
                # Dart's http client; curl's 18 (body cut short) and 92 (HTTP/2 stream reset)
                "connection closed before full header was received",
                "transfer closed with outstanding read data",
                (r"curl: \(92\) http/2 stream \d+ was not closed cleanly", "curl: (92)"),
                # Rust's hyper over HTTP/2: the body stream broke
                "h2 protocol error",
                # Bun's fetch error code for a connection closed mid-way ("Unable to connect
                # to API (ConnectionClosed)" in Claude Code, which runs on Bun)
                (r"\bconnectionclosed\b", "connectionclosed"),
            ),
            none_of(says(*_RUNNER_CALL)),
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "API Error (Connection error.) · Retrying in 4 seconds… (attempt 4/10)    ⎿ "
            " TypeError (terminated)",
            'Post "https://api.openai.com/v1/chat/completions": EOF',
            "ClientException: Connection closed before full header was received,"
            " uri=https://api.openai.com/v1/chat/completions",
            "curl: (18) transfer closed with outstanding read data remaining",
            "[API Error: terminated]",
            "Error: Something went wrong: an error occurred while processing the request:"
            " terminated",
            "{ error: true, result: { success: false, error: 'terminated' } }",
            "API Error: Unable to connect to API (ConnectionClosed)",
        ),
        near_misses=(
            "Error: process terminated by signal SIGKILL",
            "Error: llama runner process has terminated: exit status 2",
            "Error: 500 Internal Server Error: do load request: Post"
            ' "http://127.0.0.1:41235/load": EOF',
        ),
    ),
    Rule(
        "network.generic.http2_unanswered",
        "The AWS SDK for JavaScript's HTTP/2 handler (smithy's NodeHttp2Handler: Bedrock"
        " Runtime, Transcribe and other HTTP/2 streams) saw the request's stream close before"
        " any response came, with no error or abort event to say why: 'Unexpected error:"
        " http2 request did not get a response'. The server, a middlebox or the session's own"
        " teardown closed it; the words do not tell a reset from an idle cut, so the cause"
        " stays open. Reported mostly behind VPNs and corporate proxies since Bedrock Runtime's"
        " client moved to HTTP/2; a client built with the HTTP/1.1 handler (NodeHttpHandler)"
        " avoids it. The request may have been received.",
        L,
        Cause.UNKNOWN,
        says("http2 request did not get a response"),
        # above network.generic (30) and the weak status rules, so the fallback does not
        # guess a cause the words do not hold
        priority=60,
        retry=Retry.CAREFUL,
        confidence=0.6,
        samples=(
            "Error: Unexpected error: http2 request did not get a response\n    at"
            " ClientHttp2Stream.<anonymous> (node_modules/@smithy/node-http-handler/dist-cjs/"
            "index.js:790:26)",
        ),
        near_misses=("http2 request completed with status 200",),
    ),
    # Python's websockets (the Realtime, Live and speech SDKs' transport): the library closed
    # a connection whose peer stopped answering its pings, and reports the close frame it
    # sent itself ("sent 1011 (internal error) keepalive ping timeout"): the 1011 is the
    # client's, not a server's internal error.
    Rule(
        "network.connection_reset.websocket_ping",
        "A WebSocket connection went quiet: the client's keepalive pings were not answered"
        " and it closed the connection itself.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "keepalive ping timeout",
            "no close frame received or sent",
        ),
        priority=88,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "websockets.exceptions.ConnectionClosedError: sent 1011 (internal error) keepalive"
            " ping timeout; no close frame received",
            "ConnectionClosedError: no close frame received or sent",
        ),
        near_misses=("received 1011 (internal error) upstream model crashed; then sent 1011",),
    ),
    # RFC 6455's 1006 is never sent: a client reports it when the connection ended without
    # a close frame (dropped, reset, cut by a proxy).
    Rule(
        "network.connection_reset.websocket_close",
        "A WebSocket ended with 1006 (abnormal closure): the connection dropped without a"
        " close frame from the server.",
        L,
        Cause.CONNECTION_RESET,
        websocket_close(1006),
        priority=55,
        retry=Retry.CAREFUL,
        confidence=0.55,
        samples=(
            "live session lost: websocket: close 1006 (abnormal closure)",
            "onclose: CloseEvent code 1006, wasClean false",
        ),
    ),
    Rule(
        "network.connection_reset.stream_reset",
        "An HTTP/2 stream was reset by the peer, or a TLS record arrived corrupted (bad"
        " record MAC).",
        L,
        Cause.CONNECTION_RESET,
        says(
            # Rust hyper: the peer reset an HTTP/2 stream
            "kind: reset(streamid",
            # HTTP/2: the peer reset the stream; Go's net/http: the body ended at EOF
            (
                r"stream error: stream id \d+; \w+; received from peer",
                "stream error: stream id ",
            ),
            "stream was reset",
            "streamresetexception",
            # Go's HTTP/2 transport: the connection died (ping timeout, peer gone) or the
            # server shut it down with requests in flight; curl's exit code 16
            "http2: client connection lost",
            "http2: client connection force closed",
            "graceful shutdown goaway",
            "error in the http2 framing layer",
            # Node's http2 core (fetch through undici's h2, the gRPC-js transport) and Python's
            # h2: the stream or the session was closed with an HTTP/2 error code
            "err_http2_stream_error",
            "err_http2_session_error",
            # Chromium's HTTP/3 (QUIC) connection broke mid-exchange (Electron apps)
            "err_quic_protocol_error",
            "err_http2_goaway_session",
            (r"(?:stream|session) closed with error code", "closed with error code"),
            # the AWS SDK's (smithy) NodeHttp2Handler: the stream's "aborted" event, "HTTP/2
            # stream is abnormally aborted in mid-communication with result code N"
            "stream is abnormally aborted",
            "streamclosederror",
            # Chromium/Electron (net_error_list.h -337): the HTTP/2 stream broke, typically
            # mid-stream after "200 (OK)" when a proxy or CDN cuts a long SSE answer
            "err_http2_protocol_error",
            # a TLS record that failed its integrity check mid-connection
            "badrecordmac",
            "bad_record_mac",
            "bad record mac",
        ),
        priority=75,
        retry=Retry.CAREFUL,
        confidence=0.8,
        samples=(
            "Request failed with error: Transport(reqwest::Error { kind: Decode, source:"
            " hyper::Error(Body, Error { kind: Reset(StreamId(19), INTERNAL_ERROR, Remote) }) })",
            "Error: HTTP/2 stream is abnormally aborted in mid-communication with result code 2.",
            "error sending request for url (https://api.anthropic.com/v1/messages):"
            " connection error: received fatal alert: BadRecordMac",
            "Error: stream error: stream ID 1; INTERNAL_ERROR; received from peer",
            "POST https://chat.example.org/api/chat net::ERR_HTTP2_PROTOCOL_ERROR 200 (OK)",
        ),
    ),
    Rule(
        "network.stream_disconnected",
        "Codex's generic prefix for a stream that ended early; what follows it decides.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "stream disconnected before completion",
        ),
        priority=28,
        retry=Retry.CAREFUL,
        confidence=0.5,
        # codex-rs's own reason when the SSE stream ends without its final event; with no
        # status after "unexpected status" the prefix alone is too weak for the learned
        # fallback not to weigh it (a weak rule), so that form is not this rule's sample
        samples=("stream disconnected before completion: stream closed before response.completed",),
    ),
    Rule(
        "network.generic",
        "The client could not reach the server, and did not say why.",
        L,
        Cause.UNKNOWN,
        all_of(
            any_of(
                says(
                    "connection error",
                    "apiconnectionerror",
                    "fetch failed",
                    "failed to fetch",
                    "network error",
                    "unable to connect",
                    "error sending request",
                    "could not connect",
                    "err_network",
                    # Chromium's bare "an operation timed out" (-7): connect or read, it says not
                    (r"\berr_timed_out\b", "err_timed_out"),
                    "networkerror",
                    "connecterror",
                    "connect error",
                    "connection failed",
                    "failed to connect to all addresses",
                    "无法连接到所有地址",
                    "connectexception",
                    (r"request to https?://\S+ failed, reason:", " failed, reason:"),
                    "check your network configuration",
                    # the Vercel AI SDK's handleFetchError: "Cannot connect to API: <the fetch
                    # TypeError's cause>", raised only when fetch itself failed
                    "cannot connect to api",
                ),
                exception(
                    "APIConnectionError",
                    "ConnectError",
                    "ConnectionError",
                    "ClientConnectorError",
                    "NetworkError",
                    "TransportError",
                ),
            ),
            # (not where axios says an HTTP answer came back: its ERR_BAD_REQUEST is any 4xx,
            # ERR_BAD_RESPONSE any 5xx, printed by clients under "Unable to connect" or
            # "Failed to connect to <host>": the server answered, so not the network's)
            none_of(says("err_bad_request", "err_bad_response")),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "Connection error.",
            "APICallError: Cannot connect to API: Unable to connect. Is the computer able to"
            " access the url?",
        ),
        near_misses=("Failed to connect to api.anthropic.com: ERR_BAD_REQUEST",),
    ),
    Rule(
        "network.generic.chinese",
        "A client's own Chinese words for a call that did not get through (网络连接失败, 网络错误,"
        " 网络异常, 请求超时, 无法连接到服务器): apps map their HTTP library's timeout and"
        " connection exceptions to these lines, so the layer is the network and the cause is"
        " not said.",
        L,
        Cause.UNKNOWN,
        says(
            (r"网络连接(?:失败|错误|异常|中断)", "网络连接"),
            (r"网络(?:错误|异常)", "网络"),
            "请求超时",
            (r"无法连接(?:到)?(?:服务器|服务端)", "无法连接"),
            "连接服务器失败",
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "请求超时，请检查网络连接后重试",
            "网络连接失败，请检查网络设置或代理配置",
            "生成失败：网络异常，请稍后重试",
        ),
        near_misses=("网络正常，请求成功",),
    ),
    Rule(
        "network.generic.client_words",
        "A client's or a runtime's own words for a request that reached nothing, whatever the"
        " reason (aiohttp's 'Cannot connect to host', the fetch polyfill's and React Native's"
        " 'Network request failed', Safari's 'Load failed'): the layer is known, the cause is"
        " not.",
        L,
        Cause.UNKNOWN,
        says(
            (r"cannot connect to host\b", "cannot connect to host"),
            "network request failed",
            "typeerror: load failed",
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "Cannot connect to host api.openai.com:443 ssl:default [None]",
            "TypeError: Network request failed",
            "TypeError: Load failed",
        ),
        near_misses=("Cannot connect to the database server",),
    ),
    Rule(
        "network.generic.socket_not_opened",
        "Bun's fetch could not open a socket to the host (its error code FailedToOpenSocket,"
        " 'Was there a typo in the url or port?'; Claude Code and opencode run on Bun and print"
        " 'Unable to connect to API (FailedToOpenSocket)'): the call never left the machine."
        " Bun gives this one code for a name that did not resolve, an address it could not"
        " reach and a socket it could not create, so the layer is the network and the cause"
        " is not said (a refusal is its ConnectionRefused, a cut its ConnectionClosed).",
        L,
        Cause.UNKNOWN,
        says(
            "failedtoopensocket",
            "was there a typo in the url or port",
        ),
        priority=55,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "API Error: Unable to connect to API (FailedToOpenSocket)",
            "FailedToOpenSocket: Was there a typo in the url or port?\n path:"
            ' "https://api.anthropic.com/v1/messages"',
        ),
        near_misses=("API Error: Unable to connect to API (ConnectionRefused)",),
    ),
    Rule(
        "network.generic.translated",
        "A client's own words, in the user's language, for a call that did not get through"
        " ('network error', 'connection error', 'could not connect to the server' in German,"
        " French, Spanish, Portuguese, Italian and Dutch): apps map their HTTP library's"
        " connection and timeout exceptions to these lines, as they do in Chinese"
        " (network.generic.chinese),"
        " so the layer is the network and the cause is not said.",
        L,
        Cause.UNKNOWN,
        says(
            # German
            "netzwerkfehler",
            "verbindungsfehler",
            (
                r"verbindung zum server (?:ist )?(?:fehlgeschlagen|konnte nicht hergestellt"
                r"|nicht möglich)",
                "verbindung zum server",
            ),
            "keine verbindung zum server",
            # French
            (r"erreur (?:de )?réseau", "réseau"),
            "erreur de connexion",
            (
                r"impossible de (?:se connecter au|joindre le|contacter le) serveur",
                "impossible de",
            ),
            # Spanish
            "error de red",
            "error de conexión",
            (r"no se (?:pudo|puede) conectar (?:con el|al) servidor", "no se "),
            # Portuguese
            "erro de rede",
            "erro de conexão",
            (r"não foi possível (?:se )?conectar ao servidor", "não foi possível"),
            # Italian
            "errore di rete",
            "errore di connessione",
            (r"impossibile (?:connettersi al|contattare il|raggiungere il) server", "impossibile "),
            # Dutch
            "netwerkfout",
            "verbindingsfout",
            (r"kan geen verbinding maken met", "kan geen verbinding"),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "Netzwerkfehler: Bitte überprüfen Sie Ihre Verbindung.",
            "Erreur réseau. Vérifiez votre connexion internet.",
            "Kan geen verbinding maken met de server.",
        ),
        near_misses=("Die Verbindung zum Server ist stabil",),
    ),
    Rule(
        "network.generic.translated_other",
        "The same words as network.generic.translated in Russian, Japanese, Korean, Polish,"
        " Turkish, Vietnamese and Indonesian ('network error', 'could not connect to the"
        " server'): the layer is the network and the cause is not said.",
        L,
        Cause.UNKNOWN,
        says(
            # Russian
            "ошибка сети",
            "сетевая ошибка",
            "ошибка соединения",
            "ошибка подключения",
            (r"не удалось (?:подключиться к серверу|установить соединение)", "не удалось "),
            # Japanese, Korean
            "ネットワークエラー",
            (r"サーバーに接続でき(?:ません|なかった)", "サーバーに接続"),
            "通信エラー",
            "네트워크 오류",
            (r"서버에 연결할 수 없", "서버에 연결"),
            # Polish, Turkish, Vietnamese, Indonesian
            "błąd sieci",
            (r"nie można połączyć się z serwerem", "nie można połączyć"),
            "ağ hatası",
            (r"sunucuya bağlanılamadı", "sunucuya bağlan"),
            "lỗi mạng",
            (r"không thể kết nối (?:đến|tới|với) máy chủ", "không thể kết nối"),
            "kesalahan jaringan",
            (r"tidak dapat terhubung ke server", "tidak dapat terhubung"),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "Ошибка сети: не удалось выполнить запрос",
            "サーバーに接続できませんでした",
        ),
    ),
    Rule(
        "network.generic.communication_failed",
        "An app's or an integration's own words for a call that did not get through, in"
        " English and the user's language ('Communication with X failed', 'Error"
        " communicating with API', Dutch 'Communicatie met X mislukt', German 'Kommunikation"
        " mit dem Server fehlgeschlagen', French 'La communication avec X a échoué', Spanish"
        " 'Error de comunicación con', Italian 'Comunicazione con X non riuscita'): apps print"
        " them when their HTTP client raised a connection or timeout error, whichever it was."
        " An HTTP status beside them speaks instead (their rules rank higher, and an answer"
        " received sinks every network rule).",
        L,
        Cause.UNKNOWN,
        says(
            (r"\bfailed to communicate with\b", "failed to communicate with"),
            (r"\berror communicating with\b", "error communicating with"),
            (r"\bcommunication with [^\n]{1,60}? failed\b", "communication with "),
            (r"\bcommunicatie met [^\n]{1,60}? (?:is )?mislukt", "communicatie met "),
            (
                r"\bkommunikation mit [^\n]{1,60}? (?:ist )?fehlgeschlagen",
                "kommunikation mit ",
            ),
            (r"\bla communication avec [^\n]{1,60}? a échoué", "la communication avec "),
            (r"\béchec de (?:la )?communication avec\b", "communication avec"),
            (r"\berror de comunicación con\b", "error de comunicación con"),
            (r"\bcomunicazione con [^\n]{1,60}? (?:non riuscita|fallita)", "comunicazione con "),
            (r"\bfalha na comunicação com\b", "falha na comunicação com"),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.45,
        samples=(
            "Error communicating with API: Cannot write request body for transfer",
            "Communicatie met de server mislukt.",
            "Fehler: Kommunikation mit dem Server fehlgeschlagen.",
            "La communication avec le serveur a échoué. Veuillez réessayer.",
        ),
        near_misses=(
            "Communicatie met werknemers",
            "Kommunikation mit dem Kunden",
        ),
    ),
    Rule(
        "network.apple_url_error.translated",
        "Apple's URL loading system's messages in the user's language (iOS and macOS apps,"
        " Safari, Swift clients print the localized description without the code):"
        " NSURLErrorTimedOut (-1001, 'The request timed out': no complete answer within the"
        " request's idle interval), the same reading as its English words.",
        L,
        Cause.READ_TIMEOUT,
        says(
            "zeitüberschreitung bei der anforderung",
            "la requête a expiré",
            "se agotó el tiempo de espera",
            "se ha agotado el tiempo de espera",
            "il tempo di attesa della richiesta è scaduto",
            "tempo di richiesta scaduto",
            "esgotou-se o tempo limite da solicitação",
            "przekroczenie limitu czasu żądania",
            "превышен лимит времени на запрос",
            "요청한 시간이 초과되었습니다",
            "begäran nådde en maxtidsgräns",
            "要求逾時",
            "er is een time-out opgetreden voor het verzoek",
        ),
        priority=74,
        retry=Retry.CAREFUL,
        confidence=0.7,
        samples=(
            "UnexpectedException: Zeitüberschreitung bei der Anforderung. (at"
            " ExpoModulesCore/Promise.swift:61)",
            'Error Domain=NSURLErrorDomain Code=-1001 "La requête a expiré."',
            "TypeError: Se agotó el tiempo de espera.",
        ),
        near_misses=("Zeitüberschreitung beim Laden der Seite",),
    ),
    Rule(
        "network.read_timeout.translated",
        "A client's own words, in the user's language, for a call that got no complete answer"
        " in time: apps map their HTTP client's timeout (requests' Timeout, httpx's"
        " TimeoutException, axios' ECONNABORTED, an AbortController's timer) to 'the request"
        " timed out' in German, Dutch, French, Spanish, Portuguese, Italian, Russian,"
        " Japanese, Korean, Polish and Turkish; the same reading as the English 'Request timed"
        " out'. A gateway's translated 'gateway timeout' is the server side's, read by its own"
        " rule.",
        L,
        Cause.READ_TIMEOUT,
        says(
            "zeitüberschreitung der anfrage",
            "zeitüberschreitung bei der anfrage",
            (r"zeitlimit (?:der anfrage )?(?:wurde )?überschritten", "zeitlimit "),
            "er is een time-out opgetreden",
            (r"time-out (?:van|bij) (?:de aanvraag|het verzoek)", "time-out "),
            (r"délai d['’]attente (?:de la requête )?(?:dépassé|expiré|a expiré)", "délai d"),
            (r"tiempo de espera (?:agotado|excedido)", "tiempo de espera "),
            (r"(?:excedió|superó) el tiempo de espera", "el tiempo de espera"),
            (r"tempo (?:limite|de espera) (?:excedido|esgotado)", "tempo "),
            "timeout della richiesta",
            (r"tempo di attesa (?:scaduto|esaurito)", "tempo di attesa "),
            "превышено время ожидания",
            (r"(?:время ожидания истекло|истекло время ожидания)", "время ожидания"),
            "тайм-аут запроса",
            "タイムアウトしました",
            (r"(?:リクエスト|要求)がタイムアウト", "がタイムアウト"),
            "요청 시간이 초과",
            "시간이 초과되었습니다",
            (r"przekroczono (?:limit czasu|czas oczekiwania)", "przekroczono "),
            "zaman aşımına uğradı",
        ),
        # below the gateways' translated "gateway timeout" (upstream, 72) and the operating
        # system's translated connect timeout (78)
        priority=70,
        retry=Retry.CAREFUL,
        confidence=0.65,
        samples=(
            "Fehler: Zeitüberschreitung der Anfrage. Bitte versuchen Sie es erneut.",
            "Превышено время ожидания запроса к API",
            "Er is een time-out opgetreden bij het ophalen van het antwoord.",
            "Error: Délai d'attente dépassé, veuillez réessayer.",
            "リクエストがタイムアウトしました。",
        ),
        near_misses=(
            "Das Zeitlimit für die Sitzung wurde überschritten",
            "Gateway Time-out",
        ),
    ),
    Rule(
        "network.apple_url_error.lost_translated",
        "Apple's NSURLErrorNetworkConnectionLost (-1005, 'The network connection was lost')"
        " in the user's language: the connection dropped mid-request.",
        L,
        Cause.CONNECTION_RESET,
        says(
            "de netwerkverbinding is verbroken",
            "die netzwerkverbindung wurde unterbrochen",
            "la conexión de red se ha perdido",
            "la conexión de red se perdió",
            "la connessione è stata persa",
            "la connexion réseau a été perdue",
            "a conexão de rede foi perdida",
            "a ligação de rede foi cortada",
            "połączenie sieciowe zostało przerwane",
            "сетевое соединение потеряно",
            "ネットワーク接続が切れました",
            "網路連線中斷",
            "網絡連線中斷",
            "ağ bağlantısı kesildi",
            "nätverksanslutningen förlorades",
            "netværksforbindelsen gik tabt",
        ),
        priority=77,
        retry=Retry.CAREFUL,
        confidence=0.75,
        samples=(
            "TypeError: Die Netzwerkverbindung wurde unterbrochen.",
            "Erreur : La connexion réseau a été perdue.",
        ),
    ),
    Rule(
        "network.apple_url_error.dns_translated",
        "Apple's NSURLErrorCannotFindHost (-1003, 'A server with the specified hostname could"
        " not be found') in the user's language: the host name did not resolve.",
        L,
        Cause.DNS,
        says(
            "es wurde kein server mit dem angegebenen hostnamen gefunden",
            "impossibile trovare un server con il nome host specificato",
            "未能找到使用指定主机名的服务器",
        ),
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("TypeError: Es wurde kein Server mit dem angegebenen Hostnamen gefunden.",),
    ),
    Rule(
        "network.generic.retries_no_reason",
        "Python's urllib3 ran out of retries (MaxRetryError, inside requests'"
        " ConnectionError: 'HTTPSConnectionPool(host=..., port=443): Max retries exceeded"
        " with url: /v1/...') and the paste stops before its '(Caused by ...)': that"
        " reason (NameResolutionError, ConnectTimeoutError, NewConnectionError, SSLError,"
        " ProxyError) is what tells DNS, a timeout, a refusal, TLS or a proxy apart, and the"
        " rules that read it win where it is shown. Without it the layer is the network"
        " and the cause is open: print the whole exception.",
        L,
        Cause.UNKNOWN,
        all_of(
            says("max retries exceeded with url"),
            # a reason shown (even cut short), or a status urllib3 retried on
            # (ResponseError: the status decides, see upstream.*.retries_exhausted)
            none_of(says("caused by", "error responses")),
        ),
        # above the weak rules, so the fallback does not guess a cause the paste lacks;
        # below every rule that reads a reason
        priority=50,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.openai.com',"
            " port=443): Max retries exceeded with url: /v1/chat/completions",
        ),
        near_misses=(
            "HTTPSConnectionPool(host='api.openai.com', port=443): Max retries exceeded with"
            " url: /v1/embeddings (Caused by ResponseError('too many 429 error responses'))",
        ),
    ),
    Rule(
        "network.wrapped_connection_error",
        "An SDK in this process (LiteLLM wrapping the OpenAI SDK) raised a connection error, "
        "whatever class it was re-raised as: nothing answered.",
        L,
        Cause.UNKNOWN,
        all_of(
            says(
                "exception - connection error",
                "apiconnectionerror",
            ),
            lambda v: None if v.ev.bodies else {"answered with": "nothing"},
        ),
        priority=45,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "litellm.InternalServerError: InternalServerError: OpenAIException - Connection error.",
            "openai.APIConnectionError: Connection error.",
        ),
    ),
    # A relay's, a local router's or an agent proxy's 5xx quoting its own fetch's failure
    # (see _relay_wrapped): the network on the relay's hop to its upstream.
    _relay_wrapped(
        "network.relay_wrapped.unknown",
        "A relay or local router answered 5xx with its own HTTP client's transport failure"
        " (Node's 'fetch failed', Rust reqwest's or Deno's 'error sending request for url',"
        " aiohttp's 'Cannot connect to host',"
        " 'upstream unreachable'): it could not reach its upstream, and no provider answered;"
        " the words do not say whether DNS, a proxy, a refusal or a timeout stopped it.",
        Cause.UNKNOWN,
        (
            "fetch failed",
            "error sending request",
            (r"cannot connect to host\b", "cannot connect to host"),
            (r"upstream (?:is )?unreachable", "unreachable"),
            "network error: fetch",
            # the openai/anthropic SDKs' APIConnectionError message, exactly, in a relay built
            # on them (LiteLLM's "...Exception - Connection error." is left to its own rules)
            "connection error.",
            # node-fetch's FetchError: "request to URL failed, reason: ..."
            (r"request to https?://\S+ failed, reason:", " failed, reason:"),
        ),
        Retry.LIMITED,
        samples=(
            'API Error: 500 {"error":{"message":"fetch failed","type":"api_error"}}',
            '502 {"type":"error","error":{"type":"proxy_error","message":"Upstream request'
            ' failed: TypeError: fetch failed"}}',
            'HTTP/1.1 502 Bad Gateway\n{"error":"error sending request for url'
            ' (https://api.anthropic.com/v1/messages)"}',
            'Error code: 503 - {"detail":"Cannot connect to host api.openai.com:443'
            ' ssl:default [Connect call failed]"}',
            '500 {"error":{"message":"Connection error.","type":"api_error"}}',
        ),
        near_misses=(
            "TypeError: fetch failed",
            "All 3 attempts failed. Last status: 503 Service Unavailable. Error: error sending"
            " request for url (https://cloudcode-pa.googleapis.com/v1internal)",
            'Error code: 500 - {"error":{"message":"litellm.APIConnectionError:'
            ' OpenAIException - Connection error."}}',
        ),
        # below the rows naming the failure: "fetch failed" with its cause beside it
        priority=_RELAY_WRAPPED_PRIORITY - 1,
    ),
    _relay_wrapped(
        "network.relay_wrapped.connect_timeout",
        "A relay answered 5xx saying its own connection to the upstream timed out (undici's"
        " ConnectTimeoutError / UND_ERR_CONNECT_TIMEOUT, 'fetch connect timeout', 'connect"
        " ETIMEDOUT'): nothing answered the relay's dial; the relay's network or a blocked"
        " route, not the provider.",
        Cause.CONNECT_TIMEOUT,
        (
            "connect timeout",
            "connecttimeouterror",
            "und_err_connect_timeout",
            "connect etimedout",
        ),
        Retry.LIMITED,
        samples=(
            "[ERROR] [502]: fetch connect timeout",
            'API Error: 500 {"error":{"message":"ConnectTimeoutError: Connect Timeout Error'
            ' (attempted address: generativelanguage.googleapis.com:443, timeout: 10000ms)",'
            '"type":"api_error"}}',
            '502 {"error":"connect ETIMEDOUT 104.18.6.192:443"}',
        ),
        near_misses=(
            "ConnectTimeoutError: Connect Timeout Error (attempted address: api.openai.com:443)",
        ),
    ),
    _relay_wrapped(
        "network.relay_wrapped.read_timeout",
        "A relay or local router answered 500, 502 or 503 quoting its own HTTP client's"
        " read timeout: Node http's request timeout (its stack's emitRequestTimeout), axios'"
        " 'timeout of 60000ms exceeded', undici's BodyTimeoutError,"
        " AbortSignal.timeout's 'The operation was aborted due to timeout', Python's"
        " ReadTimeout / 'Read timed out', Go's 'Client.Timeout exceeded', a LiteLLM proxy's"
        " 'litellm.Timeout: ...'. The relay reached"
        " its upstream and sent the request, then stopped waiting for the answer (a long"
        " prompt or a slow model against the relay's timeout setting): raise that timeout;"
        " the upstream may have processed and billed the call. A 504 is a gateway's timeout"
        " by its status, and a relay's own 'upstream timed out' is upstream.gateway_timeout.",
        Cause.READ_TIMEOUT,
        (
            "emitrequesttimeout",
            (r"timeout of \d+ ?ms exceeded", "timeout of "),
            "und_err_body_timeout",
            "body timeout error",
            "aborted due to timeout",
            "read timed out",
            "readtimeout",
            "read etimedout",
            "esockettimedout",
            "client.timeout exceeded",
            # a LiteLLM proxy's own timeout towards the deployment behind it
            "litellm.timeout: ",
        ),
        Retry.CAREFUL,
        samples=(
            "Error: Request timeout\n    at ClientRequest.<anonymous>"
            " (/app/src/services/relay.js:120:16)\n    at TLSSocket.emitRequestTimeout"
            " (node:_http_client:847:9)\nPOST /v1/messages | 500 | 120031ms",
            '502 {"error":{"message":"timeout of 300000ms exceeded","type":"api_error"}}',
            "Error code: 500 - {'error': {'message': 'litellm.Timeout: Connection timed out"
            " after 600.0 seconds.', 'type': None, 'param': None, 'code': '408'}}",
            'API Error: 500 {"error":{"message":"TimeoutError: The operation was aborted due'
            ' to timeout","type":"api_error"}}',
        ),
        near_misses=(
            "AxiosError: timeout of 60000ms exceeded",
            '504 {"error":{"message":"timeout of 300000ms exceeded"}}',
        ),
        statuses=(500, 502, 503),
    ),
    _relay_wrapped(
        "network.relay_wrapped.dns",
        "A relay answered 5xx saying its own lookup of the upstream's host failed (Node's"
        " 'getaddrinfo ENOTFOUND', 'EAI_AGAIN'): the relay's DNS, not the provider.",
        Cause.DNS,
        (
            (r"\benotfound\b", "enotfound"),
            (r"\beai_again\b", "eai_again"),
        ),
        Retry.NEVER,
        samples=(
            'API Error: 500 {"error":{"message":"getaddrinfo ENOTFOUND api.deepseek.com",'
            '"type":"api_error"}}',
        ),
        near_misses=("Error: getaddrinfo ENOTFOUND api.deepseek.com",),
    ),
    _relay_wrapped(
        "network.relay_wrapped.connect_refused",
        "A relay answered 5xx saying its own connection to the upstream was refused (Node's"
        " 'connect ECONNREFUSED'): nothing listens where the relay dials (a local model"
        " server that is down, or localhost inside the relay's container).",
        Cause.CONNECT_REFUSED,
        ((r"\beconnrefused\b", "econnrefused"),),
        Retry.NEVER,
        samples=(
            '500 {"type":"error","error":{"type":"api_error","message":"connect ECONNREFUSED'
            ' 127.0.0.1:11434"}}',
        ),
        near_misses=("Error: connect ECONNREFUSED 127.0.0.1:11434",),
    ),
    _relay_wrapped(
        "network.relay_wrapped.connection_reset",
        "A relay answered 5xx saying its own connection to the upstream was cut (Node's"
        " 'read ECONNRESET', 'socket hang up', undici's 'other side closed'): the link"
        " dropped mid-exchange, and the upstream may have processed the request.",
        Cause.CONNECTION_RESET,
        (
            (r"\beconnreset\b", "econnreset"),
            "socket hang up",
            "other side closed",
        ),
        Retry.CAREFUL,
        samples=(
            "502 Anthropic upstream unreachable: read ECONNRESET",
            '{"error":{"message":"socket hang up","type":"api_error"}} (status 500)',
        ),
        near_misses=("Error: read ECONNRESET",),
    ),
    # Codex's loop when it cannot connect at all: it waits for the network and never prints why
    # (actions.HIDDEN_BY_CLIENT names the candidates).
    Rule(
        "network.client_waiting_for_network",
        "The client cannot connect and waits for the network; it does not say why.",
        L,
        Cause.UNKNOWN,
        says("reconnecting... waiting for network"),
        priority=35,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=("ERROR: Reconnecting... waiting for network",),
        near_misses=("ERROR: Reconnecting... 2/5 (stream disconnected before completion)",),
    ),
)
