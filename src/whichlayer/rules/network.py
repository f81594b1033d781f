"""Network: getting there (DNS, TCP, proxy, TLS, timeouts, resets).

Wordings come from the clients that print them: CPython (socket, ssl,
errno), urllib3/requests, httpx/httpcore, aiohttp, Node (libuv codes, undici
``UND_ERR_*``, OpenSSL verify codes), curl exit codes, Go net/http and
crypto/x509, Rust hyper/reqwest/rustls.
"""

from __future__ import annotations

import re

from whichlayer.rules.base import Facts, Rule, all_of, any_of, exception, none_of, status, text
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

L = Layer.NETWORK

_LOCAL_HOST = re.compile(
    r"\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)\b"
)


def _local_target(view: View) -> Facts | None:
    found = _LOCAL_HOST.search(view.hay)
    return {"host": found.group(0)} if found else None


RULES: tuple[Rule, ...] = (
    Rule(
        "network.proxy",
        "The forward proxy refused, failed, or wants authentication.",
        L,
        Cause.PROXY,
        any_of(
            text(
                r"proxyerror|proxy authentication required|tunnel connection failed"
                r"|unable to connect to proxy|cannot connect to proxy|proxyconnect tcp"
                r"|err_proxy|proxy error|socks(?:4|5)?(?: proxy)? error|could not connect to proxy"
                # OkHttp when the proxy's 407 could not be answered; the old openai SDK
                # given an empty or broken proxy setting
                r"|failed to authenticate with proxy|check proxy url"
                # curl's tunnel through the proxy refused: "CONNECT tunnel failed, response 403"
                r"|connect tunnel failed|curl: \(56\)"
                r"|curl: \(5\)|curl error 5\b|received http code 407|407 proxy"
                r"|proxy connection (?:timed out|failed|refused|closed)"
                # Squid's own error page: the proxy could not reach what it was asked for
                r"|id=\"sysmsg\"|generated [^\n]{0,80} by [^\n]{0,60}\(squid"
                # squid's own headers and error page
                r"|x-squid-error|\(squid/\d|the squid software foundation",
            ),
            status(407),
            exception("ProxyError"),
        ),
        priority=97,
        origin=Origin.PROXY,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "curl_cffi.requests.errors.RequestsError: Failed to perform, curl: (56) CONNECT "
            "tunnel failed, response 403.",
            "openai.error.APIConnectionError: Error communicating with OpenAI: Please check "
            "proxy URL. It is malformed and could be missing the host.",
            "Caused by: java.io.IOException: Failed to authenticate with proxy",
            "{'headers': {'Server': 'squid/5.2', 'X-Squid-Error': 'ERR_ACCESS_DENIED 0'}, "
            "'status_code': 403}",
            "requests.exceptions.ProxyError: HTTPSConnectionPool(host='api.openai.com', "
            "port=443): Max retries exceeded (Caused by ProxyError('Unable to connect to "
            "proxy', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))",
            "request to https://api.openai.com/v1/chat/completions failed, reason: Proxy "
            "connection timed out",
        ),
        near_misses=(
            "CC Switch local proxy failed while handling Codex endpoint /responses. "
            "upstream_status: HTTP 403; cause: 用户额度不足",
        ),
    ),
    Rule(
        "network.dns",
        "The host name did not resolve.",
        L,
        Cause.DNS,
        any_of(
            text(
                r"\benotfound\b|\beai_again\b|getaddrinfo|name or service not known"
                r"|nodename nor servname"
                r"|temporary failure in name resolution|no address associated with hostname"
                r"|no such host|could not resolve host|failed to lookup address|dns error"
                r"|name resolution (?:failure|failed|error)|nameresolutionerror|gaierror"
                r"|errno -[235]\]|errno 1100[14]\]"
                r"|curl: \(6\)|curl error 6\b|dns_probe|err_name_not_resolved"
                r"|err_name_resolution_failed|unknownhostexception"
                # curl's resolver through PHP and others: "Could not resolve: api.openai.com
                # (Could not contact DNS servers)"
                r"|could not contact dns servers|could not resolve: [\w\-]+\.[\w.\-]+"
                # .NET's WebException
                r"|remote name could not be resolved"
                # Go's resolver: the DNS server answered with an error (SERVFAIL)
                r"|\d:53: server misbehaving",
            ),
            exception("gaierror", "NameResolutionError"),
        ),
        priority=78,
        confidence=0.9,
        samples=(
            "Could not resolve: api.openai.com (Could not contact DNS servers)",
            'Post "https://api.openai.com/v1/chat/completions": dial tcp: lookup '
            "api.openai.com on 127.0.0.53:53: server misbehaving",
            "FetchError: request to https://api.openai.com/v1/chat/completions failed, "
            "reason: getaddrinfo ENOTFOUND proxy-server",
        ),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.tls_verify",
        "The server's certificate was not trusted (self-signed, intercepting proxy, expired, "
        "wrong host).",
        L,
        Cause.TLS_VERIFY,
        any_of(
            text(
                r"certificate verify failed|certificate_verify_failed|self[- ]signed certificate"
                r"|ssl peer certificate or ssh remote key was not ok"
                r"|curle_peer_failed_verification|pkix path building failed"
                r"|unable to find valid certification path|certpathbuilderexception"
                r"|self_signed_cert|unable to verify (?:the first|leaf)|unable_to_verify"
                r"|unable to get local issuer|certificate has expired|cert_has_expired"
                r"|\bthe first certificate\b"
                r"|err_tls_cert_altname_invalid|does not match certificate's altnames"
                r"|x509: |invalid peer certificate|unknownissuer|ssl certificate problem"
                r"|curl: \(60\)|curl error 60\b|sslcertverificationerror|certificate is not valid"
                r"|hostname mismatch|certificate (?:is )?not trusted|depth_zero_self_signed"
                r"|certificate verification (?:error|failed)|unable_to_get_issuer_cert"
                r"|unable to get issuer cert|\berr_cert_"
                # .NET's SslStream
                r"|remote certificate is invalid|remotecertificate(?:chain|name)",
            ),
            exception("SSLCertVerificationError", "ClientConnectorCertificateError"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "System.Net.Http.HttpRequestException: The SSL connection could not be established "
            "---> System.Security.Authentication.AuthenticationException: The remote "
            "certificate is invalid according to the validation procedure: "
            "RemoteCertificateChainErrors",
            "request to https://api.openai.com/chat/completions failed, reason: "
            "self-signed certificate in certificate chain",
        ),
        near_misses=("ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number",),
    ),
    Rule(
        "network.tls_handshake",
        "TLS could not be negotiated (plain HTTP port, protocol or SNI mismatch, cut handshake).",
        L,
        Cause.TLS_HANDSHAKE,
        text(
            r"wrong[_ ]version[_ ]number|handshake failure|sslv3_alert|tlsv1_alert"
            r"|ssl connection could not be established|sslhandshakeexception"
            r"|eof occurred in violation of protocol|unexpected_eof_while_reading"
            r"|ssl_error_syscall|curl: \(35\)|curl error 35\b|first record does not look like a tls"
            r"|packet length too long|err_ssl_|disconnected before secure tls connection"
            r"|tls handshake (?:timeout|failed|error|eof)|ssl handshake|sslerror|unknown protocol"
            r"|record layer failure|unsupported protocol",
        ),
        priority=77,
        retry=Retry.LIMITED,  # a cut or reset handshake is often transient; a wrong port is not
        confidence=0.8,
        samples=("ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1000)",),
        near_misses=("certificate verify failed: self-signed certificate",),
    ),
    Rule(
        "network.connect_refused",
        "Nothing accepted the connection at that host and port.",
        L,
        Cause.CONNECT_REFUSED,
        any_of(
            text(
                r"\beconnrefused\b|connection refused|errno 111\]|winerror 10061|actively refused"
                r"|connect call failed|os error 111|connectionrefusederror|curl: \(7\)"
                r"|curl error 7\b|failed to connect to [^\n]{0,80}port \d+[^\n]{0,40}refused"
                r"|err_connection_refused"
                # nothing routes to the host: EHOSTUNREACH / ENETUNREACH
                r"|no route to host|ehostunreach|network is unreachable|enetunreach"
                r"|errno (?:65|101|113)\]"
                # the ollama library's word for any failed connect; its server is
                # local, and a local server that is not running refuses
                r"|failed to connect to ollama"
                # Bun's fetch error codes (Claude Code, opencode): "(ConnectionRefused)"
                r"|\(connectionrefused\)|\bconnectionrefused:|\"code\":\"connectionrefused\"",
            ),
            exception("ConnectionRefusedError"),
        ),
        priority=76,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "API Error: Unable to connect to API (ConnectionRefused)",
            "ollama._types.ResponseError: Failed to connect to Ollama. Please check that Ollama "
            "is downloaded, running and accessible.",
            "requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', "
            "port=11434): Max retries exceeded with url: /api/generate (Caused by "
            "NewConnectionError(': Failed to establish a new connection: [Errno 111] "
            "Connection refused'))",
        ),
        near_misses=("Connection reset by peer",),
    ),
    Rule(
        "network.connect_refused.local_send",
        "A client could not send to a server on this machine: it is most likely not running.",
        L,
        Cause.CONNECT_REFUSED,
        all_of(
            text(
                r"error sending request|failed to connect|connection error|fetch failed"
                r"|unable to connect|all connection attempts failed|not reachable at"
                r"|couldn't connect to|could not connect to"
                # llama-stack and others naming the local server that is down
                r"|server is not running",
            ),
            _local_target,
        ),
        priority=60,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=(
            "Couldn't connect to Ollama at http://127.0.0.1:11434",
            "LM Studio is not reachable at ws://localhost:1234/llm (due to httpx.ConnectError: "
            "All connection attempts failed)",
            "Stream disconnected before completion: error sending request for url "
            "(http://localhost:1234/v1/responses)",
        ),
        near_misses=("error sending request for url (https://api.openai.com/v1/responses)",),
    ),
    Rule(
        "network.connect_timeout",
        "No answer while connecting (firewall, black hole, wrong address).",
        L,
        Cause.CONNECT_TIMEOUT,
        all_of(
            none_of(text(r"read etimedout|syscall: '?read")),
            any_of(
                text(
                    r"connecttimeout|connect timeout|connection timed out|errno 110\]"
                    r"|winerror 10060"
                    r"|und_err_connect_timeout|connect etimedout|timed out while connecting"
                    r"|dial tcp[^\n]{0,80}i/o timeout|curl: \(28\) connection timed out"
                    r"|failed to connect[^\n]{0,80}timed out|connection attempt failed"
                    r"|\betimedout\b|timeout was reached|socket connection timeout"
                    r"|connect timeout on endpoint url"
                    r"|err_socket_connection_timeout|connect: deadline has elapsed"
                    r"|err_connection_timed_out|connect timed out|tcp handshaker shutdown",
                ),
                exception("ConnectTimeout", "ConnectTimeoutError", "ServerTimeoutError"),
            ),
        ),
        priority=79,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("httpx.ConnectTimeout: timed out while connecting",),
        near_misses=("Read timed out. (read timeout=60)",),
    ),
    Rule(
        "network.read_timeout",
        "Connected, but no complete answer came in time.",
        L,
        Cause.READ_TIMEOUT,
        any_of(
            text(
                r"read timed out|readtimeout|request timed out|timed out after \d+|operation timed "
                r"out|und_err_(?:headers|body)_timeout|headers timeout|body timeout"
                r"|exceeded the configured timeout|networktimeout|sockettimeoutexception"
                r"|i/o error on (?:post|get) request for [^\n]{0,300}: (?:read )?time(?:d )?out"
                r"|read operation timed out|esockettimedout|client\.timeout exceeded"
                r"|context deadline exceeded|apitimeouterror|timeout awaiting|response timeout"
                r"|timed out waiting|\btimeout error\b|curl: \(28\)|curl error 28\b"
                r"|read timeout on endpoint url|read etimedout|socket timeout"
                r"|timeout of \d+ ?ms exceeded|idle timeout|interruptedioexception"
                # Rust reqwest's Debug form of a timeout; gRPC's deadline
                r"|source: timedout\b|deadline exceeded after \d",
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
            "Error: 4 DEADLINE_EXCEEDED: Deadline exceeded after 30.000s,name resolution: "
            "0.270s,metadata filters: 0.001s",
            'reqwest::Error { kind: Request, url: "https://api.anthropic.com/v1/messages", '
            "source: TimedOut }",
            "ConnectError: [unavailable] read ETIMEDOUT ... cause: Error: read ETIMEDOUT { "
            "errno: -60, code: 'ETIMEDOUT', syscall: 'read' }",
            'Read timeout on endpoint URL: "https://bedrock-runtime.us-east-1.amazonaws.com/model/'
            'x/converse"',
            "API Error: read ETIMEDOUT",
            "openai.APITimeoutError: Request timed out.",
            "cURL error 28: Operation timed out after 30003 milliseconds with 0 bytes received",
        ),
        near_misses=("httpx.ConnectTimeout",),
    ),
    Rule(
        "network.connection_reset",
        "The connection was reset or closed mid-exchange.",
        L,
        Cause.CONNECTION_RESET,
        any_of(
            text(
                r"\beconnreset\b|connection (?:was )?reset|errno 104\]|winerror 10054"
                r"|socket hang up|forcibly closed by the remote host"
                r"|remotedisconnected|remote end closed connection|server disconnected"
                r"|serverdisconnectederror|peer closed connection|incomplete chunked read"
                r"|incompleteread|connection aborted|\beconnaborted\b|\bepipe\b|broken pipe"
                r"|connection closed before message completed|und_err_socket|other side closed"
                r"|premature close|error decoding response body|unexpected eof"
                r"|connection closed mid-|closed mid-(?:response|stream)"
                r"|connection (?:was )?(?:closed|terminated) unexpectedly|remoteprotocolerror"
                r"|clientpayloaderror|typeerror: terminated|typeerror \(terminated\)"
                r"|stream ended unexpectedly|network connection lost"
                # urllib3 when a chunked body stops mid-way
                r"|connection broken: invalidchunklength"
                # Rust hyper: the peer reset an HTTP/2 stream
                r"|kind: reset\(streamid"
                r"|err_connection_(?:closed|reset|aborted)|err_empty_response"
                # HTTP/2: the peer reset the stream; Go's net/http: the body ended at EOF
                r"|stream error: stream id \d+; \w+; received from peer"
                # Node's stream code; OkHttp's HTTP/2 reset
                r"|err_stream_premature_close|stream was reset|streamresetexception"
                # a TLS record that failed its integrity check mid-connection
                r"|badrecordmac|bad_record_mac|bad record mac"
                r"|https?://[^\s\"]+\": eof\b",
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
            "Request failed with error: Transport(reqwest::Error { kind: Decode, source: "
            "hyper::Error(Body, Error { kind: Reset(StreamId(19), INTERNAL_ERROR, Remote) }) })",
            "API Error (Connection error.) · Retrying in 4 seconds… (attempt 4/10)    ⎿  "
            "TypeError (terminated)",
            "error sending request for url (https://api.anthropic.com/v1/messages): connection "
            "error: received fatal alert: BadRecordMac",
            'Post "https://api.openai.com/v1/chat/completions": EOF',
            "Error: stream error: stream ID 1; INTERNAL_ERROR; received from peer",
            "Failed to connect to api.anthropic.com: ECONNRESET",
            "API Error: Unable to connect to API (ECONNRESET)",
            "net::ERR_CONNECTION_CLOSED",
        ),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.generic",
        "The client could not reach the server, and did not say why.",
        L,
        Cause.UNKNOWN,
        any_of(
            text(
                r"connection error|apiconnectionerror|fetch failed|failed to fetch|network error"
                r"|unable to connect|error sending request|could not connect|err_network"
                r"|networkerror|connecterror|connect error|connection failed"
                r"|failed to connect to all addresses|无法连接到所有地址"
                r"|connectexception|request to https?://\S+ failed, reason:"
                r"|check your network configuration",
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
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=("openai.APIConnectionError: Connection error.",),
    ),
    Rule(
        "network.proxy.settings",
        "The client names its proxy settings as the problem, with nothing more specific.",
        L,
        Cause.PROXY,
        text(r"proxy settings"),
        priority=35,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.5,
        samples=('Fatal Error: Expecting a valid host string in proxy settings, but found "x".',),
        near_misses=("Connection refused",),
    ),
    Rule(
        "network.stream_disconnected",
        "Codex's generic prefix for a stream that ended early; what follows it decides.",
        L,
        Cause.CONNECTION_RESET,
        text(r"stream disconnected before completion"),
        priority=28,
        retry=Retry.CAREFUL,
        confidence=0.5,
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
    ),
)

RULES += (
    Rule(
        "network.wrapped_connection_error",
        "An SDK in this process (LiteLLM wrapping the OpenAI SDK) raised a connection error, "
        "whatever class it was re-raised as: nothing answered.",
        L,
        Cause.UNKNOWN,
        all_of(
            text(r"exception - connection error|apiconnectionerror"),
            lambda v: None if v.ev.bodies else {"answered with": "nothing"},
        ),
        priority=45,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "litellm.InternalServerError: InternalServerError: OpenAIException - Connection error.",
        ),
    ),
)

# Codex's loop when it cannot connect at all: it waits for the network and never prints why
# (actions.HIDDEN_BY_CLIENT names the candidates).
RULES += (
    Rule(
        "network.client_waiting_for_network",
        "The client cannot connect and waits for the network; it does not say why.",
        L,
        Cause.UNKNOWN,
        text(r"reconnecting\.\.\. waiting for network"),
        priority=35,
        origin=Origin.CLIENT,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=("ERROR: Reconnecting... waiting for network",),
        near_misses=("ERROR: Reconnecting... 2/5 (stream disconnected before completion)",),
    ),
)
