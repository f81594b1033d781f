"""Upstream: the server side (provider, region, relay channel, gateway, adapter)."""

from __future__ import annotations

import re
from functools import cache

from whichlayer.rules.base import (
    Facts,
    Rule,
    all_of,
    any_of,
    dialect,
    exception,
    field_is,
    no_body,
    none_of,
    says,
    status,
    websocket_close,
)
from whichlayer.rules.origin import LITELLM_MODEL_GROUP
from whichlayer.rules.request import RELAYED_CLIENT_ERROR
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

L = Layer.UPSTREAM

#: A client-error status the text states: under it, a body typed as a server error and the
#: generic "an error occurred while processing" words do not make a server error
#: (upstream.server_error.body).
_STATED_CLIENT_ERROR = status(400, 401, 403, 404, 405, 409, 413, 415, 422, 429)

#: A relay names the status its upstream answered, and that status is another layer's: the
#: key (401), the money (402), a refusal (403), a rate limit (429). The provider answered;
#: its status decides the layer, not the relay's wrapper ("upstream error: status code 429",
#: new-api's "bad response status code 401", "Upstream error from X: <429> ...").
_RELAYED_OTHER_LAYER = says(
    (
        r"(?:upstream|provider)\b[^\n]{0,40}?(?:returned|responded with|answered|with status"
        r"|status code|status)[: ]+(?:an? )?(?:http |status |status code |error )?"
        r"4(?:01|02|03|29)\b",
        "upstream",
        "provider",
    ),
    (r"upstream error:? \(?(?:status(?: code)?:? ?)?4(?:01|02|03|29)\b", "upstream error"),
    (r"bad response status code 4(?:01|02|03|29)\b", "bad response status code 4"),
    "<401>",
    "<402>",
    "<403>",
    "<429>",
)


#: one-api's and new-api's notice that the relay disabled one of its own channels (通道「name」
#: （#id）已被禁用，原因：<reason>; new-api's 渠道亲和性命中的渠道已被禁用, the channel its affinity
#: picked): the relay's upstream, never the caller's token (identity.key_expired.chinese
#: reads it as not its own).
RELAY_CHANNEL_DISABLED = (r"(?:通道|渠道)(?:「[^」\n]{0,80}」)?[^\n]{0,40}?已被禁用", "已被禁用")


# Endpoints that clients build themselves from their defaults: a 404 there with no
# body to explain it is not the user's URL. (shared/reference C1) The registry states them
# (``Provider.client_endpoints``); read through its index on first use.
@cache
def _official() -> re.Pattern[str]:
    from whichlayer.providers._index import CLIENT_ENDPOINT, load

    endpoints = sorted(load().get(CLIENT_ENDPOINT, {}))
    return re.compile(r"https://(?:" + "|".join(endpoints) + r")\b" if endpoints else r"(?!)")


def _official_endpoint(view: View) -> Facts | None:
    found = _official().search(view.hay) if "https://" in view.hay else None
    return {"endpoint": found.group(0)} if found else None


def _no_detail_from_provider(view: View) -> Facts | None:
    """Nothing from the provider itself came along (no raw body, no page), and no status
    but a 5xx was seen: the wrapper's words are all there is."""
    ev = view.ev
    if ev.html_title is not None or '"raw"' in view.hay or any(b.depth > 0 for b in ev.bodies):
        return None
    if any(not 500 <= s <= 599 for s in ev.statuses):
        return None
    return {"provider detail": "none"}


def _no_body_status(view: View) -> Facts | None:
    """The client says the response had no body: only the status speaks."""
    if "(no body)" in view.hay and view.ev.status is not None:
        return {"status": str(view.ev.status), "body": "none"}
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        "upstream.overloaded",
        "The provider is over capacity (529, overloaded_error, 'model is overloaded').",
        L,
        Cause.OVERLOADED,
        all_of(
            any_of(
                status(529),
                field_is("type", "overloaded_error"),
                field_is("reason", "model_capacity_exhausted"),
                says(
                    "overloaded",
                    "over capacity",
                    # Google's "No capacity available for model X on the server"; others' "No
                    # available capacity for this model"
                    (
                        r"no (?:capacity available|available capacity)",
                        "no capacity available",
                        "no available capacity",
                    ),
                    "capacity exhausted",
                    "experiencing high demand",
                    # ("temporarily limiting requests" is a 429's wording:
                    # rate_limit.server_throttle)
                    "server is busy",
                    # Hugging Face's inference API; Codex's "Selected model is at capacity"
                    "model too busy",
                    "model is at capacity",
                    "model busy, retry later",
                    # NVIDIA's workers behind an aggregator: "request limit reached (32/32)"
                    "worker local total request limit",
                    "out of capacity",
                    "capacity exceeded",
                    # SiliconFlow's 50508/50603: "System is too busy now"
                    (r"\bis too busy\b", "too busy"),
                ),
            ),
            # Werkzeug's stock 500 page: "Either the server is overloaded or there is an
            # error in the application" is an application error, not capacity
            # (nor Cloudflare's explanation of a 5xx, which lists overload among the reasons)
            none_of(
                says(
                    "either the server is overloaded or there is an error",
                    "developers.cloudflare.com/support/troubleshooting",
                ),
            ),
        ),
        priority=95,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "Selected model is at capacity",
            "HfHubHTTPError: 500 Server Error: Internal Server Error for url:"
            " https://api-inference.huggingface.co/models/x/v1/chat/completions Model too"
            " busy, unable to get response in less than 120 second(s)",
            '{"object":"error","message":"Service tier capacity exceeded for this'
            ' model.","type":"invalid_request_error","param":null,"code":null}',
        ),
        near_misses=("当前分组上游负载已饱和",),
    ),
    Rule(
        "upstream.overloaded.chinese",
        "A Chinese provider says its servers are busy or overloaded.",
        L,
        Cause.OVERLOADED,
        all_of(
            says(
                "服务器繁忙",
                "负载过高",
                (r"(?:访问量|訪問量|流量)(?:过大|较大|過大|較大|激增)", "访问量", "訪問量", "流量"),
                # congested: 模型拥挤, 服务拥堵, 線路擁擠
                (r"(?:拥挤|拥堵|擁擠|擁堵)", "拥挤", "拥堵", "擁擠", "擁堵"),
                # 系统繁忙, 服务繁忙, 模型繁忙: the system, service or model is busy (and the
                # traditional characters: 系統繁忙, 伺服器繁忙)
                (
                    r"(?:系统|服务|模型|集群|节点|接口|资源|线路|上游|系統|服務|伺服器|節點|資源)繁忙",
                    "繁忙",
                ),
                # clients' own word for a 529 / overloaded answer: 模型服务过载
                (r"(?:服务|模型|系统|服务器|集群|服務|系統|伺服器)(?:过载|過載)", "过载", "過載"),
                "算力不足",
                "资源紧张",
                # the load or the number of users is high: 当前模型负载较高, 负载过大,
                # 当前使用人数过多, 访问人数较多, 当前请求量较大 (the service's words for
                # its own load, as 访问量过大 above)
                (r"负载(?:较高|较大|过大|過大|較高|較大)", "负载"),
                (
                    r"(?:使用|访问|訪問|在线|在線|排队|排隊)人数(?:过多|較多|较多|過多|太多)",
                    "人数",
                ),
                (
                    r"(?:请求量|請求量|调用量|調用量)(?:较大|过大|較大|過大)",
                    "请求量",
                    "請求量",
                    "调用量",
                    "調用量",
                ),
                # the server side's own resources: 服务器资源不足, 算力资源不足, GPU 资源不足
                (
                    r"(?:服务器|服務器|伺服器|算力|计算|計算|gpu|推理|集群|叢集)资源(?:不足|紧张|耗尽)",
                    "资源",
                ),
            ),
            # Werkzeug's stock 500 page: "Either the server is overloaded or there is an
            # error in the application" is an application error, not capacity
            # (nor Cloudflare's explanation of a 5xx, which lists overload among the reasons)
            none_of(
                says(
                    "either the server is overloaded or there is an error",
                    "developers.cloudflare.com/support/troubleshooting",
                ),
            ),
        ),
        priority=95,
        retry=Retry.LIMITED,
        confidence=0.9,
        samples=(
            "503 服务器繁忙",
            "请求失败：当前模型服务过载，请稍后重试",
            "当前模型负载较高，请稍后重试",
            "错误：当前使用人数过多，请稍后再试",
            "503：服务器资源不足，请稍后再试",
        ),
        near_misses=("负载均衡配置已更新", "磁盘资源不足"),
    ),
    Rule(
        "upstream.overloaded.shared_pool",
        "Vertex AI's pay-as-you-go 429 'Resource exhausted, please try again later.': by"
        " Google's own page for it (error-code-429), the shared pool of capacity had no room for"
        " the request, which does not count against the project's quota or SLA: capacity, not"
        " the caller's limit (its quota overruns name the metric: 'Quota exceeded for ...')."
        " Google's advice is truncated exponential backoff.",
        L,
        Cause.OVERLOADED,
        all_of(
            says(
                (r"resource exhausted[.,;:]? please try again later", "resource exhausted"),
                "docs/error-code-429",
            ),
            # (a quota overrun names its metric or a zero / free-tier allowance: quota's)
            none_of(
                says(
                    "quota exceeded for",
                    "quota metric",
                    "free_tier",
                    "per_day",
                    "check quota",
                    "provisioned throughput",
                ),
            ),
        ),
        priority=80,
        origin=Origin.UPSTREAM,
        retry=Retry.BACKOFF,
        confidence=0.75,
        samples=(
            'litellm.RateLimitError: VertexAIException - {"error": {"code": 429, "message":'
            ' "Resource exhausted. Please try again later. Please refer to'
            " https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more"
            ' details.", "status": "RESOURCE_EXHAUSTED"}}',
            "google.api_core.exceptions.ResourceExhausted: 429 Resource exhausted, please try"
            " again later.",
        ),
        near_misses=(
            '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).",'
            '"status":"RESOURCE_EXHAUSTED"}}',
            "429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute"
            "_per_project_per_base_model. Resource exhausted, please try again later.",
            "429 Too many requests. Exceeded the Provisioned Throughput.",
        ),
    ),
    Rule(
        "upstream.overloaded.busy",
        "The server side says it is busy, at capacity or under high demand, in English or"
        " another language: shared capacity, not the caller's own limit.",
        L,
        Cause.OVERLOADED,
        says(
            (
                r"(?:model|server|service|system|engine|gpu|cluster|backend|provider)s?"
                r" (?:is |are )?(?:currently |temporarily |very |too |now )*busy",
                "busy",
            ),
            "serverbusy",
            "server_busy",
            (
                r"(?:due to|experiencing|because of) (?:an? )?(?:unusually |exceptionally |very )?"
                r"(?:high|heavy) (?:(?:volume|level|amount)s? of )?(?:demand|traffic|load)",
                " demand",
                " traffic",
                " load",
            ),
            "under heavy load",
            # a banner with no subject: "High traffic detected.", "Heavy load right now"
            (r"(?:high|heavy) (?:traffic|demand|load) (?:detected|right now)", "high ", "heavy "),
            "insufficient capacity",
            "insufficientcapacity",
            (
                r"(?:model|server|service|system|provider)s? (?:is |are )?(?:currently )?at"
                r" (?:full )?capacity",
                " capacity",
            ),
            # Japanese 混雑 (congested) / 過負荷 / 高負荷; Korean 과부하 (overload), 혼잡
            "混雑",
            "混み合って",
            "アクセスが集中",
            "過負荷",
            "高負荷",
            "과부하",
            "혼잡",
            "перегружен",
            "überlastet",
            "surchargé",
            "sobrecargado",
            "sobrecarregado",
        ),
        priority=95,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            "The model is temporarily busy. Please try again in a moment.",
            "503: Our servers are currently at capacity due to high demand, please retry.",
            "エラー: サーバーが混雑しています。しばらくしてから再度お試しください。",
            "Error: The model you picked is experiencing a high volume of traffic. Pick another"
            " model or retry.",
            "Der Dienst ist derzeit überlastet. Bitte versuchen Sie es später erneut.",
        ),
        near_misses=(
            "OSError: [Errno 16] Device or resource busy: '/dev/nvidia0'",
            "The server is running under a load balancer",
        ),
    ),
    Rule(
        "upstream.server_error.fastchat",
        "FastChat's fixed SERVER_ERROR_MSG ('NETWORK ERROR DUE TO HIGH TRAFFIC. PLEASE"
        " REGENERATE OR REFRESH THIS PAGE.', fastchat/constants.py): its workers print it for"
        " any exception while generating (error_code 50001 INTERNAL_ERROR, 50002 CUDA out of"
        " memory), its controller for no worker or a worker timeout. Despite the words it is"
        " no statement about traffic: the serving side failed.",
        L,
        Cause.SERVER_ERROR,
        says("network error due to high traffic. please regenerate or refresh this page"),
        # above upstream.overloaded.busy (95), which reads "due to high traffic"
        priority=96,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            '{"text": "**NETWORK ERROR DUE TO HIGH TRAFFIC. PLEASE REGENERATE OR REFRESH THIS'
            ' PAGE.**\n\n(CUDA out of memory. Tried to allocate 2.00 GiB)", "error_code": 50002}',
        ),
        near_misses=("Network error due to high traffic on the upstream link",),
    ),
    Rule(
        "upstream.overloaded.translated",
        "The server says it is overloaded in Italian, Turkish, Polish, Vietnamese, Indonesian or"
        " Dutch (sovraccarico, aşırı yüklü, przeciążony, quá tải, kelebihan beban, overbelast),"
        " or that the server side is saturated or has too much traffic (English, Spanish,"
        " Portuguese, French): shared capacity, not the caller's own limit.",
        L,
        Cause.OVERLOADED,
        says(
            "sovraccaric",
            (r"aşırı yük(?:lü|lendi|lenmiş)", "aşırı yük"),
            "przeciążon",
            "quá tải",
            "kelebihan beban",
            "overbelast",
            # saturated servers, in English, Spanish, Portuguese, French ("the upstream is
            # saturated", "servidor saturado", "le serveur est saturé")
            (
                r"\b(?:servers?|services?|models?|backends?|upstreams?|clusters?)"
                r" (?:is |are )?(?:currently |temporarily |now )?saturated\b",
                "saturated",
            ),
            (
                r"\b(?:servidor(?:es)?|servi[çc]o|servicio|serveurs?|service)"
                r" (?:est |está |es |é )?(?:actuellement |actualmente |temporairement"
                r" |temporalmente )?satur(?:é|ado|ada)",
                "satur",
            ),
            (
                r"too much traffic|trop de trafic|demasiado tráfico",
                "too much traffic",
                "trop de trafic",
                "demasiado tráfico",
            ),
            # "We're getting more traffic than we can handle right now"
            (
                r"more traffic than (?:we|it|they|our servers?|the servers?) can (?:handle|serve)",
                "more traffic than",
            ),
            # many users at once: Korean 사용량이 / 접속자가 많아, Japanese 利用者が多い
            (r"(?:사용량|이용자|접속자|사용자|이용량)(?:이|가)? 많아", " 많아"),
            (r"(?:利用者|ユーザー|アクセス)(?:数)?が(?:多い|多く|増加)", "が多", "が増加"),
        ),
        priority=95,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "Errore: il server è sovraccarico, riprova più tardi.",
            "Lỗi: máy chủ đang quá tải, vui lòng thử lại sau",
            "Błąd: serwer jest przeciążony",
            "Error 503: the upstream is currently saturated, please retry in a few seconds",
            "Erreur : le serveur est actuellement saturé, réessayez plus tard",
            "There is too much traffic right now. Please try again later.",
            "현재 사용량이 많아 응답할 수 없습니다. 잠시 후 다시 시도해주세요",
        ),
        near_misses=(
            "Errore interno del server",
            "The upstream load of the current group is saturated. Please switch group.",
        ),
    ),
    Rule(
        "upstream.client_high_demand",
        "Codex's own line for an HTTP 500 whose body it does not show (its source maps any "
        "500 to this line); the service's 500s behind it are mostly capacity, as its "
        "maintainers say, so overload is the likelier cause and a plain server error the other.",
        L,
        Cause.OVERLOADED,
        says(
            "experiencing high demand, which may cause temporary errors",
        ),
        priority=96,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=(
            "ERROR: We're currently experiencing high demand, which may cause temporary errors.",
        ),
        near_misses=("The model is overloaded. Please try again later.",),
    ),
    Rule(
        "upstream.unavailable",
        "The service or channel is down (503).",
        L,
        Cause.UNAVAILABLE,
        any_of(
            says(
                "service unavailable",
                "temporarily unavailable",
                "currently unavailable",
                "trouble connecting to the model provider",
                "no healthy upstream",
                "upstream connect error",
                "serviceunavailable",
                "web server is down",
                "unable to process your request",
            ),
            field_is("status_text", "unavailable"),
            exception(
                "ServiceUnavailableException", "ServiceUnavailableError", "ModelNotReadyException"
            ),
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"error":{"code":503,"message":"The service is currently'
            ' unavailable.","status":"UNAVAILABLE"}}',
        ),
    ),
    Rule(
        "upstream.unavailable.relay_pool",
        "A relay has no account, key or credential available upstream to serve the request.",
        L,
        Cause.UNAVAILABLE,
        says(
            # a relay's pool of upstream accounts has none it can schedule
            (r"no available (?:\w+ )?accounts?", "no available "),
            "auth_unavailable",
            "no auth available",
            # gpt-load's key pool for a group is empty
            "no active api keys available",
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "API Error (500 No available Claude accounts support the requested model:"
            " claude-3-5-haiku-20241022)",
        ),
    ),
    Rule(
        "upstream.unavailable.loading",
        "The model server is still loading the model.",
        L,
        Cause.UNAVAILABLE,
        says(
            "modelnotready",
            "is currently loading",
            "server loading model",
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"error":"Model meta-llama/Llama-2-13b-chat is currently'
            ' loading","estimated_time":20.0}',
        ),
    ),
    Rule(
        "upstream.unavailable.not_ready",
        "The deployment behind the model is not in a state to serve: an NVIDIA cloud function"
        " that is DEGRADED, INACTIVE or still DEPLOYING, an endpoint or model that is not ready"
        " or paused. The service side is down for now, whatever status carried it (NVCF"
        " answers 400).",
        L,
        Cause.UNAVAILABLE,
        says(
            (
                r"(?:degraded|inactive|deploying|unhealthy|error) function cannot be invoked",
                "function cannot be invoked",
            ),
            (
                r"(?:model|endpoint|deployment|server|service|instance|worker)s? (?:is |are )?"
                r"not (?:yet )?ready",
                " ready",
            ),
            (r"endpoint (?:is )?(?:paused|scaled to zero|initializing)", "endpoint "),
        ),
        priority=88,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '[400]: {"status":400,"title":"Bad Request","detail":"Function id'
            " 'c4ed50ff-b5c3-409d-ab57-b79c33f5bb39': DEGRADED function cannot be invoked\"}",
            '{"error":{"code":503,"message":"Model is not ready yet, please retry shortly"}}',
        ),
        near_misses=(
            "Function id '0e349b44': Not found for account 'abc'",
            "ready for the next request",
        ),
    ),
    Rule(
        "upstream.unavailable.not_loaded",
        "A local model server has no model loaded to serve the call (LM Studio's 'No models"
        " loaded', text-generation-webui's 'No model is loaded', a model unloaded after"
        " idling): someone must load one first, so retrying alone cannot help.",
        L,
        Cause.UNAVAILABLE,
        says(
            (r"no models? (?:is |are )?(?:currently )?loaded", " loaded"),
            (
                r"model (?:is |was |has been )?(?:not (?:yet |actually )?loaded|unloaded)",
                " loaded",
                "unloaded",
            ),
        ),
        priority=88,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            '{"error":"No models loaded. Please load a model in the developer page or use the'
            ' `lms load` command."}',
            "Error: No model is loaded! Select one in the Model tab.",
            "Error in RPC handler: Error: Model is unloaded.",
        ),
        near_misses=(
            "Error: 500 Internal Server Error: unable to load model: /models/blobs/sha256-x",
            "Model loaded in 3.2s",
        ),
    ),
    Rule(
        "upstream.unavailable.maintenance",
        "The service says it is under maintenance: down for now, on purpose; a later retry works.",
        L,
        Cause.UNAVAILABLE,
        says(
            (
                r"(?:under|down for|undergoing|in) (?:scheduled |planned |emergency )?maintenance",
                "maintenance",
            ),
            "maintenance mode",
            "系统维护",
            "维护中",
            "正在维护",
            "系統維護",
            "維護中",
            "メンテナンス中",
            "점검 중",
        ),
        priority=88,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '503 {"error":{"message":"The API is under scheduled maintenance. Please try again'
            ' later."}}',
            "服务正在维护，请稍后再试",
        ),
        near_misses=("It helps to keep the code easy to maintain",),
    ),
    Rule(
        "upstream.unavailable.circuit_open",
        "A client, relay or service's circuit breaker is open after repeated failures of what"
        " is behind it: calls fail fast until it recovers (a 503, whatever wraps it).",
        L,
        Cause.UNAVAILABLE,
        all_of(
            says(
                (r"circuit[ _-]?(?:breaker )?(?:is |was )?(?:now )?open\b", "circuit"),
                "circuitopen",
                "circuitbreakeropen",
                # (not a log's note that this failure does not count toward the breaker:
                # 不计入(供应商)熔断器, 未触发熔断, 不会触发熔断)
                (r"(?<!不计入)(?<!不计入供应商)(?<!未触发)(?<!不会触发)熔断", "熔断"),
            ),
            # a breaker that opened on failures the same text states as the caller's (a
            # relay's log: the upstream's 403, then "breaker open, 6/5 failures") is the
            # consequence: the stated refusal is what to fix, and its rules decide
            none_of(_STATED_CLIENT_ERROR),
        ),
        # above Codex's own 'experiencing high demand' line (96), which it prints for any
        # 5xx, when the server's code says its breaker is open
        priority=97,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "unexpected status 503 Service Unavailable: Service Unavailable, auth error code:"
            " upstream_service_circuit_open\nWe're currently experiencing high demand, which"
            " may cause temporary errors.",
            "CircuitBreakerOpenError: Circuit breaker is open for provider anthropic",
            "渠道已熔断，请稍后重试",
        ),
        near_misses=(
            "[Responses-Circuit] 跳过 open 状态中的 Key",
            "请求失败（系统错误）\n错误: TypeError\n⚠️ 此错误不计入供应商熔断器",
            "上游状态码: 401\n错误: invalid api key\n已触发熔断，失败次数: 5/5",
        ),
    ),
    Rule(
        "upstream.unavailable.suspended_host",
        "The hosting platform in front of the API has suspended or paused the deployment"
        " (Render's 'This service has been suspended', Vercel's DEPLOYMENT_PAUSED): nothing"
        " answers until its owner restores it, so retrying cannot help.",
        L,
        Cause.UNAVAILABLE,
        says(
            "this service has been suspended",
            "deployment_paused",
            "this deployment is paused",
        ),
        priority=88,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            'Request failed with status code 503\nthe proxy URL now says "This service has'
            ' been suspended by its owner."',
            "503: DEPLOYMENT_PAUSED\nThis deployment is currently paused.",
        ),
        near_misses=("Your account has been suspended for violating the usage policy",),
    ),
    # Clients localise the status text of a 5xx (a Korean client's "503: 서비스를 일시적으로
    # 사용할 수 없습니다", a Chinese one's "500: 服务端内部错误"): the same status, in words.
    Rule(
        "upstream.unavailable.translated",
        "A client or server says 'service (temporarily) unavailable', 503's status text, in"
        " another language (Japanese, Korean, Russian, German, French, Spanish, Portuguese).",
        L,
        Cause.UNAVAILABLE,
        says(
            # Japanese: サービスが / を (一時的に) 利用できません, polite ご利用いただけません
            (
                r"サービス(?:が|を)(?:一時的に)?(?:利用|使用)できません|一時的に(?:ご)?(?:利用|使用)"
                r"(?:できません|いただけません)|ご利用いただけません",
                "できません",
                "いただけません",
            ),
            # Korean: 서비스를 (일시적으로) 사용 / 이용할 수 없
            (r"서비스를? (?:일시적으로 )?(?:사용|이용)할 수 없", "할 수 없"),
            "сервис временно недоступен",
            "сервис недоступен",
            "dienst nicht verfügbar",
            "vorübergehend nicht verfügbar",
            # French, Spanish, Portuguese, with or without "temporarily"
            (
                r"service (?:est )?(?:temporairement |actuellement )?indisponible"
                r"|le service n'est (?:pas|plus) disponible",
                "indisponible",
                " disponible",
            ),
            (
                r"servicio (?:est[áa] )?(?:temporalmente |actualmente )?no (?:est[áa] )?"
                r"disponible",
                "no disponible",
                "no está disponible",
                "no esta disponible",
            ),
            (
                r"servi[çc]o (?:est[áa] )?(?:temporariamente |atualmente )?indispon[íi]vel",
                "indispon",
            ),
            "служба недоступна",
            # Italian: "Servizio (temporaneamente) non disponibile", "il servizio non è al
            # momento disponibile"
            (
                r"servizio (?:è )?(?:temporaneamente |momentaneamente )?non (?:è )?(?:al momento |"
                r"momentaneamente |temporaneamente )?disponibile",
                "servizio ",
            ),
            # Japanese's name for 503 (サービス利用不可); Korean's (서비스를 사용할 수 없음)
            "サービス利用不可",
            # Italian, Turkish, Vietnamese, Polish, Indonesian, Dutch
            "servizio non disponibile",
            "hizmet kullanılamıyor",
            "dịch vụ không khả dụng",
            (r"usługa (?:jest )?(?:tymczasowo )?niedostępna", "niedostępna"),
            "layanan tidak tersedia",
            (r"(?:service|dienst) (?:is )?(?:tijdelijk )?niet beschikbaar", "niet beschikbaar"),
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "API 오류 (503): 서비스를 일시적으로 사용할 수 없습니다. 잠시 후 다시 시도해주세요.",
            "エラー: 現在、一時的にご利用いただけません。",
            "Erreur 503 : service temporairement indisponible",
            "Errore 503: Servizio temporaneamente non disponibile",
        ),
        near_misses=("このモデルは利用できません", "Il servizio è disponibile di nuovo"),
    ),
    Rule(
        "upstream.server_error.translated",
        "A client or server says 'internal server error', 500's status text, in Chinese,"
        " Japanese, Korean, Russian, German, French, Spanish or Portuguese.",
        L,
        Cause.SERVER_ERROR,
        says(
            # 服务器内部错误, 服务端内部错误; the traditional 伺服器內部錯誤 and Hong Kong's
            # 服務器內部錯誤
            (
                r"(?:服务器|服务端|服務器|伺服器|服務端)(?:内部|內部)(?:错误|錯誤)",
                "部错误",
                "部錯誤",
            ),
            "内部服务器错误",
            # 服务内部错误, 系统内部错误, 平台内部异常: the service's or system's internal error
            (
                r"(?:服务|系统|平台|服務|系統)(?:内部|內部)(?:错误|异常|錯誤|異常)",
                "内部",
                "內部",
            ),
            "内部サーバーエラー",
            "サーバー内部エラー",
            "서버 내부 오류",
            "내부 서버 오류",
            "внутренняя ошибка сервера",
            "interner serverfehler",
            "erreur interne du serveur",
            "error interno del servidor",
            "erro interno do servidor",
            # Italian, Turkish, Vietnamese, Polish, Indonesian, Dutch
            "errore interno del server",
            # (iç / dahili sunucu hatası; a lower-cased "İç" keeps a combining dot)
            "sunucu hatası",
            "lỗi máy chủ nội bộ",
            "wewnętrzny błąd serwera",
            "kesalahan server internal",
            "interne serverfout",
            # "a server error (occurred)", not only the internal one: Japanese, Korean,
            # Chinese (服务器出错, 服务端异常), Spanish, Portuguese, Russian, German, French
            (r"サーバー ?エラー|서버 ?(?:오류|에러)", "エラー", "오류", "에러"),
            (
                r"(?:服务器|服务端|伺服器|服務器|服務端)(?:出错|出錯|错误|錯誤|异常|異常|故障)",
                "服务器",
                "服务端",
                "伺服器",
                "服務器",
                "服務端",
            ),
            (
                r"\berro[r]? (?:en el|del|no|do) servidor|ошибк\w* (?:на )?сервер\w*|на сервере"
                r" произошла ошибка|\bserverfehler|erreur (?:du|de) serveur|errore del server",
                "servidor",
                "сервер",
                "serverfehler",
                "serveur",
                "errore del server",
            ),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "500: 服务端内部错误，请稍后重试。",
            "錯誤 500：服務器內部錯誤",
            "Fehler: 500 Interner Serverfehler",
            "エラー: サーバーエラーが発生しました",
            "Error: se produjo un error en el servidor",
            "请求失败：系统内部异常，请联系管理员",
        ),
        near_misses=("服务器繁忙", "客户端参数错误"),
    ),
    Rule(
        "upstream.gateway_timeout.translated",
        "A client or proxy says 'gateway timeout', 504's status text, in another language.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            "网关超时",
            "閘道逾時",
            "ゲートウェイタイムアウト",
            "게이트웨이 시간 초과",
            "gateway-zeitüberschreitung",
            "tiempo de espera de la puerta de enlace",
            "délai d'attente de la passerelle",
            "timeout del gateway",
            "ağ geçidi zaman aşımı",
            "limit czasu bramy",
            # German's other order, Russian, Portuguese
            "zeitüberschreitung des gateways",
            (r"тайм-?аут шлюза|время ожидания шлюза", "шлюза"),
            (r"tempo (?:limite )?(?:esgotado )?(?:do|de) gateway", "gateway"),
        ),
        priority=72,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("请求失败：504 网关超时", "Ошибка 504: тайм-аут шлюза"),
    ),
    Rule(
        "upstream.bad_gateway.translated",
        "A client or proxy says 'bad gateway', 502's status text, in another language.",
        L,
        Cause.BAD_GATEWAY,
        says(
            "错误网关",
            "错误的网关",
            "不正なゲートウェイ",
            "잘못된 게이트웨이",
            "недопустимый шлюз",
            "ungültiges gateway",
            "passerelle incorrecte",
            "puerta de enlace no válida",
            # 网关错误 (502's name in Chinese UIs), 閘道錯誤; Russian, Spanish, Portuguese,
            # Italian, German, Turkish, Polish
            (r"(?:网关|閘道)(?:错误|錯誤)(?!码|碼|代码)", "网关", "閘道"),
            (r"(?:неверный|плохой|ошибочный) шлюз|ошибка шлюза", " шлюз", "шлюза"),
            (r"puerta de enlace (?:incorrecta|err[óo]nea)", "puerta de enlace "),
            (r"gateway (?:inv[áa]lido|incorreto|non valido)", "gateway "),
            "fehlerhaftes gateway",
            "hatalı ağ geçidi",
            "nieprawidłowa brama",
        ),
        priority=71,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=("HTTP 502 错误网关", "请求失败：502 网关错误", "Ошибка 502: неверный шлюз"),
        near_misses=("网关超时", "网关错误码说明文档"),
    ),
    Rule(
        "upstream.unavailable.chinese",
        "A Chinese server says the service is (temporarily) unavailable.",
        L,
        Cause.UNAVAILABLE,
        says(
            "服务暂时不可用",
            "服务不可用",
            "服務暫時不可用",
            "服務不可用",
            "服务暂不可用",
            "服務暫不可用",
            # Taiwan's wording of 503: 服務無法使用, 服務暫時無法使用
            (r"服務(?:暫時)?無法使用", "無法使用"),
            (r"服务(?:暂时)?无法使用", "无法使用"),
            # anything "temporarily" out of use: 模型暂时不可用, 该模型暂时无法使用
            (r"暂时(?:不可用|无法使用|无法访问)|暫時(?:不可用|無法使用|無法存取)", "暂时", "暫時"),
        ),
        priority=70,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "模型服务暂时不可用",
            "503 服務暫時無法使用",
            "错误：该模型暂时无法使用，请稍后再试",
        ),
    ),
    Rule(
        "upstream.status_503",
        "503 with nothing more specific: the service is unavailable.",
        L,
        Cause.UNAVAILABLE,
        status(503, 521),
        priority=16,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "[agent/embedded] embedded run agent end:"
            " runId=06439cd0-5d30-4656-975b-4bb943796765 isError=true error=503 status code"
            " (no body)",
        ),
    ),
    # RFC 6455's close codes for the server's own trouble (the ones it sends, not the
    # client's: websockets' "sent 1011 ... keepalive ping timeout" is the client's own).
    Rule(
        "upstream.server_error.websocket_close",
        "A WebSocket was closed by the server with 1011 (internal error): it failed while"
        " serving the session.",
        L,
        Cause.SERVER_ERROR,
        websocket_close(1011, sent=False),
        priority=55,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=(
            "ConnectionClosedError: received 1011 (internal error) model worker exited",
            "Live API: WebSocket closed with code 1011",
        ),
        near_misses=("sent 1011 (internal error) keepalive ping timeout",),
    ),
    Rule(
        "upstream.unavailable.websocket_close",
        "A WebSocket was closed by the server with 1012 (service restart): it is restarting.",
        L,
        Cause.UNAVAILABLE,
        websocket_close(1012, sent=False),
        priority=55,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=("speech socket closed with code 1012 (service restart)",),
    ),
    Rule(
        "upstream.overloaded.websocket_close",
        "A WebSocket was closed by the server with 1013 (try again later): it is"
        " overloaded for now.",
        L,
        Cause.OVERLOADED,
        websocket_close(1013, sent=False),
        priority=55,
        retry=Retry.BACKOFF,
        confidence=0.55,
        samples=("ConnectionClosedError: received 1013 (try again later); then sent 1013",),
    ),
    Rule(
        "upstream.bad_gateway.websocket_close",
        "A WebSocket was closed with 1014 (bad gateway): a gateway got no valid answer from"
        " the server behind it.",
        L,
        Cause.BAD_GATEWAY,
        websocket_close(1014, sent=False),
        priority=55,
        retry=Retry.LIMITED,
        confidence=0.55,
        samples=("realtime proxy: closed with code 1014",),
    ),
    Rule(
        "upstream.gateway_log.unavailable",
        "The gateway has no healthy target for the route (Kong's ring-balancer, Azure Front "
        "Door's outage page).",
        L,
        Cause.UNAVAILABLE,
        says(
            "failure to get a peer from the ring-balancer",
            "our services aren't available right now",
        ),
        priority=92,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=('{"message":"failure to get a peer from the ring-balancer"}',),
        near_misses=("503 Service Unavailable",),
    ),
    Rule(
        "upstream.unavailable.model_loading",
        "The local server gave up loading the model (Ollama's 'timed out waiting for llama "
        "runner to start', 'timed out waiting for llama-server to start' since its runner is "
        "llama-server): the model is too big for the machine, or still loading.",
        L,
        Cause.UNAVAILABLE,
        says(
            "waiting for llama runner to start",
            "waiting for llama-server to start",
        ),
        priority=88,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "ollama._types.ResponseError: timed out waiting for llama runner to start",
            "Error: 500 Internal Server Error: timed out waiting for llama-server to start: "
            "context deadline exceeded",
        ),
        near_misses=("httpx.ReadTimeout: timed out",),
    ),
    Rule(
        "upstream.unavailable.gpu_busy",
        "The serving machine's GPUs are all taken: CUDA's cudaErrorDevicesUnavailable / "
        "CUDA_ERROR_DEVICE_UNAVAILABLE ('all CUDA-capable devices are busy or unavailable'), "
        "printed by PyTorch, llama.cpp, vLLM or TGI when another process holds the device "
        "(exclusive-process compute mode) or it has dropped off. The server cannot run the "
        "model now; nothing in the request is at fault.",
        L,
        Cause.UNAVAILABLE,
        says(
            "cuda-capable devices are busy or unavailable",
            "cuda_error_device_unavailable",
            "cudaerrordevicesunavailable",
        ),
        priority=90,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "RuntimeError: CUDA error: all CUDA-capable devices are busy or unavailable\n"
            "Compile with `TORCH_USE_CUDA_DSA` to enable device-side assertions.",
            "CUDA error 46 at ggml-cuda.cu:123: all CUDA-capable devices are busy or unavailable",
            'DriverError(CUDA_ERROR_DEVICE_UNAVAILABLE, "CUDA-capable device(s) is/are busy or'
            ' unavailable")',
        ),
        near_misses=(
            "RuntimeError: CUDA error: out of memory",
            "OSError: [Errno 16] Device or resource busy: '/dev/nvidia0'",
        ),
    ),
    Rule(
        "upstream.gateway_timeout",
        "A hop gave up waiting for the next (504, 524, upstream request timeout).",
        L,
        Cause.GATEWAY_TIMEOUT,
        any_of(
            status(504, 522, 524),
            says(
                (r"gateway time-?out", "gateway time"),
                "upstream request timeout",
                "upstream timed out",
                "gateway timed out",
                "upstream idle timeout",
                # a hosted gateway's "HTTP external call timed out"
                "外部调用超时",
                "a timeout occurred",
                "deadline_exceeded",
                "deadline exceeded",
            ),
            # Bedrock's 408: the model took too long processing the request
            exception("ModelTimeoutException"),
        ),
        priority=72,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=(
            # the AWS SDK for JavaScript's line (botocore's printed code is read as a body
            # type, where Bedrock's catalogue row decides)
            "ModelTimeoutException: Model has timed out in processing the request. Try your"
            " request again.",
            # OpenRouter passes the provider's timeout on as its error.code
            "OpenRouter API error: 504 Provider returned error",
        ),
    ),
    Rule(
        "upstream.gateway_timeout.api_gateway",
        "Amazon API Gateway's canned 504 body 'Endpoint request timed out': the integration"
        " behind it (a Lambda or HTTP backend calling the model) did not answer within the"
        " gateway's integration timeout (29 s by default). The gateway gave up waiting for the"
        " next hop; the caller's connection was fine.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says("endpoint request timed out"),
        priority=78,
        origin=Origin.GATEWAY,
        retry=Retry.CAREFUL,
        confidence=0.85,
        samples=(
            '504 {"message": "Endpoint request timed out"}',
            "Error: Request failed with status code 504: Endpoint request timed out",
        ),
        near_misses=("httpx.ReadTimeout: The read operation timed out",),
    ),
    Rule(
        "upstream.gateway_timeout.upstream_said",
        "A proxy or relay says its request to the upstream timed out ('Upstream request timed"
        " out', as proxies answer a 504 when their fetch to the origin is aborted; code"
        " upstream_timeout; 上游响应超时): a hop gave up waiting for the next, not the caller's"
        " own read timeout.",
        L,
        Cause.GATEWAY_TIMEOUT,
        all_of(
            says(
                (
                    # ("upstream idle timeout": the relay stopped waiting for the upstream's next
                    # byte, as OpenRouter words it; Envoy's stream idle timeout is the same wait)
                    # (also bare, "upstream timeout", and naming what is upstream: "the upstream
                    # LLM provider timed out")
                    r"upstream(?: (?:llm|ai|model|http))?(?: (?:request|response|read|server"
                    r"|service|provider|call|api|idle)s?)? (?:has |was )?(?:timed out|timeout)",
                    "upstream ",
                ),
                # "Request timed out: the upstream did not respond within 300 seconds"
                (
                    r"upstream(?: (?:server|service|provider|model))? (?:did not|didn't|failed to)"
                    r" respond (?:in time|within|before)",
                    "upstream",
                ),
                "upstream_timeout",
                (r"timed out waiting for (?:the )?(?:upstream|provider)", "timed out waiting for "),
                (r"上游[^\n]{0,8}(?:超时|超時|逾時)", "上游"),
            ),
            # (not whichlayer's own local proxy answering for the caller's transport: its body
            # type, classify.PROXY_OWN_TYPE, makes that the network's)
            none_of(field_is("type", "whichlayer_proxy_error")),
        ),
        # above network.read_timeout (74): "request timed out" here is the hop's, not the caller's
        priority=80,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            'HTTP 504 {"error":"Gateway Timeout","message":"Upstream request timed out"}',
            '{"type":"error","error":{"type":"upstream_timeout","message":"上游响应超时"}}',
            "gateway: upstream request timed out after 30000ms",
            "Provider error: Upstream idle timeout exceeded after 120s of no data",
            "504 Upstream Timeout\n\nThe upstream provider did not respond before the proxy"
            " timeout. You must retry with a smaller request or select a faster provider.",
        ),
        near_misses=(
            "openai.APITimeoutError: Request timed out.",
            "upstream connect error or disconnect/reset before headers",
        ),
    ),
    Rule(
        "upstream.gateway_timeout.shorthand",
        "The common shorthand for a gateway's 504 ('a 504 timeout error', 'HTTP 504 Timeout'):"
        " the status told in words, which outranks the bare 'timeout error' of a client.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            (r"\b504 time-?out", "504 time"),
            # the same shorthand run together or in Chinese prose ("发生了504timeout", "返回524
            # 错误", "504超时"): no word boundary parts a status from CJK text before it
            (r"(?<![0-9])(?:504|524) ?time-?out", "504", "524"),
            (r"(?<![0-9])(?:504|524) ?(?:错误|錯誤|超时|超時|报错|報錯)", "504", "524"),
        ),
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "We are seeing HTTP 504 timeout errors from the callback endpoint when generation"
            " takes over a minute.",
            "the initial request fails with a 504 timeout error and the response arrives later",
            "长对话时经常出现504timeout，换了nginx配置也一样",
            "调用接口经常返回524错误，是cloudflare那边等太久了",
            "网关返回 504超时",
        ),
        near_misses=(
            "timeout error after 60s",
            "error code 15040 timeout",
            "订单号 25240 错误",
        ),
    ),
    Rule(
        "upstream.gateway_timeout.serverless",
        "A serverless function or container in front of the model did not answer in time"
        " (Vercel, Cloud Run).",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            "did not return an initial response within",
            "function_invocation_timeout",
            (r"function (?:invocation )?timed out", "function "),
            # SageMaker: the model container did not answer in time; OpenRouter's idle
            # stream cut
            "timed out while waiting for a response from container",
        ),
        priority=72,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=("An error occurred with your deployment\n\nFUNCTION_INVOCATION_TIMEOUT",),
    ),
    Rule(
        "upstream.gateway_timeout.platform_limit",
        "The hosting platform running the code that calls the model stopped it at the"
        " platform's time limit: Vercel's 'Vercel Runtime Timeout Error: Task timed out after"
        " 60 seconds', AWS Lambda's (and Netlify Functions') 'Task timed out after 3.00"
        " seconds' and Sandbox.Timedout, Google Cloud Functions' 'finished with status:"
        " 'timeout'', Azure Functions' 'Timeout value of 00:05:00 exceeded by function',"
        " Heroku's router H12 'Request timeout', Supabase Edge Functions' 'wall clock time"
        " limit reached'. The platform's front end gave up on the function while the model was"
        " still answering: not the caller's network, not the model's failure. The same long"
        " call hits the same limit again: raise the function's maximum duration, stream the"
        " answer, or move the call off the time-limited function.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            "vercel runtime timeout error",
            (r"task timed out after \d+\.\d\d seconds", "task timed out after "),
            "sandbox.timedout",
            (r"finished with status:? ?'?timeout", "finished with status"),
            (r"timeout value of [\d:.]+ (?:was )?exceeded by function", "exceeded by function"),
            (r"\bcode=h12\b", "code=h12"),
            "h12 - request timeout",
            "wall clock time limit reached",
            "wall clock duration reached",
            (r"\bfunction (?:invocation |execution )?timed out after \d", "timed out after "),
        ),
        priority=84,
        origin=Origin.GATEWAY,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "Vercel Runtime Timeout Error: Task timed out after 300 seconds",
            "2025-03-02T10:11:12.345Z 7c1f0e2a-1111-2222-3333-444455556666 Task timed out"
            " after 29.03 seconds",
            "Function execution took 540012 ms, finished with status: 'timeout'",
            '2025-01-05T09:00:00+00:00 heroku[router]: at=error code=H12 desc="Request'
            ' timeout" method=POST path="/api/chat" status=503',
            "Timeout value of 00:05:00 exceeded by function 'Functions.Chat' (Id: 'abc')."
            " Initiating cancellation.",
        ),
        near_misses=(
            "celery task timed out after 30 seconds",
            "Request timed out after 60 seconds",
        ),
    ),
    Rule(
        "upstream.server_error.platform_function",
        "The hosting platform says the function or app in front of the model crashed while"
        " serving the call: Vercel's FUNCTION_INVOCATION_FAILED and"
        " EDGE_FUNCTION_INVOCATION_FAILED (500), AWS Lambda's Runtime.ExitError 'Runtime exited"
        " with error' (a signal: killed is its memory limit). The deployment's own code or"
        " configuration failed (a missing environment variable, an exception, memory): the"
        " server side of the call, before the model; its logs say why.",
        L,
        Cause.SERVER_ERROR,
        says(
            "function_invocation_failed",
            "runtime.exiterror",
            "runtime exited with error",
        ),
        priority=80,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "An error occurred with your deployment\n\nFUNCTION_INVOCATION_FAILED\n\n"
            "iad1::abcde-1700000000000-0123456789ab",
            '{"errorType":"Runtime.ExitError","errorMessage":"RequestId: 1f2e Error: Runtime'
            ' exited with error: signal: killed"}',
        ),
        near_misses=("FUNCTION_INVOCATION_TIMEOUT",),
    ),
    Rule(
        "upstream.bad_gateway.platform_no_response",
        "The hosting platform's proxy got no usable answer from the app in front of the model:"
        " Vercel's NO_RESPONSE_FROM_FUNCTION (502), Railway's 'Application failed to respond'"
        " (often the app listening on another port than the domain targets), Cloud Run's 'The"
        " request failed because either the HTTP response was malformed or connection to the"
        " instance had an error', Heroku's router H13 'Connection closed without response'. A"
        " hop got an invalid answer, or none, from the next: a bad gateway.",
        L,
        Cause.BAD_GATEWAY,
        says(
            "no_response_from_function",
            "application failed to respond",
            "http response was malformed or connection to the instance had an error",
            (r"\bcode=h13\b", "code=h13"),
        ),
        priority=80,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "An error occurred with your deployment\n\nNO_RESPONSE_FROM_FUNCTION\n\n"
            "fra1::xyz12-1700000000000-abcdef012345",
            "Application failed to respond\nThis error appears to be caused by the application.",
            "The request failed because either the HTTP response was malformed or connection to"
            " the instance had an error. Additional troubleshooting documentation can be found"
            " at: https://cloud.google.com/run/docs/troubleshooting",
        ),
        near_misses=("Application failed to start: missing OPENAI_API_KEY",),
    ),
    Rule(
        "upstream.unavailable.platform_no_instance",
        "The hosting platform has no running instance of the app in front of the model to"
        " send the call to: Fly.io's proxy 'could not find a good candidate within 90 attempts"
        " at load balancing' (every machine stopped, crashed or failing its checks), Heroku's"
        " router H10 'App crashed'. The service is down until an instance starts; its logs say"
        " why it stopped (memory, a crash at start).",
        L,
        Cause.UNAVAILABLE,
        says(
            (
                r"could not find a good candidate within \d+ attempts",
                "could not find a good candidate",
            ),
            (r"\bcode=h10\b", "code=h10"),
        ),
        priority=80,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "could not find a good candidate within 90 attempts at load balancing",
            '2025-02-01T10:00:00+00:00 heroku[router]: at=error code=H10 desc="App crashed"'
            ' method=POST path="/v1/chat/completions" status=503',
        ),
    ),
    Rule(
        "upstream.gateway_timeout.forwarding",
        "A front end that forwards requests (a hosting platform's middleware) gave up waiting "
        "for the app behind it: a gateway timeout, not the client's own.",
        L,
        Cause.GATEWAY_TIMEOUT,
        all_of(
            says(
                "failed to forward request",
            ),
            says(
                "timeout",
                "timed out",
                "canceled",
                "cancelled",
            ),
        ),
        priority=76,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "Middleware: Failed to forward request to http://10.0.0.7:8000. Encountered a "
            "TaskCanceledException exception after 300022ms with message: The request was "
            "canceled due to the configured HttpClient.Timeout of 300 seconds elapsing.",
        ),
        near_misses=("The request was canceled due to the configured HttpClient.Timeout",),
    ),
    Rule(
        "upstream.gateway_log.timeout",
        "The reverse proxy's log says its upstream did not answer in time: the caller got a "
        "504 from the proxy.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            (
                r"upstream timed out \(110: (?:connection|operation) timed out\)",
                "upstream timed out (110: ",
            ),
        ),
        priority=92,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "[error] upstream timed out (110: Connection timed out) while reading response header "
            "from upstream",
        ),
        near_misses=("Read timed out. (read timeout=600)",),
    ),
    Rule(
        "upstream.bad_gateway",
        "A hop got an invalid answer from the next (502, 520, 523).",
        L,
        Cause.BAD_GATEWAY,
        # Cloudflare 523: it could not reach the origin, the next hop (like a 502).
        says(
            "bad gateway",
            "web server is returning an unknown error",
            "origin is unreachable",
            (r"invalid response (?:was )?received from the upstream", "received from the upstream"),
        ),
        priority=71,
        retry=Retry.LIMITED,
        confidence=0.85,
        samples=('HTTP Request: POST http://ADDRESS:11434/api/chat "HTTP/1.1 502 Bad Gateway"',),
    ),
    Rule(
        "upstream.bad_gateway.unparsable_reply",
        "A relay or proxy could not parse its upstream's answer ('failed to parse upstream"
        " response', 解析上游响应失败, 'upstream returned invalid JSON'): the next hop's answer"
        " was invalid, a 502 whatever status the relay puts on it; neither the caller's body"
        " nor a failure the upstream reported.",
        L,
        Cause.BAD_GATEWAY,
        says(
            (
                r"(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:parse|decode"
                r"|unmarshal|deserialize) (?:the )?upstream(?:'s)? (?:response|reply|body|json)",
                "upstream",
            ),
            (
                r"invalid (?:json |response |reply |body )+from (?:the )?upstream",
                "from upstream",
                "from the upstream",
            ),
            (
                r"upstream (?:server |service |provider )?(?:returned|sent|gave|responded with)"
                r" (?:an? )?(?:invalid|malformed|unparsable|unparseable|non-json|bad)"
                r" (?:json|response|reply|body|data)",
                "upstream ",
            ),
            (
                r"解析上游(?:的)?(?:响应|返回|回复|数据|結果|结果)[^\n]{0,4}(?:失败|出错|错误|失敗)",
                "解析上游",
            ),
            (
                r"上游(?:的)?(?:响应|返回|回复)[^\n]{0,4}"
                r"(?:格式错误|格式无效|无法解析|不是(?:有效的? ?)?json)",
                "上游",
            ),
        ),
        # above request.malformed_body (83): the invalid JSON is the upstream's answer, not
        # the caller's body; below the rate-limit and quota words a relay may quote after it
        priority=85,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"error":{"message":"failed to parse upstream response: expected value at line 1'
            ' column 1","type":"api_error","code":null}}',
            "[relay] Failed to parse upstream response: missing field `choices` at line 1"
            " column 120",
            "[proxy] 解析上游响应失败: EOF while parsing a value at line 1 column 0",
            "gateway error: upstream returned invalid JSON (status 200)",
            "502 Bad Gateway: invalid response from upstream",
        ),
        near_misses=(
            "Failed to parse request body: invalid JSON",
            "解析请求体失败: 不是有效的 JSON",
            "upstream request timed out",
        ),
    ),
    Rule(
        "upstream.gateway_timeout.described",
        "The standard description of a 504 in place of its number: RFC 9110's and MDN's"
        " 'did not receive a timely response from an upstream server', Apache mod_proxy's"
        " 504 page ('The gateway did not receive a timely response from the upstream server"
        " or application'), Azure Resource Manager's GatewayTimeout ('The gateway did not"
        " receive a response from 'Microsoft.CognitiveServices' within the specified time"
        " period'), Python's HTTPStatus text ('The upstream server failed to send a request in"
        " the time allowed by the server'). A hop in front of the model gave up waiting for"
        " the next, whoever printed the words.",
        L,
        Cause.GATEWAY_TIMEOUT,
        says(
            (
                r"did not (?:receive|get) a (?:timely )?response (?:in time )?from (?:the |an )?"
                r"upstream",
                "upstream",
            ),
            (r"gateway did not receive a (?:timely )?response from", "gateway did not receive"),
            "failed to send a request in the time allowed by the server",
            (
                r"upstream (?:server|service) (?:did not|didn't|failed to) respond in time",
                "respond in time",
            ),
        ),
        priority=78,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "The gateway did not receive a timely response from the upstream server or"
            " application.",
            "Error type: GatewayTimeout\nError Message: The gateway did not receive a response"
            " from 'Microsoft.CognitiveServices' within the specified time period.",
            '{"code": 504, "message": "The server did not receive a response from the upstream'
            ' server in time."}',
        ),
        near_misses=(
            "did not receive a response from the model",
            "Connection error: did not receive a response",
        ),
    ),
    Rule(
        "upstream.bad_gateway.described",
        "The standard description of a 502 in place of its number: Apache mod_proxy's 502"
        " page ('The proxy server received an invalid response from an upstream server'),"
        " RFC 9110's 'received an invalid response from an inbound server'. A hop in front"
        " of the model got an answer it could not use from the next one.",
        L,
        Cause.BAD_GATEWAY,
        says(
            (
                r"received an invalid response from (?:the |an )?(?:upstream|inbound)"
                r" (?:server|service)",
                "received an invalid response from",
            ),
        ),
        priority=78,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "502: The proxy server received an invalid response from an upstream server. The"
            " proxy server could not handle the request POST /v1/chat/completions.",
        ),
        near_misses=("received an invalid response from the model: missing choices",),
    ),
    Rule(
        "upstream.unavailable.described",
        "Apache's 503 page ('The server is temporarily unable to service your request due to"
        " maintenance downtime or capacity problems'), printed by whatever stands in front of"
        " the model when the service behind it is down: the service is unavailable for now;"
        " the page does not say whether load or maintenance.",
        L,
        Cause.UNAVAILABLE,
        says("temporarily unable to service your request"),
        priority=76,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "Service Unavailable\nThe server is temporarily unable to service your request"
            " due to maintenance downtime or capacity problems. Please try again later.",
        ),
    ),
    Rule(
        "upstream.status_502",
        "502, 520 or 523 with nothing more specific: a hop got an invalid answer from the next.",
        L,
        Cause.BAD_GATEWAY,
        status(502, 520, 523),
        priority=62,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=("Error code: 502",),
    ),
    Rule(
        "upstream.no_body",
        "The client printed the status and says there was no body: only the status speaks, and "
        "anything else in the paste belongs to another exchange.",
        L,
        Cause.BAD_GATEWAY,
        all_of(status(502, 520, 523), _no_body_status),
        priority=99,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=("OpenAI API error (520): 520 status code (no body)",),
    ),
    # nginx's error log (and nginx-based gateways: ingress-nginx, APISIX, Kong, OpenResty) as
    # people paste it from their own reverse proxy: the proxy says what its upstream did.
    Rule(
        "upstream.gateway_log.bad_gateway",
        "The reverse proxy's log says its upstream refused, reset or closed the connection, "
        "or that no upstream was alive: the caller got a 502 from the proxy.",
        L,
        Cause.BAD_GATEWAY,
        says(
            "upstream prematurely closed connection",
            "no live upstreams",
            # nginx refusing its upstream's answer: "upstream sent invalid header", "... too
            # big header", "... "Content-Length" and "Transfer-Encoding" headers at the same
            # time" (a 502 to the caller)
            (
                r"upstream sent [^\n]{1,100}while reading response header from upstream",
                "upstream sent ",
            ),
            (
                r"\(1(?:04|11): connection (?:refused|reset by peer)\) while (?:connecting"
                r" to|reading|sending to) (?:response header from )?upstream",
                ": connection ",
            ),
            # Cloudflare could not resolve or reach the origin
            (r"error code: 1016\b", "error code: 1016"),
            "origin dns error",
        ),
        priority=92,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "[error] 29#29: *1 connect() failed (111: Connection refused) while connecting to "
            'upstream, client: 10.0.0.1, upstream: "http://127.0.0.1:8000/v1/chat/completions"',
            "[error] upstream prematurely closed connection while reading response header from "
            "upstream",
            "[error] 7#7: *9 upstream sent too big header while reading response header from "
            'upstream, client: 10.0.0.1, request: "POST /v1/messages HTTP/1.1"',
        ),
        near_misses=("connect ECONNREFUSED 127.0.0.1:8000",),
    ),
    Rule(
        "upstream.relay_upstream_error.litellm_connection",
        "A LiteLLM proxy answered that it could not reach the deployment behind it (its client "
        "said 'Connection error' inside 'model group ... failed'): the proxy's link to its "
        "upstream failed, not yours to the proxy, and not the provider's server. (The proxy's "
        "own log of such a failure, with no answer, is left to the transport rules).",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            status(500, 502, 503, 504),
            says(
                (r"\w*exception - (?:connection error|request timed out|timeout)", "exception - "),
                (r"apiconnectionerror: \w*exception", "apiconnectionerror: "),
            ),
            says(*LITELLM_MODEL_GROUP),
        ),
        priority=97,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "Error code: 500 - litellm.InternalServerError: InternalServerError: "
            "OpenAIException - Connection error.\n\nLiteLLM: model group 'gpt' failed with the "
            "error above. No fallback was attempted.",
        ),
        near_misses=("openai.APIConnectionError: Connection error.",),
    ),
    Rule(
        "upstream.relay_upstream_error.transport",
        "A relay (one-api/new-api) says its own request to the upstream failed, quoting the "
        "transport error it met: the relay's link to the provider failed, not the caller's.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            any_of(
                field_is("code", "do_request_failed"),
                says(
                    "do request failed",
                    "请求上游地址失败",
                    "failed to request upstream",
                ),
            ),
            # the quoted transport error; a provider's own refusal wrapped the same way
            # (a content block, a bad parameter) is left to the rule for that refusal
            says(
                "dial tcp",
                "i/o timeout",
                (r": eof\b", ": eof"),
                "connection reset",
                "connection refused",
                "tls: ",
                "x509",
                "no such host",
                "timeout",
                "timed out",
                "handshake",
                "broken pipe",
                "unexpected eof",
            ),
        ),
        priority=82,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"error":{"message":"do request failed: Post \\"https://api.openai.com/v1/chat/'
            'completions\\": dial tcp 104.18.7.192:443: i/o timeout (request id: '
            '20250312120000123456)","type":"new_api_error","code":"do_request_failed"}}',
        ),
        near_misses=(
            'Post "https://api.openai.com/v1/chat/completions": dial tcp 104.18.7.192:443: '
            "i/o timeout",
        ),
    ),
    Rule(
        "upstream.relay_upstream_error",
        "A relay says its upstream failed, with no more detail; when it names the upstream's "
        "status, as new-api's 'bad response status code 502' does, that status decides.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            any_of(
                field_is("code", "do_request_failed", "upstream_error", "stream_read_error"),
                says(
                    "do request failed",
                    "upstream error",
                    "failed to request upstream",
                    "upstream request failed",
                    (r"all upstreams? (?:have )?failed", "all upstream"),
                    # a router that tried every provider, channel or deployment it had
                    (
                        r"all (?:providers|channels|endpoints|deployments|upstream providers)"
                        r" (?:have )?(?:failed|returned errors?)",
                        "all providers",
                        "all channels",
                        "all endpoints",
                        "all deployments",
                        "all upstream providers",
                    ),
                    "channel error",
                    (r"all (?:api )?keys (?:have )?failed", "keys failed", "keys have failed"),
                    "gateway routing failed",
                    # one-api's log when a channel's reply could not be used
                    (r"relay error \(channel #\d+\)", "relay error (channel #"),
                    # ... and its notice that it disabled a channel that failed (see
                    # RELAY_CHANNEL_DISABLED): a reason of another layer's (a key refused, a
                    # quota spent) is read by that layer's stronger rules
                    RELAY_CHANNEL_DISABLED,
                    # Cloudflare AI Gateway's 2005
                    "failed to get response from provider",
                    # other relays' and gateways' words for the same
                    (
                        r"all upstream (?:channels|providers|endpoints|accounts|keys)"
                        r" (?:have )?failed",
                        "all upstream ",
                    ),
                    (r"failed to get (?:a )?response from (?:the )?upstream", "response from "),
                    (r"\bupstream (?:service|server) error\b", "upstream s"),
                    # a gateway's own log of a request it could not pass on: "gateway.
                    # forward_failed", "Failed to forward request to http://..."
                    (r"\bforward_failed\b", "forward_failed"),
                    (r"failed to forward (?:the )?request", "failed to forward"),
                ),
            ),
            # (not when the relay names a client-error status of the upstream's, "<400>", "bad
            # response status code 422": the provider answered and refused the request, which is
            # the request's layer, request.relayed_client_error)
            none_of(RELAYED_CLIENT_ERROR),
            # (nor when the status it names is another layer's: _RELAYED_OTHER_LAYER)
            none_of(_RELAYED_OTHER_LAYER),
        ),
        priority=65,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "[SYS] 2023/08/04 - 19:38:05 | relay error (channel #11): invalid character 'd' "
            "looking for beginning of value",
            "[ERR] relay error: upstream error: do request failed",
            "gateway.forward_failed method=POST path=/v1/messages model=m error=parse response",
            "通道「test」（#12）已被禁用，原因：invalid character 'A' looking for beginning of"
            " value",
            "当前分组的渠道已被禁用，请联系管理员",
        ),
        near_misses=(
            "Upstream error from DeepInfra: <422> Unprocessable Entity",
            '{"error":{"message":"upstream error: status code 429, Resource has been exhausted'
            ' (e.g. check quota).","type":"upstream_error"}}',
        ),
    ),
    Rule(
        "upstream.relay_upstream_error.stream",
        "A relay says the stream or connection from its upstream closed, broke or ended early"
        " (CLIProxyAPI's 'upstream stream closed before first payload', mesh-llm's 'upstream"
        " chat stream ended before [DONE]', 'upstream disconnected', 上游连接中断): the relay's"
        " leg to the provider failed, not the caller's connection to the relay.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            says(
                (
                    r"upstream (?:\w+ )?(?:stream|connection|response|sse)s? (?:was |has |had )?"
                    r"(?:closed|ended|broke|broken|reset|interrupted|terminated|aborted"
                    r"|disconnected|dropped|failed|error)",
                    "upstream ",
                ),
                "upstream_stream_error",
                "upstream_stream_incomplete",
                (r"(?:upstream|provider) (?:has )?disconnected", " disconnected"),
                (
                    r"上游[^\n]{0,8}(?:连接|流式响应|流|响应)[^\n]{0,4}(?:断开|中断|关闭|提前结束)",
                    "上游",
                ),
            ),
            # (not whichlayer's own local proxy answering for the caller's transport)
            none_of(field_is("type", "whichlayer_proxy_error")),
        ),
        # above network.connection_reset.closed_early (75): the words name the relay's upstream
        priority=80,
        origin=Origin.RELAY,
        retry=Retry.CAREFUL,
        confidence=0.7,
        samples=(
            '502 {"error":{"message":"upstream stream closed before first payload",'
            '"type":"server_error"}}',
            "Error: upstream chat stream ended before [DONE]",
            '{"error":{"message":"upstream stream error: unexpected EOF","type":"upstream_error"}}',
            "请求失败：上游连接中断，请重试",
        ),
        near_misses=(
            "upstream connect error or disconnect/reset before headers. reset reason: connection"
            " termination",
            "[error] upstream prematurely closed connection while reading response header",
            "RemoteDisconnected('Remote end closed connection without response')",
        ),
    ),
    Rule(
        "upstream.relay_upstream_error.chinese",
        "A Chinese relay says its request to the upstream, or every upstream key, failed.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        says(
            "请求上游地址失败",
            "http请求失败",
            (r"请求失败[^\n]{0,20}响应", "请求失败"),
            (r"请求上游[^\n]{0,10}失败", "请求上游"),
            (r"上游[^\n]{0,10}(?:错误|失败|异常|故障|錯誤|失敗|異常)", "上游"),
            "所有上游",
            (r"(?:api ?)?(?:keys?|密钥)[^\n]{0,10}都失败", "都失败"),
            # a relay tried every channel it has: "所有渠道均请求失败", "所有渠道都失败了"
            (r"所有渠道[^\n]{0,6}(?:请求)?失败", "所有渠道"),
        ),
        priority=65,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            '"errorMessage": "HTTP请求失败: 500, 响应:'
            ' {\\"error\\":{\\"code\\":\\"http_error\\",\\"message\\":\\"Internal server'
            ' error during gemini_generate_content\\"}}"',
            '{"error":{"message":"当前模型上游服务异常，请稍后重试","type":"new_api_error"}}',
        ),
    ),
    Rule(
        "upstream.relay_upstream_error.empty",
        "A relay says the provider or upstream behind it answered with nothing (an empty"
        " response, no content, zero output): the upstream failed, with no more detail.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        says(
            (
                r"(?:provider|upstream)[^\n]{0,30}(?:returned|sent|gave) (?:an? )?empty"
                r" (?:response|content|reply|body|stream|completion|result)",
                "empty",
            ),
            (
                r"empty (?:response|content|reply|body|stream|completion)s? (?:from|by) (?:the )?"
                r"(?:upstream|provider|model provider)",
                "empty ",
            ),
            (r"上游[^\n]{0,10}(?:返回|响应)[^\n]{0,6}空", "上游"),
        ),
        priority=70,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.65,
        samples=(
            "Error\nProvider returned empty content",
            '{"type":"error","error":{"type":"upstream_error","message":"Empty response from'
            ' upstream (zero output tokens)"}}',
            "请求失败：上游返回空响应",
        ),
        near_misses=(
            "curl: (52) Empty reply from server",
            "Error: OpenAI 响应格式无效 - 缺少或空的 choices 数组。",
        ),
    ),
    Rule(
        "upstream.provider_returned_error",
        "An aggregator says the provider behind it failed (a 5xx, or no status), with no more "
        "detail.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            # LiteLLM: "openrouter raised a streaming error - finish_reason: error"
            says(
                "provider returned error",
                "raised a streaming error",
            ),
            _no_detail_from_provider,
            # (not when the status it passes on says the provider timed out: OpenRouter's
            # error.code is the HTTP status, and a 504/524 there is upstream.gateway_timeout)
            none_of(status(504, 522, 524)),
        ),
        priority=73,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=('{"error": {"message": "Provider returned error", "code": 502}, "user_id": "u"}',),
        near_misses=(
            "429 Provider returned error",
            '{"error":{"message":"Provider returned error","code":524,"metadata":'
            '{"provider_name":"Targon"}}}',
        ),
    ),
    Rule(
        "upstream.relay_connection_error",
        "A relay's error body says its client could not reach the upstream (LiteLLM proxy's "
        "'APIConnectionError ... Connection error' inside an HTTP answer).",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        all_of(
            says(
                "litellm.apiconnectionerror",
                "exception - connection error",
            ),
            lambda v: {"answered with": "an error body"} if v.ev.bodies else None,
        ),
        priority=65,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.65,
        samples=(
            'Error code: 500 - {"error":{"message":"litellm.APIConnectionError:'
            ' OpenAIException - Connection error.","type":null,"param":null,"code":"500"}}',
        ),
    ),
    Rule(
        "upstream.relay_upstream_error.unparsable",
        "A Go relay (one-api, new-api) could not decode the upstream's reply into its own error "
        "struct: the upstream answered in a shape the relay does not expect.",
        L,
        Cause.RELAY_UPSTREAM_ERROR,
        says(
            (r"into go struct field (?:\w+\.)*(?:response|error)\b", "into go struct field "),
        ),
        priority=93,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "json: cannot unmarshal string into Go struct field Error.Response.Error.Code of type "
            "int",
        ),
        near_misses=(
            "json: cannot unmarshal string into Go struct field ChatCompletionRequest.messages",
        ),
    ),
    Rule(
        "upstream.server_error.relay_database",
        "A relay's own database failed under it (SQLite's 'database is locked' / SQLITE_BUSY,"
        " PostgreSQL's 'too many clients already', MySQL's error 1040 'Too many connections',"
        " one-api's 'CacheGetTokenByKey failed', and its 令牌验证失败, which one-api and new-api"
        " answer when the key's lookup failed for any reason but an unknown key, whose answer is"
        " 无效的令牌): the relay could not check the key or charge the quota, a server error of"
        " the relay, not the caller's key nor the provider.",
        L,
        Cause.SERVER_ERROR,
        any_of(
            says(
                "database is locked",
                "database table is locked",
                "sqlite_busy",
                "sqlite_locked",
                "too many clients already",
                (r"error 1040(?: \(\w+\))?: too many connections", "error 1040"),
                # one-api / new-api: the token lookup (cache, then database) failed; the charge
                # after a call could not be written (PostConsumeTokenQuota's store errors)
                "cachegettokenbykey failed",
                "error consuming token remain quota",
            ),
            # (only from a one-api / new-api body or log line: other servers say 令牌验证失败
            # for a JWT that fails its signature check)
            all_of(
                says("令牌验证失败"),
                any_of(
                    dialect("new-api"),
                    says((r"\[(?:err|sys|warn)\] \d{4}/\d\d/\d\d", "[err] ", "[sys] ", "[warn] ")),
                ),
            ),
        ),
        priority=90,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "[SYS] 2024/05/02 - 09:12:01 | CacheGetTokenByKey failed: database is locked",
            "[ERR] 2024/05/02 - 09:12:05 | 20240502091205 | error consuming token remain quota:"
            " dial tcp 10.0.0.7:3306: i/o timeout",
            "[ERR] 2024/05/02 - 09:12:03 | failed to update user quota: SQLITE_BUSY: database"
            " is locked (5)",
            'HTTP 500 {"error":"pq: sorry, too many clients already"}',
            '401 {"error":{"message":"令牌验证失败 (request id: 2025010203040506070809)",'
            '"type":"new_api_error"}}',
        ),
        near_misses=(
            "Error: too many connections from this IP",
            "sqlite3.OperationalError: no such table: users",
            '{"code":401,"msg":"令牌验证失败"}',
            '{"error":{"message":"无效的令牌 (request id: 2025010203040506070809)",'
            '"type":"new_api_error"}}',
        ),
    ),
    Rule(
        "upstream.server_error.relay_store",
        "A relay's own answer (one-api/new-api, LiteLLM proxy) says its database or cache failed"
        " (a dial to its Redis, MySQL or PostgreSQL port, go-redis's 'redis: ...', SQLite's"
        " lock, LiteLLM's 'DB read/write call failed', 数据库错误): the relay answered, so the"
        " caller's connection is fine; its store could not check the key or the quota.",
        L,
        Cause.SERVER_ERROR,
        all_of(
            any_of(
                dialect("new-api", "litellm"),
                field_is("type", "one_api_error", "new_api_error"),
                says("litellm.proxy"),
            ),
            says(
                "database is locked",
                "sqlite_busy",
                "too many clients already",
                "error 1040",
                # the relay's dial to its own store: Redis, MySQL, PostgreSQL, MongoDB ports
                (r"dial tcp [^\s\"']*:(?:6379|3306|5432|27017)\b", "dial tcp "),
                (r"(?<![\w-])redis: ", "redis: "),
                "db read/write call failed",
                "can't reach database server",
                (r"数据库(?:错误|异常|连接失败|繁忙)", "数据库"),
            ),
        ),
        # above the transport rules (a refused dial quoted inside the relay's own answer) and
        # the relay's quota wording around it
        priority=96,
        origin=Origin.RELAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"error":{"message":"get user quota failed: dial tcp 172.18.0.3:6379: connect:'
            ' connection refused","type":"new_api_error"}}',
            '{"error":{"message":"pre-consume quota failed: database is locked",'
            '"type":"one_api_error"}}',
            '{"error":{"message":"数据库连接失败，请联系管理员","type":"new_api_error"}}',
        ),
        near_misses=(
            'Post "http://127.0.0.1:6379/v1": dial tcp 127.0.0.1:6379: connect: connection refused',
            '{"error":{"message":"pre-consume quota failed: user quota is not enough",'
            '"type":"one_api_error"}}',
        ),
    ),
    Rule(
        "upstream.server_error.body",
        "The server's own body says it failed while processing the request; a relay's "
        "'upstream failed' around it adds nothing. A body typed as a server error under a"
        " client-error status (a relay such as claude-code-router types every error it"
        " relays api_error, a provider's 404 included) is left to the status and the words;"
        " so is one under a 429, which the words say is a rate limit or an overload, and so"
        " are its generic words ('an error occurred while processing') beside a stated"
        " client-error status.",
        L,
        Cause.SERVER_ERROR,
        any_of(
            all_of(
                field_is(
                    "type", "server_error", "api_error", "internal_error", "internal_server_error"
                ),
                none_of(_STATED_CLIENT_ERROR),
            ),
            field_is("status_text", "internal"),
            all_of(
                says(
                    # (not when the wrapper's detail after it is the transport's own word:
                    # undici's "terminated" / "other side closed", "fetch failed", "socket hang
                    # up", a reset; "An error occurred while processing the request:
                    # terminated" is the stream cut under the caller, the network's)
                    (
                        r"error occurred while processing(?! (?:the |your )?request:"
                        r" (?:typeerror: )?(?:terminated|fetch failed|other side closed"
                        r"|socket hang up|(?:read )?econnreset)\b)",
                        "error occurred while processing",
                    ),
                ),
                # these generic words beside a client-error status the text states ("An
                # error occurred while processing the request: ... status code 429"): the
                # status says what failed, the words only that something did
                none_of(_STATED_CLIENT_ERROR),
            ),
            says(
                "server had an error",
                # Bedrock's ModelErrorException / InternalServerException message, printed
                # without its class: "The system encountered an unexpected error during
                # processing. Try your request again."
                "encountered an unexpected error during processing",
                "internal error encountered",
                "internalserverexception",
                # the old openai SDK's log: error_type=server_error; OpenAI's shutdown wording
                "error_type=server_error",
                "request failed due to server shutdown",
                # Xinference's worker gone
                (r"remote server [\d.:]+ closed", "remote server "),
                "code: internal_server_error",
            ),
        ),
        priority=68,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            "INFO  error_code=None error_message='Request failed due to server shutdown' "
            "error_param=None error_type=server_error message='OpenAI API error received'",
            'Error: 500 {"error": {"message": "The server had an error processing your '
            'request.", "type": "server_error", "param": null, "code": null}}',
            "Error: An error occurred while processing your request. Please try again later.",
        ),
        near_misses=(
            # a relay's catch-all type around its upstream's 429
            'API Error: 429 {"error":{"message":"Upstream returned 429: too many requests,'
            ' slow down","type":"server_error"}}',
            "Chat failed: An error occurred while processing the request: terminated",
            "An error occurred while processing your request: TypeError: fetch failed",
            'API Error: 404 {"error":{"message":"Error from provider: Not Found. Please check'
            ' the configuration.","type":"api_error","code":"provider_response_error"}}',
            "An error occurred while processing your request: AxiosError: Request failed with"
            " status code 401",
        ),
    ),
    Rule(
        "upstream.server_error.local_runtime",
        "A local model runtime failed: out of memory, its runner process ended, or its engine"
        " loop died (Ollama, vLLM).",
        L,
        Cause.SERVER_ERROR,
        says(
            "requires more system memory",
            "out of memory",
            "llama runner process",
            "enginedeaderror",
            "engine loop is dead",
            # vLLM V1's engine process: "EngineCore encountered an issue. See stack trace"
            "enginecore encountered an issue",
        ),
        priority=68,
        retry=Retry.LIMITED,
        confidence=0.8,
        samples=(
            '  File "/root/miniconda3/lib/python3.12/site-packages/ollama/_client.py", line'
            " 75, in _request\n    raise ResponseError(e.response.text,"
            " e.response.status_code) from None\nollama._types.ResponseError: llama runner"
            " process no longer running: -1 ",
        ),
    ),
    # An inference server's own engine failed: vLLM's front end timing out on an RPC to its
    # engine process ("RPC call to execute_model timed out"), a server reporting that its
    # engine process exited. The requests that time out or fail after it, and the caller's
    # own "Request timed out" lines, are its consequences: the server's failure, not the
    # network's.
    Rule(
        "upstream.server_error.engine_internal",
        "The inference server's own engine failed: a call between its processes timed out,"
        " or its engine process exited. Requests failing after it are its consequences;"
        " the server needs a restart, and its log holds the first error.",
        L,
        Cause.SERVER_ERROR,
        says(
            (r"\brpc call to \w+ timed out", "rpc call to "),
            (
                r"\bengine (?:process |core )?(?:exited|died|crashed|terminated) unexpectedly",
                "unexpectedly",
            ),
            # llama.cpp's server: its decoder failed on the batch it built itself (a KV
            # cache whose positions went out of step), answered 500 "Invalid input batch"
            "llama_decode: failed to decode",
            "failed to initialize batch",
        ),
        priority=90,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "ERROR 09-06 04:14:11 [core.py:640] TimeoutError: RPC call to execute_model timed"
            " out.\nERROR 09-06 04:14:11 [async_llm.py:416] AsyncLLM output_handler failed.",
            "[api] 127.0.0.1 - Request timed out: TimeoutError('timed out')\n[api] 127.0.0.1 -"
            " request failed: engine exited unexpectedly",
            "decode: failed to initialize batch\nllama_decode: failed to decode, ret = -1\nsrv "
            " send_error: task id = 12, error: Invalid input batch.",
        ),
        near_misses=("grpc call to the engine timed out after 30s",),
    ),
    # A gateway whose own rate limiter failed (its counter store down): "rate_limit_check
    # _failed", "failed to check rate limit", "Error checking rate limits". No limit was
    # reached; the gateway could not tell, and refused (or, failing open, let it through).
    Rule(
        "upstream.server_error.limiter_failed",
        "The gateway's own rate-limit check failed (its counter store, such as Redis, did not"
        " answer): no limit was reached, the gateway could not count. Its operator must fix"
        " the store; waiting for a limit to reset will not help.",
        L,
        Cause.SERVER_ERROR,
        says(
            (r"\brate[ _-]?limit[ _-]?check[ _-]?failed", "check"),
            (r"\b(?:failed to|could not|unable to) check (?:the )?rate[ _-]?limits?", "check "),
            (r"\berror checking rate[ _-]?limits?", "error checking rate"),
        ),
        priority=92,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            'API Error: 500 {"error":{"code":"","message":"rate_limit_check_failed (request id:'
            ' 20260101000000000000000000000000)","type":"new_api_error"}}',
            '503 {"error": "rate limit check failed"}',
        ),
        near_misses=("429 rate limit exceeded; check your plan",),
    ),
    # Knative's queue-proxy, in front of a serving container (KServe, Knative services):
    # "error reverse proxying request" with a 502 when the container dropped or refused the
    # request. The gateway's hop to its backend failed, behind the caller's connection.
    Rule(
        "upstream.bad_gateway.reverse_proxy",
        "A reverse proxy in front of the model server (Knative's queue-proxy under KServe)"
        " could not get the answer from the container behind it: the backend hop failed,"
        " not the caller's connection.",
        L,
        Cause.BAD_GATEWAY,
        says("error reverse proxying request"),
        priority=80,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            '{"severity":"ERROR","logger":"queueproxy","message":"error reverse proxying'
            ' request; sockstat: sockets: used 12","error":"unexpected EOF"}',
        ),
    ),
    Rule(
        "upstream.server_error.model_load",
        "A local model server could not load the model it was asked for (Ollama's 'unable to"
        " load model: <blob>', LocalAI's 'could not load model', llama.cpp's 'error loading"
        " model'): a runtime too old for the model, a corrupt file, too little memory.",
        L,
        Cause.SERVER_ERROR,
        all_of(
            says(
                # one model ("error loading models" is a client listing them)
                (r"unable to load model\b", "unable to load model"),
                (r"could not load model\b", "could not load model"),
                (r"error loading model\b", "error loading model"),
                (r"failed to load model\b", "failed to load model"),
                "model_load_error",
            ),
            # a load the user cancelled; a model file that is not there is the request's; a
            # request that got no answer at all (undici's "fetch failed") is the network's
            none_of(says("operation canceled", "no such file or directory", "fetch failed")),
        ),
        priority=68,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "Error: 500 Internal Server Error: unable to load model:"
            " /usr/share/ollama/.ollama/models/blobs/sha256-ed12a4674d727a74ac4816c906094ea9",
            "Fehler bei der API-Anfrage:could not load model - all backends returned error:"
            " [llama-cpp]: could not load model: rpc error: code = Canceled",
        ),
        near_misses=(
            'Failed to load model "qwen/qwen3-coder-30b". Error: Operation canceled.',
            "Error loading models\nError invoking remote method 'models:list': TypeError: fetch"
            " failed",
        ),
    ),
    Rule(
        "upstream.server_error",
        "The server side failed while processing the request (500).",
        L,
        Cause.SERVER_ERROR,
        any_of(
            says(
                (r"internal (?:server )?error", "internal "),
                "worker threw exception",
            ),
            all_of(
                says(
                    (r"\bserver error\b", "server error"),
                ),
                none_of(status(502, 503, 504, 520, 521, 522, 523, 524, 529)),
            ),
            status(500),
            # the SDKs raise InternalServerError for every 5xx: a 503 stays a 503
            all_of(
                exception("InternalServerError", "InternalServerException"),
                none_of(status(502, 503, 504, 520, 521, 522, 523, 524, 529)),
            ),
            all_of(exception("APIError"), none_of(status(*range(400, 500)))),
            # Bedrock: the model failed while processing (424) or while streaming
            exception("ModelErrorException", "ModelStreamErrorException"),
        ),
        priority=30,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            # (Bedrock's "The system encountered an unexpected error during processing" is
            # upstream.server_error.body's, with or without its class name)
            "worker threw exception while generating the reply",
        ),
    ),
    Rule(
        "upstream.server_error.dashscope_algo",
        "Alibaba DashScope's own print of a 5xx, '<500> InternalError.Algo: <what failed>'"
        " (its SDK's and LiteLLM's '<status> Code: message' form, quoted by agents and"
        " relays): the model server's code raised while serving the call ('list index out of"
        " range', ''dict' object has no attribute 'content''), a server error whatever the"
        " Python words after it say. A dotted sub-code names its own cause"
        " ('InternalError.Algo.InvalidParameter' is the request, DataInspectionFailed the"
        " content filter) and is left to its row.",
        L,
        Cause.SERVER_ERROR,
        says(
            (
                r"<5\d\d> ?(?:internalerror(?:\.algo)?|systemerror|modelservicefailed)(?![.\w])",
                "internalerror",
                "systemerror",
                "modelservicefailed",
            ),
        ),
        priority=84,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=(
            "[API Error: <500> InternalError.Algo: 'NoneType' object is not subscriptable]",
            "openai.InternalServerError: Error code: 500 - {'error': {'code':"
            " 'internal_server_error', 'message': '<500> InternalError.Algo: list index out of"
            " range', 'type': 'internal_server_error'}}",
        ),
        near_misses=(
            "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 30720]",
            "<500> InternalError.Algo.DataInspectionFailed: Input text data may contain"
            " inappropriate content.",
        ),
    ),
    Rule(
        "upstream.server_error.model_crash",
        "The server says its model process crashed (Ollama's runner, LM Studio's model): a "
        "server-side failure, whatever the wrapper around it calls it.",
        L,
        Cause.SERVER_ERROR,
        says(
            "runner process has terminated",
            "post predict:",
            "model has crashed",
            # Ollama's server on its own calls to the runner (load, embedding) and its answer
            # when the runner broke mid-generation ("an unknown error was encountered while
            # running the model", "...: unexpected EOF")
            "do load request:",
            "do embedding request:",
            "encountered while running the model",
            # ggml's own assertion (llama.cpp, Ollama, koboldcpp and every runtime built on
            # it): the runtime aborted on an internal check, which ends its process
            "ggml_assert",
        ),
        # above the network's connection_reset rules (75): the EOF, reset or "forcibly
        # closed" after these words is the server's own link to its runner, not the caller's
        priority=78,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "Failed to send message The model has crashed without additional information."
            " (Exit code: 18446744072635812000)",
            'litellm.APIConnectionError: OllamaException - {"error":"an unknown error was'
            ' encountered while running the model "}',
            "Error: 500 Internal Server Error: do load request: Post"
            ' "http://127.0.0.1:39411/load": EOF',
            '{"error":"do embedding request: Post \\"http://127.0.0.1:40021/embedding\\": EOF"}',
            "llama.cpp/ggml/src/ggml-cuda.cu:1203: GGML_ASSERT(ne0 % 32 == 0) failed",
            "Hello! HowError: an error was encountered while running the model: unexpected EOF",
            '{"error":"POST predict: Post \\"http://127.0.0.1:51234/completion\\": read tcp'
            " 127.0.0.1:51240->127.0.0.1:51234: wsarecv: An existing connection was forcibly"
            ' closed by the remote host."}',
        ),
        near_misses=(
            "litellm.APIConnectionError: OpenAIException - Connection error.",
            'Post "http://127.0.0.1:11434/api/chat": EOF',
            "httpx.RemoteProtocolError: peer closed connection without sending complete message"
            " body (incomplete chunked read)",
        ),
    ),
    Rule(
        "upstream.status_5xx",
        "A 5xx status with nothing more specific.",
        L,
        Cause.SERVER_ERROR,
        status(*[s for s in range(500, 600) if s not in (502, 503, 504, 520, 522, 523, 524, 529)]),
        priority=15,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=("HTTP 505",),
    ),
    Rule(
        "upstream.gateway_error_log",
        "An API gateway's own error log (Kong, nginx at [crit]) names its failure: the gateway "
        "failed, before or instead of the model provider.",
        L,
        Cause.SERVER_ERROR,
        says(
            "[kong] ",
            "no host allowed while connecting to upstream",
            "failed (13: permission denied) while",
        ),
        priority=90,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.6,
        samples=(
            "[error] 1279#0: *20351 [kong] init.lua:405 [ai-proxy] llama2.lua:266: path must be a "
            "string, client: 172.25.0.1, server: kong",
            '[crit] open() "/tmp/nginx_client_body/0000000007" failed (13: Permission denied) '
            "while sending to client",
        ),
        near_misses=("connect() failed (111: Connection refused) while connecting to upstream",),
    ),
    Rule(
        "upstream.gateway_log.worker_limits",
        "A Cloudflare Worker in front of the API ran out of its CPU or memory allowance (1102).",
        L,
        Cause.SERVER_ERROR,
        says(
            (r"error code: 1102\b", "error code: 1102"),
            "worker exceeded resource limits",
        ),
        priority=92,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.75,
        samples=("error code: 1102 Worker exceeded resource limits",),
        near_misses=("error code: 1015",),
    ),
    Rule(
        "upstream.official_endpoint_404",
        "A 404 with no explanation at an endpoint the client builds itself: the path is right, so "
        "the server side is failing.",
        L,
        Cause.UNKNOWN,
        all_of(
            status(404),
            _official_endpoint,
            no_body,
            says(
                "unknown error",
                "not found",
            ),
        ),
        priority=75,
        retry=Retry.LIMITED,
        confidence=0.45,
        samples=(
            "unexpected status 404 Not Found: Unknown error, url:"
            " https://chatgpt.com/backend-api/codex/responses, cf-ray: a35595eccb1ff781-MAD",
        ),
    ),
    Rule(
        "upstream.html_instead_of_json",
        "The client expected JSON and got an HTML page: a gateway or web server answered in place "
        "of the API.",
        L,
        Cause.UNKNOWN,
        says(
            "invalid character '<' looking for beginning of value",
            (r"unexpected token '?<'?", "unexpected token "),
            "kind: decode",
            (r"expected value\W{0,4}line 1,? column 1", "expected value"),
            "unexpected token < in json",
            (
                r"expecting value: line 1 column 1 \(char 0\)[^\n]{0,80}<",
                "expecting value: line 1 column 1 (char 0)",
            ),
        ),
        priority=50,
        origin=Origin.GATEWAY,
        retry=Retry.LIMITED,
        confidence=0.5,
        samples=("invalid character '<' looking for beginning of value",),
    ),
    Rule(
        "upstream.empty_reply",
        "The server answered, but with no choices or messages in it: an empty completion that "
        "the client could not use.",
        L,
        Cause.UNKNOWN,
        all_of(
            says(
                (r"(?:missing|empty|no) choices", " choices"),
                (r"缺少或空的 ?choices", "choices"),
                "choices 数组",
                "did not provide any assistant messages",
                # agents' own words for a completion with nothing in it
                (
                    r"\b(?:model|llm|api|provider) (?:unexpectedly )?returned an empty"
                    r" (?:response|reply|completion|message)",
                    "returned an empty ",
                ),
                # "Empty response from LLM after 3 retries", FastGPT's "LLM model response
                # empty", "Model returned empty content" (not curl's "Empty reply from server",
                # a connection closed with nothing: the network's)
                (
                    r"\bempty (?:response|reply|completion|content|output) from (?:the )?"
                    r"(?:model|llm|api|provider|ai)\b",
                    "empty ",
                ),
                (
                    r"\b(?:model|llm) response (?:was |is )?empty\b",
                    "response empty",
                    "response was empty",
                    "response is empty",
                ),
                (
                    r"\b(?:model|llm|api|provider) returned empty (?:response|reply|completion"
                    r"|message|content|output|text)\b",
                    "returned empty ",
                ),
                # Chinese: 模型返回为空, 返回内容为空, 模型返回空响应
                (r"(?:模型|大模型|llm|ai) ?(?:返回|响应|回复)(?:的)?(?:内容)?为空", "为空"),
                (
                    r"返回(?:的)?内容为空|(?:模型|llm) ?返回空(?:响应|内容|回复)",
                    "内容为空",
                    "返回空",
                ),
                # ("model request failed": apps put it before whatever went wrong, a
                # connection error, a timeout, an HTTP status; only alone does it stand for the
                # server's unusable answer, the detail after a colon or bracket speaks instead)
                (r"模型请求失败(?!\s*[:：(（]\s*\S)", "模型请求失败"),
            ),
            # an error status says more than the missing choices it left behind
            none_of(status(*range(400, 600))),
        ),
        priority=45,
        retry=Retry.LIMITED,
        confidence=0.45,
        samples=(
            "Error: OpenAI 响应格式无效 - 缺少或空的 choices 数组。",
            "Unexpected API Response: The language model did not provide any assistant messages.",
            "Task error: Empty response from LLM after 3 retries",
            "[Error] sse error: LLM model response empty",
            "模型返回为空，请尝试修改输入。",
        ),
        near_misses=(
            "curl: (52) Empty reply from server",
            '{"choices":[{"message":{"content":"hi"}}]}',
            "[ERROR] 对话(2)请求失败: 模型请求失败: 请求错误: Connection error.",
        ),
    ),
    # An SDK's catch-all class (LiteLLM's APIError for statuses its mapper does not name, the
    # SDKs' InternalServerError for every 5xx) says nothing of the cause: the status decides.
    Rule(
        "upstream.unavailable.sdk_catch_all",
        "An SDK's catch-all error class carries a 503 or 521 status: the service (or the origin "
        "behind Cloudflare) is down or unavailable, whatever the class is called.",
        L,
        Cause.UNAVAILABLE,
        all_of(exception("APIError", "InternalServerError"), status(503, 521)),
        priority=31,
        retry=Retry.LIMITED,
        confidence=0.7,
        samples=(
            "litellm.exceptions.APIError: litellm.APIError: APIError: OpenAIException - "
            "Error code: 521",
        ),
        near_misses=("litellm.exceptions.APIError: litellm.APIError: Error code: 500",),
    ),
    *(
        Rule(
            f"upstream.{cause.value}.retries_exhausted",
            f"A client's retries ran out on {code} answers: Python urllib3's Retry with a"
            " status_forcelist ('Max retries exceeded with url: ... (Caused by"
            f" ResponseError('too many {code} error responses'))', inside requests'"
            " RetryError). The server answered every try with that status, so the connection"
            " words around it are not the network's: the status decides.",
            L,
            cause,
            all_of(
                status(code),
                says((r"too many \d{3} error responses", "error responses")),
            ),
            # above the bare status rules (weak, which the model may overrule on the
            # connection-pool words), below any rule that reads the server's own body
            priority=60,
            retry=Retry.LIMITED,
            confidence=0.7,
            samples=(
                "requests.exceptions.RetryError: HTTPSConnectionPool(host='api.example.com',"
                f" port=443): Max retries exceeded with url: {path} (Caused by"
                f" ResponseError('too many {code} error responses'))",
            ),
            near_misses=(
                "Max retries exceeded with url: /v1/x (Caused by ResponseError('too many error"
                " responses'))",
            ),
        )
        for code, cause, path in (
            # (502 and 504 have strong status rules of their own: upstream.status_502,
            # upstream.gateway_timeout)
            (500, Cause.SERVER_ERROR, "/v1/chat/completions"),
            (503, Cause.UNAVAILABLE, "/v1/embeddings"),
        )
    ),
)
