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
        Documented(
            "500",
            Cause.SERVER_ERROR,
            DOCS,
            _URL + "Error code: 500 - " + _body("500", "内部错误"),
            "An internal error; retry.",
            status=500,
            context=True,
            decides=False,
            why_not="Wrappers of Zhipu's API (Chatchat's zhipu worker) put code 500 on any"
            " error they relay, before Zhipu's own bracketed code and words ('[1214][prompt"
            " 参数非法]'); those decide, and a bare 500 is the server side by its status.",
        ),
        _row(
            "1100",
            Cause.SERVER_ERROR,
            500,
            "账户读写错误",
            "Reading or writing the account failed at Zhipu; retry.",
        ),
        _row(
            "1110",
            Cause.POLICY_BLOCK,
            403,
            "您的账户当前处于非活动状态。请检查账户信息",
            "The account is inactive (not verified or deactivated); check it in the console.",
        ),
        _row(
            "1111",
            Cause.KEY_INVALID,
            401,
            "您的账户不存在",
            "The key belongs to no account.",
        ),
        _row(
            "1112",
            Cause.POLICY_BLOCK,
            403,
            "您的账户已被锁定，请联系客服解锁",
            "The account is locked; support must unlock it.",
        ),
        _row(
            "1120",
            Cause.SERVER_ERROR,
            500,
            "无法成功访问您的账户，请稍后重试",
            "The account could not be reached at Zhipu; retry later.",
        ),
        _row(
            "1121",
            Cause.POLICY_BLOCK,
            403,
            "账户存违规行为，账号已被锁定",
            "The account was locked for a violation.",
        ),
        _row(
            "1210",
            Cause.INVALID_PARAMETER,
            400,
            "API 调用参数有误，请检查文档",
            "A call parameter is wrong.",
        ),
        _row(
            "1212",
            Cause.INVALID_PARAMETER,
            400,
            "当前模型不支持sse调用方式",
            "The model does not support this call method (sync, async or streaming).",
        ),
        _row(
            "1213",
            Cause.INVALID_PARAMETER,
            400,
            "未正常接收到prompt参数",
            "A required parameter did not arrive.",
        ),
        _row(
            "1215",
            Cause.INVALID_PARAMETER,
            400,
            "temperature与top_p不能同时设置，请检查文档",
            "Two parameters that exclude each other were both set.",
        ),
        _row(
            "1220",
            Cause.PERMISSION_MODEL,
            403,
            "您无权访问glm-4-alltools",
            "The key may not call this API.",
        ),
        _row(
            "1221",
            Cause.ENDPOINT_MISMATCH,
            404,
            "API glm-3-turbo已下线",
            "The API (or model) was retired; call a current one.",
        ),
        _row(
            "1222",
            Cause.ENDPOINT_MISMATCH,
            404,
            "API glm-x不存在",
            "No such API.",
        ),
        _row(
            "1230",
            Cause.SERVER_ERROR,
            500,
            "API 调用流程出错",
            "The call flow failed at Zhipu; retry.",
        ),
        _row(
            "1231",
            Cause.INVALID_PARAMETER,
            400,
            "您已有请求：req-8a9c",
            "A request with the same request_id already exists; send a unique one.",
        ),
        _row(
            "1234",
            Cause.SERVER_ERROR,
            500,
            "网络错误，错误id：20240301-abc，请联系客服",
            "A network error inside Zhipu (not the caller's network); retry or report the id.",
        ),
        _row(
            "1300",
            Cause.POLICY_BLOCK,
            403,
            "API 调用被策略阻止",
            "A platform policy blocked the call.",
        ),
        _row(
            "1305",
            Cause.OVERLOADED,
            429,
            "该模型当前访问量过大，请您稍后再试",
            "The model is under heavy traffic (older docs: the API's traffic limit); retry later.",
        ),
        _row(
            "1313",
            Cause.POLICY_BLOCK,
            429,
            "您的账户使用模式不符合公平使用策略",
            "The account's usage pattern breaks the plan's fair-use policy.",
        ),
    ),
)
