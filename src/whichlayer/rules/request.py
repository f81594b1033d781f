"""Request: what was sent (endpoint, model id, parameters, context length, body)."""

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
    says,
    status,
    websocket_close,
)
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin, Retry

L = Layer.REQUEST

_PROTOCOL_PATHS = re.compile(r"/(responses|chat/completions|messages|completions)\b")


def _protocol_translation(view: View) -> Facts | None:
    """A relay log shows the client's protocol path and a different one sent upstream."""
    found = {m.group(1) for m in _PROTOCOL_PATHS.finditer(view.hay)}
    if len(found) >= 2 and "upstream" in view.hay:
        return {"paths": ", ".join(sorted(found))}
    return None


_NEGATIVE_MAX_TOKENS = re.compile(r"max_tokens[^\n]{0,40}(?:got|but got|received|is) -\d+")


def _negative_max_tokens(view: View) -> Facts | None:
    """A client that computes max_tokens as window minus prompt sends a negative number
    when the prompt alone fills the window."""
    found = _NEGATIVE_MAX_TOKENS.search(view.hay) if "max_tokens" in view.hay else None
    return {"text": found.group(0)} if found else None


def _bare_not_found(view: View) -> Facts | None:
    for body in view.ev.bodies:
        if body.message and body.message.strip().lower() in ("not found", "404 not found"):
            return {"body message": body.message.strip()}
    return None


#: Where a body's ``param`` points: OpenAI-shaped bodies (and relays that put the whole
#: reason there, under a generic "Param Incorrect") name the refused part of the request.
_PARAM_MESSAGES = re.compile(r"^(?:messages|contents|input|system)\b|^\$\.messages\b")
_PARAM_TOOLS = re.compile(r"^(?:tools|functions|tool_choice\.function)\b|^\$\.tools\b")


def _param_names(pattern: re.Pattern[str]) -> Matcher:
    def match(view: View) -> Facts | None:
        for body in view.ev.bodies:
            param = (body.param or "").strip().lower()
            if param and pattern.search(param):
                return {"body param": param[:80]}
        return None

    return match


#: Parameters whose refusal is another cause's: a credential (identity), the model id
#: (model_not_found), the messages or prompt themselves (malformed_body).
_NOT_OTHER_CAUSE = (
    r"(?!(?:api_?key|apikey|key|access_token|token|authorization|organization|org|project"
    r"|model|messages|contents|prompt|input)\b)"
)
_PARAM_NAME = r"[`'\"]?" + _NOT_OTHER_CAUSE + r"[\w.\[\]-]+[`'\"]?"
_QUOTED_PARAM = r"[`'\"]" + _NOT_OTHER_CAUSE + r"[\w.\[\]-]+[`'\"]"
#: A relay names a client-error status its upstream answered ("Upstream error from X: <400>
#: ...", new-api's "bad response status code 422", "upstream returned HTTP 404"): the
#: provider answered and refused what was sent, so the request's layer, not the server
#: side's, whatever the relay's own wrapper says. (401/403/429/402 are other layers' words,
#: read by their rules.)
_CLIENT_ERRORS = r"4(?:00|04|05|13|15|22)\b"
#: (The text's words, not the parsed status: a relay's own 400 around "upstream request
#: failed" does not say whose status it is.)
RELAYED_CLIENT_ERROR: Matcher = says(
    "<400>",
    "<404>",
    "<405>",
    "<413>",
    "<415>",
    "<422>",
    (r"bad response status code " + _CLIENT_ERRORS, "bad response status code 4"),
    (
        r"(?:upstream|provider)\b[^\n]{0,40}?(?:returned|responded with|answered|with status"
        r"|status code|status)[: ]+(?:an? )?(?:http |status |status code |error )?"
        + _CLIENT_ERRORS,
        "upstream",
        "provider",
    ),
    # (also "Antigravity upstream error (400)": the status in brackets after the words)
    (r"upstream error:? \(?(?:status(?: code)?:? ?)?" + _CLIENT_ERRORS, "upstream error"),
)
#: A relay's words that it is passing on its upstream's answer.
_RELAY_SAYS_UPSTREAM = (
    "upstream error",
    "upstream request failed",
    "do request failed",
    "upstream provider",
    "error from provider",
    "provider returned error",
    (r"upstream (?:returned|responded|answered)", "upstream "),
)


RULES: tuple[Rule, ...] = (
    Rule(
        "request.context_length",
        "Prompt plus requested output exceed the model's context window.",
        L,
        Cause.CONTEXT_LENGTH,
        any_of(
            field_is("code", "context_length_exceeded", "string_above_max_length"),
            says(
                "maximum context length",
                (r"context[_ ]length[_ ]exceeded", "exceeded"),
                "context window",
                (r"exceeds? (?:the )?(?:model's )?(?:context|maximum context)", "exceed"),
                "context limit",
                "larger context length",
                (r"context (?:the )?overflows", "overflows"),
                "reached context length",
                "context size has been exceeded",
                "longer than the model's context length",
                # vLLM: "However, the model's context length is only 32000 tokens"
                (r"context length is only \d+", "context length is only "),
                # coding agents giving up on compaction
                "contextoverflowerror",
                "context still exceeds",
                "context too long",
                # Claude Code's own warning that the conversation fills the window
                (r"context low \W+ run /compact", " run /compact"),
                "context overflow",
                # the classes SDKs map every provider's context error to: LiteLLM's
                # ContextWindowExceededError, OpenHands' LLMContextWindowExceedError, Strands'
                # ContextWindowOverflowException
                (r"contextwindow(?:exceed|overflow)", "contextwindow"),
            ),
            _negative_max_tokens,
        ),
        priority=91,
        confidence=0.9,
        samples=(
            "Compaction exhausted: context still exceeds model limits after 3 attempts",
            '{"error":{"code":500,"message":"Context size has been'
            ' exceeded.","type":"server_error"}}',
            "Context low · Run /compact to compact & continue",
            "Reached context length of 32000 tokens with model (arch: gpt-oss) that does not"
            " currently support mid-generation context overflow.",
            "max_tokens must be at least 1, got -344",
            "400 You passed 74655 input characters and requested 32000 output tokens. However,"
            " the model's context length is only 32000 tokens, resulting in a maximum input"
            " length of 0 tokens",
        ),
        near_misses=(
            "This request would exceed the rate limit for your organization of 20,000 input "
            "tokens per minute. Please reduce the prompt length or the maximum tokens requested",
        ),
    ),
    Rule(
        "request.context_length.prompt_too_long",
        "The prompt or input is longer than the model takes.",
        L,
        Cause.CONTEXT_LENGTH,
        says(
            "prompt is too long",
            "input is too long",
            "input too long",
            "is too long and exceeds limit",
            "maximum prompt length",
            "maximum model length",
            "available context size",
            # Bedrock's schema check on the prompt: "expected maxLength: 42000, actual: 46735"
            (r"expected maxlength: \d+, actual: \d+", "expected maxlength: "),
            # Moonshot, DashScope, and relays capping prompt tokens per request
            "max length exceeded",
            "model max length",
            "range of input length",
            # (OpenAI's per-string cap on a message, "string too long", is a size limit:
            # request.request_too_large.transport_limit)
            # TGI's input check; llama.cpp's server; SGLang
            (r"`?inputs`? must have less than \d+ tokens", " must have less than "),
            # Baidu Qianfan's 336007
            "max length of current question",
            # Volcengine Ark: "Input length 203743 exceeds the maximum length 202752"
            (r"input length \d+ exceeds the maximum length", "input length "),
        ),
        priority=91,
        confidence=0.9,
        samples=(
            "Input validation error: `inputs` must have less than 2048 tokens. Given: 2222",
            '{"error_code":336007,"error_msg":"the max length of current question is 11200"}',
            "HTTP 400: <400> InternalError.Algo.InvalidParameter: Range of input length"
            " should be [1, 258048]",
            "The model returned the following errors: prompt is too long: 200049 tokens >"
            " 200000 maximum",
            "Malformed request (HTTP 400): the request body was rejected. Input length 1048826"
            " exceeds the maximum length 1048566. Request id: 0217882566",
        ),
    ),
    Rule(
        "request.context_length.token_count",
        "The request counts more tokens than the model's limit.",
        L,
        Cause.CONTEXT_LENGTH,
        says(
            (r"too many (?:input )?tokens", "too many tokens", "too many input tokens"),
            "exceeds the maximum number of tokens",
            (r"input token count[^\n]{0,40}exceeds", "input token count"),
            "reduce the length of the messages",
            (r"tokens? > \d+ maximum", " maximum"),
            (r"prompt tokens? exceed", "prompt token"),
            "exceeded model token limit",
            # Hugging Face TGI: "`inputs` tokens + `max_new_tokens` must be <= 4096"
            (r"inputs`? tokens \+ `?max_new_tokens", "max_new_tokens"),
            (r"prompt tokens[^\n]{0,40}limited to", "prompt tokens"),
            (r"prompt token count of \d+ exceeds", "prompt token count of "),
            "model_max_prompt_tokens_exceeded",
            # SiliconFlow's 20015: "length of prompt_tokens (68957) must be less than
            # max_seq_len (65536)"
            (r"must be less than max_(?:seq|model)_len", "max_seq_len", "max_model_len"),
        ),
        priority=91,
        confidence=0.9,
        samples=(
            'Request Failed: 400 {"error":{"message":"prompt token count of 140000 exceeds'
            ' the limit of 128000","code":"model_max_prompt_tokens_exceeded"}}',
            'API Error: Status Code 400, {"code":20015,"message":"length of prompt_tokens'
            ' (68957) must be less than max_seq_len (65536).","data":null}',
        ),
    ),
    Rule(
        "request.context_length.client_check",
        "The client counted the conversation's tokens itself and stopped before sending: over"
        " its session token cap (Qwen Code's sessionTokenLimit), over the context window it"
        " believes the model has (Gemini CLI, LibreChat's max token count). Nothing was sent;"
        " compress or clear the history, or raise the client's own limit.",
        L,
        Cause.CONTEXT_LENGTH,
        says(
            # Qwen Code: "Session token limit exceeded: 32,531 tokens > 32,000 limit."
            (
                r"session token limit exceeded: [\d,.]+ tokens? > [\d,.]+ limit",
                "session token limit exceeded: ",
            ),
            "sessiontokenlimit",
            # Gemini CLI and its forks, before sending
            "might exceed the remaining context window",
            # LibreChat's own count against maxContextTokens
            (r"exceeds max token count of \d", "exceeds max token count of "),
            "latest message token count is too long",
        ),
        priority=92,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "✕ 🚫 Session token limit exceeded: 131,072 tokens > 128,000 limit.",
            "ℹ Sending this message (240118 tokens) might exceed the remaining context window"
            " limit (196608 tokens).",
            "Error: Prompt token count of 17021 exceeds max token count of 16385.",
            "An error occurred while processing the request: The latest message token count is"
            " too long, exceeding the token limit, or your token limit parameters are"
            " misconfigured, adversely affecting the context window.",
        ),
        near_misses=(
            '{"error":"Daily session token limit exceeded. Please try again tomorrow."}',
            "prompt token count of 140000 exceeds the limit of 128000",
        ),
    ),
    Rule(
        "request.context_length.non_english",
        "A Chinese or Russian server says the input or context is too long.",
        L,
        Cause.CONTEXT_LENGTH,
        says(
            "上下文长度",
            "超出最大长度",
            "超过最大长度",
            "слишком длинный запрос",
            (r"prompt ?(?:超长|过长)", "prompt"),
            (r"输入(?:内容|文本)?(?:超长|过长)", "输入"),
            (r"输入(?:的)?(?:长度|内容长度|token数?)[^\n]{0,6}(?:超过|超出)", "输入"),
            "上下文超长",
        ),
        priority=91,
        confidence=0.9,
        samples=(
            '400 Bad Request {"message":"Слишком длинный запрос: 121692 токенов входа при'
            ' пределе 46112."}',
            '{"error":{"code":460034,"message":"输入内容过长。"}}',
        ),
    ),
    Rule(
        "request.context_length.translated",
        "A client or server says, in German, Spanish, French, Portuguese, Italian, Russian,"
        " Japanese or Korean, that the context length or context window was exceeded: apps"
        " translate 'maximum context length exceeded', and the words mean the prompt plus"
        " the output do not fit the model's window wherever they appear.",
        L,
        Cause.CONTEXT_LENGTH,
        says(
            (
                r"(?:kontextlänge|kontextfenster)[^\n]{0,60}?(?:überschr|zu lang|zu groß)"
                r"|überschr\w*[^\n]{0,40}?(?:kontextlänge|kontextfenster)",
                "kontextlänge",
                "kontextfenster",
            ),
            (
                r"(?:longitud (?:del|de) contexto|ventana de contexto)[^\n]{0,60}?(?:exced|super)"
                r"|(?:exced|super)\w*[^\n]{0,40}?(?:longitud (?:del|de) contexto"
                r"|ventana de contexto)",
                " contexto",
            ),
            (
                r"(?:longueur (?:du|de) contexte|fenêtre de contexte)[^\n]{0,60}?(?:dépass|trop)"
                r"|dépass\w*[^\n]{0,40}?(?:longueur (?:du|de) contexte|fenêtre de contexte)",
                " contexte",
            ),
            (
                r"(?:comprimento (?:do|de) contexto|janela de contexto)[^\n]{0,60}?"
                r"(?:exced|ultrapass)"
                r"|(?:exced|ultrapass)\w*[^\n]{0,40}?(?:comprimento (?:do|de) contexto"
                r"|janela de contexto)",
                " contexto",
            ),
            (
                r"(?:lunghezza del contesto|finestra (?:di|del) contesto)[^\n]{0,60}?"
                r"(?:super|eccede)"
                r"|(?:super|eccede)\w*[^\n]{0,40}?(?:lunghezza del contesto"
                r"|finestra (?:di|del) contesto)",
                " contesto",
            ),
            (
                r"(?:длин\w* контекста|контекстн\w* окн\w*)[^\n]{0,60}?превыш"
                r"|превыш\w*[^\n]{0,40}?(?:длин\w* контекста|контекстн\w* окн\w*)",
                " контекста",
                "контекстн",
            ),
            (r"コンテキスト(?:長|の長さ|ウィンドウ)[^\n]{0,30}?超え", "コンテキスト"),
            (r"컨텍스트 (?:길이|창)[^\n]{0,30}?초과", "컨텍스트 "),
        ),
        priority=91,
        confidence=0.85,
        samples=(
            "Fehler: Die Eingabe überschreitet die maximale Kontextlänge des Modells.",
            "La longitud del contexto excede el máximo permitido por el modelo",
            "Erreur : la longueur du contexte dépasse la limite du modèle",
            "入力がモデルのコンテキスト長を超えています",
        ),
        near_misses=(
            "Maximale Kontextlänge: 262.144 Tokens",
            "Longitud de contexto: no disponible",
        ),
    ),
    Rule(
        "request.context_length.chinese_tokens",
        "A Chinese server or relay says the token count or the conversation is over the"
        " model's limit or context (iFlytek Spark's 10907 'token数量超过上限', vLLM-based"
        " services' 'tokens数超过...上下文'); a per-minute or per-day token count is a rate"
        " or quota, not the context.",
        L,
        Cause.CONTEXT_LENGTH,
        all_of(
            says(
                (
                    r"tokens? ?(?:数量|数|个数)[^\n]{0,12}(?:超过|超出|超限|过多|太多)",
                    "token",
                ),
                (r"(?:超过|超出|超过了|超出了)[^\n]{0,16}上下文", "上下文"),
                (r"上下文[^\n]{0,10}(?:超过|超出|超长|超限|溢出)", "上下文"),
                "对话历史+问题的字数太多",
            ),
            none_of(
                says(
                    "每分钟",
                    "每秒",
                    "每小时",
                    "每天",
                    "每日",
                    "额度",
                    "配额",
                    "余额",
                    "频率",
                    "速率",
                    "限流",
                    (r"\b(?:tpm|rpm|tpd|rpd)\b", "tpm", "rpm", "tpd", "rpd"),
                )
            ),
        ),
        priority=91,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            '{"header":{"code":10907,"message":"token数量超过上限。对话历史+问题的字数太多，'
            '需要精简输入"}}',
            "错误：请求的tokens数超过了模型的最大上下文，请缩短输入",
        ),
        near_misses=(
            "请求过于频繁：每分钟token数超过限制，请稍后再试",
            "您的token额度已用完",
        ),
    ),
    Rule(
        "request.request_too_large",
        "The body or a file is over a size limit.",
        L,
        Cause.REQUEST_TOO_LARGE,
        all_of(
            any_of(
                field_is("type", "request_too_large"),
                field_is("code", "request_too_large", "payload_too_large"),
                says(
                    "request exceeds the maximum size",
                    "request entity too large",
                    "payload too large",
                    (
                        r"\b(?:request|body|file|image|payload)s?\b[^\n]{0,30}(?:too"
                        r" large|exceeds? (?:the )?(?:maximum|max|limit)"
                        r"[^\n]{0,20}(?:size|bytes|mb))",
                        "too large",
                        "exceed",
                    ),
                    "maximum request size",
                    (r"exceeds \d+ ?mb", "exceeds "),
                    "value at 'body' failed to satisfy constraint",
                    "member must have length less than or equal",
                    # nginx's log when client_max_body_size refuses the body
                    "client intended to send too large body",
                    # OpenAI's upload limit: "Maximum content size limit (26214400) exceeded"
                    "maximum content size limit",
                    # Chinese servers and relays: the body, data or file is too large
                    (
                        r"(?:请求体|请求数据|请求内容|请求|文件|图片)(?:大小)?(?:过大|太大)",
                        "过大",
                        "太大",
                    ),
                    (
                        r"(?:请求体|请求数据|文件|图片|请求大小)(?:大小)?超过(?:了)?(?:最大)?"
                        r"(?:大小)?限制",
                        "超过",
                    ),
                ),
            ),
            # "Request too large for <model> ... on tokens per min" is a TPM limit.
            none_of(
                says(
                    (r"tokens per (?:min|day)", "tokens per "),
                    (r"request too large for \S+ in or", "request too large for "),
                )
            ),
        ),
        priority=90,
        confidence=0.9,
        samples=(
            "Error code: 413 - {'error': {'message': 'Maximum content size limit (26214400)"
            " exceeded (26534914 bytes read)', 'type': 'server_error'}}",
        ),
        near_misses=("Request too large for gpt-4o on tokens per min (TPM): Limit 30000",),
    ),
    # RFC 6455's close codes for what the server would not take: 1003 (a kind of data it
    # does not accept) and 1007 (data it cannot use: speech services close with it for SSML
    # or a voice they refuse); 1009, a message above its size limit. The reason that follows
    # the code, where a rule reads it ("1007 ... Quota exceeded"), decides. 1003 and 1007
    # say only that the data was refused, so that rule is weak: the fallback names the cause
    # (and may overrule the layer); the other close codes name theirs, above bare statuses.
    Rule(
        "request.websocket_close",
        "A WebSocket was closed with 1003 (unsupported data) or 1007 (invalid payload"
        " data): the server refused what the request sent; the reason after the code says"
        " what (a malformed payload, a parameter it does not take).",
        L,
        Cause.UNKNOWN,
        websocket_close(1003, 1007),
        priority=40,
        confidence=0.55,
        samples=(
            "Error: WebSocket closed with code 1007: voice 'en-US-Nobody' is not available",
            "tts stream ended: close code: 1003 (binary frames are not accepted)",
        ),
        near_misses=("request 1007 of 2000 closed with status 200",),
    ),
    Rule(
        "request.request_too_large.websocket_close",
        "A WebSocket was closed with 1009 (message too big): a message was larger than the"
        " connection accepts (an image or audio chunk sent whole).",
        L,
        Cause.REQUEST_TOO_LARGE,
        websocket_close(1009),
        priority=55,
        confidence=0.6,
        samples=(
            "realtime session ended: received 1009 (message too big) frame exceeds limit",
            "WebSocket closing, code=1009, reason=payload over 4 MiB",
        ),
        near_misses=("job 1009 closed; status ok",),
    ),
    Rule(
        "request.request_too_large.transport_limit",
        "A hop's own size limit on the body refused the request: a message's content over the"
        " API's string length (OpenAI's 'string too long' for a message), a client library's"
        " maxBodyLength (axios, follow-redirects), a framework's body limit (Next.js 'Body"
        " exceeded 1mb limit', Vercel's FUNCTION_PAYLOAD_TOO_LARGE), gRPC's message size (its"
        " RESOURCE_EXHAUSTED is a size here, not a rate).",
        L,
        Cause.REQUEST_TOO_LARGE,
        says(
            (
                r"(?:messages|input|contents?|prompt)(?:\[\d+\](?:\.content)?)?'?: string too long",
                "string too long",
            ),
            "request body larger than maxbodylength",
            "err_fr_max_body_length_exceeded",
            (r"body exceeded \d+ ?[kmg]b limit", "body exceeded "),
            "function_payload_too_large",
            (r"(?:received|send) message larger than max", "message larger than max"),
            # axum's body limit (DefaultBodyLimit, 2 MB): "Failed to buffer the request body:
            # length limit exceeded"
            "failed to buffer the request body: length limit exceeded",
        ),
        priority=95,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid"
            " 'messages[3].content': string too long. Expected a string with maximum length"
            " 10485760, but got a string with length 12582912 instead.\", 'type':"
            " 'invalid_request_error'}}",
            "AxiosError: Request body larger than maxBodyLength limit",
            "Error: Body exceeded 1 MB limit. To configure the body size limit for Server"
            " Actions, see: https://nextjs.org/docs/app/api-reference/next-config-js/serverActions",
            '429 {"error":"grpc: received message larger than max (16761782 vs. 4194304)",'
            '"code":8}',
            'status = StatusCode.RESOURCE_EXHAUSTED details = "Received message larger than max'
            ' (5242880 vs. 4194304)"',
            "413 Payload Too Large: Failed to buffer the request body: length limit exceeded",
        ),
        near_misses=(
            "Invalid 'tools[1].function.description': string too long. Expected a string with"
            " maximum length 1024",
            'status = StatusCode.RESOURCE_EXHAUSTED details = "Quota exceeded"',
        ),
    ),
    Rule(
        "request.status_413",
        "413: the body is over the server's size limit.",
        L,
        Cause.REQUEST_TOO_LARGE,
        all_of(
            status(413),
            none_of(
                says(
                    "tokens per min",
                    "tpm",
                )
            ),
        ),
        priority=20,
        confidence=0.6,
        samples=("Error: 413 status code (no body)",),
    ),
    Rule(
        "request.status_413.relayed",
        "A relay names 413 as the status its upstream answered ('upstream error: status code"
        " 413', new-api's 'bad response status code 413', 'Upstream error from X: <413>'): the"
        " provider found the body over its size limit, whatever the relay's own status.",
        L,
        Cause.REQUEST_TOO_LARGE,
        says(
            (
                r"(?:upstream|provider)\b[^\n]{0,40}?(?:returned|responded with|answered"
                r"|with status|status code|status)[: ]+(?:an? )?(?:http |status |status code"
                r" |error )?413\b",
                "upstream",
                "provider",
            ),
            (r"upstream error:? (?:status(?: code)?:? ?)?413\b", "upstream error"),
            "bad response status code 413",
            "<413>",
        ),
        # above request.relayed_client_error (45), which reads any relayed 4xx as unknown;
        # below the rules that read the provider's words
        priority=46,
        retry=Retry.NEVER,
        confidence=0.6,
        samples=(
            '502 {"error":{"message":"upstream error: status code 413","type":"upstream_error"}}',
            '{"error":{"message":"bad response status code 413 (request id: 20250101)",'
            '"type":"new_api_error"}}',
        ),
        near_misses=("upstream error: status code 4130 exceeded",),
    ),
    Rule(
        "request.model_not_found",
        "The model id is unknown where the request went.",
        L,
        Cause.MODEL_NOT_FOUND,
        any_of(
            field_is(
                "code",
                "model_not_found",
                "deploymentnotfound",
                "model_not_supported",
                "invalid_model",
                "model_not_available",
                "dedicated_endpoint_not_running",
            ),
            says(
                (
                    r"model[^\n]{0,80}(?<!user )(?:does not exist|not found|is not"
                    r" supported|not supported|is not a valid|has been deprecated"
                    r"|has been decommissioned|no longer supported|not available|was removed"
                    r"|has been removed|was retired|has been retired)",
                    "model",
                ),
                (r"(?:unknown|invalid|unsupported) model", " model"),
                "no such model",
                "is not a valid model",
                (r"not_found_error[^\n]{0,30}model", "not_found_error"),
                (r"\"model: [\w.\-]+\"", '"model: '),
                (r"'model: [\w.\-]+'", "'model: "),
                # (not "该模型不支持函数调用": what the model does not support is named after
                # it, and its own rows read that)
                (r"模型[^\n]{0,20}(?:不存在|不支持(?![\u4e00-\u9fffa-z/]))", "模型"),
                (
                    r"model (?:id|identifier|name) (?:is )?invalid",
                    "model id",
                    "model identifier",
                    "model name",
                ),
                "model not exist",
                # relays' and Chinese providers' English: "Model do not exist"
                (r"\bmodel (?:do|did) not exist", "model do", "model did"),
                "requested entity was not found",
                # Bedrock Agents' resource identifiers
                "failed to retrieve resource because it doesn't exist",
            ),
            all_of(
                field_is("type", "not_found_error"),
                says(
                    "model",
                ),
            ),
        ),
        priority=86,
        confidence=0.85,
        samples=(
            "openai.error.InvalidRequestError: The model `gtp-4` does not exist or you do not"
            " have access to it.",
        ),
        near_misses=(
            "Invalid URL (POST /v1/chat/completions)",
            "This model's maximum context length is 4097 tokens.",
        ),
    ),
    Rule(
        "request.model_not_found.sdk_registry",
        "An SDK's or a tool's own registry does not know the model it was asked for.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            # the Vercel AI SDK's provider registry: "No such languageModel: x"
            "nosuchmodelerror",
            (r"no such (?:language|embedding|image)model", "no such "),
            # opencode's provider registry; gpt-load with no upstream for the model/protocol
            "providermodelnotfounderror",
            # DeepSeek after renaming its models: "the supported API model names are ..."
            "supported api model names are",
            # Claude Code's own wording for a model the endpoint refused
            "issue with the selected model",
            "llm provider not provided",
            "unknown provider for model",
            "try pulling it first",
        ),
        priority=86,
        confidence=0.85,
        samples=(
            "ProviderModelNotFoundError: ProviderModelNotFoundError data: { providerID:"
            ' "openai", modelID: "gpt-5-pro" }',
            "AI_NoSuchModelError: No such languageModel: gpt-6",
        ),
    ),
    Rule(
        "request.model_not_found.no_route",
        "A relay or an aggregator has no channel, provider or price configured for the model.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            # aggregators when provider routing leaves nothing for the model
            "no available providers match",
            (r"no providers? (?:are )?available for", "available for"),
            "no available upstream candidate",
            "no_available_candidate",
            # new-api: a model with no price configured cannot be routed
            "ratio or price not set",
            "倍率或价格未配置",
            "model_price_error",
            "无可用渠道",
            "no available channel",
            # OpenRouter: provider preferences or data policy leave no route for the model
            "no allowed providers",
            (r"no endpoints (?:found|available)", "no endpoints "),
            # LiteLLM's router: the model group is not in its model_list (or none of its
            # deployments could be set up): "There are no healthy deployments for this model"
            "no healthy deployments for this model",
        ),
        priority=86,
        confidence=0.85,
        samples=(
            '{"error":{"message":"No available providers match the \'only\' filter:'
            ' deepseek.","type":"invalid_request_error"}}',
            "litellm.BadRequestError: You passed in model=my-model. There are no healthy"
            " deployments for this model. Received Model Group=my-model\nAvailable Model Group"
            " Fallbacks=None",
        ),
    ),
    Rule(
        "request.model_not_found.deployment",
        "A cloud deployment or endpoint named by the request does not exist, is not running,"
        " or cannot serve the model that way.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            "non-serverless model",
            (r"dedicated endpoint[^\n]{0,80}not running", "dedicated endpoint"),
            "deploymentnotfound",
            "api deployment for this resource does not exist",
            (r"deployment[^\n]{0,40}(?:does not exist|not found)", "deployment"),
            "on-demand throughput",
            "inference profile",
            "at 'modelid' failed",
            "could not resolve the foundation model",
            # Volcengine Ark: the "endpoint" id is the model; DeepSeek: "Model Not Exist"
            "invalidendpoint",
            "endpoint that does not exist",
            # a deployed model's endpoint resource that is gone or in another region: Vertex's
            # tuned models ("Endpoint `projects/p/locations/l/endpoints/123` not found") and
            # SageMaker's InvokeEndpoint ("Endpoint x of account 123456789012 not found")
            (r"/endpoints/[\w.\-]+`? (?:was )?not found", "/endpoints/"),
            (r"\bendpoint [\w.\-*]+ of account [\d*x]+ not found", " of account "),
        ),
        priority=86,
        confidence=0.85,
        samples=(
            "InvalidRequestError: The API deployment for the resource does not exist.",
            "google.genai.errors.ClientError: 404 NOT_FOUND. {'error': {'code': 404, 'message':"
            " 'Endpoint `projects/my-project/locations/europe-west4/endpoints/1234567890` not"
            " found.', 'status': 'NOT_FOUND'}}",
            "botocore.errorfactory.ValidationError: An error occurred (ValidationError) when"
            " calling the InvokeEndpoint operation: Endpoint my-llm-endpoint of account"
            " 111122223333 not found.",
        ),
        near_misses=("Error: endpoint not found (POST /v1/chat/completions)",),
    ),
    Rule(
        "request.model_not_found.retired",
        "The model was retired, marked legacy, or is not supported by the provider any more.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            "doesn't support the model",
            "does not support the model",
            (r"marked (?:by provider )?as legacy", "as legacy"),
            "reached the end of its life",
            "end of life",
            # retirement worded by the model's own name: Google's "This model models/x is no
            # longer available (to new users)", NVIDIA's 410 "... is no longer available", a
            # relay's "Claude Sonnet 4.5 is no longer available. Please switch to ..."
            (
                r"\bmodels?\b[^\n]{0,60}\bno longer (?:available|served|offered|accessible)",
                "no longer ",
            ),
            "no longer available to new users",
            (
                r"\bno longer available\.? please (?:switch|update|use|migrate|upgrade) to",
                "no longer available",
            ),
            # "The model `x` is deprecated / discontinued / sunset": the model, not a parameter
            (
                r"\b(?:the|this) model (?:[`'\"]?[\w.\-/:@]+[`'\"]? )?(?:is|was|has been)"
                r" (?:deprecated|discontinued|sunset|shut down|retired|decommissioned)\b",
                "the model ",
                "this model ",
            ),
            # Chinese providers and relays: 模型已下线 / 模型已停用 (the model was taken offline)
            (r"模型[^\n]{0,40}已(?:下线|停用)", "模型"),
        ),
        priority=86,
        confidence=0.85,
        samples=(
            "ResourceNotFoundException: This model version has reached the end of its"
            " life.\nPlease refer to the AWS documentation for more details.",
            "Error 404: This model models/gemini-2.0-flash-lite is no longer available to new"
            " users. Please update your code to use a newer model.",
            '{"error":{"code":404,"message":"models/gemini-1.0-pro-vision is no longer'
            ' available. Please switch to models/gemini-2.5-flash.","status":"NOT_FOUND"}}',
            "Gemini 2.0 Flash is no longer available. Please switch to Gemini 2.5 Flash.",
            "HTTP 404: The model 'mixtral-8x7b-32768' was decommissioned and is not served.",
            "当前请求的模型 qwen-turbo-0624 已下线，请更换模型",
        ),
        near_misses=(
            "'max_tokens' is deprecated for this model; use 'max_completion_tokens'.",
            "This feature is no longer available on the free plan.",
            "The functions parameter is deprecated, use tools instead.",
        ),
    ),
    Rule(
        "request.model_not_found.region",
        "The model is not served in the cloud region the call went to (Vertex's 'Publisher"
        " Model ... is not servable in region'): pick a region that serves it.",
        L,
        Cause.MODEL_NOT_FOUND,
        says("not servable in region"),
        priority=88,
        confidence=0.75,
        samples=(
            "FAILED_PRECONDITION: Publisher Model"
            " projects/p/locations/global/publishers/anthropic/models/claude-sonnet-4 is not"
            " servable in region global.",
            "API call error: Error: Publisher Model is not servable in region us-central1",
        ),
        near_misses=("This service is not available in your region.",),
    ),
    Rule(
        "request.model_not_found.function_for_account",
        "NVIDIA's API serves each model as a function: 'Function <id>: Not found for account'"
        " means the model is gone or not offered to this account, even when a relay reports"
        " it as its upstream's 404.",
        L,
        Cause.MODEL_NOT_FOUND,
        says((r"function '?[\w-]{8,}'?: not found for account", "not found for account")),
        priority=88,
        confidence=0.8,
        samples=(
            "Upstream provider NIM returned HTTP 404.\nCategory: api_error\nMapped message:"
            ' Provider API request failed.\n\nUpstream error:\n{"status":404,"title":'
            '"Not Found","detail":"Function \'12345678-b123-12a3-1221-123456789123\': Not found'
            " for account 'Ab1EzDFj7NoQ-ABzl5JqcPLREQPLS8B7Pez92BZeEWQ1'\"}",
            '{"status":404,"title":"Not Found","detail":"Function'
            " '0f6c8a1e-2b3d-4c5e-8f9a-0b1c2d3e4f5a': Not found for account 'abc123'\"}",
        ),
        near_misses=('{"status":404,"title":"Not Found","detail":"Not Found"}',),
    ),
    Rule(
        "request.model_not_found.none_loaded",
        "A local model server files 'no model loaded' as a missing model: LM Studio's"
        " OpenAI-compatible endpoint answers 'No models loaded. Please load a model ...' with"
        " 404 and code model_not_found. The model the request names is not served there until"
        " it is loaded (lms load, the developer page, or just-in-time loading); bare, without"
        " that filing, the same words stay upstream.unavailable.not_loaded.",
        L,
        Cause.MODEL_NOT_FOUND,
        all_of(
            says((r"no models? (?:is |are )?(?:currently )?loaded", " loaded")),
            any_of(status(404), field_is("code", "model_not_found")),
        ),
        # above upstream.unavailable.not_loaded (88), which reads the same words unfiled
        priority=90,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "Error: 404 No models loaded. Please load a model in the developer page or use the"
            " `lms load` command.",
            '{"error":{"message":"No models loaded. Please load a model in the developer page or'
            ' use the `lms load` command.","type":"invalid_request_error","param":"model",'
            '"code":"model_not_found"}}',
        ),
        near_misses=(
            '{"error":"No models loaded. Please load a model in the developer page or use the'
            ' `lms load` command."}',
        ),
    ),
    Rule(
        "request.model_not_found.lmstudio",
        "LM Studio says the model the call names is not among those it has loaded or can find:"
        " its SDKs' 'Cannot find a model with identifier/path ...' (generic.identifierNotFound,"
        " generic.pathNotFound), 'No loaded model satisfies all requirements specified in the"
        " query' (generic.noModelMatchingQuery, LMStudioModelNotFoundError), its server's"
        " 'Model with key X not loaded'. The name is wrong or the model must be loaded first.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            (r"cannot find a model with (?:identifier|path)", "cannot find a model with "),
            "no loaded model satisfies",
            "nomodelmatchingquery",
            "identifiernotfound",
            "lmstudiomodelnotfounderror",
            (r"model with key [^\n]{1,160}? not loaded", "model with key"),
        ),
        # above upstream.unavailable.not_loaded (88): a named model, not an empty server
        priority=90,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'Error: Cannot find a model with identifier "qwen2.5-7b-instruct"\n\n'
            "Here are your loaded models:",
            "lmstudio.LMStudioModelNotFoundError: No loaded model satisfies all requirements"
            " specified in the query.",
        ),
        near_misses=(
            "Model qwen2.5-7b-instruct is not loaded. Start loading...",
            "Cannot add field with key llm.load.contextLength. Key already exists",
        ),
    ),
    Rule(
        "request.model_not_found.local_router",
        "A local model switcher does not know the model the request names: llama-swap's 'could"
        " not find real modelID for x' (no model or alias of that name in its config; 400),"
        " its 'could not find process group for model'. The model id is unknown where the"
        " request went.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            "could not find real modelid for",
            "could not find process group for model",
        ),
        priority=88,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "Error code: 400 - {'error': 'could not find real modelID for qwen2.5-coder:7b'}",
        ),
    ),
    Rule(
        "request.model_not_found.non_english",
        "A server or relay says, in Chinese, Japanese, Korean, Russian, French, Spanish,"
        " Portuguese, German, Italian, Dutch, Polish or Turkish, that the model named is not"
        " found, does not exist, is not a"
        " valid model name or is not supported there: the model id is unknown where the"
        " request went.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            (r"(?:找不到|未找到|未知的?|无效的?|不支持的?)(?:该)?模型", "模型"),
            (r"模型(?:名称|名|id|ID)?\s?(?:未找到|找不到|无效|不正确|错误)", "模型"),
            (r"モデル[^\n]{0,20}(?:見つかりません|存在しません|見つからない)", "モデル"),
            (r"모델[^\n]{0,20}(?:찾을 수 없|존재하지 않)", "모델"),
            (r"модель[^\n]{0,40}(?:не найдена|не существует|не поддерживается)", "модель"),
            (r"mod[eè]le[^\n]{0,40}(?:n'existe pas|n’existe pas|introuvable|non trouvé)", "mod"),
            (r"modelo[^\n]{0,40}(?:no existe|no encontrado|não existe|não encontrado)", "modelo"),
            (r"modell[^\n]{0,40}(?:nicht gefunden|existiert nicht)", "modell"),
            # Italian, Dutch, Polish, Turkish
            (r"modello[^\n]{0,40}(?:non trovato|non esiste)", "modello"),
            (r"\bmodel[^\n]{0,40}(?:niet gevonden|bestaat niet)", "model"),
            (r"\bmodel[^\n]{0,40}(?:nie został znaleziony|nie istnieje)", "model"),
            (r"\bmodel(?:i)?[^\n]{0,40}bulunamadı", "model"),
        ),
        priority=86,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            '{"error":{"message":"找不到模型 gpt-5","type":"invalid_request_error"}}',
            '{"error":{"message":"无效的模型名称: gpt-4o-mini-xx","type":"new_api_error"}}',
            "エラー: モデルが見つかりません: gpt-4o",
            '{"detail":"Модель не найдена: gpt-4o"}',
            '{"error":{"message":"Le modèle gpt-4o n\'existe pas","type":"invalid_request_error"}}',
        ),
        near_misses=("模型加载成功", "Модель загружена"),
    ),
    Rule(
        "request.model_not_found.ollama_native_404",
        "A 404 from Ollama's own API (/api/chat, /api/generate, /api/embed): those routes exist"
        " on every current Ollama, which answers 404 there only for a model that is not pulled"
        " ('model \"x\" not found, try pulling it first'), so a bare 404 on them means the"
        " model, not the path (a server too old for /api/chat says '404 page not found').",
        L,
        Cause.MODEL_NOT_FOUND,
        all_of(
            status(404),
            says((r"/api/(?:chat|generate|embed|embeddings)(?![\w/-])", "/api/")),
            says(":11434", "ollama"),
        ),
        priority=76,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            "httpx.HTTPStatusError: Client error '404 Not Found' for url"
            " 'http://localhost:11434/api/chat'",
            "ERROR: 404 Client Error: Not Found for url: http://127.0.0.1:11434/api/generate",
        ),
        near_misses=(
            "404 Client Error: Not Found for url: http://localhost:11434/api/chat/completions",
            "curl http://localhost:11434/api/chat -> 404 page not found",
        ),
    ),
    Rule(
        "request.no_channel",
        "The relay has no channel that serves this model for your group.",
        L,
        Cause.MODEL_NOT_FOUND,
        says(
            "无可用渠道",
            "no available channel",
            "no channel available",
            "model_not_found_in_group",
            "不可用的模型",
        ),
        priority=88,
        origin=Origin.RELAY,
        confidence=0.75,
        samples=("[abortWithMessage] 当前分组 svip 下对于模型  无可用渠道",),
        near_misses=("当前分组上游负载已饱和",),
    ),
    Rule(
        "request.client_selected_model",
        "Claude Code's own line for a 404 it does not show: the model id is the usual cause, "
        "but a model the key may not use or a wrong base URL path print the same line.",
        L,
        Cause.MODEL_NOT_FOUND,
        # only when the answer is not in sight: a shown 404 or page decides by itself
        all_of(
            says(
                (
                    r"there'?s an issue with the selected model",
                    "s an issue with the selected model",
                ),
            ),
            none_of(
                says(
                    (r"\b404\b", "404"),
                    "page not found",
                    "not_found_error",
                )
            ),
        ),
        priority=88,
        confidence=0.55,
        samples=(
            "There's an issue with the selected model (claude-opus-4-8[1m]). It may not exist"
            " or you may not have access to it. Run --model to pick a different model.",
            "⏺ There's an issue with the selected model (claude-opus-5). It may not exist or"
            " you may not have access to it. Run /model to pick a different model.",
        ),
        near_misses=("Run /model to pick a different model",),
    ),
    Rule(
        "request.model_not_found.anthropic_model_message",
        "Anthropic answers an unknown model with not_found_error and the message 'model: <id>' "
        "(the SDKs print it as '404 model: <id>').",
        L,
        Cause.MODEL_NOT_FOUND,
        all_of(
            says(
                "not_found_error",
            ),
            says(
                (
                    "(?:\\b404 |message['\\\"]?: ?['\\\"]|^)model: ?[a-z0-9][\\w.\\-:/\\[\\]]*",
                    "model:",
                ),
            ),
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "anthropic.NotFoundError: 404 model: claude-sonnet-4-6 (request_id:"
            " req_011CwNkg6ngcbXQiM6Z3QKZf, type: not_found_error)",
            '{"type":"not_found_error","message":"model: claude-4-sonnet"}',
        ),
        near_misses=(
            'NotFoundError: 404 {"type":"error","error":{"type":"not_found_error",'
            '"message":"Not Found"}}',
        ),
    ),
    Rule(
        "request.endpoint_mismatch",
        "The path is wrong for this server or protocol (base URL or endpoint).",
        L,
        Cause.ENDPOINT_MISMATCH,
        any_of(
            says(
                (r"invalid url \((?:get|post|put|delete|patch) ", "invalid url ("),
                "404 page not found",
                (r"use (?:the )?/[\w/.]+ (?:api|endpoint) instead", " instead"),
                (r"\binvalid url\b", "invalid url"),
                (r"cannot (?:get|post|put|delete|patch) /", "cannot "),
                # OpenAI's "Unrecognized request URL (POST /v1/x)", Groq's "Unknown request URL:"
                (r"(?:unrecognized|unknown) request url", " request url"),
                (r"no route (?:matched|found|for)", "no route "),
                "route not found",
                (r"unknown (?:url|endpoint|path)", "unknown "),
                "endpoint not found",
                # not Java's "Trust anchor for certification path not found"
                (r"(?<!certification )path not found", "path not found"),
                (r"(?:url|endpoint|path) (?:is )?not supported", "not supported"),
                "requested url was not found",
                "method not allowed",
                (
                    r"the requested url [^\n]{0,200}?was not found on this server",
                    "was not found on this server",
                ),
                (r"\"(?:post|get) /v1/\S+ http/1\.[01]\" 404", " http/1."),
                "/v1/v1/",
                "no handler found",
                "double check your url",
                "verify your api base",
                # LM Studio's server for a path it does not serve
                "unexpected endpoint or method",
            ),
            status(405),
        ),
        priority=87,
        confidence=0.85,
        samples=(
            '{"error":{"message":"404 Unknown request URL: POST /openai/chat/completions.'
            ' Please check the URL for typos","type":"server_error"}}',
            '{"error":"Unexpected endpoint or method. (POST /v1/responses)"}',
            '{"error":{"message":"Invalid URL (POST /v1/responses) (request id:'
            ' 2025071815)","type":"invalid_request_error","param":"","code":""}}',
            "Error: 404 404 page not found",
            '"POST /v1/responses HTTP/1.1" 404 Not Found',
        ),
        near_misses=(
            '{"error":{"message":"The model `gpt-5` does not exist","code":"model_not_found"}}',
        ),
    ),
    Rule(
        "request.endpoint_mismatch.framework_404",
        "A web framework's own answer for a route it has no handler for (Fastify's 'Route"
        " POST:/x not found', Laravel's 'The route x could not be found', Spring's 'No static"
        " resource' and Whitelabel page, 'the requested endpoint ... was not found'): the base"
        " URL or path is wrong.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            (r"\broute (?:get|post|put|delete|patch|options):\S+ not found", "route "),
            (r"\bthe route \S+ could not be found", "could not be found"),
            "no static resource",
            "has no explicit mapping for",
            (r"requested endpoint [^\n]{0,80}was not found", "requested endpoint "),
            # Rails' routing error
            (r"no route matches \[(?:get|post|put|delete|patch)\]", "no route matches ["),
        ),
        priority=87,
        confidence=0.8,
        samples=(
            '{"message":"Route POST:/v1/chat/completions not found","error":"Not Found",'
            '"statusCode":404}',
            "The route v1/chat/completions could not be found.",
            "No static resource v1/chat/completions.",
            '{"status": false, "error": {"message": "The requested endpoint (GET'
            ' /v1/chat/completions) was not found.", "type": "invalid_request_error"}}',
        ),
        near_misses=("The model `gpt-4` could not be found.",),
    ),
    Rule(
        "request.endpoint_mismatch.translated",
        "A server, relay or client says, in the user's language, that the endpoint, route or"
        " request address does not exist or is wrong: Chinese 接口不存在, 请求路径不存在,"
        " 请求地址错误, 接口地址错误, API 地址错误, 无效的URL; Japanese"
        " エンドポイントが見つかりません; German 'Endpunkt nicht gefunden'; Spanish and"
        " Portuguese 'ruta no encontrada' / 'rota não encontrada'; French 'route introuvable';"
        " Russian 'маршрут не найден'. The same reading as 'Invalid URL' or '404 page not"
        " found': the base URL or path is wrong (a missing or doubled /v1, a relay's"
        " address without its path).",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            (r"(?:接口|路由)\s?(?:不存在|未找到|找不到)", "接口", "路由"),
            (
                r"(?:请求路径|请求地址|接口地址|接口路径|api ?地址|base ?url ?地址|url ?地址)\s?"
                r"(?:不存在|错误|有误|无效|不正确|未找到)",
                "路径",
                "地址",
            ),
            "无效的url",
            (r"エンドポイントが(?:見つかりません|存在しません)", "エンドポイント"),
            (r"(?:endpunkt|route) nicht gefunden", "nicht gefunden"),
            (r"(?:ruta|endpoint) no encontrad[ao]", "no encontrad"),
            (r"(?:rota|endpoint) não encontrad[ao]", "não encontrad"),
            (r"(?:route|point de terminaison|endpoint) introuvable", "introuvable"),
            (r"(?:маршрут|эндпоинт|endpoint) не найден", "не найден"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            '{"code":404,"msg":"接口不存在","data":null}',
            "请求失败：请求地址错误，请检查 Base URL 是否包含 /v1",
            "エラー: エンドポイントが見つかりません",
            "Error: Endpunkt nicht gefunden",
        ),
        near_misses=("接口调用错误", "模型不存在", "请检查接口地址是否正确"),
    ),
    Rule(
        "request.endpoint_mismatch.url_unusable",
        "The client could not use the base URL it was given, so nothing was sent: a URL"
        " without its scheme or with a wrong one, or a relative path (Go's 'unsupported"
        " protocol scheme \"\"', undici's 'Failed to parse URL from /v1/...', node-fetch's"
        " 'Only absolute URLs are supported', httpx's UnsupportedProtocol 'Request URL is"
        " missing an 'http://' or 'https://' protocol', requests' 'No connection adapters were"
        " found for 'htps://...'', Java's 'URI is not absolute', .NET's 'An invalid request URI"
        " was provided', reqwest's 'relative URL without a base', node-fetch's 'Only HTTP(S)"
        " protocols are supported' for another scheme). The base URL setting is"
        " wrong: write it whole, https:// included.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            "unsupported protocol scheme",
            (r"failed to parse url from\b", "failed to parse url from"),
            "only absolute urls are supported",
            "missing an 'http://' or 'https://' protocol",
            "no connection adapters were found",
            "uri is not absolute",
            "an invalid request uri was provided",
            "relative url without a base",
            # node-fetch 2 (and the copies bundled in many clients) for a scheme that is
            # neither http: nor https:, e.g. "localhost:11434" read as scheme "localhost:"
            "only http(s) protocols are supported",
        ),
        priority=86,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'Post "api.openai.com/v1/chat/completions": unsupported protocol scheme ""',
            "TypeError: Failed to parse URL from /v1/chat/completions",
            "requests.exceptions.InvalidSchema: No connection adapters were found for"
            " 'htps://api.openai.com/v1/chat/completions'",
            "httpx.UnsupportedProtocol: Request URL is missing an 'http://' or 'https://'"
            " protocol.",
            "TypeError: Only HTTP(S) protocols are supported\n    at getNodeRequestOptions"
            " (node_modules/node-fetch/lib/index.js:1309:9)",
        ),
        near_misses=("SSL routines:ssl_choose_client_version:unsupported protocol",),
    ),
    Rule(
        "request.endpoint_mismatch.not_implemented",
        "The server or relay does not implement what the path asks for (HTTP 501; new-api's"
        " 'not implemented' and 'unsupported relay mode' for a kind of call its channel lacks).",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(
            any_of(
                says(
                    (r"\bnot implemented \(request id", "not implemented (request id"),
                    "unsupported relay mode",
                    (r"\b501:? not implemented", " not implemented"),
                ),
                status(501),
            ),
            # a server's own NotImplementedError is a bug on its side
            none_of(says("notimplementederror")),
        ),
        priority=86,
        confidence=0.7,
        samples=(
            "AI_APICallError: not implemented (request id: 2025122315105159103743182lZvIcq)\n"
            "状态码: 500",
            '{"error":{"message":"unsupported relay mode (request id: 20250101)","type":'
            '"new_api_error"}}',
            "Error: 501 Not Implemented",
        ),
        near_misses=(
            "NotImplementedError: not implemented (request id: 1)",
            "Image generation via streaming is not yet implemented.",
        ),
    ),
    Rule(
        "request.endpoint_mismatch.api_version",
        "The API version the URL names is missing, unknown or not supported there (Azure's"
        " api-version, an operation the service does not know).",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            "missing required query parameter: api-version",
            (r"api-version[^\n]{0,40}(?:missing|required|unsupported)", "api-version"),
            "operation is not recognized",
            "unknownoperationexception",
            "unknown operation",
            "operation unknown",
            # Vertex: a Google-publisher path for another publisher's model
            "is infeasible for projects/",
        ),
        priority=87,
        confidence=0.85,
        samples=(
            "✕ [API Error: countTokens is infeasible for"
            " projects/{PROJECT_ID}"
            "/locations/us-east5/publishers/google"
            "/models/claude-sonnet-4@20250514 (Status: INVALID_ARGUMENT)]",
        ),
    ),
    Rule(
        "request.endpoint_mismatch.gateway_provider",
        "A gateway or a client's gateway layer does not serve the provider the request names"
        " (Cloudflare AI Gateway's 'Invalid provider', code 2008, when the provider segment of"
        " the path or the model's provider prefix is not one it fronts; an SDK's 'provider ...'"
        " is not supported'): the route is wrong, not the model or the key.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            # the provider named, not a provider key or a provider for a model
            (
                r"\binvalid provider(?: passed)?(?:\s*\(code 2008\)|\s*[\"'.,:;}\]]|\s*$)",
                "invalid provider",
            ),
            (
                r"\bprovider ['\"]?[\w.\-/@]+['\"]? is (?:currently )?not supported",
                "provider ",
            ),
            (r"\bunsupported (?:ai |llm )?provider\b(?! for model)", "unsupported "),
        ),
        priority=87,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            "Bad Request: Invalid provider",
            '{"success":false,"result":[],"messages":[],"error":[{"code":2008,"message":"Invalid'
            ' provider"}],"name":"AiGatewayError","httpCode":400,"internalCode":2008}',
            'Error: Sorry, but provider "openrouter.chat" is currently not supported, please open'
            " a issue in the github repo!",
        ),
        near_misses=(
            "Error: 400 unknown provider for model gpt-5.1-codex-max-xhigh",
            "Invalid provider API key",
            "litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are"
            " trying to call.",
        ),
    ),
    Rule(
        "request.endpoint_mismatch.refused_target",
        "The server refuses the target itself: plain HTTP where HTTPS is required, a private"
        " address, an upgrade or cluster it does not serve.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            "can only be accessed over https",
            # a hosted client refuses to call a private address given as base URL
            "ssrf_blocked",
            "connection to private ip",
            # route for the host
            # uvicorn refusing the h2c upgrade header a JDK client sends; Istio with no
            "unsupported upgrade request",
            "cluster_not_found",
        ),
        priority=87,
        confidence=0.85,
        samples=(
            'WARNING: Unsupported upgrade request. INFO: - "POST /v1/embeddings HTTP/1.1" 400'
            " Bad Request",
        ),
    ),
    Rule(
        "request.endpoint_mismatch.model_kind",
        "The model exists but is served on another endpoint (chat, completions, responses, "
        "embeddings): the path does not fit the model.",
        L,
        Cause.ENDPOINT_MISMATCH,
        any_of(
            says(
                (r"(?:is|is not) a chat model", " a chat model"),
                (r"only supported in (?:the )?v1/", "only supported in "),
                (r"not supported in the v1/[\w/]+ endpoint", "not supported in the v1/"),
                "operation does not work with the specified model",
                # Cohere retired its Generate API for Chat: "generate API is not supported for
                # model ...", "Generate API was removed ... migrate to Chat API"
                (r"api is not supported for (?:the )?model", "api is not supported for "),
                (r"please use the \w+ api instead", "please use the "),
                # the server names the path to call instead: "... in /v1/chat/completions.
                # Please use /v1/responses instead"
                (r"please use (?:the )?/?v1/[\w/.-]+ (?:endpoint |api )?instead", "please use "),
                (r"\bapi (?:was|has been) removed", " removed"),
                (r"migrate to (?:the )?\w+ api", "migrate to "),
                # "The model `o1-pro` is only available via the Responses API"
                (
                    r"only (?:available|supported|accessible) (?:via|through|in|with) the"
                    r" (?:responses|chat completions|completions|messages|assistants) api",
                    "only available ",
                    "only supported ",
                    "only accessible ",
                ),
                # Chinese relays and clients: "模型不支持该接口", "该模型不支持 /v1/responses 接口"
                (r"模型不支持(?:该|此|这个)?(?:接口|端点)", "模型不支持"),
                (r"模型不支持 ?/v1/[\w/]+ ?(?:接口|端点)", "模型不支持"),
            ),
            field_is("code", "operationnotsupported"),
        ),
        priority=89,
        confidence=0.8,
        samples=(
            "Error: 404 The model `o1-pro` is only available via the Responses API",
            "OPENAI responses 调用失败，HTTP 400：模型不支持该接口",
            '{"error":{"message":"该模型不支持 /v1/responses 接口","type":"invalid_request'
            '_error"}}',
            "invalid request: generate API is not supported for model 'command-a-03-2025'."
            " Please use the chat API instead",
            "This is a chat model and not supported in the v1/completions endpoint. Did you"
            " mean to use v1/chat/completions?",
            "400 Bad Request: streaming tools are not available for this model in"
            " /v1/completions. Please use /v1/chat/completions instead.",
        ),
        near_misses=("The model `gpt-5-chat` does not exist",),
    ),
    Rule(
        "request.endpoint_mismatch.adapter",
        "A relay translated the client's protocol to another upstream path, and the upstream "
        "refused the translated request.",
        L,
        Cause.ENDPOINT_MISMATCH,
        any_of(
            all_of(any_of(status(400), status(404), status(422)), _protocol_translation),
            field_is("code", "convert_request_error"),
        ),
        priority=60,
        origin=Origin.RELAY,
        confidence=0.5,
        samples=(
            '{"error":{"message":"convert request'
            ' failed","type":"new_api_error","code":"convert_request_error"}}',
        ),
    ),
    Rule(
        "request.endpoint_mismatch.resource_not_found",
        "Azure answers 404 'Resource not found' when the deployment path or api-version is wrong.",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(
            any_of(
                status(404),
                says(
                    "azure",
                ),
            ),
            says(
                "resource not found",
            ),
        ),
        priority=70,
        confidence=0.6,
        samples=(
            'OpenAI API Error (404): {"error":{"code":"404","message": "Resource not found"}}',
        ),
    ),
    Rule(
        "request.endpoint_mismatch.html_reply",
        "The client could not parse the reply because it was an HTML page: with no 5xx status, "
        "the base URL most likely points at a website or web UI, not the API.",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(
            says(
                (r"unexpected token '?<'?", "unexpected token "),
                '"<!doctype "... is not valid json',
                (r"<!doctype[^\n]{0,40}is not valid json", "is not valid json"),
                (r"unexpected token '?<'? in json", "unexpected token "),
                # Goose/reqwest: the reply to a models or chat path was not JSON at all
                "response body is not valid json",
            ),
            none_of(status(*range(500, 600))),
        ),
        priority=84,
        origin=Origin.UNKNOWN,
        confidence=0.5,
        samples=("SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",),
        near_misses=(
            "Request failed with status code 502: Unexpected token '<' in JSON at position 0",
            "The request body is not valid JSON: invalid high surrogate in string",
        ),
    ),
    Rule(
        "request.status_404",
        "404 without a body that names a model: routers answer 404 for a path they do not "
        "serve, while servers name a missing model, so the base URL or path is the suspect.",
        L,
        Cause.ENDPOINT_MISMATCH,
        any_of(status(404), exception("NotFoundError")),
        priority=12,
        confidence=0.4,
        samples=("Error 404, Message: , Status: 404 Not Found, Details: []",),
    ),
    Rule(
        "request.html_404.decoded",
        "A 404 or 405 whose body the client could not decode because it began with '<' (Go's"
        " 'invalid character '<' looking for beginning of value', JavaScript's 'Unexpected"
        " token '<''): an HTML page answered that the path is not served there, as an HTML"
        " 404 page does (request.html_404): the base URL or path is wrong (a missing or"
        " doubled /v1, a web UI's address).",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(
            status(404, 405),
            says(
                "invalid character '<' looking for beginning of value",
                (r"unexpected token '?<'?", "unexpected token "),
            ),
        ),
        priority=80,
        confidence=0.65,
        samples=(
            "error, status code: 404, message: invalid character '<' looking for beginning of"
            " value",
        ),
        near_misses=(
            "error, status code: 502, message: invalid character '<' looking for beginning of"
            " value",
        ),
    ),
    Rule(
        "request.html_404",
        "An HTML 404 page: the base URL points at a web server, not at the API.",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(status(404), html()),
        priority=80,
        confidence=0.7,
        samples=(
            "[ERROR] API error: <html>\n<head><title>404 Not"
            " Found</title></head>\n<body>\n<center><h1>404 Not"
            " Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>",
        ),
    ),
    Rule(
        "request.endpoint_mismatch.bare_not_found",
        "A body that says only 'Not Found' (no model named): a router found no such path; a "
        "missing model is named in the message.",
        L,
        Cause.ENDPOINT_MISMATCH,
        _bare_not_found,
        priority=74,
        confidence=0.7,
        samples=(
            "openai.NotFoundError: Error code: 404 - {'type': 'error', 'error': {'type': "
            "'not_found_error', 'message': 'Not Found'}}",
        ),
        near_misses=('{"type":"not_found_error","message":"model: claude-4-sonnet"}',),
    ),
    Rule(
        "request.status_404_no_body",
        "A 404 with no body: a router found no such path (a missing model is named in a body).",
        L,
        Cause.ENDPOINT_MISMATCH,
        all_of(
            status(404),
            says(
                "(no body)",
            ),
        ),
        priority=60,
        confidence=0.55,
        samples=("404 (no body)",),
        near_misses=("401 status code (no body)",),
    ),
    Rule(
        "request.endpoint_mismatch.reply_shape",
        "A JavaScript client crashed reading a field of the reply ('reading 'choices'', "
        "'map'): the server answered, but not in the protocol the client speaks, as when a "
        "base URL points at another API.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            (
                r"cannot read propert(?:y|ies) of (?:undefined|null) \(reading '[\w$]+'\)",
                "cannot read propert",
            ),
        ),
        priority=35,
        confidence=0.45,
        samples=("API Error: Cannot read properties of undefined (reading 'map')",),
        near_misses=("TypeError: fetch failed",),
    ),
    Rule(
        "request.endpoint_mismatch.sdk_removed_api",
        "Code written for the openai SDK before 1.0 calls an interface the installed SDK"
        " removed (APIRemovedInV1: 'no longer supported in openai>=1.0.0'): nothing was sent.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            "apiremovedinv1",
            "no longer supported in openai>=1.0.0",
        ),
        priority=90,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "openai.lib._old_api.APIRemovedInV1:\n\nYou tried to access openai.ChatCompletion,"
            " but this is no longer supported in openai>=1.0.0 - see the README at"
            " https://github.com/openai/openai-python for the API.",
            "AI Prioritization failed: You tried to access openai.Completion, but this is no"
            " longer supported in openai>=1.0.0",
        ),
        near_misses=("openai.APIConnectionError: Connection error.",),
    ),
    Rule(
        "request.endpoint_mismatch.unknown_service",
        "The AWS SDK installed does not know the service (an old botocore without "
        "bedrock-runtime): upgrade it.",
        L,
        Cause.ENDPOINT_MISMATCH,
        says(
            "unknownserviceerror",
            "unknown service: '",
        ),
        priority=90,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=("botocore.exceptions.UnknownServiceError: Unknown service: 'bedrock-runtime'",),
        near_misses=("ServiceUnavailableException",),
    ),
    Rule(
        "request.tool_schema",
        "A tool or function definition is invalid or unsupported.",
        L,
        Cause.TOOL_SCHEMA,
        any_of(
            field_is("code", "invalid_function_parameters", "invalid_tools"),
            says(
                "invalid schema for function",
                (r"tools?\[\d+\]", "tool"),
                (r"tools\.\d+", "tools."),
                "function_declarations",
                "input_schema",
                "inputschema",
                "toolspec",
                # OpenAI's function_parameters, Moonshot's "tools.function.parameters is not
                # a valid moonshot flavored json schema"
                (r"function[ ._]?parameters", "parameters"),
                (r"tool[ _]?schema", "schema"),
                "invalid tool",
                "schema missing items",
                "must have items",
                # llama.cpp: "Failed to parse tools: Missing tool function" (as a 500)
                (
                    r"failed to (?:validate|parse) tool",
                    "failed to validate tool",
                    "failed to parse tool",
                ),
                "tool parameters",
                "tool_config.",
                "functiondeclaration",
                "tool names must be unique",
                # Gemini's and OpenAI's check of a function's name ("Invalid function name. Must
                # start with a letter or an underscore", "function names must be a-z, A-Z...")
                (
                    r"invalid function name|function names? must (?:be|start|contain|match)",
                    "invalid function name",
                    "function name must",
                    "function names must",
                ),
                '"function", "parameters"',
                # Go's JSON decoder refusing a field under the tools (Ollama: "cannot
                # unmarshal array into Go struct field ChatRequest.tools.function.parameters
                # .properties.type of type string")
                (r"go struct field\W?[\w.]*?\btools?\.", "go struct field"),
            ),
        ),
        priority=89,
        confidence=0.8,
        samples=(
            '{"type":"invalid_request_error","message":"tools: Tool names must be unique."}',
            "Malformed input request: #/toolConfig/tools/1/toolSpec/inputSchema/json:"
            " extraneous key [$defs] is not permitted, please reformat your input and try again.",
            "Invalid schema for function 'get_weather': In context=('properties', 'x'), array"
            " schema missing items.",
            "Error: [provider.api_error] 400 tools.function.parameters is not a valid moonshot"
            " flavored json schema, details: <At path 'root': when using anyOf, type should be"
            " defined in anyOf items instead of the parent schema>",
            "Request failed: bad request (400): json: cannot unmarshal array into Go struct field"
            " ChatRequest.tools.function.parameters.properties.type of type string",
        ),
        near_misses=("tool_use ids were found without tool_result blocks immediately after",),
    ),
    Rule(
        "request.tool_schema.unsupported",
        "The model or its server does not support tools or function calling the way the"
        " request uses them.",
        L,
        Cause.TOOL_SCHEMA,
        says(
            "tool choice requires",
            "enable-auto-tool-choice",
            "tools can be supported",
            (r"tool call(?:s|ing)? (?:is|are) not supported", " not supported"),
            (r"tools? (?:is|are) not supported", " not supported"),
            (r"function calling is not (?:enabled|supported)", "function calling is not "),
            (r"does not support (?:tools|function calling)", "does not support "),
            "built-in tools with function calling",
            "function calling is unsupported",
            # Chinese servers and relays: "该模型不支持函数调用", "不支持工具调用"
            (r"不支持\s?(?:工具|函数|function ?call|tool ?call|tools)", "不支持"),
        ),
        priority=89,
        confidence=0.8,
        samples=(
            '\'{"error":"registry.ollama.ai/library/deepseek-r1:8b does not support tools"}\'',
            '{"error":{"message":"该模型不支持函数调用","type":"invalid_request_error"}}',
        ),
    ),
    Rule(
        "request.tool_schema.too_many",
        "The request offers more tools than the model accepts.",
        L,
        Cause.TOOL_SCHEMA,
        says(
            (r"max(?:imum)? of \d+ tools", " tools"),
            "too many tools",
            # VS Code Copilot's own check of the 128-tool cap, Copilot CLI's and an agent
            # executor's count, Gemini's cap on function declarations: the count is the
            # fault, not one tool's shape (OpenAI's own "Invalid 'tools': array too long" is
            # its documented array_above_max_length, in the catalogue)
            (r"more than \d+ tools", "more than "),
            (r"(?:number of tools|tool count) (?:exceeds|exceeded)", "tool"),
            (r"at most \d+ function declarations", "at most "),
        ),
        priority=90,
        confidence=0.8,
        samples=(
            "400 too many tools provided",
            "Sorry, your request failed. Reason: You may not include more than 128 tools in"
            " your request.",
            "Error: Cannot have more than 128 tools per request.",
            "Error: agent executor error: number of tools exceeds 128",
            "Error: tool count exceeded limit (200 > 128)",
            "* tools[0].function_declarations: [FIELD_INVALID] At most 512 function declarations"
            " can be specified.",
        ),
        near_misses=(
            "Invalid 'messages': array too long. Expected an array with maximum length 2048",
            "Invalid 'input': array too long.",
        ),
    ),
    Rule(
        "request.tool_schema.call_failed",
        "The model's tool call failed validation: a tool that does not exist, or a call it"
        " could not form.",
        L,
        Cause.TOOL_SCHEMA,
        says(
            # Groq when the model's tool call did not parse; a tool the request lacks
            "tool_use_failed",
            "failed to call a function",
            "requested tool does not exist",
            # Groq's (and OpenAI-compatible servers') check of the model's call against the
            # tools sent: "tool call validation failed: attempted to call tool 'x' which was
            # not in request.tools"
            "tool call validation failed",
            (r"attempted to call tool [^\n]{0,80}not in request\.tools", "not in request.tools"),
        ),
        priority=89,
        confidence=0.8,
        samples=(
            'litellm.BadRequestError: GroqException - {"error":{"message":"Failed to call a'
            " function. Please adjust your"
            ' prompt.","type":"invalid_request_error","code":"tool_use_failed"}}',
            "Error: 400 tool call validation failed: attempted to call tool 'read_file' which"
            " was not in request.tools",
        ),
    ),
    Rule(
        "request.tool_schema.named_tool_field",
        "The server names a field of a tool definition it refuses ('tools[1].function."
        "description': string too long), whatever the wrapper calls the error.",
        L,
        Cause.TOOL_SCHEMA,
        says(
            (r"invalid '?tools\[\d+\]\.function", "].function"),
            # OpenAI names the path in its message whatever the code (invalid_value,
            # missing_required_parameter, invalid_type): the path, not the code, says what
            # was refused
            (
                r"(?:invalid|missing required parameter:?|invalid type for) '?tools\[\d+\]\.",
                "tools[",
            ),
        ),
        # above the documented generic codes (catalogue rows, 98) that OpenAI sends with it:
        # invalid_value says a value was refused, the path says it was a tool's
        priority=99,
        confidence=0.8,
        samples=(
            "litellm.ContextWindowExceededError: OpenAIException - Error code: 400 - {'error': "
            "{'message': \"Invalid 'tools[1].function.description': string too long. Expected a "
            'string with maximum length 1024"}}',
            "{'error': {'message': \"Invalid 'tools[0].function.name': string does not match"
            " pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.\", 'type':"
            " 'invalid_request_error', 'param': 'tools[0].function.name', 'code':"
            " 'invalid_value'}}",
        ),
        near_misses=("Invalid 'messages[1].content': string too long.",),
    ),
    Rule(
        "request.content_filter",
        "A safety filter refused the input.",
        L,
        Cause.CONTENT_FILTER,
        any_of(
            field_is(
                "code",
                "content_filter",
                "content_policy_violation",
                "responsibleaipolicyviolation",
                "sensitive_words_detected",
            ),
            says(
                (r"content[_ ]filter", "content_filter", "content filter"),
                "content management policy",
                "responsibleaipolicyviolation",
                "flagged as potentially violating",
                "safety system",
                "content_policy_violation",
                "inappropriate content",
                # LiteLLM's and langchain4j's exception classes
                "contentpolicyviolationerror",
                "contentfilteredexception",
                (r"(?:prompt|input|request|message) (?:was |has been )?flagged", "flagged"),
                "invalid_prompt",
                "repetitive patterns in your prompt",
                # Claude Code when the request itself is refused (not the account)
                "request, which appears to violate",
                # FastChat / Chatbot Arena's MODERATION_MSG ("$MODERATION$ YOUR INPUT VIOLATES
                # OUR CONTENT MODERATION GUIDELINES.", also TEXT, IMAGE)
                "violates our content moderation guidelines",
                # an image service's moderators: "your prompt might be against our community
                # standards" (the prompt, not the account: an account is "terminated"); a
                # banned word or prompt (Midjourney: 'word "x" is banned', "Banned prompt")
                (
                    r"(?:prompt|input|request|message|image)[^\n]{0,40}against (?:our |the )?"
                    r"community (?:standards|guidelines)",
                    "community ",
                ),
                (r"\bword [\"'“][^\"'”\n]{1,40}[\"'”] is banned", "is banned"),
                "banned prompt",
            ),
        ),
        priority=92,
        confidence=0.85,
        samples=(
            "API Error: Claude Code is unable to respond to this request, which appears to"
            " violate our Usage Policy (https://www.anthropic.com/legal/aup).",
            "The response was filtered due to the prompt triggering Azure OpenAI's content"
            " management policy.",
            "Sorry! Your prompt might be against our community standards.",
            'midjourney: word "gore" is banned',
        ),
        near_misses=(
            "Content-Type must be application/json",
            "Access terminated. Review our Community Guidelines or contact support.",
        ),
    ),
    Rule(
        "request.content_filter.gemini_block",
        "Gemini blocked the prompt or the answer for safety or recitation (its finishReason"
        " or blockReason).",
        L,
        Cause.CONTENT_FILTER,
        says(
            (
                r'"finishreason": ?"(?:safety|recitation|prohibited_content|blocklist|spii)"',
                '"finishreason":',
            ),
            (r"blocked due to (?:safety|recitation)", "blocked due to "),
            "blockreason",
            (r'"blocked": ?true', '"blocked":'),
            (r"blocked (?:due to|by) (?:the )?safety", "blocked "),
            "prohibited_content",
            # Gemini's prompt feedback as Go relays print it: "BlockedReasonProhibitedContent"
            (r"blockedreason(?:safety|prohibitedcontent|blocklist|other)", "blockedreason"),
            "blocked: prompt:",
        ),
        priority=92,
        confidence=0.85,
        samples=(
            '{"error":{"message":"blocked: prompt: BlockedReasonProhibitedContent'
            ' ()","type":"one_api_error","code":"do_request_failed"}}',
        ),
    ),
    Rule(
        "request.content_filter.sensitive_words",
        "A provider's moderation (often Chinese providers') found sensitive words in the"
        " input or output.",
        L,
        Cause.CONTENT_FILTER,
        says(
            "sensitive words",
            "敏感词",
            "内容审核",
            "内容安全",
            "敏感内容",
            # Zhipu's 1301 and relays: "contains sensitive information", "unsafe or sensitive"
            "敏感信息",
            "不安全或敏感",
            # DashScope: DataInspectionFailed, "inappropriate content"
            "datainspectionfailed",
            # MiniMax: 1026 input / 1027 output "new_sensitive"
            (r"(?:input|output) (?:new_)?sensitive", "sensitive"),
            "content exists risk",
            # the English of 敏感内容: "Sensitive content detected", "contains sensitive content"
            (
                r"sensitive content (?:was |has been )?detected|contains? sensitive content",
                "sensitive content",
            ),
        ),
        priority=92,
        confidence=0.85,
        samples=("BadRequestError: Error code: 400 - {'detail': 'Content Exists Risk'}",),
    ),
    Rule(
        "request.content_filter.translated",
        "A server or client says, in the user's language, that the input was refused for its"
        " content: Chinese 输入内容违规, 内容不合规, 包含不当内容, 违反内容安全策略; Japanese"
        " コンテンツポリシーに違反; Korean 콘텐츠 정책 위반; German 'aufgrund (unserer)"
        " Inhaltsrichtlinien blockiert'; Spanish 'infringe la política de contenido'; French"
        " 'politique de contenu'; Portuguese 'viola a política de conteúdo'. The same reading as"
        " the English content-policy refusal: a safety filter on the input, not the account.",
        L,
        Cause.CONTENT_FILTER,
        says(
            (
                r"(?:输入|输出|请求|生成)?内容(?:违规|不合规|违反|涉嫌违规)"
                r"|包含(?:不当|违规|不良)内容",
                "内容",
            ),
            (r"违反(?:了)?内容(?:安全)?(?:策略|政策|规范)", "违反"),
            (r"コンテンツ(?:ポリシー|規約)に違反", "コンテンツ"),
            "콘텐츠 정책 위반",
            (r"(?:aufgrund|wegen) (?:unserer |der )?inhaltsrichtlinien", "inhaltsrichtlinien"),
            (r"pol[ií]tica de conte[uú]do|pol[ií]tica de contenido", "pol"),
            "politique de contenu",
            "политики содержания",
        ),
        priority=88,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            "错误：输入内容违规，请修改后重试",
            "您的请求包含不当内容，已被拦截",
            "リクエストはコンテンツポリシーに違反しています",
            "Ihre Anfrage wurde aufgrund unserer Inhaltsrichtlinien blockiert",
        ),
        near_misses=("内容为空", "请求内容过长"),
    ),
    Rule(
        "request.request_too_large.translated",
        "A server, gateway or client says, in the user's language, that the request or its"
        " payload is too large (413's status text and its kin): Chinese 请求实体过大, Japanese"
        " リクエストが大きすぎます / ペイロードが大きすぎます, German 'Anfrage zu groß' /"
        " 'Nutzlast zu groß', Spanish 'solicitud demasiado grande' / 'carga útil demasiado"
        " grande', Portuguese 'requisição muito grande' / 'payload muito grande', French"
        " 'requête trop volumineuse', Russian 'слишком большой запрос'. The body or a file is"
        " over a size limit, not the model's context.",
        L,
        Cause.REQUEST_TOO_LARGE,
        says(
            "请求实体过大",
            "请求实体太大",
            "請求實體過大",
            (r"(?:リクエスト|ペイロード|要求)が大きすぎます", "大きすぎます"),
            (r"(?:anfrage|nutzlast|anforderung) (?:ist )?zu gro(?:ß|ss)", "zu gro"),
            (r"(?:solicitud|carga [uú]til|petici[oó]n) demasiado grande", "demasiado grande"),
            (r"(?:requisi[cç][aã]o|solicita[cç][aã]o|payload) muito grande", "muito grande"),
            (r"(?:requ[eê]te|charge utile) trop volumineuse", "trop volumineuse"),
            (
                r"слишком большой (?:запрос|объ[её]м запроса)|запрос слишком большой",
                "слишком большой",
            ),
        ),
        priority=88,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "413 请求实体过大",
            "エラー: リクエストが大きすぎます",
            "Fehler 413: Anfrage zu groß",
            "Error 413: Solicitud demasiado grande",
        ),
        near_misses=("请求内容过长，超出模型上下文",),
    ),
    Rule(
        "request.invalid_parameter.named_field",
        "The server names one field it does not accept (unknown or extra), even when the field "
        "sits inside a message: the parameter, not the message shape, is refused.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "extra inputs are not permitted",
            "unknown parameter",
            "unrecognized request argument",
            # Google's proto check, with or without its "Invalid JSON payload received." head
            (r'unknown name "[^"\n]{1,60}"[^\n]{0,160}cannot find field', 'unknown name "'),
        ),
        priority=85,
        confidence=0.8,
        samples=(
            "messages.0.content.3.text.cache_control.ephemeral.ttl: Extra inputs are not permitted",
        ),
        near_misses=("messages: text content blocks must contain non-whitespace text",),
    ),
    Rule(
        "request.invalid_parameter",
        "A parameter's name, type or value is refused.",
        L,
        Cause.INVALID_PARAMETER,
        any_of(
            field_is(
                "code",
                "unsupported_parameter",
                "invalidparameter",
                "invalid_value",
                "unsupported_value",
                "invalid_request_body",
                "unknown_parameter",
                "integer_below_min_value",
                "missing_required_parameter",
                "integer_above_max_value",
                "invalid_type",
            ),
            says(
                # OpenAI's "Unsupported parameter: 'x'"; llama.cpp's "Unsupported param: echo"
                # (sent as a 500 server_error), LiteLLM's "unsupported params"
                (r"\bunsupported param(?:eter)?s?\b", "unsupported param"),
                "unrecognized request argument",
                "unknown parameter",
                "unsupported value",
                "invalid value",
                "invalid type for",
                "extra inputs are not permitted",
                "invalid json payload received. unknown name",
                "unexpected keyword",
                (r"is not a valid (?:enum|value)", "is not a valid "),
                "unsupported_parameter",
                (r"specified in the request (?:is|are) not valid", "specified in the request "),
                (r"\binvalid param(?:eter)?s?\b", "invalid param"),
                "argument not supported",
                "input should be a valid",
                "参数非法",
                "value is not a valid",
                # Zhipu's 1210
                "invalid api parameter",
                # OpenAI's schema path ("'$.input' is invalid"); files and media it refuses
                (r"'\$\.[\w.\[\]]+' is invalid", "' is invalid"),
                "passed in as part of `model_kwargs`",
            ),
        ),
        priority=82,
        confidence=0.8,
        samples=(
            "{'error': {'message': \"'$.input' is invalid. Please check the API reference.\","
            " 'type': 'invalid_request_error'}}",
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
            " 'max_completion_tokens' instead.",
            'OpenAI Codex API error (400 Bad Request): {"detail":"Unsupported parameter:'
            ' previous_response_id"}',
            'got exception: {"code":500,"message":"Unsupported param: best_of","type":'
            '"server_error"}',
            "Error code: 422 - {'error': {'message': 'Invalid Parameters', 'type':"
            " 'invalid_request_error'}}",
        ),
        near_misses=("Incorrect API key provided",),
    ),
    Rule(
        "request.relayed_client_error",
        "A relay passes on a client-error status its upstream answered ('Upstream error from"
        " X: <400> ...', new-api's 'bad response status code 422', 'Upstream provider X"
        " returned HTTP 404'): the provider answered and refused what was sent, so the"
        " request's layer, not the server side's; what the refusal was about is for the"
        " provider's words after it to say.",
        L,
        Cause.UNKNOWN,
        all_of(says(*_RELAY_SAYS_UPSTREAM), RELAYED_CLIENT_ERROR),
        # weak: the learned fallback may name the cause from the provider's words; the rules
        # that read those words rank higher
        priority=45,
        retry=Retry.NEVER,
        confidence=0.55,
        samples=(
            "Upstream error from DeepInfra: <422> Unprocessable Entity",
            '{"error":{"message":"upstream error: do request failed: bad response status code'
            ' 400","type":"upstream_error"}}',
            "[422] Vertex upstream error (422)",
        ),
        near_misses=(
            "Upstream error from DeepInfra: <502> Bad Gateway",
            "[502] Vertex upstream error (502)",
            "[ERR] relay error: upstream error: do request failed",
        ),
    ),
    Rule(
        "request.invalid_parameter.code_word",
        "The bare InvalidParameter error code is printed in front of its message, as relays,"
        " agents and SDKs quote a provider's 400 (Alibaba DashScope's '<400>"
        " InternalError.Algo.InvalidParameter: ...', Volcengine Ark's and Tencent Cloud's"
        " 'InvalidParameter' / 'InvalidParameterValue'): the provider refused a parameter of"
        " the request, whoever relayed it; so is a code that names the parameter in it"
        " (Baidu's 'INVALID_TO_PARAM', 'INVALID_MODEL_PARAM'). A dotted sub-code"
        " ('InvalidParameter.UnsupportedModel') names its own cause and is left to its row.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (r"\binvalidparameter(?:value)?(?![.\w])", "invalidparameter"),
            (r"\binvalid(?:_[a-z]+){1,3}_param(?:eter)?s?\b", "invalid_"),
        ),
        # below the rules that read what the parameter was (the input's length, a media
        # item, a model's support); above a relay's generic "upstream error" (65)
        priority=70,
        confidence=0.7,
        samples=(
            "Upstream error from Alibaba: <400> InternalError.Algo.InvalidParameter: The"
            " enable_search parameter of the qwen-vl model is not valid.",
            "litellm.BadRequestError: DashscopeException - <400>"
            " InternalError.Algo.InvalidParameter: Parameter seed should be a 32-bit integer.",
            "Service error: 58001:INVALID_TO_PARAM",
        ),
        near_misses=(
            "[TencentCloudSDKException] code:InvalidParameterValue.Model message:model not found",
            "InvalidParameterException: the bucket policy is invalid",
        ),
    ),
    Rule(
        "request.invalid_parameter.tool_choice",
        "The server refuses the tool_choice value (only 'auto' accepted, 'required' or a named"
        " tool unsupported, tool_choice without tools): the parameter's value, not the tool"
        " definitions, is wrong, even when a local server wraps its 400 in a 500.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (
                r"tool[_ ]choice[\"' ]{0,3}(?:must be|should be|can only be|only supports|is only"
                r" allowed|is not supported|not supported|value is not supported|is set to"
                r" [\"'][\w-]+[\"'] but)",
                "tool choice",
                "tool_choice",
            ),
            (r"invalid value for '?tool_choice", "tool_choice"),
            # tool_choice sent without any tools: vLLM's pydantic check "When using
            # `tool_choice`, `tools` must be set.", Anthropic's "tool_choice may only be
            # specified while providing tools"
            (
                r"(?:when using|using) [`'\"]?tool_choice[`'\"]?,? [`'\"]?tools[`'\"]? must be"
                r" (?:set|provided|specified|given)",
                "tool_choice",
            ),
            (
                r"tool_choice[`'\"]? (?:may|can) only be (?:specified|set|used|provided)"
                r" (?:while|when|if) (?:providing |specifying |passing )?(?:the )?[`'\"]?tools",
                "tool_choice",
            ),
        ),
        priority=84,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "Failed to process request: 400: {'error': {'message': \"Tool choice must be 'none'"
            " or 'auto' for this model.\", 'type': 'bad_request'}}\nINFO: 127.0.0.1:5000 -"
            ' "POST /v1/chat/completions HTTP/1.1" 500 Internal Server Error',
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are"
            " specified.",
            "Error code: 400 - {'object': 'error', 'message': \"[{'type': 'value_error',"
            " 'loc': ('body',), 'msg': 'Value error, When using `tool_choice`, `tools` must be"
            " set.'}]\", 'type': 'BadRequestError', 'code': 400}",
            "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type':"
            " 'invalid_request_error', 'message': 'tool_choice may only be specified while"
            " providing tools.'}}",
        ),
        near_misses=('{"tool_choice":"auto","tools":[]}',),
    ),
    Rule(
        "request.invalid_parameter.unknown_field",
        "A strict server refused a top-level field it does not know: serde's 'Failed to"
        " deserialize the JSON body into the target type: unknown field `x`' (Rust servers:"
        " DeepSeek, TGI, mistral.rs), Go's DisallowUnknownFields 'json: unknown field \"x\"'."
        " A parameter's name is refused; a field unknown inside messages is message shape"
        " (request.malformed_body).",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (r"target type: unknown field `", "unknown field"),
            (r"\bjson: unknown field \"", "unknown field"),
        ),
        # above request.malformed_body (83), which reads "failed to deserialize the json body"
        priority=84,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Failed to deserialize the JSON body into the target type:'
            " unknown field `reasoning_effort`, expected one of `model`, `messages` at line 1"
            ' column 60","type":"invalid_request_error"}}',
            '{"error":"json: unknown field \\"think\\""}',
        ),
        near_misses=(
            "Failed to deserialize the JSON body into the target type: messages[0]: unknown"
            " field `name` at line 1 column 80",
        ),
    ),
    Rule(
        "request.invalid_parameter.named_parameter",
        "A server names a parameter and says it is not allowed, not supported or must be"
        " otherwise ('The 'stream_options' parameter is only allowed when 'stream' is"
        " enabled', 'Parameter 'n' is not allowed for this model', 'The \"seed\" parameter"
        " must be an integer', 'parameter top_k is not supported'): the parameter's name or"
        " value is refused, whoever relayed it.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (
                r"\bparameters? " + _PARAM_NAME + r"(?: of [^\n]{1,40}?)? (?:is|are)"
                r" (?:only |not |currently not )?(?:allowed|supported|permitted|valid|available"
                r"|accepted)\b",
                "parameter",
            ),
            (
                _QUOTED_PARAM + r" parameters? (?:of [^\n]{1,40}? )?(?:is|are)"
                r" (?:only |not |currently not )?(?:allowed|supported|permitted|valid|available"
                r"|accepted)\b",
                " parameter",
            ),
            (
                r"\bparameters? " + _PARAM_NAME + r"(?: of [^\n]{1,40}?)? (?:must|should"
                r"|cannot|can only|can not)\b",
                "parameter",
            ),
            (
                _QUOTED_PARAM + r" parameters? (?:of [^\n]{1,40}? )?(?:must|should"
                r"|cannot|can only|can not)\b",
                " parameter",
            ),
        ),
        # above the relays' generic 5xx wrappers (a relay that answers a validation error
        # with 500, server_error body 68); below the rules that read which parameter rule it
        # was (a range, a model's support, a conflict: 82-85)
        priority=70,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
            "Parameter 'n' is not allowed for this model",
            'upstream error: The "seed" parameter of the qwen-turbo model must be an integer.',
            '500 {"error":{"message":"parameter stop can only hold 4 sequences",'
            '"type":"server_error"}}',
        ),
        near_misses=(
            "Required parameter: api_key",
            "parameters of the request were logged",
        ),
    ),
    Rule(
        "request.invalid_parameter.non_english",
        "A server says, in Japanese, Korean, Russian, French, Spanish, Portuguese or German,"
        " that a request parameter is invalid: the parameter's name or value is refused.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (
                r"パラメータ[^\n]{0,6}(?:が不正|が無効|エラー)|無効なパラメータ|不正なパラメータ",
                "パラメータ",
            ),
            (r"(?:잘못된|유효하지 않은) (?:매개변수|파라미터)", "매개변수", "파라미터"),
            (r"(?:недопустимый|неверный|некорректный) параметр", " параметр"),
            (r"paramètre[^\n]{0,4} (?:invalide|non valide|non pris en charge)", "paramètre"),
            (r"parámetro (?:no válido|inválido|no soportado|no admitido)", "parámetro "),
            (r"parâmetro (?:inválido|não suportado)", "parâmetro "),
            (r"ungültiger parameter|parameter [^\n]{0,30}ungültig", "parameter"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            '{"error":{"message":"パラメータが不正です: temperature"}}',
            '{"error":{"message":"Недопустимый параметр: top_k"}}',
        ),
        near_misses=("パラメータを確認しました",),
    ),
    Rule(
        "request.invalid_parameter.chinese",
        "A Chinese provider or relay says a request parameter is wrong ('请求参数错误',"
        " '参数有误', '参数不合法', '参数无效'): the Chinese form of 'invalid parameter'; a"
        " named messages field is a message-shape error (request.malformed_body).",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (r"参数(?:错误|有误|不合法|无效|校验失败|格式错误)", "参数"),
            # a parameter the model does not take; a value out of its range
            (r"不支持(?:的|该|此)?参数|参数[^\n]{0,30}不(?:被)?支持", "不支持", "参数"),
            (r"取值范围(?:错误|有误|不正确|不合法)|超出(?:了)?(?:取值)?范围", "取值范围", "超出"),
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            '{"error":{"message":"请求参数错误","type":"invalid_request_error"}}',
            "API 调用参数有误，请检查文档。",
            '{"error":{"message":"参数不合法：temperature 取值范围为 (0, 1.0]"}}',
            '{"error":{"message":"不支持的参数: logprobs","code":"400"}}',
        ),
        near_misses=("参数正确，请求成功",),
    ),
    Rule(
        "request.invalid_parameter.response_schema",
        "The JSON schema given for structured output (response_format / json_schema) is refused"
        " (OpenAI's strict mode: 'Invalid schema for response_format ...', code"
        " invalid_json_schema): fix the schema (every property required, additionalProperties"
        " false), not the prompt or the key.",
        L,
        Cause.INVALID_PARAMETER,
        any_of(
            field_is("code", "invalid_json_schema"),
            says(
                "invalid schema for response_format",
                "invalid_json_schema",
            ),
        ),
        priority=84,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "litellm.BadRequestError: OpenAIException - Invalid schema for response_format"
            " 'Report': In context=(), 'required' is required to be supplied and to be an array"
            " including every key in properties. Missing 'summary'.",
            '{"error":{"message":"Invalid schema for response_format \'answer\': In'
            " context=(), 'additionalProperties' is required to be supplied and to be false.\","
            '"type":"invalid_request_error","param":"response_format","code":null}}',
        ),
        near_misses=("Invalid schema for function 'get_weather': array schema missing items",),
    ),
    Rule(
        "request.invalid_parameter.range",
        "A parameter's value is outside the range the model accepts (a token budget, a limit,"
        " an enumerated choice).",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "supports at most",
            (r"must be (?:less|greater|at most|at least|one of|between)", "must be "),
            # (not Python's "list index out of range": a client's own bug on an empty reply)
            (r"(?<!index )(?<!subscript )out of range", "out of range"),
            (
                r"exceeds (?:the )?max(?:imum)? (?:allowed )?(?:value|tokens? (?:for|of) this)",
                "exceeds ",
            ),
            (r"max_tokens[^\n]{0,40}(?:too large|exceed|greater than)", "max_tokens"),
            (r"max_tokens: \d+ > \d+", "max_tokens: "),
            "maximum allowed number of output tokens",
            (r"integer (?:above|below) (?:max|min)", "integer "),
            (r"\barray too long", "array too long"),
            # Anthropic's and pydantic's field checks: "thinking.budget_tokens: Input
            # should be greater than or equal to 1024"; a setting that needs another
            (
                r"input should be (?:greater|less|a valid|one of|at (?:least|most)|')",
                "input should be ",
            ),
            # Gemini: "has a topK value of 64 but the supported range is from 1 to 41"
            "but the supported range is",
            # DeepSeek: "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]"
            (r"the valid range of \w+ is", "the valid range of "),
            (r"must be (?:<=|>=|<|>) ?\d", "must be "),
            # Gemini's thinking budget; Azure's newer APIs tied to an api-version
            (r"thinking budget \(\d+\) is invalid", "thinking budget ("),
            (r"budget \d+ is invalid", " is invalid"),
            "maximum tokens you requested exceed",
            "expected a string with minimum length",
            # vLLM's sampling checks ("top_p must be in (0, 1], got 0.0."); a bare bound
            # ("temperature: range: 0 <= temperature <= 1")
            (r"\bmust be in (?:the )?(?:range )?[\[(]-?[\d.]", "must be in "),
            (r"\brange: -?[\d.]+ ?<=? ?[a-z_]", "range: "),
        ),
        priority=82,
        confidence=0.8,
        samples=(
            '{"error":{"code":400,"message":"Budget 0 is invalid. This model only works in'
            ' thinking mode.","status":"INVALID_ARGUMENT"}}',
            "ValueError: Error 422: {'error': 'Input validation error: `max_new_tokens` must"
            " be <= 192",
            "{'message': 'Invalid max_tokens value, the valid range of max_tokens is [1,"
            " 8192]', 'type': 'invalid_request_error'}",
            "400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': 'Unable to submit"
            " request because it has a topK value of 64 but the supported range is from 1"
            " (inclusive) to 41 (exclusive).'}}",
            '{"type":"error","error":{"type":"invalid_request_error","message":"'
            'thinking.budget_tokens: Input should be greater than or equal to 1024"}}',
            '{"object":"error","message":"top_p must be in (0, 1], got 0.0.","type":'
            '"BadRequestError","param":null,"code":400}',
        ),
        near_misses=("IndexError: list index out of range",),
    ),
    Rule(
        "request.invalid_parameter.interval",
        "The server states the interval a parameter must lie in ('max_output_tokens range is"
        " [2, 2048]', 'should be in [1, 65536]'), as Baidu Qianfan, DashScope and Volcengine"
        " Ark word it: the value sent is outside.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "parameter check failed",
            (r"\brange is \[-?\d", "range is ["),
            (r"\brange of \w+ should be \[", "range of "),
            (r"should be in \[-?\d", "should be in ["),
        ),
        priority=84,
        confidence=0.8,
        samples=(
            "relay error (channel #5): parameter check failed, max_output_tokens range is"
            " [2, 1024] (request id: 202405300324525906842026260034)",
            '{"code":"InvalidParameter","message":"Range of max_tokens should be [1, 2000]"}',
            "Error code: 400 - {'error': {'message': 'field MaxTokens invalid, should be in"
            " [1, 65536]', 'type': 'invalid_request_error', 'param': 'max_tokens'}}",
        ),
        near_misses=("HTTP 400: Range of input length should be [1, 258048]",),
    ),
    Rule(
        "request.invalid_parameter.google_bare",
        "Google's bare 'Request contains an invalid argument.' (INVALID_ARGUMENT with no"
        " field named): a field or value of the request is refused, Google's docs say a typo"
        " or a missing field; which one is not said.",
        L,
        Cause.INVALID_PARAMETER,
        says("request contains an invalid argument"),
        priority=55,
        confidence=0.5,
        samples=(
            '{"error":{"code":400,"message":"Request contains an invalid argument.","status":'
            '"INVALID_ARGUMENT"}}',
            "<class 'google.api_core.exceptions.InvalidArgument'> 400 Request contains an"
            " invalid argument.",
        ),
        near_misses=(
            "400 INVALID_ARGUMENT: * GenerateContentRequest.contents: contents is not specified",
        ),
    ),
    Rule(
        "request.invalid_parameter.model_support",
        "The model, or this API version, does not support a parameter or a mode the request sets.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "is not supported with this model",
            (r"not supported (?:by|with|for) this model", "not supported "),
            "does not support",
            "not supported on this model",
            "only works in thinking mode",
            "enabled only for api-version",
            (r"is only supported (?:when|if) ", "is only supported "),
            (r"only supports? stream mode", "only support"),
            "enable the stream parameter",
            "with a response mime type",
            # Gemini's image models: "The requested combination of response modalities (TEXT)
            # is not supported by the model"
            (r"response modalit(?:y|ies)[^\n]{0,60}not supported", "response modalit"),
            # llama.cpp without a multimodal projector: "image input is not supported - hint:
            # ... you may need to provide the mmproj"
            (r"(?:image|audio|video) input is not supported", "input is not supported"),
            # Ollama's mllama: "this model only supports one image while more than one image
            # requested" (a 500 through its chat endpoint)
            (r"only supports? (?:one|a single) image", "only support"),
            # Chinese: "该模型不支持图片输入", "当前模型不支持流式输出", "模型不支持深度思考"
            (
                r"模型(?:暂)?不支持\s?(?:图片|图像|视觉|多模态|音频|语音|视频|文件|流式|深度思考|思考|"
                r"推理|联网|json|结构化输出|系统提示)",
                "模型",
            ),
        ),
        priority=82,
        confidence=0.8,
        samples=(
            "400 Unable to submit request because thinking_budget is only supported when"
            " thinking is enabled.",
            '{"error":{"code":400,"message":"The requested combination of response modalities'
            " (TEXT) is not supported by the model. models/gemini-2.0-flash-exp-image-generation"
            ' accepts the following combination of response modalities:\n* IMAGE, TEXT\n",'
            '"status":"INVALID_ARGUMENT"}}',
            '{"error":{"message":"该模型不支持图片输入","type":"invalid_request_error"}}',
            '{"error":{"code":500,"message":"image input is not supported - hint: if this is'
            ' unexpected, you may need to provide the mmproj","type":"server_error"}}',
        ),
    ),
    Rule(
        "request.invalid_parameter.conflict",
        "Two parameters the request sets cannot go together, or one may only take a given value.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "cannot both be specified",
            # llama.cpp: "Cannot use both json_schema and grammar" (as a 500)
            "cannot use both",
            "mutually exclusive",
            (r"cannot be used (?:together|with)", "cannot be used "),
            (r"only (?:set )?(?:only )?one of", "one of"),
            "alongside any_of",
            "may only be set to ",
            "must contain the word 'json'",
            # "json" in the messages, and a previous response id it does not have
            # Anthropic: a beta flag it does not know; OpenAI: JSON mode without the word
            "unexpected value(s)",
        ),
        priority=82,
        confidence=0.8,
        samples=(
            '{"type":"invalid_request_error","message":"`temperature` may only be set to 1'
            ' when thinking is enabled."}',
            "{'type': 'invalid_request_error', 'message': \"Unexpected value(s)"
            ' `context-1m-2025-08-07` for the `anthropic-beta` header."}',
        ),
    ),
    Rule(
        "request.invalid_parameter.server_unimplemented",
        "A self-hosted server's OpenAI-compatible layer refuses a parameter value it does not"
        " implement (llama.cpp's 'Only one completion choice is allowed', 'Only no echo is"
        " supported', 'top_logprobs requires logprobs to be set to true'; vLLM's and Mistral's"
        " 'n/top_p must be 1 when using greedy sampling'), whatever status it answers with:"
        " llama-server sends these as a 500 server_error, though the request is at fault.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (r"only one (?:completion )?choice is (?:allowed|supported)", "only one "),
            (r"only no \w+ is supported", "only no "),
            (r"requires [`'\"]?logprobs[`'\"]? to be (?:set|enabled|true)", "requires "),
            (r"must be (?:1|one) when using greedy sampling", "greedy sampling"),
        ),
        priority=82,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            'Test request failed: API error (status 500): {"error":{"code":500,"message":"Only'
            ' one completion choice is allowed","type":"server_error"}}',
            '{"error":{"code":500,"message":"Only no echo is supported","type":"server_error"}}',
            "openai.InternalServerError: Error code: 500 - {'error': {'code': 500, 'message':"
            " 'top_logprobs requires logprobs to be set to true', 'type': 'server_error'}}",
            "ValueError: n must be 1 when using greedy sampling, got 8.",
        ),
        near_misses=(
            "Only one instance of the server is allowed to run",
            "Error: only one choice of plan is available on the free tier",
        ),
    ),
    Rule(
        "request.invalid_parameter.value_check",
        "A sampling or generation parameter, named, fails the server's own check of its value"
        " or type (vLLM's SamplingParams: 'temperature must be non-negative', 'top_k must be -1"
        " (disable), or at least 1', 'top_k must be an integer'; llama.cpp's and TGI's"
        " checks), or may only be set with another ('Stream options can only be defined when"
        " stream=True'), whatever status the server answers with: several send these as a"
        " 500, though the request is at fault.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (
                r"\b(?:temperature|top_p|top_k|min_p|typical_p|n|best_of|seed|stop|logprobs"
                r"|top_logprobs|n_probs|max_tokens|max_completion_tokens|max_new_tokens"
                r"|min_new_tokens|presence_penalty|frequency_penalty|repetition_penalty"
                r"|logit_bias|num_ctx|num_predict)[`'\"]? must (?:not )?(?:be|in|>|<)",
                " must ",
            ),
            (r"can only be (?:defined|set|used|specified) when", "can only be "),
            (r"is only (?:allowed|permitted|valid) when", "is only "),
        ),
        # above the relays' generic 5xx wrappers (server_error body 68), below the rule that
        # reads the word "parameter" beside the name (named_parameter, 70) and the rules that
        # read which check it was (a range, a model's support, a conflict: 82-85)
        priority=69,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            '500 Internal Server Error: {"detail":"top_k must be -1 (disable), or at least 1,'
            ' got 0."}',
            "ValueError: temperature must be non-negative, got -0.5.",
            '{"object":"error","message":"Stream options can only be defined when'
            ' `stream=True`.","type":"BadRequestError","code":400}',
        ),
        near_misses=(
            "Your payment method must be updated before the next billing cycle",
            "The server must be restarted after changing the model",
        ),
    ),
    Rule(
        "request.malformed_body.message_fields",
        "A server's own check of the chat messages' fields fails: the messages array is missing"
        " or not an array, a message lacks its content, a content part has a type it does not"
        " take, two assistant turns end the list (llama.cpp's checks, sent as a 500"
        " server_error, though the body is at fault).",
        L,
        Cause.MALFORMED_BODY,
        says(
            (r"[\"'`](?:messages|prompt)[\"'`] is required", "is required"),
            (r"expected [\"'`]?(?:messages|content)[\"'`]? to be an? ", "expected "),
            (r"non-assistant messages must contain", "non-assistant messages"),
            (r"assistant message must contain either", "assistant message must contain"),
            "unsupported content[].type",
            (r"cannot have (?:2|two) or more assistant", " or more assistant"),
            # llama.cpp's wrapper of its message parser: "Failed to parse messages: <why>"
            "failed to parse messages: ",
            "cannot specify both content and content_parts",
        ),
        priority=83,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            '{"error":{"code":500,"message":"Expected \'messages\' to be an array","type":'
            '"server_error"}}',
            "Error code: 500 - {'error': {'code': 500, 'message': \"All non-assistant messages"
            " must contain 'content'\", 'type': 'server_error'}}",
            '{"error":{"code":500,"message":"Assistant message must contain either \'content\''
            ' or \'tool_calls\'!","type":"server_error"}}',
            '500 {"error":{"code":500,"message":"unsupported content[].type","type":'
            '"server_error"}}',
        ),
        near_misses=(
            "'model' is required",
            "Expected server to be running on port 8080",
        ),
    ),
    Rule(
        "request.invalid_parameter.missing",
        "A required parameter (the model name, among others) is missing from the request.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "no model specified",
            "no_model_name",
            # llama-swap when the body has no model
            "missing or invalid 'model'",
            "missingparameter",
            # the model field empty or absent: Ollama's {"error":"model is required"}, other
            # servers' "model must be specified", Chinese relays' 模型名称不能为空
            (
                r"\bmodel(?: name| id| field| parameter)? (?:is required|must be (?:specified"
                r"|provided|set)|is not specified|not specified|cannot be empty|must not be"
                r" empty|is empty)",
                "model",
            ),
            (
                r"(?:模型名称|模型|model)\s?(?:不能为空|不可为空|未指定)|未指定模型",
                "不能为空",
                "不可为空",
                "未指定",
            ),
            (
                r"missing (?:one or multiple |one or more )?required parameters?\b(?!:"
                r" '?messages)",
                "required parameter",
            ),
        ),
        priority=82,
        confidence=0.8,
        samples=(
            "Azure.RequestFailedException: No model specified in request. Please provide a"
            " model name in the request body.",
            '{"error":"model is required"}',
            '{"error":{"message":"模型名称不能为空","type":"invalid_request_error"}}',
        ),
    ),
    Rule(
        "request.invalid_parameter.media",
        "An image or a file in the request is of a type or size the model refuses.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "unsupported image",
            "invalid image",
            "invalid_image",
            "image length and width",
            "do not meet the model restrictions",
            "invalid file format",
            "unsupported mime type",
            # Anthropic's "Could not process image" (an image it cannot decode: a corrupt or
            # mislabelled file); Gemini's "Unable to process input image"
            (r"(?:could not|unable to|failed to) process (?:the )?(?:input )?image", "process "),
        ),
        priority=82,
        confidence=0.8,
        samples=(
            "[API Error: 400 <400> InternalError.Algo.InvalidParameter: The image length and"
            " width do not meet the model restrictions. [height:1 or width:1 must be larger"
            " than 10]]",
            'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":'
            '"Could not process image"},"request_id":"req_011CTgbfPobaTfjRizwmWNxr"}',
        ),
        near_misses=("Processing image 3 of 10 failed: disk full",),
    ),
    Rule(
        "request.invalid_parameter.content_field",
        "A message field holds a value the API refuses (a stop sequence, an earlier response"
        " id; a refused role is the message's shape: request.malformed_body.role).",
        L,
        Cause.INVALID_PARAMETER,
        says(
            # Anthropic's stop sequences
            "each stop sequence must",
            (r"previous response with id [^\n]{0,60}not found", "previous response with id "),
            "previous_response_not_found",
            # the Responses API's items of an earlier turn: "Item with id 'rs_...' not found.
            # Items are not persisted when `store` is set to false."
            (r"item with id '?(?:rs|msg|fc|ws)_\w+'? not found", "item with id "),
            "items are not persisted when",
        ),
        priority=82,
        confidence=0.8,
        samples=(
            "{'error': {'message': \"Previous response with id 'resp_abc' not found.\","
            " 'type': 'invalid_request_error', 'param': 'previous_response_id'}}",
            "Error: 404 Item with id 'rs_0a1b2c3d4e5f' not found. Items are not persisted when"
            " `store` is set to false.",
        ),
    ),
    Rule(
        "request.output_truncated",
        "The answer stopped at the output-token limit the request set (finish_reason "
        "'length'), and the client refused the cut-off answer: raise the limit or ask for less.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            "lengthfinishreasonerror",
            "length limit was reached",
            (r"response exceeded the \d+ output token maximum", "response exceeded the "),
        ),
        priority=84,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.6,
        samples=(
            "openai.LengthFinishReasonError: Could not parse response content as the length "
            "limit was reached - CompletionUsage(completion_tokens=4096, prompt_tokens=1200)",
            "API Error: Claude's response exceeded the 32000 output token maximum. To configure "
            "this behavior, set the CLAUDE_CODE_MAX_OUTPUT_TOKENS environment variable.",
        ),
        near_misses=("max_tokens: 64000 > 32000, which is the maximum allowed",),
    ),
    Rule(
        "request.streaming_required",
        "The Anthropic SDK refuses, before sending, a non-streaming call whose max_tokens could "
        "run past ten minutes: stream, or ask for fewer tokens.",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (
                r"streaming is (?:strongly recommended|required) for operations that may"
                r" take longer",
                " for operations that may take longer",
            ),
        ),
        priority=93,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "API Error: 500 Streaming is required for operations that may take longer than 10 "
            "minutes. See https://github.com/anthropics/anthropic-sdk-typescript#long-requests",
        ),
        near_misses=("stream disconnected before completion",),
    ),
    Rule(
        "request.reply_not_json",
        "The client could not parse the reply as JSON and quotes its plain-text start: the "
        "server (or something in front of it) answered with text instead of an API body.",
        Layer.UPSTREAM,
        Cause.UNKNOWN,
        all_of(
            any_of(
                says(
                    (
                        "unexpected token '?[^<'\\s]'?, \\\"[^\\\"\\n]{0,40}\\\"\\.\\.\\."
                        " is not valid json",
                        '"... is not valid json',
                    ),
                    # the Vercel AI SDK's word for a reply it could not parse
                    "invalid json response",
                ),
                # an HTML page with a 5xx: the server side failed and its proxy answered
                all_of(
                    says(
                        (r"unexpected token '?<'?", "unexpected token "),
                        (r"<!doctype[^\n]{0,40}is not valid json", "is not valid json"),
                    ),
                    status(*range(500, 600)),
                ),
            ),
            none_of(status(*range(400, 500))),
        ),
        priority=84,
        retry=Retry.LIMITED,
        confidence=0.45,
        samples=("Unexpected token 'A', \"An error o\"... is not valid JSON",),
        near_misses=("SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",),
    ),
    Rule(
        "request.status_4xx",
        "400/409/421/422: the server refused what was sent, without saying what.",
        L,
        Cause.UNKNOWN,
        any_of(
            status(400, 409, 421, 422),
            # a body typed as the request's fault, with no status and no detail
            field_is("type", "invalid_request_error"),
            says(
                "please check your inputs",
            ),
            exception(
                "BadRequestError",
                "UnprocessableEntityError",
                "ValidationException",
                "InvalidRequestError",
            ),
            field_is("status_text", "invalid_argument", "failed_precondition"),
        ),
        priority=10,
        confidence=0.35,
        samples=("AI_APICallError: Bad Request",),
    ),
    Rule(
        "request.resource_not_found",
        "The server says the resource was not found, without naming a model or a path.",
        L,
        Cause.UNKNOWN,
        says(
            "resource you are requesting could not be found",
            (r"requested resource (?:was )?not found", "requested resource "),
        ),
        priority=30,
        confidence=0.4,
        samples=(
            "Problem in node ‘AI Agent1‘\n\nThe resource you are requesting could not be found",
        ),
    ),
    Rule(
        "request.malformed_body",
        "The body is not valid JSON, has the wrong content type, or the wrong message shape.",
        L,
        Cause.MALFORMED_BODY,
        any_of(
            field_is("code", "invalid_json", "json_invalid", "invalid_request_body_json"),
            says(
                "could not parse the json body",
                (r"invalid json(?! payload received\. unknown name| response)", "invalid json"),
                (r"json (?:parse|decode) error", "json parse", "json decode"),
                # (not the reply's: "Malformed JSON in response" is a client that could not
                # read what came back, whose status then says what failed)
                (r"malformed json(?! (?:in|from) (?:the )?response)", "malformed json"),
                "unexpected end of json",
                "must be a valid json",
                # DashScope's InvalidParameter "Required body invalid, please check the request
                # body format."
                (
                    r"(?:request|required) body (?:is )?(?:invalid|malformed)",
                    "request body ",
                    "required body ",
                ),
                "not valid json",
                (r"invalid request body\b", "invalid request body"),
                # Triton/KServe: the payload lacks the member it expects; Gemini's proto check
                "unable to parse '",
                "proto is invalid",
                "invalid_payload",
                "invalid payload",
                "failed to deserialize the json body",
                "cannot unmarshal",
                "missing field `",
                # Bedrock's schema validation of the request body
                "malformed input request",
                "extraneous key",
                "none is not an allowed value",
                ("['\\\"]loc['\\\"]: ?\\[['\\\"]body['\\\"], ?['\\\"]messages['\\\"]", "messages"),
                (r"messages ?参数非法", "messages"),
            ),
            status(415),
        ),
        priority=83,
        confidence=0.75,
        samples=(
            '{"error":{"code":"invalid_payload","message":"Invalid'
            ' payload","details":[{"message":"Value is \'array\' but should be \'string\'"}]}}',
            "Vertex AI API error: Error 400, Message: The GenerateContentRequest proto is"
            " invalid: * contents[87].parts[0].function_response.name: [REQUIRED_FIELD_MISSING]",
            "Malformed input request: #/messages/0/content/0: extraneous key [type] is not"
            " permitted, reformat your input and try again.",
            "We could not parse the JSON body of your request. (HINT: This likely means you"
            " aren't using your HTTP library correctly.)",
        ),
        near_misses=(
            "Unsupported parameter: 'max_tokens' is not supported with this model.",
            "Request failed: (HTTP/1.1 502) Malformed JSON in response.",
        ),
    ),
    Rule(
        "request.malformed_body.json_extractor",
        "A server built on axum (Rust: DeepSeek-compatible gateways, TEI, many relays) rejects"
        " the body before any handler runs: 'Failed to parse the request body as JSON: <serde"
        " error>' (JsonSyntaxError) or 'Expected request with `Content-Type:"
        " application/json`': the bytes sent are not the JSON the server reads (a broken"
        " escape or surrogate in a message, a truncated body, a wrong content type).",
        L,
        Cause.MALFORMED_BODY,
        says(
            "failed to parse the request body as json",
            "expected request with `content-type: application/json`",
        ),
        priority=84,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "400 Bad Request: Failed to parse the request body as JSON: trailing comma at line 1"
            " column 18",
            "API error (400): Failed to parse the request body as JSON: messages[3].content:"
            " lone leading surrogate in hex escape at line 1 column 9120",
            "415 Unsupported Media Type: Expected request with `Content-Type: application/json`",
        ),
        near_misses=("error decoding response body: expected value at line 1 column 1",),
    ),
    Rule(
        "request.malformed_body.client_encode",
        "The client could not turn the request into JSON, so nothing was sent: a value its"
        " JSON encoder cannot write (an SDK object, a datetime, a BigInt, NaN or infinity,"
        " a function) or an object that refers to itself, in the messages or parameters."
        " Each language's encoder says so in its own words: Python's 'is not JSON"
        " serializable' and 'Out of range float values are not JSON compliant', JavaScript's"
        " 'Converting circular structure to JSON' and 'Do not know how to serialize a"
        " BigInt', Go's 'json: unsupported type/value', Jackson's 'No serializer found for"
        " class', System.Text.Json's 'A possible object cycle was detected'.",
        L,
        Cause.MALFORMED_BODY,
        says(
            "is not json serializable",
            "not json compliant",
            "converting circular structure to json",
            "do not know how to serialize a bigint",
            (r"\bjson: (?:unsupported (?:type|value): |error calling marshaljson)", "json: "),
            "no serializer found for class",
            "a possible object cycle was detected",
        ),
        priority=84,
        origin=Origin.CLIENT,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "TypeError: Object of type ChatCompletionMessage is not JSON serializable",
            "ValueError: Out of range float values are not JSON compliant",
            "TypeError: Converting circular structure to JSON\n    --> starting at object with"
            " constructor 'Socket'\n    --- property 'parser' closes the circle",
            "TypeError: Do not know how to serialize a BigInt",
            "json: unsupported value: NaN",
            "System.Text.Json.JsonException: A possible object cycle was detected. This can"
            " either be due to a cycle or if the object depth is larger than the maximum"
            " allowed depth of 64.",
        ),
        near_misses=(
            "Unsupported value: 'temperature' does not support 0.1 with this model.",
            "json: cannot unmarshal string into Go struct field Response.choices of type int",
        ),
    ),
    Rule(
        "request.malformed_body.turn_order",
        "The conversation's turns are out of order: roles must alternate, a tool result must"
        " answer a tool call, the last turn must be the user's.",
        L,
        Cause.MALFORMED_BODY,
        says(
            "'tool_calls' must be followed",
            "must be a response to a preceding message",
            "must follow a preceding message",
            (r"messages with role .tool.", "messages with role "),
            "roles must alternate",
            "tool_use ids were found without",
            "tool_result block",
            # Claude Code after parallel tool calls went out of step
            "due to tool use concurrency",
            "missing reasoning_content",
            (r"multiturn requests? ends? with a user role", "multiturn request"),
            "should alternate",
            "element per message",
            "elements in history",
            # Perplexity: "roles should be alternating"; Bedrock's Converse: "A conversation
            # must alternate between user and assistant roles"; Cohere's empty message
            (r"(?:should|must) (?:be )?alternat(?:e|ing)", "alternat"),
            (r"must (?:end|start) with a user message", " with a user message"),
            (r"no tool (?:call|output) found for function call", " found for function call"),
            "was provided without its required",
            "must be passed back",
            # Baidu ERNIE (336006): user and assistant turns must pair up, user last
            "length of messages must be an odd number",
            # DeepSeek's reasoner "does not support successive user or assistant messages";
            # chat templates and servers refusing "consecutive same-role messages"
            (
                r"(?:successive|consecutive) (?:(?:user|assistant|same[- ]role)(?: or assistant)?"
                r" (?:messages|roles|turns)|messages (?:with|of) the same role)",
                "successive",
                "consecutive",
            ),
        ),
        priority=83,
        confidence=0.75,
        samples=(
            "API Error: 400 due to tool use concurrency issues. Run /rewind to recover the"
            " conversation.",
            '{"type":"invalid_request_error","message":"This model does not support assistant'
            ' message prefill. The conversation must end with a user message."}',
            "An error occurred (ValidationException) when calling the Converse operation: A"
            " conversation must alternate between user and assistant roles.",
            "AI_APICallError: No tool call found for function call output with call_id call_abc.",
            "litellm.BadRequestError: DeepseekException - Error code: 400 - {'error':"
            " {'message': 'deepseek-reasoner does not support successive user or assistant"
            " messages (messages[5] and messages[6] in your input).', 'type':"
            " 'invalid_request_error'}}",
            "400 Bad Request: consecutive same-role messages are not allowed",
        ),
        near_misses=(
            "Encountered HTTP 500 on three consecutive requests",
            "the log records four consecutive task completions",
        ),
    ),
    Rule(
        "request.malformed_body.tool_call_id",
        "A tool result names a tool-call id that no earlier tool call in the history carries"
        " (an orphaned result, a mismatched or empty id, a result turn not right after its"
        " call): the conversation history was cut or rebuilt wrongly, whatever the server"
        " calls the error (MiniMax and Zhipu say 'invalid params').",
        L,
        Cause.MALFORMED_BODY,
        says(
            # Moonshot/Kimi "tool_call_id  is not found"; MiniMax (2013) "tool result's tool
            # id(call_x) not found"; others "tool_call_id call_x does not match any tool call"
            (
                r"\btool[_ ]?(?:call[_ ]?|use[_ ]?)?id\b[^\n]{0,80}(?:is not found|not found|"
                r"does not match|doesn't match|did not match|mismatch|has no matching|without a"
                r" matching|no matching)",
                "tool",
            ),
            (r"tool result'?s? tool id", "tool id"),
            # Anthropic: "unexpected `tool_use_id` found in `tool_result` blocks"
            (r"unexpected [`'\"]?tool_use_id", "tool_use_id"),
            # Gemini: "Please ensure that function response turn comes immediately after a
            # function call turn" (and the mirror for a call turn)
            (
                r"function (?:response|call) turn comes immediately after",
                "turn comes immediately after",
            ),
            # Bedrock's Converse check of toolUse/toolResult pairs
            (
                r"toolresult blocks[^\n]{0,80}exceeds the number of tooluse",
                "exceeds the number of tooluse",
            ),
            (r"expected toolresult blocks at", "expected toolresult blocks"),
            # Gemini: "Please ensure that the number of function response parts is equal to
            # the number of function call parts of the function call turn."
            (
                r"number of (?:function|tool) (?:response|result)s?(?: parts| blocks)? (?:is"
                r" equal to|must (?:be equal to|match|equal)|does not match|doesn't match)"
                r"[^\n]{0,20}number of (?:function|tool) (?:call|use)",
                "number of ",
            ),
            # chat templates (gpt-oss, MiniMax) raising on a tool turn with no call before it:
            # "Message has tool role, but there was no previous assistant message with a tool
            # call!"
            "no previous assistant message with a tool call",
        ),
        priority=85,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "HTTP 400 invalid_request_error: invalid params, tool result's tool"
            " id(call_function_abc123_2) not found (2013)",
            "Error code: 400 - {'error': {'message': 'Invalid request: tool_call_id  is not"
            " found', 'type': 'invalid_request_error'}}",
            "400 Please ensure that function response turn comes immediately after a function"
            " call turn.",
            "messages.5.content.1: unexpected `tool_use_id` found in `tool_result` blocks:"
            " toolu_01ABC. Each `tool_result` block must have a corresponding `tool_use` block"
            " in the previous message.",
            "ValidationException: The number of toolResult blocks at messages.4.content exceeds"
            " the number of toolUse blocks of previous turn.",
            "jinja2.exceptions.TemplateError: Message has tool role, but there was no previous"
            " assistant message with a tool call!",
            '{"error": {"code": 400, "message": "Please ensure that the number of function'
            " response parts is equal to the number of function call parts of the function"
            ' call turn.", "status": "INVALID_ARGUMENT"}}',
        ),
        near_misses=(
            "Tool 'get_weather' not found",
            "Invalid 'tools[0].function.name': string does not match pattern.",
            "Error: 404 Not Found: the tool server was not found",
        ),
    ),
    Rule(
        "request.malformed_body.tool_call_id_field",
        "The server refuses a tool-call id in the history as a field ('Invalid"
        " 'messages[4].tool_calls[0].id': string too long. Expected a string with maximum"
        " length 40'): ids made by another provider, a relay or an agent framework were"
        " replayed to one that checks them. OpenAI types it string_above_max_length, which"
        " LiteLLM reports as a ContextWindowExceededError, and a relay may pass it on as a 500;"
        " the conversation's shape is at fault, not its length.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (
                r"messages\[\d+\]\.(?:tool_calls\[\d+\]\.id|tool_call_id)\b",
                "].id",
                "].tool_call_id",
            ),
        ),
        # above request.context_length (91), which reads the string_above_max_length code
        priority=92,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "Invalid 'messages[2].tool_calls[0].id': string too long. Expected a string with"
            " maximum length 40, but got a string with length 83 instead.",
            '{"error": {"message": "Invalid \'messages[10].tool_calls[0].id\': string too long.'
            " Expected a string with maximum length 40, but got a string with length 53"
            ' instead.", "type": "invalid_request_error", "param": "messages[10].tool_calls[0].id",'
            ' "code": "string_above_max_length"}}',
        ),
        near_misses=(
            "Invalid 'messages[1].content': string too long. Expected a string with maximum"
            " length 10485760, but got a string with length 12000000 instead.",
        ),
    ),
    Rule(
        "request.invalid_parameter.tool_call_id_format",
        "A tool-call id in the history does not have the form the model's tokenizer demands:"
        " mistral_common (Mistral's API, and vLLM, LM Studio or MLX servers running a Mistral"
        " or Devstral model) takes only 9 characters of a-z, A-Z, 0-9 ('Tool call id was"
        " call_49c8... but must be a-z, A-Z, 0-9, with a length of 9'). Ids made by another"
        " provider, an agent framework or the server itself (call_<hex>, uuids) were replayed;"
        " the first turn works and the next fails, whatever status the server answers with"
        " (local servers send a 500).",
        L,
        Cause.INVALID_PARAMETER,
        says(
            (r"tool call id was [^\n]{0,80} but must be", "tool call id was "),
            "must be a-z, a-z, 0-9, with a length of",
        ),
        # above request.status_4xx and the generic 5xx rules, beside the sibling that reads
        # OpenAI's own id check as a field (tool_call_id_field, 92)
        priority=90,
        retry=Retry.NEVER,
        confidence=0.85,
        samples=(
            "AI_APICallError: Tool call id was call_PTLP8xhu3uwZk4l3nlnrrJha but must be a-z,"
            " A-Z, 0-9, with a length of 9.",
            'LLM response status: 400 body: {"object":"error","message":"Tool call id was'
            ' 2968-LWy3uasib but must be a-z, A-Z, 0-9, with a length of 9.","type":'
            '"invalid_function_call","param":null,"code":"3280"}',
            "openai.BadRequestError: Error code: 400 - {'object': 'error', 'message': 'Tool call"
            " id was 38f04d9ea185424a8dc6ed9a88da5 but must be a-z, A-Z, 0-9, with a length of"
            " 9.', 'type': 'invalid_request_error', 'param': None, 'code': None}",
        ),
        near_misses=(
            "Tool call id was not found in the previous assistant message",
            "The password must be a-z, A-Z, 0-9 and at least 8 characters long",
        ),
    ),
    Rule(
        "request.malformed_body.gateway_token_estimate",
        "Azure API Management's token policies (azure-openai-token-limit, llm-token-limit,"
        " the token-metric policies) estimate a request's prompt tokens before forwarding it"
        " and answer 400 when the body is not a chat completion, completion or embeddings"
        " request they can read (LanguageModelTokenLimitCannotEstimatePromptTokens: 'Unable to"
        " parse and estimate tokens from incoming request'). The gateway refused the body's"
        " shape before the model saw it: send a body of a supported kind, or have the"
        " gateway's owner turn the estimate off for that API.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (r"unable to parse and estimate tokens (?:from|for)", "estimate tokens"),
            "cannotestimateprompttokens",
        ),
        priority=88,
        origin=Origin.GATEWAY,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            '{ "statusCode": 400, "message": "Unable to parse and estimate tokens from incoming'
            " request. Please ensure incoming request is of one of the following types: 'Chat"
            " Completion', 'Completion', 'Embeddings' and works with current prompt estimation"
            " mode of 'Auto'.\" }",
            "LastErrorReason: LanguageModelTokenLimitCannotEstimatePromptTokens\n"
            "LastErrorMessage: Unable to parse and estimate tokens for incoming request.",
        ),
        near_misses=(
            "Unable to estimate the cost of this request; the token count is shown after it"
            " completes",
        ),
    ),
    Rule(
        "request.malformed_body.message_order",
        "The server's check of the message sequence fails (Mistral's"
        " invalid_request_message_order: a role after the wrong role, tool calls and results"
        " that do not pair up, a last role it does not serve; Gemini's user/model alternation).",
        L,
        Cause.MALFORMED_BODY,
        # Mistral's own type for it is a row of its catalogue (providers/mistral.py)
        says(
            (r"unexpected role '?[\w.]+'? after role", "unexpected role "),
            "unexpected role roleenum",
            "not the same number of function calls and responses",
            "expected last role",
            "must have either content or tool_calls",
            (r"alternate between (?:the )?user and (?:the )?model", "alternate between "),
        ),
        priority=83,
        confidence=0.75,
        samples=(
            "Error: 400 Unexpected role 'user' after role 'tool'",
            "Persistent 400 Error: Not the same number of function calls and responses",
            "Expected last role User or Tool (or Assistant with prefix True) for serving but"
            " got assistant",
            "Please ensure that multiturn requests alternate between user and model.",
        ),
        near_misses=("Unexpected token '<' in JSON at position 0",),
    ),
    Rule(
        "request.malformed_body.empty_messages",
        "The messages (or contents, input) array was sent empty or not at all: OpenAI's"
        " \"Invalid 'messages': empty array\" (code empty_array), 'messages must not be empty',"
        " Chinese relays' 消息不能为空 / messages不能为空. Nothing to answer: the"
        " conversation the client built is empty (a history trimmed to nothing, a template"
        " that rendered no turn).",
        L,
        Cause.MALFORMED_BODY,
        says(
            (
                r"invalid '(?:messages|input|contents)': empty array",
                "empty array",
            ),
            (
                r"\b(?:messages|contents)(?: array| list| field)? (?:must not|cannot|can't|should"
                r" not|may not) be empty",
                "be empty",
            ),
            (
                r"\b(?:messages|contents)(?: array| list)? (?:is|are|was) empty",
                "is empty",
                "are empty",
                "was empty",
            ),
            (
                r"(?:消息|messages|消息列表|对话内容|contents)\s?(?:列表)?(?:不能为空|不可为空|为空)",
                "为空",
            ),
            # absent altogether: relays' own checks ("contents is required", whatever status)
            (r"(?<![\w ])(?:\d{3} )?(?:messages|contents) (?:is|are) required\b", " required"),
        ),
        priority=85,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "Error code: 400 - {'error': {'message': \"Invalid 'messages': empty array. Expected"
            " an array with minimum length 1, but got an empty array instead.\", 'type':"
            " 'invalid_request_error', 'param': 'messages', 'code': 'empty_array'}}",
            '{"error":{"message":"messages must not be empty","type":"invalid_request_error"}}',
            '{"code":400,"msg":"消息列表不能为空"}',
            '{"error":{"message":"contents is required","type":"upstream_error"},"status":500}',
        ),
        near_misses=(
            "The response was empty",
            "Invalid 'tools': empty array. Expected an array with minimum length 1",
        ),
    ),
    Rule(
        "request.malformed_body.google_contents_path",
        "Google's request check says a value under contents or the system instruction has the"
        ' wrong shape ("Unknown name \\"text\\" at \'contents[1].parts[0]\': Proto field is not'
        " repeating, cannot start list\", 'Starting an object on a scalar field', \"Invalid value"
        " at 'system_instruction.parts[0]'\"): the message shape is wrong, whichever client or"
        " relay (OpenRouter, LiteLLM, Vertex) built it. An unknown field name there ('Cannot"
        " find field') is a refused parameter (request.invalid_parameter.named_field); the same"
        " check under 'tools[...]' a tool schema.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (
                r"at '?(?:contents|system_?instruction)[^\n']{0,80}'?: (?:proto field is not"
                r" repeating|starting an object on a scalar field)",
                "proto field is not repeating",
                "starting an object on a scalar field",
            ),
            (r"invalid value at '?(?:contents|system_?instruction)\b", "invalid value at"),
        ),
        # above request.invalid_parameter.named_field (85) and request.invalid_parameter (82),
        # which read Google's "unknown name" wherever it points
        priority=86,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            '{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name'
            ' \\"parts\\" at \'contents[2]\': Proto field is not repeating, cannot start list.",'
            '"status":"INVALID_ARGUMENT"}}',
            "google.genai.errors.ClientError: 400 INVALID_ARGUMENT. Invalid value at"
            " 'system_instruction.parts[0].text' (TYPE_STRING), 42",
        ),
        near_misses=(
            'Invalid JSON payload received. Unknown name "type" at \'tools[0]'
            ".function_declarations[0].parameters.properties[0].value.items': Proto field is not"
            " repeating, cannot start list.",
            'Invalid JSON payload received. Unknown name "cache_control" at \'contents[0]'
            ".parts[0]': Cannot find field.",
        ),
    ),
    Rule(
        "request.malformed_body.param_path",
        "The error's param names a part of the conversation (messages[2], contents,"
        " input...) and nothing more specific decided: relays that file the reason there under"
        " a generic message ('Param Incorrect') and providers that point at the turn they"
        " could not take. The message shape is wrong.",
        L,
        Cause.MALFORMED_BODY,
        all_of(says("param"), _param_names(_PARAM_MESSAGES)),
        # below the wording rules (82-90) that name a cause themselves; above the bare status
        priority=60,
        retry=Retry.NEVER,
        confidence=0.65,
        samples=(
            '{"error":{"message":"Param Incorrect","type":"new_api_error","param":"messages[4]'
            ' assistant content must contain at least one part","code":"400"}}',
        ),
        near_misses=('{"error":{"message":"Param Incorrect","param":"temperature"}}',),
    ),
    Rule(
        "request.tool_schema.param_path",
        "The error's param names the tools (tools[0].function.parameters, 'tools contains"
        " duplicate names') and nothing more specific decided: a tool definition was refused.",
        L,
        Cause.TOOL_SCHEMA,
        all_of(says("param"), _param_names(_PARAM_TOOLS)),
        priority=60,
        retry=Retry.NEVER,
        confidence=0.65,
        samples=(
            '{"error":{"message":"Param Incorrect","type":"rix_api_error","param":"tools contains'
            ' duplicate names: search","code":"400"}}',
        ),
        near_misses=('{"error":{"message":"Param Incorrect","param":"top_p"}}',),
    ),
    Rule(
        "request.malformed_body.reasoning_history",
        "A reasoning model's state was not passed back in the history: the assistant turn lacks"
        " its reasoning_content (Kimi, DeepSeek, SiliconFlow with thinking on), Gemini's"
        " thought_signature on a function call, or Claude's thinking block before a tool"
        " result. The client rebuilt the conversation without them: message shape.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (
                r"reasoning_content[`'\"]? (?:is |field is )?missing|missing [`'\"]?"
                r"reasoning_content",
                "reasoning_content",
            ),
            (r"missing (?:a |the )?thought_signature", "thought_signature"),
            (
                r"thought_signature[^\n]{0,40}(?:is )?(?:required|missing|invalid)",
                "thought_signature",
            ),
            "must start with a thinking block",
            (r"expected `thinking` or `redacted_thinking`", "redacted_thinking"),
        ),
        priority=86,
        retry=Retry.NEVER,
        confidence=0.8,
        samples=(
            "Error code: 400 - {'code': 20015, 'message': 'thinking is enabled but"
            " reasoning_content is missing in assistant tool call message at index 7', 'data':"
            " None}",
            '{"error":{"code":400,"message":"Function call is missing a thought_signature in'
            ' functionCall parts. This is required for tools to work correctly.","status":'
            '"INVALID_ARGUMENT"}}',
        ),
        near_misses=('{"choices":[{"message":{"reasoning_content":"..."}}]}',),
    ),
    # A server's schema check (pydantic, zod) that places the fault in the conversation's
    # own structure, the messages, the system prompt or the contents, or that was given a
    # list where a string goes (content blocks sent to a server that takes plain text): the
    # message shape is wrong, not one parameter's value. A check on a plain parameter
    # (temperature, an embedding's input) stays with the parameter rules.
    Rule(
        "request.malformed_body.shape_check",
        "A schema check refused the conversation's structure: the messages, system prompt or"
        " contents are not of the shape the server takes.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (
                r"""\\?["']body\\?["'], ?\\?["']?(?:messages|system|contents)\b""",
                "body",
            ),
            (r"""["']path["']: ?\[["'](?:messages|system|contents)["']""", "path"),
            (
                r"\b(?:messages|system|content)\b[\w.\[\]]{0,40}:? input should be a valid",
                "input should be a valid",
            ),
            (r"should be a valid string \[type=string_type, input_value=\[", "input_value=["),
        ),
        priority=84,
        confidence=0.7,
        samples=(
            '422 {"detail":[{"type":"string_type","loc":["body","messages",0,'
            '"content","str"],"msg":"Input should be a valid string"}]}',
            'Invalid request: [{"code":"invalid_type","expected":"array","path":'
            '["messages"],"message":"Required"}]',
            "1 validation error for MessagesRequest system.str Input should be a valid string"
            " [type=string_type, input_value=[{'type': 'text', 'text': 'hi'}], input_type=list]",
        ),
        near_misses=(
            "422 {'detail': [{'type': 'string_type', 'loc': ['body', 'input', 0], 'msg':"
            " 'Input should be a valid string', 'input': [791, 1561]}]}",
            "temperature: Input should be a valid number",
        ),
    ),
    Rule(
        "request.malformed_body.messages",
        "The messages array or its content is empty, missing or of the wrong shape.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (r"messages: (?:at least one|text content blocks must)", "messages: "),
            "field required",
            (r"messages\.\d+", "messages."),
            "cannot end with trailing whitespace",
            "required_field_missing",
            # Bedrock without toolConfig around tool blocks; Gemini's last turn
            "toolconfig field must be defined",
            "must be at least 1 token long",
            # Gemini with no contents; a model that takes no assistant prefill
            "contents is not specified",
            # Vertex/Gemini given only a system instruction: "Unable to submit request because
            # at least one contents field is required"
            "at least one contents field is required",
            # Mistral (3240, also through watsonx): an assistant turn with neither
            (r"content or tool_calls (?:should|must) be non-empty", "tool_calls "),
            # the body does not fit the server's types: OpenAI, Rust (serde) and Go servers
            (r"missing required parameter: '?messages", "missing required parameter: "),
            "'$.messages' is too short",
            "parts must not be empty",
            (r"\binput required\b", "input required"),
            # one-api/new-api's own request check, whatever status it answers with (400 or
            # 500): "field messages is required", "input is empty", "input is required"
            (r"field (?:messages|input|prompt|contents) is required", "field "),
            (r"\binput is (?:empty|required)\b", "input is "),
            # Anthropic's empty blocks wherever they sit (system, a message, a tool result):
            # "system: text content blocks must be non-empty", "all messages must have
            # non-empty content except for the optional final assistant message"
            (
                r"content blocks? must (?:be non-empty|contain non-whitespace)",
                "content block",
            ),
            (r"messages must have non-empty content", "non-empty content"),
        ),
        priority=83,
        confidence=0.75,
        samples=(
            "{'type': 'invalid_request_error', 'message': 'messages: final assistant content"
            " cannot end with trailing whitespace'}",
            "Request failed with status: 400 Bad Request. Message: *"
            " GenerateContentRequest.contents[13].parts: contents.parts must not be empty.",
            '500 {"error":{"type":"new_api_error","message":"field messages is required'
            ' (request id: 20260716180321242258548)"},"type":"error"}',
            "google.api_core.exceptions.InvalidArgument: 400 Unable to submit request because at"
            " least one contents field is required.",
            "Error 3240: At least one content or tool_calls should be non-empty",
            '{"type":"error","error":{"type":"invalid_request_error","message":"system: text'
            ' content blocks must be non-empty"}}',
            "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type':"
            " 'invalid_request_error', 'message': 'messages: all messages must have non-empty"
            " content except for the optional final assistant message'}}",
        ),
    ),
    Rule(
        "request.malformed_body.translated",
        "A server or relay says, in the user's language, that the request body or its format"
        " is wrong (not the value of one parameter): Chinese 请求体格式错误, 请求格式错误,"
        " 无法解析请求体, 请求体不是合法的JSON; Japanese リクエストボディが不正 /"
        " リクエストの形式が正しくありません; Spanish 'cuerpo de la solicitud no válido';"
        " Portuguese 'corpo da requisição inválido'; French 'corps de la requête invalide';"
        " Russian 'неверный формат запроса'. The same reading as 'We could not parse the JSON"
        " body of your request': the body's shape, a malformed body.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (r"请求体\s?(?:格式)?\s?(?:错误|有误|无效|不合法|解析失败)", "请求体"),
            (r"请求(?:数据)?格式(?:错误|有误|不正确|不合法)", "请求"),
            "无法解析请求体",
            (r"请求体不是(?:合法|有效)的\s?json", "请求体"),
            (r"リクエスト(?:ボディ|本文)が不正", "リクエスト"),
            "リクエストの形式が正しくありません",
            (r"cuerpo de (?:la )?solicitud (?:no v[aá]lido|inv[aá]lido|mal formado)", "cuerpo de "),
            (r"corpo da (?:requisi[cç][aã]o|solicita[cç][aã]o) inv[aá]lido", "corpo da "),
            (r"corps de (?:la )?requ[eê]te (?:invalide|mal form[eé])", "corps de "),
            "неверный формат запроса",
        ),
        priority=80,
        retry=Retry.NEVER,
        confidence=0.7,
        samples=(
            '{"code":400,"msg":"请求体格式错误"}',
            "错误：无法解析请求体，请检查 JSON",
            "エラー: リクエストボディが不正です",
        ),
        near_misses=("请求参数格式错误：temperature", "响应格式错误"),
    ),
    Rule(
        "request.malformed_body.role",
        "A message carries a role the API does not take (Gemini's 'user'/'model', Anthropic's"
        " 'user'/'assistant' with the system prompt apart, a chat template without a system"
        " role): the messages were built for another API's shape.",
        L,
        Cause.MALFORMED_BODY,
        says(
            # Gemini; the Vercel AI SDK's InvalidMessageRoleError; Volcengine Ark's parameter check
            "please use a valid role",
            "invalidmessageroleerror",
            (r"invalid (?:message )?role(?! arn)\b", "invalid role", "invalid message role"),
            "`messages.role` specified in the request are not valid",
            # OpenAI's older schema check: "'' is not one of ['system', ...] - 'messages.9.role'"
            (r"is not one of \[[^\]\n]{0,80}\] - '?messages\.\[?\d+\]?\.role", "is not one of ["),
            # Anthropic given a system turn; servers naming a role they do not know
            # (vLLM's chat templates say only "Unexpected message role."; Zhipu's 1214
            # "Incorrect role information" for a developer turn)
            (
                r"(?:unexpected|unsupported|unknown|unrecognized|incorrect) (?:message )?role:? "
                r"(?:'\w+'|\"\w+\"|`\w+`|\w+\b)(?! after)",
                "unexpected role",
                "unexpected message role",
                "unsupported role",
                "unsupported message role",
                "unknown role",
                "unknown message role",
                "unrecognized role",
                "unrecognized message role",
                "incorrect role",
                "incorrect message role",
            ),
            (r"(?:unexpected|unsupported|unknown|unrecognized) message role\.", "message role."),
            (r"\brole must be (?:one of|either|in|user)\b", "role must be "),
            (r"\.role must be one of", ".role must be one of"),
            # chat templates (Gemma, Mistral) raising on roles they were not written for
            (r"system role (?:is )?not supported", "system role "),
            # "Only user and assistant roles are supported!", "Only system, user and assistant
            # roles are supported."; starcoder2-instruct's "System messages are not allowed in
            # this template."; Qwen's "System message must be at the beginning."
            (
                r"only (?:system, )?user and assistant roles are supported",
                "user and assistant roles are supported",
            ),
            "system messages are not allowed in this template",
            "system message must be at the beginning",
        ),
        priority=86,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {'error': {'code': 400,"
            " 'message': 'Please use a valid role: user, model.', 'status': 'INVALID_ARGUMENT'}}",
            "AI_InvalidMessageRoleError: Invalid message role: 'function'. Must be one of:"
            ' "system", "user", "assistant", "tool".',
            "ArkHttpException{statusCode=400, message='The parameter `messages.role` specified in"
            " the request are not valid: invalid value: `SYSTEM`, supported values are: `system`,"
            " `assistant`, `user`, `tool`.'}",
            "{\"error\": {\"message\": \"'' is not one of ['system', 'assistant', 'user',"
            ' \'function\'] - \'messages.21.role\'", "type": "invalid_request_error"}}',
            "jinja2.exceptions.TemplateError: System role not supported",
            '{"error":{"message":"chat template rejected the request: Unexpected message role.",'
            '"type":"invalid_request_error","param":null,"code":null}}',
            "400 {\"message\":\"developer is not one of ['system', 'assistant', 'user',"
            " 'tool', 'function'] - 'messages.[0].role'\",\"type\":\"invalid_request_error\"}",
            '400: {"message":"Error from provider (Console Go): Upstream request failed: [1214]'
            ' Incorrect role information","type":"server_error","param":"","code":null}',
        ),
        near_misses=(
            "Error: 400 Unexpected role 'user' after role 'tool'",
            "Unexpected error while assigning the IAM role.",
            "Unknown role. Please contact your administrator.",
            "ValidationException: Invalid role ARN: arn:aws:iam::123456789012:role/x",
            "Unsupported value: 'messages[59].role' does not support 'function' with this model.",
        ),
    ),
    Rule(
        "request.malformed_body.content_type",
        "A message's content has a JSON type the server does not take: an array of parts where"
        " it takes a string (Workers AI, older OpenAI-compatible servers), null, or an object.",
        L,
        Cause.MALFORMED_BODY,
        says(
            # Cloudflare Workers AI's schema check: "Type mismatch of '/messages/*/content'"
            "type mismatch of '/messages",
            # OpenAI and its imitators, however the body is wrapped: the field named is the
            # message's content (or role), not a parameter of the request
            (
                r"invalid (?:type|value) for '(?:messages?\.?\[?\d+\]?\.)?(?:content|role)'",
                "invalid type for '",
                "invalid value for '",
            ),
            (r"\bcontent must be (?:a )?(?:string|str\b|text)", "content must be "),
            (r"content must be string or (?:a )?list", "content must be "),
            "invalid message content type",
        ),
        priority=99,
        retry=Retry.NEVER,
        confidence=0.75,
        samples=(
            "AiError: Bad input: Error: oneOf at '/' not met, 0 matches: Type mismatch of"
            " '/messages/1/content', 'array' not in 'string'",
            "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid type for"
            " 'messages[2].content': expected one of a string or array of objects, but got an"
            " object instead.\", 'type': 'invalid_request_error', 'param': 'messages[2].content',"
            " 'code': 'invalid_type'}}",
            '{"error":{"message":"Invalid value for \'content\': expected a string, got'
            ' null.","type":"invalid_request_error","param":"messages.[0].content"}}',
            "litellm.BadRequestError: OpenAIException - content must be a string",
        ),
        near_misses=(
            "Invalid 'messages[0].content': string too long. Expected a string with maximum"
            " length 10485760, but got a string with length 10730000 instead.",
            "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        ),
    ),
    Rule(
        "request.malformed_body.encoding",
        "The body is not what the server can decode: its content type, a header it requires,"
        " or text with broken characters.",
        L,
        Cause.MALFORMED_BODY,
        says(
            (r"content-type (?:must|should) be", "content-type "),
            "unsupported media type",
            # a server's chat template choking on a message's shape (vLLM)
            "can only concatenate str (not",
            (r"invalid (?:high|low) surrogate", " surrogate"),
            "no low surrogate",
            (r"\bheaders? (?:is|are) required", " required"),
            (r"request is missing (?:the )?(?:header|x-)", "request is missing "),
        ),
        priority=83,
        confidence=0.75,
        samples=(
            '{\n  "detail": {\n    "status": "failure",\n    "message": "Either'
            ' x-portkey-config or x-portkey-provider header is required"\n  }\n}',
        ),
    ),
)
