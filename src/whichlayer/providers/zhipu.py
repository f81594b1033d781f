"""Zhipu AI (BigModel, Z.ai, GLM): numeric business codes inside an OpenAI-shaped body."""

from whichlayer.providers._base import Documented, Provider
from whichlayer.taxonomy import Cause, Layer, Retry

DOCS = "https://docs.bigmodel.cn/cn/api/api-code"
DOCS_EN = "https://docs.z.ai/api-reference/api-code"


_URL = "POST https://open.bigmodel.cn/api/paas/v4/chat/completions\n"


def _body(code: str, message: str) -> str:
    return '{"error": {"code": "' + code + '", "message": "' + message + '"}}'


def _row(
    code: str, cause: Cause, status: int, message: str, meaning: str, retry: Retry | None = None
) -> Documented:
    return Documented(
        code,
        cause,
        DOCS,
        _URL + f"Error code: {status} - " + _body(code, message),
        meaning,
        status=status,
        context=True,
        retry=retry,
    )


PROVIDER = Provider(
    id="zhipu",
    name="Zhipu AI (BigModel / Z.ai)",
    kind="provider",
    hosts=("open.bigmodel.cn", "api.z.ai", "bigmodel.cn"),
    protocols=("openai", "anthropic"),
    openai_base="https://open.bigmodel.cn/api/paas/v4",
    words=("bigmodel", "zhipu", "z.ai", "智谱"),
    model_families=(r"glm|chatglm",),
    family_rank=8,
    docs=DOCS_EN,
    errors=(
        _row("1000", Cause.KEY_INVALID, 401, "身份验证失败。", "Authentication failed."),
        _row(
            "1001",
            Cause.KEY_MISSING,
            401,
            "Header中未收到Authentication参数，无法进行身份验证。",
            "No Authorization header arrived.",
        ),
        _row(
            "1002",
            Cause.KEY_INVALID,
            401,
            "Authentication Token非法，请确认Authentication Token正确传递。",
            "The token is not valid.",
        ),
        _row(
            "1003",
            Cause.KEY_EXPIRED,
            401,
            "Authentication Token已过期，请重新生成/获取。",
            "The token has expired; generate a new one.",
        ),
        _row(
            "1004",
            Cause.KEY_INVALID,
            401,
            "通过Authentication Token的验证失败。",
            "The token failed verification.",
        ),
        _row(
            "1113",
            Cause.INSUFFICIENT_BALANCE,
            429,
            "您的账户已欠费，请充值后重试。",
            "The account is in arrears; top up.",
        ),
        _row(
            "1211",
            Cause.MODEL_NOT_FOUND,
            400,
            "模型不存在，请检查模型代码。",
            "No such model code.",
        ),
        Documented(
            "1214",
            Cause.UNKNOWN,
            DOCS,
            _URL + "Error code: 400 - " + _body("1214", "messages 参数非法。请检查文档。"),
            "A parameter is invalid.",
            status=400,
            context=True,
            decides=False,
            layer=Layer.REQUEST,
            why_not="Zhipu also answers 1214 for a malformed messages array; the request "
            "rules read which.",
        ),
        _row("1261", Cause.CONTEXT_LENGTH, 400, "Prompt 超长", "The prompt is too long."),
        _row(
            "1301",
            Cause.CONTENT_FILTER,
            400,
            "系统检测到输入或生成内容可能包含不安全或敏感内容，"
            "请您避免输入易产生敏感内容的提示语，感谢您的配合。",
            "Input or output judged unsafe.",
        ),
        _row(
            "1302",
            Cause.CONCURRENCY,
            429,
            "您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。",
            "Too many concurrent requests.",
        ),
        _row(
            "1303",
            Cause.RPM,
            429,
            "您当前使用该API的频率过高，请降低频率，或联系客服增加限额。",
            "Requests too frequent.",
        ),
        _row(
            "1304",
            Cause.QUOTA_EXHAUSTED,
            429,
            "该API已达今日调用次数限额，如有更多需求，请联系客服购买。",
            "The daily call quota is used up.",
        ),
        _row(
            "1308",
            Cause.PLAN_LIMIT,
            429,
            "已达到 5 小时的使用上限。您的限额将在 2025-09-01 12:00:00 重置。",
            "The plan's usage cap for the period is reached.",
        ),
        _row(
            "1309",
            Cause.PLAN_LIMIT,
            429,
            "您的 GLM Coding Plan 套餐已到期，暂无法使用。",
            "The subscription plan has expired.",
        ),
        _row(
            "1310",
            Cause.PLAN_LIMIT,
            429,
            "您已达到每周/每月使用上限，您的限额将在 2025-09-08 00:00:00 重置。",
            "The weekly or monthly cap of the plan is reached.",
        ),
        _row(
            "1311",
            Cause.PERMISSION_MODEL,
            403,
            "当前订阅套餐暂未开放GLM-5权限",
            "The plan does not include this model.",
        ),
        _row(
            "1312",
            Cause.OVERLOADED,
            429,
            "该模型当前访问量过大，请您稍后再试。",
            "The model is under heavy load; retry later or switch model.",
        ),
    ),
)
