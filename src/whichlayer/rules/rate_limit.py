"""Rate limit: speed (RPM, TPM, concurrency, queue, gateway throttles)."""

from __future__ import annotations

import re

from whichlayer.rules.base import (
    Facts,
    Matcher,
    Rule,
    all_of,
    any_of,
    exception,
    field_is,
    html,
    none_of,
    relayed_status_rows,
    says,
    status,
)
from whichlayer.rules.quota import free_tier_per_minute
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

L = Layer.RATE_LIMIT

#: A rate limit named as a guess, not reported: a client's retry loop or log that wonders
#: whether it was limited ("possible rate limit", "often indicates rate limiting").
_HEDGED_RATE_LIMIT = (
    r"\b(?:possible|possibly|probably|maybe|may be|might be|could be|perhaps|likely|often"
    r" indicates|suggests|indicates a possible) (?:a |an |due to |being )?rate[ _-]?limit",
    "rate",
)

_REQUESTS_REMAINING = ("x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining")
_TOKENS_REMAINING = (
    "x-ratelimit-remaining-tokens",
    "anthropic-ratelimit-tokens-remaining",
    "anthropic-ratelimit-input-tokens-remaining",
    "anthropic-ratelimit-output-tokens-remaining",
)


def _remaining(view: View, names: tuple[str, ...]) -> tuple[str, float] | None:
    for name in names:
        raw = view.ev.headers.get(name)
        if raw is None:
            continue
        try:
            return name, float(raw)
        except ValueError:
            continue
    return None


def _headers_say(which: str) -> Matcher:
    """Rate-limit headers show which budget ran out: requests, or tokens while requests remain."""

    def match(view: View) -> Facts | None:
        requests = _remaining(view, _REQUESTS_REMAINING)
        tokens = _remaining(view, _TOKENS_REMAINING)
        if which == "rpm" and requests and requests[1] <= 0:
            return {requests[0]: f"{requests[1]:g}"}
        if which == "tpm" and tokens and (tokens[1] <= 0 or (requests and requests[1] > 0)):
            facts = {tokens[0]: f"{tokens[1]:g}"}
            if requests:
                facts[requests[0]] = f"{requests[1]:g}"
            return facts
        return None

    return match


def _too_large_for_limit(view: View) -> Facts | None:
    """The one request asks for more tokens than the whole per-minute limit: waiting cannot help.
    (The words first: the limits are read from the text when first asked for.)"""
    if "request too large" not in view.hay:
        return None
    limit = view.ev.limits.get("limit")
    requested = view.ev.limits.get("requested")
    if limit and requested and requested > limit:
        return {"requested": f"{requested:g}", "limit": f"{limit:g}"}
    return None


_PER_MINUTE = re.compile(r"perminute|per[ _]minute|per[ _]min\b|persecond|per[ _]second")


_PER_DAY = re.compile(r"perday|per[ _]day|daily")


#: What a per-minute quota counts when it meters the volume of text (tokens, or the
#: characters Translation and Speech meter) rather than the number of calls.
_TEXT_VOLUME = re.compile(r"token|character")


def _google_minute_window(unit: str) -> Matcher:
    """A Google quota violation whose window is per minute: for the volume of text (tokens,
    characters: ``_TEXT_VOLUME``) or for calls, whatever a service names them (requests,
    queries, operations); a window of a minute is a speed limit whatever it counts."""

    def match(view: View) -> Facts | None:
        if "quota" not in view.hay:
            return None
        ids = " ".join(view.fields("reason"))
        text = ids or view.hay
        if free_tier_per_minute(view.hay):
            text = view.hay  # a free-tier metric that refills within a minute is a speed limit
        elif not _PER_MINUTE.search(text) or _PER_DAY.search(text):
            return None
        if re.search(r"\blimit:? 0\b", view.hay):
            return None  # a zero allowance is quota, not speed
        volume = _TEXT_VOLUME.search(text)
        if unit == "tokens" and volume:
            return {"quota window": "per minute", "quota unit": volume.group()}
        if unit == "requests" and not volume:
            return {"quota window": "per minute", "quota unit": "requests"}
        return None

    return match


RULES: tuple[Rule, ...] = (
    Rule(
        "rate_limit.tpm.too_large",
        "One request needs more tokens than the per-minute limit allows: no retry can succeed.",
        L,
        Cause.TPM,
        all_of(
            says(
                "tokens per min",
                (r"(?<![a-z0-9_])tpm(?![a-z0-9_])", "tpm"),
            ),
            _too_large_for_limit,
        ),
        priority=99,
        retry=Retry.NEVER,
        confidence=0.9,
        samples=(
            "Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested "
            "342389. The input or output tokens must be reduced in order to run "
            "successfully.",
        ),
        near_misses=(
            "Rate limit reached for gpt-4 in organization org-x on tokens per min (TPM):"
            " Limit 10000, Used 8554, Requested 3082.",
        ),
    ),
    Rule(
        "rate_limit.tpm",
        "The tokens-per-minute budget is spent.",
        L,
        Cause.TPM,
        any_of(
            says(
                (r"tokens per (?:min(?:ute)?|day)", "tokens per "),
                (r"tokens-per-(?:min(?:ute)?|day)\b", "tokens-per-"),
                (r"(?<![a-z0-9_])tpm(?![a-z0-9_])", "tpm"),
                (r"(?<![a-z0-9_])tpd(?![a-z0-9_])", "tpd"),
                "token rate limit",
                (r"tokens? per second", " per second"),
                (r"too many tokens(?:,? please wait| per)", "too many tokens"),
                "rate limit reached for tokens",
                "input tokens per",
                "output tokens per",
                "token_rate_limit",
                "tokenspermin",
                "tokens_per_min",
                "minutetokens",
                "number of tokens allowed within",
                "input_token_count",
                "enqueued token",
                # Azure OpenAI's 429 header names the policy that fired:
                # "policy-id: DeploymentRatelimit-Token" (the Call one is rate_limit.rpm's)
                "deploymentratelimit-token",
            ),
            field_is("type", "tokens"),
        ),
        priority=96,
        confidence=0.9,
        samples=(
            "openai.error.RateLimitError: Rate limit reached for gpt-4 in organization"
            " org-REDACTED on tokens per min (TPM): Limit 10000, Used 8554, Requested 3082."
            " Please try again in 9.816s.",
            "This request would exceed the rate limit for your organization of 20,000 input"
            " tokens per minute.",
            "HTTP/1.1 429 Too Many Requests\npolicy-id: DeploymentRatelimit-Token\nx-ms-region:"
            ' West Europe\n\n{"error":{"code":"429","message":"Rate limit is exceeded. Try again'
            ' in 12 seconds."}}',
        ),
        near_misses=("Rate limit reached for gpt-4 on requests per min (RPM): Limit 3",),
    ),
    Rule(
        "rate_limit.tpm.request_too_large",
        "One request carries more tokens than the per-minute token limit allows.",
        L,
        Cause.TPM,
        says(
            # OpenAI's one-request-over-TPM message, even when cut before "tokens per min"
            (r"request too large for \S+ in or", "request too large for "),
            (
                r"number of (?:request |input |output )?tokens has exceeded",
                "tokens has exceeded",
            ),
            "tokens has exceeded your",
        ),
        priority=96,
        confidence=0.9,
        samples=(
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Request too"
            " large for gpt-4-turbo-preview in or...",
        ),
    ),
    Rule(
        "rate_limit.tpm.allocated_quota",
        "The model's allocated token quota for the window is exceeded (DashScope's"
        " AllocationQuota).",
        L,
        Cause.TPM,
        says(
            (r"(?<!free )allocated quota exceeded", "allocated quota exceeded"),
            # Throttling.AllocationQuota; AllocationQuota.FreeTierOnly is the free quota used up
            (r"allocationquota(?!\.freetieronly)", "allocationquota"),
        ),
        priority=96,
        confidence=0.9,
        samples=(
            "Oops! There was an issue connecting to Qwen3.7-Max.\nAllocated quota exceeded,"
            " please increase your quota limit. For details, see: https://help.aliyun.com/zh/model-studio/error-code#token-limit",
        ),
        near_misses=(
            "openai.PermissionDeniedError: Error code: 403 - {'error': {'message': 'The free"
            " quota has been exhausted.', 'type': 'AllocationQuota.FreeTierOnly'}}",
        ),
    ),
    Rule(
        "rate_limit.tpm.headers",
        "Rate-limit headers show the token budget ran out while requests remained.",
        L,
        Cause.TPM,
        all_of(
            any_of(
                status(429),
                says(
                    "rate limit",
                ),
            ),
            _headers_say("tpm"),
        ),
        priority=85,
        confidence=0.75,
        samples=(
            'Server responded with status 429. {"error":{"code":"429","message": "Rate limit'
            ' is exceeded."}}\n"x-ratelimit-remaining-requests": "7",\n'
            '"x-ratelimit-remaining-tokens": "1014"',
        ),
    ),
    Rule(
        "rate_limit.google_per_minute.tokens",
        "A Google 429 whose violated quota counts tokens (or characters) per minute.",
        L,
        Cause.TPM,
        all_of(
            any_of(
                status(429),
                field_is("status_text", "resource_exhausted"),
                # Google's own wording of a quota violation, when a paste lost the status
                says("quota exceeded for quota metric", "quota exceeded for metric"),
            ),
            _google_minute_window("tokens"),
        ),
        priority=97,
        confidence=0.85,
        samples=(
            'got status: 429 Too Many Requests. {"error":{"code":429,"message":"Quota'
            " exceeded for"
            " aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base"
            '_model with base model: anthropic-claude-opus-4.","status":"RESOURCE'
            '_EXHAUSTED"}}',
            "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric"
            " 'Synthesized characters' and limit 'Synthesized characters per minute' of service"
            " 'texttospeech.googleapis.com'",
        ),
    ),
    Rule(
        "rate_limit.rpm.headers",
        "Rate-limit headers show the request budget ran out.",
        L,
        Cause.RPM,
        all_of(
            any_of(
                status(429),
                says(
                    "rate limit",
                ),
            ),
            _headers_say("rpm"),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            "HTTP/1.1 429 Too Many Requests\nx-ratelimit-limit-requests:"
            " 500\nx-ratelimit-remaining-requests: 0\nx-ratelimit-reset-requests:"
            ' 120ms\n\n{"error":{"message":"slow down"}}',
        ),
    ),
    Rule(
        "rate_limit.rpm",
        "The requests-per-minute (or per-second, per-day window) budget is spent.",
        L,
        Cause.RPM,
        any_of(
            says(
                (r"requests per (?:min|minute|second|day|hour)", "requests per "),
                # the singular ("max request per minute reached: 3", as Moonshot words its RPM;
                # "1 request per second"; "limit: 60 request per min")
                (r"\brequest per (?:min|minute|second|sec|day|hour)\b", "request per "),
                (r"requests-per-(?:min|minute|second|day|hour)\b", "requests-per-"),
                # (not \b: in "RPM超限" or "QPS限制" no word boundary parts the letters from
                # the Chinese after them)
                (r"(?<![a-z0-9_])rpm(?![a-z0-9_])", "rpm"),
                (r"(?<![a-z0-9_])rpd(?![a-z0-9_])", "rpd"),
                (r"(?<![a-z0-9_])rps(?![a-z0-9_])", "rps"),
                (r"queries per (?:minute|second)", "queries per "),
                (r"(?<![a-z0-9_])qpm(?![a-z0-9_])", "qpm"),
                # DashScope's "Throttling.userQPSLimit" / "THROTTLING.userQPSLimit"
                (r"(?<![a-z0-9_])qps(?![a-z0-9_])|qps_?limit", "qps"),
                # also the camel-cased codes ("RequestsPerMinuteLimitExceeded", a quota id's
                # "...RequestsPerMinutePer...")
                (r"requests_per|requestsper(?:min|sec)", "requests_per", "requestsper"),
                (r"\bcalls? ?(?:per|/) ?(?:min(?:ute)?|second|sec)\b", "call"),
                (r"\brequests ?/ ?(?:min(?:ute)?|second|sec)\b", "requests"),
                (r"messages? per (?:minute|hour)", "message"),
                (r"images? per (?:min|minute)\b", "image"),
                (r"(?<![a-z0-9_])rph(?![a-z0-9_])", "rph"),
                # OpenRouter's per-day and per-minute request windows: "limit_rpd/<model>"
                (r"\blimit_rp[md]\b", "limit_rp"),
                (r"requests? rate limit", " rate limit"),
                "call rate limit",
                "message rate limit",
                # Azure OpenAI's 429 header "policy-id: DeploymentRatelimit-Call": calls
                "deploymentratelimit-call",
            ),
            field_is("reason", "public_error_user_requests_throttled", "rate_limit_exceeded"),
            field_is("type", "requests", "rate_limited"),
            exception("ThrottlingException", "TooManyRequestsException"),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "Request was throttled. Your rate limit for creating predictions is reduced to 6"
            " requests per minute with a burst of 1 requests. Your rate limit resets in ~5s.",
            "botocore.errorfactory.ThrottlingException: An error occurred"
            " (ThrottlingException) when calling the InvokeModel operation (reached max"
            " retries: 4): Too many requests, please wait before trying again.",
            "Rate limit reached for gpt-4 in organization org-x on requests per min (RPM):"
            " Limit 3, Used 3, Requested 1.",
            "status_code: 429, body: {'message': \"You are using a Trial key, which is"
            ' limited to 10 API calls / minute."}',
            '{"object":"error","message":"Rate limit'
            ' exceeded","type":"rate_limited","param":null,"code":"1300"}',
            "x-ratelimit-reset-requests: 4,apim-request-id: 69569dd5,policy-id:"
            " DeploymentRatelimit-Call,x-ms-region: West Europe\n429 Too Many Requests",
            "Error code: 429 - {'error': {'message': 'max request per minute reached: 20, please"
            " try again after 3 seconds', 'type': 'rate_limit_reached_error'}}",
            "You have hit the limit of 1 request per second for this endpoint.",
            '{"error":{"code":"RequestsPerMinuteLimitExceeded","message":"Slow down."}}',
            '429 Too Many Requests {"errorType":"Throttling.userQPSLimit","message":null}',
        ),
        near_misses=(
            "429 Client Error: Too Many Requests for url: https://api.openai.com/v1",
            "Tool calls per turn are limited to 128",
            "max tokens per request reached: 8192",
        ),
    ),
    Rule(
        "rate_limit.rpm.too_many",
        "The server says too many requests were sent, too often or too fast.",
        L,
        Cause.RPM,
        says(
            "reached max request",
            "request quota exceeded",
            (r"too many requests,? please", "too many requests"),
            "sent too many requests",
            "rate of requests",
            (
                r"exceeded your current requests? (?:list|limit)",
                "exceeded your current request",
            ),
            "request rate is too high",
            "reduce the frequency of requests",
            (r"requests? (?:too|are too) frequent", " frequent"),
            # Kiro: "imposing temporary limits on how frequently your account can send";
            # Zhipu's 1302 "您的账户已达到速率限制，请您控制请求频率"
            "limits on how frequently",
            (r"已达到?速率限制", "速率限制"),
            "rate increased too quickly",
            # "You are sending requests too quickly" (an OpenAI-shaped rate_limit_reached body,
            # web back ends' 429 pages), "sending messages too fast"
            (
                r"(?:sending|making|sent|send) (?:your )?(?:requests|messages|calls|api calls)"
                r" too (?:quickly|fast|frequently|rapidly)",
                "too quickly",
                "too fast",
                "too frequently",
                "too rapidly",
            ),
            (r"restricts the number of [^\n]{0,40}requests", "restricts the number of "),
            # calls or visits too frequent (ERNIE's 访问过于频繁，请稍候再试; 调用太频繁); the
            # relays' 请求过于频繁 is rate_limit.gateway_limit.chinese
            (r"(?:访问|调用|操作)(?:过于|太)频繁", "频繁"),
            # Tencent's "usage exceeds frequency limit, but don't worry, your usage will reset"
            (
                r"exceeds? (?:the |its |your )?(?:usage |request |call )?frequency limit",
                "frequency limit",
            ),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "API Error: You exceeded your current requests list.",
            "APIError: 对不起，您访问过于频繁，请稍后再试。",
            "workbuddy API error: status=200, code=6004, message=usage exceeds frequency limit",
            '{"error":{"message":"You are sending requests too quickly.","type":"rate_limit"}}',
        ),
    ),
    Rule(
        "rate_limit.rpm.slow_down",
        "The request rate grew faster than the service allows: OpenAI's slow_down (a 429 now, a"
        " 503 before: 'A sudden increase in your request rate is impacting service reliability."
        " Please reduce your request rate'), the same ramp limit as DashScope's BurstRate and"
        " S3's SlowDown. A limit on how fast requests come, even inside the RPM and TPM budgets;"
        " not the server's capacity, whatever the status.",
        L,
        Cause.RPM,
        # (OpenAI's body code slow_down is its catalogue's row; these are the words around it)
        says(
            (r"reduce your request rate|increase in your request rate", "request rate"),
        ),
        priority=92,
        retry=Retry.BACKOFF,
        confidence=0.8,
        samples=(
            "An error occurred (SlowDown) when calling the PutObject operation: Please reduce"
            " your request rate.",
            "503 Slow Down: A sudden increase in your request rate is impacting service"
            " reliability. Please reduce your request rate to its original level.",
        ),
        near_misses=(
            "503 The server is overloaded or not ready yet.",
            "Tip: a slowdown of your requests may help",
        ),
    ),
    Rule(
        "rate_limit.rpm.free_models",
        "A relay's request windows for free models are spent: OpenRouter's"
        " free-models-per-min and -per-day caps (its 'temporarily rate-limited upstream'"
        " is any upstream 429 reworded, whatever the limit: the kind is gone).",
        L,
        Cause.RPM,
        says("free-models-per-"),
        priority=91,
        confidence=0.8,
        samples=(
            '429 {"error":{"message":"Rate limit exceeded: free-models-per-day-high-balance.",'
            '"type":"rate_limit_error","code":"429"}}',
            "litellm.RateLimitError: RateLimitError: OpenrouterException - Rate limit exceeded:"
            " free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
        ),
        near_misses=(
            "Rate limit exceeded: requests per minute for paid models",
            "(Chutes) Provider returned error: deepseek/deepseek-r1:free is temporarily"
            " rate-limited upstream. Please retry shortly, or add your own key to accumulate"
            " your rate limits",
        ),
    ),
    Rule(
        "rate_limit.rpm.throttled",
        "The requests were throttled (AWS ThrottlingException, a throttled user or rate exceeded).",
        L,
        Cause.RPM,
        says(
            (r"requests? throttled", " throttled"),
            "throttlingexception",
            "user_requests_throttled",
            # AWS's per-second API throttle
            "throttledexception",
            (r"\brate exceeded\b", "rate exceeded"),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "An error occurred (ThrottledException) when calling the CreateEvent operation"
            " (reached max retries: 4): Rate exceeded.",
        ),
    ),
    Rule(
        "rate_limit.rate_limited_body",
        "A provider body that says only 'rate limit exceeded' reports its request-rate limit.",
        L,
        Cause.RPM,
        all_of(
            field_is("type", "rate_limited", "rate_limit", "requests"),
            says(
                "rate limit exceeded",
                "rate limited",
            ),
        ),
        priority=85,
        confidence=0.55,
        samples=(
            '{"object":"error","message":"Rate limit exceeded","type":"rate_limit","code":"x"}',
        ),
    ),
    Rule(
        "rate_limit.google_per_minute.requests",
        "A Google 429 whose violated quota counts calls (requests, queries) per minute.",
        L,
        Cause.RPM,
        all_of(
            any_of(
                status(429),
                field_is("status_text", "resource_exhausted"),
                # Google's own wording of a quota violation, when a paste lost the status
                says("quota exceeded for quota metric", "quota exceeded for metric"),
            ),
            _google_minute_window("requests"),
        ),
        priority=97,
        confidence=0.85,
        samples=(
            'got status: 429 Too Many Requests. {"error":{"code":429,"message":"Quota'
            " exceeded for"
            " aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per"
            '_base_model with base model: anthropic-claude-3-5-sonnet.","status":"RESOURCE'
            '_EXHAUSTED"}}',
            "StatusCode.RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Online processing"
            " operations' and limit 'OnlineProcessingOperationsPerMinutePerProject' of service"
            " 'documentai.googleapis.com'",
        ),
    ),
    Rule(
        "rate_limit.concurrency",
        "Too many requests were in flight at once.",
        L,
        Cause.CONCURRENCY,
        says(
            "too many concurrent",
            "high concurrency",
            "reduce concurrency",
            (r"concurrency (?:limits?\b|exceeded|cap)", "concurrency "),
            (r"concurrent (?:requests?|connections?|sessions?)", "concurrent "),
            (r"max(?:imum)? [\w ]{0,20}concurren", "concurren"),
            (r"exceed[^\n]{0,40}concurren", "concurren"),
            (r"concurren[^\n]{0,40}(?:exceed|limits?\b|too many|reached)", "concurren"),
            (r"parallel requests?\b", "parallel request"),
            "simultaneous",
            (r"in[ -]flight", "flight"),
            "并发",
            "並發",
            # llama.cpp / Ollama runners: every decoding slot is busy
            (r"no (?:free |available )?slots? available", " available"),
            "all slots are busy",
            # llama.cpp's server with every -np slot taken: "slot unavailable" (it does not
            # queue; the caller must), other local servers' "slots are full"
            (r"\bslots? (?:is |are )?(?:unavailable|busy|full)\b", "slot"),
            # AiHubMix: "Rate limited by provider – contact support to request higher
            # concurrency or try again later."
            "higher concurrency",
            # ChatGPT's web back end: "Only one message at a time. Please allow any other
            # responses to complete before sending another message"
            (r"only one (?:message|request|generation) at a time", " at a time"),
            # Z.ai's "Too much concurrency", "concurrency is too high"
            (
                r"(?:too (?:much|high)|excessive) concurrency|concurrency (?:is |was )?too high",
                "concurrency",
            ),
            # Japanese and Korean servers: simultaneous requests / connections over the cap
            (
                r"同時(?:リクエスト|接続|実行)数?(?:の|が)?(?:上限|制限|超過|多すぎ)"
                r"|동시 ?(?:요청|접속|연결|실행)[^\n]{0,12}(?:한도|제한|초과|너무 많)",
                "同時",
                "동시",
            ),
        ),
        priority=92,
        confidence=0.85,
        samples=(
            "litellm.RateLimitError: Max parallel request limit reached. Hit limit for "
            "api_key: abc.",
            "Too many concurrent requests for this model. Please reduce concurrency.",
            "llama-server answered 503: slot unavailable, all 4 parallel slots are processing",
            "Model gpt-4o rate limited by provider – contact support to request higher"
            " concurrency or try again later. (tid: 2025010112345678)",
            'Failed to load response from ChatGPT: {"detail":"Only one message at a time.'
            " Please allow any other responses to complete before sending another message,"
            ' or wait one minute."}',
        ),
        near_misses=(
            "Rate limit reached on requests per min (RPM)",
            "INFO create concurrency limiter for mistral: 25",
        ),
    ),
    # A server that runs one job at a time refuses a second while the first runs: "server is
    # busy with another transcription", "already processing another request". The words
    # name the other job, so it is the caller's own concurrency, not a general overload
    # (upstream.overloaded reads "server is busy" alone, and ranks below this).
    Rule(
        "rate_limit.concurrency.one_at_a_time",
        "The server runs one job at a time and was busy with another: send requests one"
        " after another (or wait for the running one), or run more workers.",
        L,
        Cause.CONCURRENCY,
        says(
            (
                r"\b(?:busy|occupied) (?:with|processing|handling|running) (?:another|a"
                r" previous|an earlier|an ongoing) (?:request|job|task|transcription"
                r"|generation|prompt|inference|conversation|message)",
                "busy ",
                "occupied ",
            ),
            (
                r"\balready (?:processing|handling|running|generating) (?:another|a previous"
                r"|an ongoing) (?:request|job|task|generation|prompt|message)",
                "already ",
            ),
        ),
        priority=96,
        confidence=0.8,
        samples=(
            'API returned status 429 Too Many Requests Response: {"error":{"message":"server'
            ' is busy with another request"}}',
            "Error 409: the model is already processing another prompt; try again when it finishes",
        ),
        near_misses=("503 Service Unavailable: server is busy, try again later",),
    ),
    Rule(
        "rate_limit.concurrency.open_work",
        "Work still open at the same time is over its cap: requests, streams, sessions or"
        " agents said to be active, outstanding, running or simultaneous ('Too many active"
        " requests', 'too many outstanding requests', a coding agent's 'too many subagents',"
        " Chinese 同时请求数超过限制): requests in flight at once, not a count per minute.",
        L,
        Cause.CONCURRENCY,
        says(
            # Chinese: 同时请求数超过限制, 同时进行的任务过多 (同时 is "at the same time")
            (
                r"(?:同时|同時)(?:只能|仅能|僅能|最多)|(?:同时|同時)(?:进行的?|進行的?|运行的?|運行的?)?"
                r"(?:请求|请求数|调用|连接|任务|會話|会话"
                r"|請求|調用|連接|連線|任務)",
                "同时",
                "同時",
            ),
            # requests, streams or sessions still open counted against a cap: "Too many active
            # requests", "too many outstanding requests", "too many running sessions"
            (
                r"too many (?:active|outstanding|ongoing|running|open|simultaneous|parallel)"
                r" (?:requests|streams|sessions|generations|jobs|connections|tasks|agents"
                r"|sub-?agents)\b",
                "too many ",
            ),
            # coding agents fanning out: "too many subagents", "maximum number of parallel agents"
            (
                r"too many (?:sub-?agents|concurrent agents|agents (?:running )?in parallel)",
                "too many ",
            ),
            (
                r"max(?:imum)?(?: number of)? (?:parallel|concurrent|simultaneous) (?:sub-?agents"
                r"|agents|sessions|streams|jobs|tasks)",
                "max",
            ),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            "错误：同时请求数超过限制，请稍后再试",
            "错误：同一账号同时只能进行一个对话，请等待上一条回复完成",
            "429: Too many active requests for this API key. Wait for some to finish.",
            "Error: too many subagents running in parallel, wait for one to finish",
        ),
        near_misses=(
            "同时支持 OpenAI 和 Anthropic 协议",
            "Too many open files",
            "Spawned 3 agents in parallel",
        ),
    ),
    Rule(
        "rate_limit.queue",
        "Queued or batch work is over its limit.",
        L,
        Cause.QUEUE,
        says(
            (r"enqueued (?:token|request)", "enqueued "),
            (r"queue (?:is )?full", "queue "),
            (r"too many (?:pending|queued)", "too many pending", "too many queued"),
            "queue limit",
            # (not Google's per-minute request quota of its batch-embed API: "Batch embed
            # contents request limit per minute for a region" is a request window)
            (r"batch[^\n]{0,40}limit(?![^\n]{0,80}per (?:minute|second|day|hour))", "batch"),
            "maximum pending requests",
            (r"max(?:imum)? queue", " queue"),
            "maximum number of batch",
            (r"too many (?:requests|jobs|tasks) in (?:the )?queue", " queue"),
            # a service telling the caller its place in line holds the call in its queue
            # because it is at capacity (Trae's "Your queue position is 352", a hosted
            # model's "queue_position", Replicate's "queue reached limit")
            (r"queue[ _]position\b", "queue position", "queue_position"),
            (r"(?:position in (?:the )?queue|in (?:the )?queue at position)\b", "queue"),
            (r"queue (?:has )?reached (?:its |the )?limit", "queue "),
            # Chinese: the queue is full, too many queued requests
            (r"队列(?:已满|满了|已达上限)", "队列"),
            (r"排队(?:请求|任务|人数)?(?:过多|太多|已满)", "排队"),
            # Chinese: the caller's place in line ("你目前排在第 201 位": Trae's queue notice
            # in Chinese, the same notice as its "Your queue position is 352")
            (r"排在第\s*\d+\s*位", "排在第"),
        ),
        priority=97,
        confidence=0.8,
        samples=(
            "Enqueued token limit reached for gpt-4o in organization org-x. Limit: 90,000 "
            "enqueued tokens.",
            "503: too many requests in the queue, retry later",
            "错误：当前排队请求过多，请稍后再试",
            "Too many current requests. Your queue position is 352. Please wait for a while or "
            "switch to other models for a smoother experience.",
            "Replicate prediction failed: queue reached limit",
            "排队中：请求人数较多，您当前排在第 201 位，请耐心等待",
        ),
        near_misses=(
            "Rate limit reached for gpt-4 on requests per min",
            "排名第 3 位的模型",
            "Too many requests, please slow down",
            "Quota exceeded for quota metric 'Batch Embed Content API requests' and limit 'Batch"
            " embed contents request limit per minute for a region'",
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.relay",
        "A relay, proxy or gateway throttled the call, not the model provider.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            "litellm rate limit handler",
            "crossed tpm / rpm",
            "model_cooldown",
            (r"group requests?-per-minute", "group request"),
            "group_rpm",
            "rate limit exceeded for api_key",
            "queue budget",
            "max_parallel_requests",
            (r"rate limit exceeded for (?:user|key|team|token)", "rate limit exceeded for "),
            # LiteLLM's router when every deployment of the model is cooling down after errors
            "no deployments available for selected model",
            # LiteLLM's router: a deployment's own rpm / tpm cap from the proxy's config
            # ("Deployment over defined rpm limit=60. current usage=61"), not the provider's
            (r"deployment over (?:the )?defined (?:rpm|tpm) limit", "deployment over "),
        ),
        priority=98,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=(
            "litellm.RateLimitError: No deployments available for selected model, Try again"
            " in 60 seconds. Passed model=gpt-4o.",
            "429: LiteLLM Rate Limit Handler for rate limit type = team. Crossed TPM / RPM /"
            " Max Parallel Request Limit.",
            '{"error":{"message":"litellm.RateLimitError: Deployment over defined rpm limit=2.'
            ' current usage=2","type":null,"param":null,"code":429}}',
        ),
        near_misses=("Rate limit reached for gpt-4 on tokens per min (TPM)",),
    ),
    Rule(
        "rate_limit.gateway_limit.pool",
        "A relay's pool of upstream accounts or keys is rate-limited or cooling down.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (r"all accounts are (?:currently )?(?:limited|rate[ -]limited)", "all accounts are "),
            "cooling down",
            (r"all (?:api )?keys are (?:rate[ -])?limited", "keys are "),
        ),
        priority=98,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=("Token error: All accounts are currently limited. Please wait 8s.",),
    ),
    # Baidu's translation and AI open platform answer 54003 "Invalid Access Limit" when an app
    # calls more often per second than its plan allows: the words read like a refused
    # credential, but it is the rate.
    Rule(
        "rate_limit.rpm.access_limit",
        "The service limits how often this app may call it ('Invalid Access Limit', in"
        " whatever wrapper prints it): slow down or raise the plan's calls per second.",
        L,
        Cause.RPM,
        says("invalid access limit"),
        priority=85,
        confidence=0.75,
        samples=("翻译失败：Invalid Access Limit",),
        near_misses=("Invalid access token",),
    ),
    Rule(
        "rate_limit.gateway_limit.per_ip",
        "A gateway limits the calls from the caller's IP address, or says it is rate limiting"
        " the caller.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            "you are being rate limited",
            (r"(?:requests|calls) from this ip", " from this ip"),
            (r"per[- ]ip (?:rate )?limit", "per-ip", "per ip"),
            "ip rate limit",
        ),
        priority=98,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=("Too many requests from this IP, please try again later.",),
    ),
    Rule(
        "rate_limit.gateway_limit.chinese",
        "A Chinese relay says the requests are too frequent or throttled.",
        L,
        Cause.GATEWAY_LIMIT,
        all_of(
            says(
                "请求过于频繁",
                "請求過於頻繁",
                "限流",
                # also its total-request and concurrent-request variants
                # new-api's per-user model request limiter:
                # "您已达到请求数限制：1分钟内最多请求60次"
                (r"您已达到(?:总|并发)?请求数限制", "请求数限制"),
            ),
            # (not a client's Chinese summary around the provider's own words that name the
            # budget, "request reached organization TPD rate limit": those words decide)
            none_of(
                says(
                    (
                        r"(?<![a-z0-9_])(?:tpm|rpm|tpd|rpd)(?![a-z0-9_])",
                        "tpm",
                        "rpm",
                        "tpd",
                        "rpd",
                    ),
                    "tokens per",
                    "requests per",
                    "rate limit reached for",
                    # a per-second / per-minute window named in Chinese (秒级限流)
                    "秒级",
                    "分钟级",
                    # a client's line that names the provider as the one that throttled (Roo
                    # Code's 429: "请求过于频繁。提供商已对您的请求进行速率限制。")
                    "提供商已对您的请求进行速率限制",
                    "供應商已對您的請求進行速率限制",
                ),
            ),
        ),
        priority=98,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=(
            '{"error":{"message":"您已达到请求数限制：1分钟内最多请求60次","type":"new_api_error"}}',
        ),
        near_misses=(
            "请求过于频繁。提供商已对您的请求进行速率限制。请在下一次 API 调用前稍候。",
            "请求过于频繁（HTTP 429：Your account org-x request reached organization TPM rate"
            " limit, current: 32000, limit: 32000）",
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.edge",
        "A CDN or API gateway's own throttling rule (Cloudflare 1015, an API gateway's per-IP "
        "policy) refused the call before it reached the model provider.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (r"error(?: code)?:? 1015\b", " 1015"),
            "ip over ratelimit",
            "throttling threshold has been reached",
            "apig.0308",
            # Kong's and APISIX's rate-limiting plugins; nginx's limit_req
            (r"\bapi rate limit exceeded\b(?! for)", "api rate limit exceeded"),
            "limiting requests, excess",
            # WSO2 API Manager's throttling answers (codes 900800-900807): "Message throttled
            # out", "Application level throttle out", "Subscription level throttled out"
            (r"\bmessage throttled out\b", "throttled out"),
            (
                r"\b(?:resource|application|subscription|api) level throttled? out\b",
                "throttled out",
                "throttle out",
            ),
            # Apigee (and SAP API Management, built on it): SpikeArrest and Quota policies,
            # answered as a 500 by default ("Spike arrest violation. Allowed rate : 10ps")
            "spike arrest violation",
            "spikearrestviolation",
            "rate limit quota violation",
            "ratelimit.quotaviolation",
        ),
        priority=96,
        origin=Origin.GATEWAY,
        confidence=0.8,
        samples=(
            "Call api error: 429 Too many requests. Error code: 1015",
            'HTTP 429: {"code":"900803","message":"Application level throttle out",'
            '"description":"You have exceeded your quota"}',
            '500 {"fault":{"faultstring":"Spike arrest violation. Allowed rate : 5ps",'
            '"detail":{"errorcode":"policies.ratelimit.SpikeArrestViolation"}}}',
        ),
        near_misses=("Rate limit reached for gpt-4 on requests per min (RPM)",),
    ),
    Rule(
        "rate_limit.gateway_limit.named_hop",
        "The throttle is placed at a gateway, CDN, WAF or edge in the path, in any word order:"
        " 'rate limit exceeded at the gateway', 'rate limited by AI Gateway', 'the API gateway"
        " throttled the request', Chinese 网关限流 / 触发网关限流, or a limit on the caller's IP"
        " in Chinese (IP 请求过于频繁, IP 访问频率过高): a hop's own limiter, not the model"
        " provider's budget.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (
                r"(?:rate[ -]?limited|rate[ -]?limit (?:exceeded|reached|hit)|throttled)"
                r"(?: \w+)? (?:at|by|from|in) (?:the"
                r" |our |this |your |an? )?(?:ai |api |edge |llm )?(?:gateway|cdn|waf|edge|load"
                r" balancer|ingress)\b",
                "gateway",
                " cdn",
                " waf",
                " edge",
                "load balancer",
                "ingress",
            ),
            (
                r"\b(?:api |ai |llm )?gateway (?:has |have )?(?:throttled|rate[ -]?limited)",
                "gateway ",
            ),
            (r"(?:网关|閘道)层?(?:触发)?(?:限流|限速|流控)", "网关", "閘道"),
            (
                r"(?<![a-z])ip(?:地址)? ?(?:的)?(?:请求|访问|請求|訪問)?"
                r"(?:过于频繁|過於頻繁|频率过高|頻率過高|被限流|已被限制)",
                "频繁",
                "頻繁",
                "频率过高",
                "頻率過高",
                "被限流",
                "已被限制",
            ),
        ),
        priority=97,
        origin=Origin.GATEWAY,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Rate limited by AI Gateway","type":"rate_limit_exceeded"}}',
            "429 Too Many Requests: rate limit exceeded at the gateway, retry later",
            "Error: the API gateway throttled the request (429)",
            "请求被拒绝：网关流控，请稍后重试",
            "错误：您的IP访问频率过高，已被限制",
        ),
        near_misses=(
            "Rate limit reached for gpt-4 on requests per min (RPM)",
            "Gateway timeout while waiting for the model",
            "Tips: set up rate limiting in your gateway to protect the backend",
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.cloudflare_body",
        "A rate limit reported in Cloudflare's own JSON error fields (cf_details, as a"
        " Cloudflare rate-limiting rule's JSON answer carries it): the CDN in front of the"
        " service throttled the caller.",
        L,
        Cause.GATEWAY_LIMIT,
        all_of(
            says("cf_details", "cf_ratelimit", "cf-ratelimit"),
            says((r"(?<![-\w])rate[ _-]?limit", "limit"), "too many requests", "throttl"),
        ),
        priority=97,
        origin=Origin.GATEWAY,
        confidence=0.75,
        samples=('{"cf_details":"Rate limit exceeded. Please retry in an hour."} (code: 429)',),
        near_misses=('{"cf_details":"Bad gateway"}',),
    ),
    Rule(
        "rate_limit.gateway_limit.apim_policy",
        "Azure API Management's rate-limit policy answer: its own error shape (a top-level"
        " statusCode beside the message, as all of APIM's policy errors are written) with 'Rate"
        " limit is exceeded. Try again in N seconds.'. Azure OpenAI's own 429 wraps the same"
        " words in an error object; the bare statusCode shape is the company gateway's throttle.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (
                r"[\'\"]?statuscode[\'\"]?\s*:\s*429\s*,\s*[\'\"]?message[\'\"]?\s*:\s*[\'\"]rate"
                r" limit is exceeded",
                "rate limit is exceeded",
            ),
        ),
        priority=97,
        origin=Origin.GATEWAY,
        confidence=0.75,
        samples=(
            '{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 11 seconds." }',
            "openai.RateLimitError: Error code: 429 - {'statusCode': 429, 'message': 'Rate limit"
            " is exceeded. Try again in 27 seconds.'}",
        ),
        near_misses=(
            '{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 2 seconds."}}',
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.html",
        "An HTML 429 page: a CDN, WAF or reverse proxy throttled the call.",
        L,
        Cause.GATEWAY_LIMIT,
        all_of(status(429), html()),
        priority=94,
        origin=Origin.GATEWAY,
        confidence=0.8,
        samples=(
            "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 "
            "Too Many Requests</h1></center><hr><center>nginx</center></body></html>",
        ),
    ),
    Rule(
        "rate_limit.relayed_429",
        "A relay reports that the upstream provider answered 429: a rate limit at the provider, "
        "whatever the relay's own status.",
        L,
        Cause.UNKNOWN,
        says(*relayed_status_rows(429)),
        # above rate_limit.relayed_wording (76), which says the same without the status
        priority=77,
        origin=Origin.UPSTREAM,
        confidence=0.6,
        samples=(
            "API Error: Request rejected (429) · Upstream provider NIM returned HTTP 429. "
            'Upstream error: {"status":429,"title":"Too Many Requests"}',
            "请求失败：上游返回 429，请稍后重试",
            "proxy: Upstream error with status code 429",
            "relay: unexpected status code from upstream: 429",
            "Chat failed: all channels failed, last error: status code 429",
            "调用失败：上游报错 429，请稍后再试",
        ),
        near_misses=(
            "upstream error: do request failed",
            "upstream error with status code 502",
            "synced 4291 records from upstream",
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.group_saturated",
        "A relay says the upstream of the caller's group (or of one model) is saturated: new-api,"
        " one-api and one-hub print '当前分组上游负载已饱和，请稍后再试' for any 429 left after"
        " retrying every channel of the group (forks: '当前模型 X 上游已饱和'; English builds:"
        " 'upstream load of the current group is saturated ... switch to another group'). The"
        " relay's pool for that group is throttled, whatever the provider said behind it: switch"
        " group or wait, as with a relay's rate-limited key pool.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (r"(?:分组|分組)[^\n]{0,12}(?:饱和|飽和)", "饱和", "飽和"),
            (r"当前模型[^\n]{0,60}上游(?:负载)?已?饱和", "饱和"),
            (
                r"\bgroup(?:'s)?\b[^\n]{0,40}\bsaturated\b|\bsaturated\b[^\n]{0,80}\b(?:another|other"
                r"|different) group\b",
                "saturated",
            ),
        ),
        priority=89,
        origin=Origin.RELAY,
        retry=Retry.BACKOFF,
        confidence=0.75,
        samples=(
            "当前分组上游负载已饱和，请稍后再试",
            "Error code: 429 - {'error': {'message': '当前模型 gpt-image-1 上游已饱和, 请稍后再试!"
            " (request id: 2025)', 'type': 'new_api_error'}}",
            '{"error":{"message":"The upstream load of the current group is saturated. Please try'
            ' again later or switch to another group.","type":"new_api_error"}}',
        ),
        near_misses=(
            "当前分组 svip 下对于模型 gpt-4o 无可用渠道",
            "Note: the GPU is saturated at 100% utilisation during the benchmark",
        ),
    ),
    Rule(
        "rate_limit.masked_by_relay",
        "The relay rewrites every upstream 429 into one 'saturated' message, masking whether the "
        "upstream hit RPM, TPM or quota.",
        L,
        Cause.UNKNOWN,
        says(
            "负载已饱和",
            "上游负载",
            "saturated",
            "upstream load",
        ),
        priority=88,
        origin=Origin.RELAY,
        retry=Retry.BACKOFF,
        confidence=0.7,
        samples=("429 上游负载已饱和，请稍后再试",),
        near_misses=("当前分组 svip 下对于模型 无可用渠道",),
    ),
    Rule(
        "rate_limit.rpm.request_limit",
        "The limit reached is named as a request limit ('Request limit exceeded', as"
        " ModelScope's inference API words its per-model request allowance; 'exceeded the"
        " request limit'): a count of requests in a window, whatever its length.",
        L,
        Cause.RPM,
        says(
            (
                # (not a parallel / concurrent request limit: rate_limit.concurrency's; nor a
                # worker's "total request limit": upstream.overloaded's; nor a daily, monthly,
                # trial or free allowance of requests, which is quota: Wenxin's "Open api daily
                # request limit reached", Cursor's "trial request limit")
                r"(?<!parallel )(?<!concurrent )(?<!total )(?<!daily )(?<!monthly )(?<!trial )"
                r"(?<!free )(?<!plan )\brequests? (?:count )?limit"
                r" (?:has been |was )?(?:exceeded|reached|hit)"
                r"(?![^\n]{0,30}\b(?:month|monthly|daily|day|today|plan|trial|free|total)\b)",
                "request limit",
                "requests limit",
                "request count limit",
                "requests count limit",
            ),
            (
                r"(?:exceeded|reached|hit) (?:the |your |its )?(?!(?:parallel|concurrent|total"
                r"|daily|monthly|trial|free|plan|weekly) )(?:\w+ )?requests? limit\b"
                r"(?![^\n]{0,30}\b(?:month|monthly|daily|day|today|plan|trial|free|total)\b)",
                "request limit",
                "requests limit",
            ),
        ),
        priority=89,
        confidence=0.7,
        samples=(
            'API Error (429 {"error":{"message":"Error from provider(modelscope,Qwen/Qwen3-32B:'
            ' 429): {\\"errors\\":{\\"message\\":\\"Request limit exceeded.\\"}}",'
            '"type":"api_error","code":"provider_response_error"}})',
            "Error: 429 You have reached the request limit for this model, try again later.",
        ),
        near_misses=(
            "Max parallel request limit reached. Hit limit for api_key: abc.",
            "request limit: 60 per minute (configured)",
            "Open api daily request limit reached",
            "You've hit your free requests limit.",
            "You have exceeded your request limit for this month.",
        ),
    ),
    Rule(
        "rate_limit.rpm.resets_in_seconds",
        "A quota or capacity said to be exhausted that resets within seconds ('Your quota will"
        " reset after 20s', as Google's Code Assist back end answers a RATE_LIMIT_EXCEEDED 429,"
        " which gemini-cli retries): a short request window, not a used-up allowance (a reset"
        " hours away is the plan's quota, left to the quota rules).",
        L,
        Cause.RPM,
        says(
            (
                r"(?:quota|capacity|limit)s? (?:will )?resets? (?:after|in) \d+(?:\.\d+)?"
                r" ?(?:s|secs?|seconds?)\b",
                "reset after ",
                "reset in ",
                "resets after ",
                "resets in ",
            ),
        ),
        # above quota.quota_exhausted.phrase (88), which reads "exhausted your capacity"
        priority=92,
        confidence=0.75,
        samples=(
            "[API Error: You have exhausted your capacity on this model. Your quota will reset"
            " after 37s.]",
            'Got 429: {"error":{"code":429,"message":"You have exhausted your capacity on this'
            ' model. Your quota will reset after 2s.","status":"RESOURCE_EXHAUSTED"}}',
        ),
        near_misses=(
            "You have exhausted your capacity on this model. Your quota will reset after 2h36m24s.",
            "You have exhausted your capacity on this model. Your quota will reset after 14m.",
        ),
    ),
    Rule(
        "rate_limit.concurrency.in_progress",
        "Another request, process or generation of the same account or conversation is still"
        " running, so this one is refused (OpenAI's conversation_locked 'Another process is"
        " currently operating on this conversation', web back ends' 'a request is already in"
        " progress', ChatGLM's 当前还有其他请求正在进行): one call in flight at a time.",
        L,
        Cause.CONCURRENCY,
        any_of(
            # OpenAI: Responses' conversation_locked; Realtime's "Conversation already has an
            # active response in progress"
            field_is("code", "conversation_locked", "conversation_already_has_active_response"),
            says(
                # (not "another process running", a local tool's port or lock clash: only the
                # conversation's "another process is currently operating on")
                (
                    r"(?:another|other|previous|earlier) (?:request|generation|response|message)s?"
                    r" (?:is |are )?(?:already |still |currently )*(?:in progress|running|being"
                    r" processed|being generated)",
                    " progress",
                    "running",
                    "being processed",
                    "being generated",
                ),
                (r"another process is (?:currently )?operating on", "operating on"),
                (
                    r"requests? (?:is )?already (?:in progress|running|being processed)",
                    "already in progress",
                    "already running",
                    "already being processed",
                ),
                (
                    r"already (?:a|an|one|another) (?:active )?(?:request|generation|response|task"
                    r"|message) (?:in progress|running|being processed|being generated)",
                    "already a",
                    "already an",
                    "already one",
                ),
                (
                    r"only one (?:request|message|generation|call|task)s? (?:can|may) (?:be )?"
                    r"(?:processed|run|running|handled|sent|active)(?: at (?:a|one) time"
                    r"| concurrently| simultaneously)",
                    "only one ",
                ),
                (
                    r"(?:previous|prior|earlier|last) (?:request|response|message|generation"
                    r"|task)s? (?:has not|hasn't|have not|is not|isn't|is still not|not) (?:yet )?"
                    r"(?:finished|completed|complete|done)",
                    "finish",
                    "complet",
                    "done",
                ),
                (
                    r"wait for (?:the )?(?:previous|prior|earlier|last|other) (?:request|response"
                    r"|message|generation)s? to (?:finish|complete)",
                    "wait for ",
                ),
                (
                    r"(?:其他|其它|另一个|另一|上一个|上一条|前一个|之前的)(?:请求|对话|会话|消息|任务)"
                    r"[^\n]{0,6}(?:正在进行|进行中|正在处理|处理中|尚未完成|未完成|正在生成|生成中)",
                    "正在进行",
                    "进行中",
                    "正在处理",
                    "处理中",
                    "未完成",
                    "正在生成",
                    "生成中",
                ),
                (
                    r"(?:已有|已经有|还有)(?:其他|其它|一个|别的)?(?:请求|对话|会话|消息|任务)"
                    r"[^\n]{0,4}(?:正在|进行中|处理中)",
                    "正在",
                    "进行中",
                    "处理中",
                ),
                (
                    r"等待?(?:上一|前一)(?:个|条)?(?:请求|消息|回复|对话)[^\n]{0,4}(?:完成|结束)",
                    "完成",
                    "结束",
                ),
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            '{"message":"Another process is currently operating on this conversation. Please'
            ' retry in a few seconds.","type":"invalid_request_error","param":"conversation",'
            '"code":"conversation_locked"}',
            'HTTP 429 {"detail":"Request already in progress. Please wait."}',
            "Error: there is already a generation in progress for this chat, wait for it to finish",
            '[error] {"message":"当前还有其他请求正在进行，请稍后再试","status":10006}',
            "Error 429: only one request can be processed at a time for this key",
            "The previous generation has not finished yet; please wait.",
            "请求失败：已有请求正在处理中，请稍后再试",
        ),
        near_misses=(
            "INFO request in progress: POST /v1/chat/completions",
            "Waiting for other processes to finish building",
            "当前请求正在处理，请耐心等待",
            "Error: port 8080 is held by another process running on this machine",
        ),
    ),
    Rule(
        "rate_limit.gateway_limit.by_proxy",
        "A proxy, relay or gateway says it rate-limited the call itself ('Rate limited by"
        " proxy server', 'rate-limited by the gateway'): its own throttle, not the provider's.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (
                r"rate[ -]?limit(?:ed)? by (?:the |this |our )?(?:reverse[ -])?(?:proxy|gateway"
                r"|relay|api gateway)",
                " by the ",
                " by this ",
                " by our ",
                " by proxy",
                " by gateway",
                " by relay",
                " by reverse",
                " by api gateway",
            ),
            (
                r"(?:proxy|gateway|relay)(?: server)?(?:'s)? (?:own )?rate[ -]?limit (?:exceeded"
                r"|reached|hit)",
                "rate limit exceeded",
                "rate-limit exceeded",
                "ratelimit exceeded",
                "rate limit reached",
                "rate-limit reached",
                "ratelimit reached",
                "rate limit hit",
                "rate-limit hit",
                "ratelimit hit",
            ),
        ),
        priority=96,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=(
            'revChatGPT.typings.Error: OpenAI: {"error":"Rate limited by proxy"} (code: 429)',
            "Error 429: proxy rate limit exceeded, slow down",
        ),
        near_misses=(
            "Rate limit reached for gpt-4 on requests per min (RPM)",
            "(Chutes) Provider returned error: qwen/qwen3-32b:free is temporarily rate-limited"
            " upstream.",
        ),
    ),
    Rule(
        "rate_limit.tpm.translated_window",
        "A per-minute or per-second window of tokens, named in another language (Spanish,"
        " Portuguese, German, French, Russian, Chinese, Japanese, Korean, Italian, Turkish,"
        " Polish, Vietnamese, Indonesian, Dutch: 'tokens por minuto',"
        " 'Token pro Minute', 'токенов в минуту', 每分钟token数 / 每分钟令牌数, 分当たりのトークン,"
        " 분당 토큰): the token budget of the window is spent.",
        L,
        Cause.TPM,
        says(
            (r"\btokens?(?: \w+)? por (?:minuto|segundo)\b", " por minuto", " por segundo"),
            (
                r"\btokens?(?: \w+)? (?:pro|je) (?:minute|sekunde)\b",
                " pro minute",
                " pro sekunde",
                " je minute",
                " je sekunde",
            ),
            (
                r"\b(?:tokens?|jetons?)(?: \w+)? par (?:minute|seconde)\b",
                " par minute",
                " par seconde",
            ),
            (
                r"токен\w*(?: \w+)? (?:в|на|за) (?:минуту|секунду|хвилину)",
                " минуту",
                " секунду",
                " хвилину",
            ),
            # (令牌 alone is a relay's word for an API key; 每分钟令牌数 is tokens per minute)
            (
                r"(?:每分钟|每分鐘|每秒钟?|每秒鐘?)(?:的|内|內)? ?"
                r"(?:输入|输出|輸入|輸出)? ?(?:tokens?|令牌数|令牌數|词元)",
                "每分钟",
                "每分鐘",
                "每秒",
            ),
            # the other order: token数超出每分钟限制
            (
                r"(?:tokens?|词元|令牌数|令牌數) ?数?[^\n]{0,8}(?:每分钟|每分鐘|每秒)",
                "每分钟",
                "每分鐘",
                "每秒",
            ),
            (r"(?:1分|一分|毎分|1秒|毎秒)(?:あたり|当たり|間)?の?トークン", "トークン"),
            (r"(?:分|秒)(?:あたり|当たり)の?トークン", "トークン"),
            (r"tokens?-(?:pro|je)-(?:minute|sekunde)", "-pro-", "-je-"),
            (r"(?:분당|초당) ?토큰", "분당", "초당"),
            # Italian, Turkish, Polish, Vietnamese, Indonesian, Dutch
            (r"token (?:al|per) (?:minuto|secondo)", "token "),
            (r"(?:dakika|saniye) başına token", " başına token"),
            (r"tokenów (?:na|w ciągu) (?:minutę|sekundę)", "tokenów "),
            (r"token (?:mỗi|trên) (?:phút|giây)", "token "),
            (r"token per (?:menit|detik)", "token per "),
            (r"tokens? per (?:minuut|seconde)", " per minuut", " per seconde"),
        ),
        priority=91,
        confidence=0.75,
        samples=(
            "Error 429: límite de tokens por minuto alcanzado para este modelo.",
            "Ошибка: превышен лимит токенов в минуту, повторите позже",
            "请求失败：每分钟 Token 数已超出上限，请稍后重试",
            "错误：token数超出每分钟限制，请降低输入长度",
            "请求失败：每分钟输入 token 数超限",
            "분당 토큰 한도를 초과했습니다. 잠시 후 다시 시도하세요.",
            "エラー: 分あたりのトークン数が上限を超えています",
        ),
        near_misses=(
            "Ошибка: превышен лимит запросов в минуту",
            "令牌无效，请检查令牌是否正确",
        ),
    ),
    Rule(
        "rate_limit.rpm.translated_window",
        "A per-minute or per-second window of requests or calls, named in another language"
        " (Spanish, Portuguese, German, French, Russian, Chinese, Japanese, Korean, Italian,"
        " Turkish, Polish, Vietnamese, Indonesian, Dutch:"
        " 'solicitudes por minuto', 'requisições por minuto', 'Anfragen pro Minute',"
        " 'requêtes par minute', 'запросов в минуту', 每分钟请求数, 1分あたりのリクエスト,"
        " 분당 요청): the request budget of the window is spent.",
        L,
        Cause.RPM,
        says(
            (
                r"\b(?:solicitudes|peticiones|llamadas|consultas|requisi[çc][õo]es"
                r"|solicita[çc][õo]es|chamadas)(?: \w+)? por (?:minuto|segundo)\b",
                " por minuto",
                " por segundo",
            ),
            (
                r"\b(?:anfrage\w*|aufrufe|abfragen)(?: \w+)? (?:pro|je) (?:minute|sekunde)\b",
                " pro minute",
                " pro sekunde",
                " je minute",
                " je sekunde",
            ),
            (
                r"\b(?:requêtes|requetes|demandes|appels)(?: \w+)? par (?:minute|seconde)\b",
                " par minute",
                " par seconde",
            ),
            (r"запрос\w*(?: \w+)? в (?:минуту|секунду)", " в минуту", " в секунду"),
            # Ukrainian: запитів на хвилину / за секунду
            (r"запит\w*(?: \w+)? (?:на|за) (?:хвилину|секунду)", " хвилину", " секунду"),
            (
                r"(?:每分钟|每分鐘|每秒钟?|每秒鐘?)(?:的|内|內)?(?:请求|调用|請求|調用|访问|訪問)",
                "每分钟",
                "每分鐘",
                "每秒",
            ),
            # the other order: 请求数超出每分钟限制, 请求超过每分钟限制
            (
                r"(?:请求|调用|請求|調用)(?:数|次数|數|次數)?[^\n]{0,8}(?:每分钟|每分鐘|每秒)",
                "每分钟",
                "每分鐘",
                "每秒",
            ),
            # a per-second or per-minute level of flow control (iFlytek's 11202 秒级流控超限)
            (
                r"(?:秒级|分钟级|秒級|分鐘級)(?:的)?(?:流控|限流|限速|流量控制)",
                "秒级",
                "分钟级",
                "秒級",
                "分鐘級",
            ),
            # a window with a count between: 每分钟最多请求60次, 1分钟内请求次数过多, 每秒仅允许调用
            (
                r"(?:每分钟|每分鐘|每秒钟?|每秒鐘?|[1一]分钟内|[1一]分鐘內|[1一]秒内|[1一]秒內)"
                r"[^\n]{0,6}?(?:请求|调用|請求|調用|访问|訪問)",
                "每分钟",
                "每分鐘",
                "每秒",
                "分钟内",
                "分鐘內",
                "秒内",
                "秒內",
            ),
            (
                r"(?:1分|一分|毎分|1秒|毎秒)(?:あたり|当たり|間)?の?(?:リクエスト|呼び出し)",
                "リクエスト",
                "呼び出し",
            ),
            (r"(?:분당|초당) ?(?:요청|호출)", "분당", "초당"),
            # Italian, Turkish, Polish, Vietnamese, Indonesian, Dutch
            (r"richieste (?:al|per) (?:minuto|secondo)", "richieste "),
            (
                r"(?:dakika|saniye) başına (?:istek|çağrı)|(?:dakikada|saniyede)[^\n]{0,20}(?:istek"
                r"|çağrı)",
                " başına ",
                "dakikada",
                "saniyede",
            ),
            (
                r"(?:żądań|zapytań|wywołań) (?:na|w ciągu) (?:minutę|sekundę)",
                "żądań ",
                "zapytań ",
                "wywołań ",
            ),
            (r"(?:yêu cầu|lượt gọi) (?:mỗi|trên) (?:phút|giây)", "yêu cầu ", "lượt gọi "),
            (r"permintaan per (?:menit|detik)", "permintaan per "),
            (r"(?:verzoeken|aanvragen) per (?:minuut|seconde)", " per minuut", " per seconde"),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            "Erro 429: limite de requisições por minuto excedido. Tente novamente em instantes.",
            "Has superado el límite de solicitudes por minuto de tu plan.",
            "Fehler: Anfragelimit pro Minute überschritten.",
            "Ошибка: превышен лимит запросов в минуту, подождите немного",
            "调用失败：每分钟请求数超过限制，请稍后再试",
            "错误：调用次数超出每分钟上限",
            "您已达到上限：每分钟最多请求 60 次，请稍后再试",
            "错误：1分钟内请求次数过多，请稍后重试",
            "11202: 秒级流控超限",
            "Erreur : trop de requêtes par minute, réessayez plus tard.",
            "Помилка: ви перевищили ліміт запитів на хвилину",
            "Hata: dakikada çok fazla istek gönderildi",
        ),
        near_misses=(
            "Ошибка: превышен лимит токенов в минуту",
            "每分钟token数超过限制",
            "Fehler: zu viele Anfragen",
        ),
    ),
    Rule(
        "rate_limit.concurrency.translated",
        "Too many simultaneous or concurrent requests or connections, said in Spanish,"
        " Portuguese, German, French, Russian, Italian, Turkish, Polish, Vietnamese, Indonesian"
        " or Dutch ('solicitudes simultáneas', 'requisições"
        " simultâneas', 'gleichzeitige Anfragen', 'requêtes simultanées', 'одновременных"
        " запросов'): requests in flight at once.",
        L,
        Cause.CONCURRENCY,
        says(
            (
                r"\b(?:solicitudes|peticiones|llamadas|requisi[çc][õo]es|solicita[çc][õo]es"
                r"|conexiones|conex[õo]es) (?:simult[áâa]neas|concurrentes|concorrentes"
                r"|paralelas)\b",
                "simult",
                "concurrentes",
                "concorrentes",
                "paralelas",
            ),
            (
                r"\b(?:gleichzeitige|parallele)[nr]? (?:anfragen|verbindungen|aufrufe)\b",
                "gleichzeitige",
                "parallele",
            ),
            (
                r"\b(?:requêtes|requetes|demandes|connexions|appels) (?:simultan[ée]es"
                r"|concurrentes|parall[èe]les)\b",
                "simultan",
                "concurrentes",
                "parallèles",
                "paralleles",
            ),
            (
                r"(?:одновременн|параллельн)\w* (?:запрос|соединен|подключен)\w*",
                "одновременн",
                "параллельн",
            ),
            # Italian, Turkish, Polish, Vietnamese, Indonesian, Dutch
            (r"richieste (?:simultanee|contemporanee|concorrenti|parallele)", "richieste "),
            (r"eşzamanlı (?:istek|bağlantı)", "eşzamanlı "),
            (
                r"(?:jednoczesnych|równoczesnych|współbieżnych) (?:żądań|zapytań|połączeń)",
                "jednoczesnych",
                "równoczesnych",
                "współbieżnych",
            ),
            (r"(?:yêu cầu|kết nối) đồng thời", " đồng thời"),
            (r"(?:permintaan|koneksi) (?:bersamaan|simultan|serentak)", "permintaan ", "koneksi "),
            (
                r"(?:gelijktijdige|parallelle) (?:verzoeken|aanvragen|verbindingen)",
                "gelijktijdige",
                "parallelle",
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "Erro: limite de requisições simultâneas excedido.",
            "Fehler 429: Zu viele gleichzeitige Anfragen. Bitte warten.",
            "Ошибка: слишком много одновременных запросов",
            "Erreur : trop de requêtes simultanées pour ce compte.",
        ),
        near_misses=("Las solicitudes fallaron por un error del servidor",),
    ),
    Rule(
        "rate_limit.rpm.frequency",
        "The request or call frequency is said to be too high, in English or Russian ('High"
        " frequency usage of this API, please reduce frequency', Z.ai's 1303; Alibaba Cloud's"
        " Throttling"
        " 'request frequency is too high'; 'request frequency exceeds the plan's limit'):"
        " requests counted in a window.",
        L,
        Cause.RPM,
        says(
            (
                r"(?:request|call|access|api|query|usage|invocation) frequency (?:is |was )?"
                r"(?:too high|too fast|exceeded|exceeds|over (?:the )?limit)",
                "frequency ",
            ),
            (r"(?:request|call|access|api|query|invocation) frequency limit", "frequency limit"),
            (r"high frequency (?:usage|of requests|of calls|of api calls)", "high frequency "),
            (
                r"frequency of (?:your )?(?:requests|calls|api calls) (?:is |was )?"
                r"(?:too high|exceeded)",
                "frequency of ",
            ),
            # Russian: слишком частые запросы, частота запросов превышена
            (r"частые запросы|частота запросов", "частые запросы", "частота запросов"),
        ),
        priority=89,
        confidence=0.75,
        samples=(
            '429 {"error":{"code":"1303","message":"High frequency usage of this API, please'
            ' reduce frequency or contact customer service to increase limits"}}',
            "Error: your request frequency is too high, please try again in a moment.",
            "Error: call frequency exceeded, please slow down",
            "Ошибка 429: слишком частые запросы, подождите",
        ),
        near_misses=(
            "High concurrency usage of this API, please reduce concurrency",
            "frequency_penalty must be between -2 and 2",
        ),
    ),
    Rule(
        "rate_limit.rpm.named",
        "The limit that was hit is named as a count of requests: 'rate limit reached for"
        " requests', a limits-library window ('50 per 1 minute', as Flask-Limiter and slowapi"
        " print it), or a request, visit or call frequency in Chinese, Japanese or Korean.",
        L,
        Cause.RPM,
        says(
            (r"rate limit (?:reached|exceeded|hit) (?:for|on) (?:the )?requests\b", "requests"),
            # the same, cut off by a client's one-line retry notice ("... for req... [retrying
            # in 1s]"): a message cut after "req" can only have gone on to name requests
            (r"rate limit (?:reached|exceeded) for req(?:\.\.\.|…)", "for req"),
            # the limits library's str(item): "<amount> per <multiples> <granularity>"
            (r"\b\d+ per \d+ (?:second|minute|hour|day)s?\b", " per "),
            # a limit stated as N requests per N seconds / minutes ("Limit: 60 requests per 60
            # seconds", "20 requests per 10 seconds exceeded"; not a day's allowance)
            (
                r"(?:limit|limited|exceeded|allowed|max(?:imum)?|only)\b[^\n]{0,30}?\b\d+"
                r" (?:requests|calls) (?:per|every|in) (?:\d+ )?(?:seconds?|secs?|minutes?|mins?"
                r"|hours?)\b",
                " requests per",
                " requests every",
                " requests in ",
                " calls per",
                " calls every",
                " calls in ",
            ),
            (
                r"\b\d+ (?:requests|calls) (?:per|every|in) (?:\d+ )?(?:seconds?|secs?|minutes?"
                r"|mins?|hours?)\b[^\n]{0,20}(?:exceeded|reached)",
                " requests per",
                " requests every",
                " requests in ",
                " calls per",
                " calls every",
                " calls in ",
            ),
            # 请求频率过高, 访问频率受限, 调用频次超限: the frequency of requests (and the
            # traditional characters: 請求頻率, 訪問頻率, 調用頻次)
            (
                r"(?:请求|访问|调用|接口|請求|訪問|調用|介面)的?(?:频率|频次|頻率|頻次)",
                "频率",
                "频次",
                "頻率",
                "頻次",
            ),
            (
                r"(?:请求|访问|调用|請求|訪問|調用)(?:速度|速率)?(?:过快|太快|過快)",
                "过快",
                "太快",
                "過快",
            ),
            (
                r"(?:请求|访问|调用|請求|訪問|調用)(?:速度|速率)(?:过高|過高|超限|超过|超過|超出)",
                "速度",
                "速率",
            ),
            (r"(?:訪問|調用|操作)(?:過於|太)頻繁", "頻繁"),
            # the frequency itself said to be too high or over its cap, whoever's it is (Zhipu's
            # 1303 "您当前使用该API的频率过高", 使用频率过高, 频次超限): in an API's answer the
            # frequency that can run over is the rate of calls
            (
                r"(?:频率|頻率|频次|頻次)(?:过高|過高|太高|太快|过快|過快|超限|超出限制|超过限制"
                r"|超過限制|受限)",
                "频率",
                "頻率",
                "频次",
                "頻次",
            ),
            "リクエスト頻度",
            (r"リクエスト(?:数|回数)?の?(?:上限|制限)", "リクエスト"),
            "요청 빈도",
            (r"요청 (?:횟수|수) ?(?:한도|제한)", "요청 "),
        ),
        priority=89,
        confidence=0.75,
        samples=(
            '{"error":{"code":"1302","message":"Rate limit reached for requests"}}',
            "錯誤：請求頻率過高，請稍後再試",
            "您当前使用该API的频率过高，请降低频率，或联系客服增加限额。",
            'HTTP 429: {"error":"Rate limit exceeded: 10 per 1 minute"}',
            "429 Too many requests. Limit: 30 requests per 10 seconds.",
            "APIError: 429 请求频率过高，请降低调用频次后重试",
            "错误：请求速度过快，已被限制访问",
            "エラー: リクエスト数の上限に達しました。しばらくしてから再度お試しください。",
        ),
        near_misses=(
            "Rate limit reached for tokens",
            "很抱歉，你的请求受速率限制。",
            "limiter = Limiter(app, default_limits=['200 per day'])",
            "Processed 120 requests in 5 minutes without errors",
            "Rate limit exceeded: max 1000 requests per day",
        ),
    ),
    Rule(
        "rate_limit.generic.translated",
        "A client or server says 'too many requests' or 'rate limit' in another language"
        " (Chinese, Japanese, Korean, Russian, German, French, Spanish, Portuguese), without"
        " naming which budget.",
        L,
        Cause.UNKNOWN,
        says(
            (r"(?:请求|請求)(?:次数|次數|数|數)?(?:过多|過多)", "过多", "過多"),
            "レート制限",
            "レートリミット",
            "リクエスト過多",
            # Chinese flow control tripped (流控超限, 触发流控), with no window named
            (r"(?:流控|流量控制)(?:超限|触发|已触发|限制)|触发(?:了)?流控", "流控", "流量控制"),
            "요청이 너무 많",
            "요청 한도",
            "속도 제한",
            "превышен лимит запросов",
            "ограничение скорости",
            "zu viele anfragen",
            "trop de requêtes",
            "trop de demandes",
            "demasiadas solicitudes",
            "demasiadas peticiones",
            "muitas solicitações",
            "muitas requisições",
            "límite de velocidad",
            "limite de taxa",
        ),
        priority=40,
        confidence=0.6,
        samples=(
            "AI 원고 생성 요청이 너무 많습니다. 잠시 후 다시 시도해주세요.",
            "Fehler 429: Zu viele Anfragen. Bitte später erneut versuchen.",
            "Ошибка API: превышен лимит запросов, повторите позже",
        ),
        near_misses=("요청을 처리할 수 없습니다",),
    ),
    Rule(
        "rate_limit.generic.translated_more",
        "'Too many requests', 'rate limit' or 'request limit reached' in more languages (German"
        " Ratenbegrenzung / gedrosselt, French limite de débit / de requêtes, Spanish and"
        " Portuguese límite / limite de solicitudes / requisições, Russian лимит запросов,"
        " Italian, Turkish, Vietnamese, Polish, Indonesian, Dutch, Korean, Hindi, Catalan),"
        " without naming which budget.",
        L,
        Cause.UNKNOWN,
        says(
            (
                r"ratenbegrenzung|ratenlimit|gedrosselt",
                "ratenbegrenzung",
                "ratenlimit",
                "gedrosselt",
            ),
            (r"limite de (?:débit|requêtes|demandes)", "limite de "),
            (r"l[íi]mite de (?:solicitudes|peticiones|tasa)", "mite de "),
            (r"limite de (?:requisi[çc][õo]es|solicita[çc][õo]es)", "limite de "),
            (r"лимит (?:скорости )?запросов|лимит скорости", "лимит "),
            "troppe richieste",
            (r"limite di (?:richieste|frequenza)", "limite di "),
            "çok fazla istek",
            (r"(?:istek|hız) (?:limiti|sınırı)", "limiti", "sınırı"),
            "quá nhiều yêu cầu",
            (r"giới hạn (?:yêu cầu|tốc độ)", "giới hạn "),
            (r"zbyt wiele (?:żądań|zapytań|zadań)", "zbyt wiele "),
            (r"limit (?:żądań|zapytań)", "limit "),
            "terlalu banyak permintaan",
            "batas permintaan",
            (r"te veel (?:verzoeken|aanvragen|requests)", "te veel "),
            # Roo Code's 429 line in Korean, Hindi and Catalan (webview-ui/src/i18n/locales)
            "너무 많은 요청",
            "बहुत सारे अनुरोध",
            (r"massa (?:sol·licituds|peticions)", "massa "),
        ),
        priority=40,
        confidence=0.6,
        samples=(
            "Fehler: Ratenbegrenzung erreicht. Bitte später erneut versuchen.",
            "Errore 429: troppe richieste, riprova più tardi",
            "Lỗi: quá nhiều yêu cầu, vui lòng thử lại sau",
            "Błąd: zbyt wiele żądań, spróbuj ponownie później",
            "Error: se alcanzó el límite de solicitudes, inténtalo más tarde",
            "너무 많은 요청입니다. 공급자에 의해 요청 제한이 적용되고 있습니다.",
            "Massa sol·licituds. Estàs sent limitat pel proveïdor.",
        ),
        near_misses=("Fehler: Anfrage ungültig", "Errore: richiesta non valida"),
    ),
    Rule(
        "rate_limit.gateway_limit.relay_concurrency",
        "A relay's own concurrency cap per account, user, key, channel or group of its pool"
        " was reached (sub2api's 'Concurrency limit exceeded for account', new-api's channel"
        " and token caps): the relay throttled, not the provider.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (
                r"concurrency limit (?:exceeded|reached) for (?:account|user|key|token|channel"
                r"|group)",
                "concurrency limit ",
            ),
            (r"(?:channel|group|token)(?:'s)? concurrency", " concurrency"),
            (r"(?:渠道|分组|令牌|账号)[^\n]{0,6}并发", "并发"),
        ),
        priority=96,
        origin=Origin.RELAY,
        confidence=0.7,
        samples=(
            "stream disconnected before completion: Concurrency limit exceeded for account,"
            " please retry later",
            '{"error":{"message":"该令牌并发数已达上限，请稍后再试","type":"new_api_error"}}',
        ),
        near_misses=(
            "Too many concurrent requests for this model. Please reduce concurrency.",
            "llama-server answered 503: slot unavailable, all 4 parallel slots are processing",
            "Your account org-x request reached max organization concurrency: 1",
        ),
    ),
    Rule(
        "rate_limit.relayed_wording",
        "A relay or aggregator says its upstream or provider rate-limited the call ('Upstream"
        " request failed: Rate limit exceeded', OpenRouter's 'temporarily rate-limited"
        " upstream'): the wrapper adds nothing over the 429 it passes on, and does not say"
        " which budget.",
        L,
        Cause.UNKNOWN,
        all_of(
            says(
                # (not a relay envelope's type "upstream_error" alone: that files any error
                # as passed on, and adds nothing over the words inside it)
                (r"upstream(?!_error\b)", "upstream"),
                "provider returned error",
                "error from provider",
                "上游",
            ),
            says(
                (r"(?<![-\w])rate[ _-]?limit", "limit"),
                "too many requests",
                "限流",
                "速率限制",
            ),
            # a client's guess beside the relay's words ("fast response often indicates rate
            # limiting", "extended backoff for possible rate limit") says nothing was stated
            none_of(says(_HEDGED_RATE_LIMIT)),
        ),
        priority=76,
        confidence=0.6,
        samples=(
            '{"code":"rate_limit_exceeded","type":"rate_limit_error","message":"Error from'
            " provider (Acme): Upstream request failed: [rate_limit_exceeded] Rate limit"
            ' exceeded. Please retry after a brief wait."}',
            "(Chutes) Provider returned error: qwen/qwen3-32b:free is temporarily"
            " rate-limited upstream. Please retry shortly.",
        ),
        near_misses=(
            "upstream error: do request failed",
            "x-ratelimit-limit-requests: 500\nupstream error: do request failed",
            '{"error":{"message":"429 Too Many Requests The server had an error while'
            ' processing your request.","type":"upstream_error"}}',
            "Provider message: {'message': 'Provider returned error', 'code': 502}\nRetrying"
            " in 5s (extended backoff for possible rate limit)...",
        ),
    ),
    Rule(
        "rate_limit.server_throttle",
        "The server says it is temporarily limiting or throttling requests: a 429 in the words"
        " services use for it (GitHub's, Gmail's 'is temporarily limiting requests'; Claude"
        " Code's 'Server is temporarily limiting requests (not your usage limit)', printed for"
        " a 429 that is not the plan's usage window). A rate limit, not a capacity answer (a"
        " 529 or an overloaded_error body still says overloaded); which budget is not said.",
        L,
        Cause.UNKNOWN,
        all_of(
            says(
                (
                    r"temporarily (?:limiting|throttling) (?:your |the )?requests",
                    "temporarily limiting",
                    "temporarily throttling",
                ),
                "not your usage limit",
            ),
            none_of(status(529), field_is("type", "overloaded_error")),
        ),
        priority=96,
        confidence=0.6,
        samples=(
            "API Error: Server is temporarily limiting requests (not your usage limit) · Rate"
            " limited",
            "GitHub is temporarily limiting requests. Please try again later.",
        ),
        near_misses=(
            'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":'
            '"Overloaded"}}',
        ),
    ),
    Rule(
        "rate_limit.generic",
        "The body says 'rate limit' without naming which budget.",
        L,
        Cause.UNKNOWN,
        any_of(
            says(
                # (not "x-ratelimit-limit-requests": a rate-limit header's name in a pasted
                # header map says nothing about the error)
                (r"(?<![-\w])rate[ _-]?limit", "limit"),
                "too many requests",
                "resource has been exhausted",
                "throttl",
                "resource exhausted",
                # gRPC's status as Java and Go clients print it ("StatusRuntimeException:
                # RESOURCE_EXHAUSTED", "rpc error: code = ResourceExhausted"): a rate or a
                # quota, the words do not say which
                "resource_exhausted",
                "code = resourceexhausted",
                "请求过多",
                "频率限制",
                "速率限制",
                "请求太频繁",
                "请求过快",
                "频率超限",
                # Russian and Japanese clients' "too many requests"
                "слишком много запросов",
                "リクエストが多すぎ",
            ),
            field_is("status_text", "resource_exhausted"),
            field_is("type", "rate_limit_error", "rate_limit_exceeded"),
            field_is("code", "rate_limit_exceeded", "ratelimitexceeded", "429"),
        ),
        priority=40,
        confidence=0.6,
        samples=(
            "请求太频繁，请稍后再试",
            '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check'
            ' quota).","status":"RESOURCE_EXHAUSTED"}}',
            "requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://api.openai.com/v1/completions",
        ),
        near_misses=("401 Unauthorized",),
    ),
    # A body whose own code names a rate limit ({"code":"rate_limit"}, "rate_limited",
    # "rate_limit_exceeded": relays, agents' gateways and many services' error envelopes) is the
    # answer even when a relay wraps it in a 500 or an "all endpoints failed" summary: a
    # wrapper adds nothing over the body it wraps. More specific rows (quota words, RPM/TPM,
    # concurrency) still decide the cause; this one only keeps the layer from the wrapper.
    Rule(
        "rate_limit.body_code",
        "An error body's code names a rate limit ('rate_limit', 'rate_limited',"
        " 'rate_limit_exceeded'), whatever status or wrapper carried it (a relay's 500 around"
        " it, an 'all endpoints failed' summary): a rate limit, not which one.",
        L,
        Cause.UNKNOWN,
        all_of(
            field_is(
                "code", "rate_limit", "rate_limited", "rate_limit_exceeded", "ratelimitexceeded"
            ),
            # (a body typed server_error beside such a code says the server failed: Azure's
            # streamed server_error events carry rate_limit_exceeded for an engine out of room)
            none_of(field_is("type", "server_error")),
        ),
        priority=70,
        confidence=0.6,
        samples=(
            'Chat failed: every channel failed; last: API error (500): {"error":{"message":'
            '"please retry later","type":"relay_error","code":"rate_limit"}}',
        ),
        near_misses=(
            '{"error":{"message":"upstream error","code":"upstream_error"}}',
            '{"error":{"type":"server_error","code":"rate_limit_exceeded","message":"engine'
            ' crashed"}}',
        ),
    ),
    Rule(
        "rate_limit.status_429",
        "429 Too Many Requests with nothing to say which budget (or whether it is quota).",
        L,
        Cause.UNKNOWN,
        any_of(status(429), exception("RateLimitError", "TooManyRequestsError")),
        priority=10,
        confidence=0.5,
        samples=("429 Provider returned error",),
    ),
    # Codex words quota ("Quota exceeded. Check your plan and billing details.") apart from
    # rate limits, and for a rate limit prints only the last status after its retries.
    Rule(
        "rate_limit.retries_exhausted_429",
        "A client gave up after its retries and reports only the last status, 429: a rate "
        "limit (Codex words quota apart), but not which one.",
        L,
        Cause.UNKNOWN,
        says(
            "exceeded retry limit, last status: 429",
        ),
        priority=60,
        confidence=0.55,
        samples=(
            "ERROR: exceeded retry limit, last status: 429 Too Many Requests, request id: "
            "req_6d06604cf98bc830b829dd92558084e2",
        ),
        near_misses=("ERROR: exceeded retry limit, last status: 500 Internal Server Error",),
    ),
    # The limiter named by what it counts, which only a gateway or relay counts: the caller's
    # IP ("Your IP has been rate limited"; per_ip reads "per IP rate limit"),
    # a relay's virtual key (Portkey and LiteLLM issue virtual keys with their own
    # request/token limits: "rate limit exceeded for this virtual key"), or an AI gateway's own
    # limit ("The AI Gateway rate limit for this account was exceeded"). Not the provider's
    # RPM/TPM budget: the gateway's limit is raised or waited out there.
    Rule(
        "rate_limit.gateway_limit.ip_or_virtual_key",
        "The limit is said to count the caller's IP, a relay's virtual key or an AI gateway's"
        " own budget ('Your IP has been rate limited', 'rate limit exceeded for this virtual"
        " key', 'AI Gateway rate limit'): the hop's own"
        " throttle, not the provider's.",
        L,
        Cause.GATEWAY_LIMIT,
        says(
            (
                r"(?:your|this|the caller's|client|source) ip(?: address)? (?:has been |is |was )?"
                r"(?:temporarily )?(?:rate[ -]?limited|throttled)",
                "your ip",
                "this ip",
                "'s ip",
                "client ip",
                "source ip",
            ),
            (
                r"rate[ -]?limit(?:ed)?(?: exceeded| reached| hit)? (?:for|on)"
                r" (?:this |the |your )?virtual key",
                "virtual key",
            ),
            (r"\b(?:ai|api|llm) gateway(?:'s)? rate[ -]?limit", "gateway rate", "gateway's rate"),
        ),
        priority=96,
        confidence=0.75,
        samples=(
            '429 {"error":"Your IP has been temporarily rate limited. Slow down."}',
            '{"error":{"message":"Rate limit reached for this virtual key","code":429}}',
            "The LLM gateway rate limit for this workspace was exceeded",
        ),
        near_misses=(
            "Rate limit reached for gpt-4o in organization org-x on requests per min (RPM)",
            "Invalid virtual key",
        ),
    ),
)
