"""Quota: money and allowance (balance, plan, project quota, billing cap)."""

from __future__ import annotations

import re

from whichlayer.rules.base import (
    Facts,
    Rule,
    all_of,
    any_of,
    field_is,
    none_of,
    relayed_status_rows,
    says,
    status,
)
from whichlayer.rules.view import View
from whichlayer.taxonomy import Cause, Layer, Origin

L = Layer.QUOTA

# Google quota ids name their window: "...PerDay...", "..._per_day", "per day per user".
_PER_DAY = re.compile(r"per[ _]?day|perday|daily|per[ _]?month|free[_ ]?tier")
_PER_MINUTE = re.compile(r"per[ _]?minute|perminute|per[ _]?second|persecond|per min\b")
_FREE_TIER_WAIT = re.compile(r"retry in (\d+(?:\.\d+)?)s|retrydelay\W+(\d+(?:\.\d+)?)s")
_NAMED_DAY = re.compile(r"per[ _]?day|perday|daily|per[ _]?month")


def free_tier_per_minute(hay: str) -> bool:
    """A free-tier quota metric (``..._free_tier_requests``) that refills within a minute
    and names no day or month window: Gemini's per-minute free-tier limit, which prints
    only the metric and "Please retry in 26.0s". A wait fixes it: a rate limit."""
    if "free_tier" not in hay or _NAMED_DAY.search(hay):
        return False
    wait = _FREE_TIER_WAIT.search(hay)
    return wait is not None and float(wait.group(1) or wait.group(2)) <= 60


def _google_daily_quota(view: View) -> Facts | None:
    """A Google 429 whose violated quota is per day (or a free tier), or whose limit is 0."""
    if "quota" not in view.hay and not view.fields("reason"):
        return None
    quota_text = " ".join(view.fields("reason")) + " " + view.hay
    if re.search(r"\blimit:? 0\b|, limit: 0|\"limit\": ?\"?0\b", quota_text):
        return {"quota limit": "0"}
    daily = _PER_DAY.search(quota_text)
    if daily and not _PER_MINUTE.search(quota_text) and not free_tier_per_minute(view.hay):
        return {"quota window": daily.group(0)}
    return None


RULES: tuple[Rule, ...] = (
    Rule(
        "quota.billing_cap.code",
        "The body's code says billing is capped or not active.",
        L,
        Cause.BILLING_CAP,
        field_is(
            "code",
            "billing_hard_limit_reached",
            "billing_not_active",
            "budget_exceeded",
            "spend_limit_reached",
        ),
        priority=100,
        confidence=0.95,
        samples=(
            '{"error":{"message":"当前分组负载已饱和","type":"billing_not_active",'
            '"param":"","code":"billing_not_active"}}',
        ),
        near_misses=('{"error":{"message":"x","type":"insufficient_quota","code":null}}',),
    ),
    Rule(
        "quota.billing_cap.phrase",
        "A spend limit or budget was reached, or billing is not set up.",
        L,
        Cause.BILLING_CAP,
        any_of(
            says(
                "billing hard limit",
                "hard limit has been reached",
                (r"budget (?:has been )?exceeded", "exceeded"),
                (r"exceeded (?:your|the) (?:monthly )?budget", "exceeded "),
                "max budget",
                (r"spend(?:ing)? limit", " limit"),
                "key limit exceeded",
                (r"exceeded (?:\w+ )?budget", "exceeded "),
                "crossed budget",
                (r"monthly spend(?:ing)? limit", "monthly spend"),
                (r"key with a higher (?:monthly )?limit", "key with a higher "),
                "higher monthly limit",
                (
                    r"usage limits? (?:for|of) (?:this|your) (?:key|workspace|organization)",
                    "usage limit",
                ),
                (r"specified (?:workspace )?api usage limits", "api usage limits"),
                "you will regain access on",
                # past a plan's allowance, overages (Claude's "extra usage", Cursor's and
                # Augment's usage-based overages, a billing API's overage_limit) are paid
                # usage: their limit is a spending cap the account or its admin set
                (r"overage[_ ](?:spend(?:ing)? )?(?:limit|cap)", "overage"),
                (r"(?:limit|cap) (?:for|on) overages", "overages"),
            ),
            field_is("reason", "billing_disabled"),
        ),
        priority=95,
        confidence=0.9,
        samples=(
            "Billing hard limit has been reached.",
            "This request requires more credits, or fewer max_tokens. You requested up to"
            " 32000 tokens, but can only afford 0. To increase, visit"
            " https://openrouter.ai/settings/keys and create a key with a higher monthly limit",
            "Usage limit reached: this team's overage spend limit is used up for the month.",
        ),
        near_misses=(
            "Your plan's limit is reached. Enable overages to keep going.",
            "You exceeded your current quota, please check your plan and billing details.",
        ),
    ),
    Rule(
        "quota.billing_cap.billing_not_enabled",
        "Billing is not set up or not active for the account or project (Google Cloud, Azure).",
        L,
        Cause.BILLING_CAP,
        says(
            (r"billing (?:is )?not (?:active|enabled)", "billing "),
            "requires billing to be enabled",
            # Google Cloud: no billing account on the project
            "billing must be enabled",
            "billing account for project",
            "enable billing on",
            (r"account is not active[^\n]{0,40}billing", "account is not active"),
            "specialfeatureorquotaidrequired",
            "does not have quotaid",
        ),
        priority=95,
        confidence=0.9,
        samples=(
            '{"error":{"code":403,"message":"Billing account for project \'123\' is not'
            " found. Billing must be enabled for activation of service(s)"
            ' \'aiplatform.googleapis.com\' to proceed.","status":"PERMISSION_DENIED"}}',
        ),
    ),
    Rule(
        "quota.billing_cap.subscription",
        "The account needs a subscription or extra usage it does not have, or its"
        " subscription expired.",
        L,
        Cause.BILLING_CAP,
        says(
            (r"extra usage (?:is )?required", "extra usage "),
            "enable extra usage",
            "must subscribe to a plan",
            (r"(?:not have|no) (?:a )?valid [\w ]{0,20}subscription", "subscription"),
            "subscription has expired",
            # no subscription in force: "You have no active subscription", "Your subscription
            # is inactive", "subscription was cancelled"
            (
                r"(?:no|not have an?|without an?) active (?:[\w\-]+ )?subscription",
                "subscription",
            ),
            # (the account it names may stand between: "Your subscription for <email> is
            # inactive")
            (
                r"subscription (?:for [^\n]{1,60}? )?(?:is |has been |was )?"
                r"(?:inactive|not active|cancell?ed|ended)",
                "subscription",
            ),
        ),
        priority=95,
        confidence=0.9,
        samples=(
            "Doubao API error (400): Your account does not have a valid CodingPlan"
            " subscription, or your subscription has expired.",
            '{"error":"You have no active subscription. Subscribe to a plan to use the API."}',
            "403 Forbidden: your subscription is inactive, renew it to continue",
            "Your subscription for jane@example.com is inactive. Please update your plan.",
        ),
        near_misses=(
            "Your subscription is active until 2026-12-31",
            "Your subscription for jane@example.com is active until 2026-12-31",
        ),
    ),
    Rule(
        "quota.billing_cap.paused",
        "The model service was paused by an inference limit the account set (Volcengine Ark's"
        " safe experience mode).",
        L,
        Cause.BILLING_CAP,
        says(
            "set inference limit",
            "safe experience mode",
            "model service has been paused",
        ),
        priority=95,
        confidence=0.9,
        samples=(
            "Your account has reached the set inference limit for the model, and the model"
            ' service has been paused. Please adjust or close the "Safe Experience Mode"',
        ),
    ),
    Rule(
        "quota.billing_cap.local",
        "The agent stopped itself at the spending limit it was configured with.",
        L,
        Cause.BILLING_CAP,
        says(
            "cost limit exceeded",
            "exit due to cost limit",
            (r"exceeds? (?:the )?cost limit", "cost limit"),
        ),
        priority=90,
        origin=Origin.CLIENT,
        confidence=0.75,
        samples=("WARNING  Cost limit exceeded INFO Exit due to cost limit",),
        near_misses=("Billing hard limit has been reached.",),
    ),
    Rule(
        "quota.insufficient_balance",
        "The account, or the relay user, has no money or credits left.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        any_of(
            says(
                (
                    r"insufficient[ _](?:account )?(?:balance|credits?|funds|user quota)",
                    "insufficient",
                ),
                "credit balance is too low",
                "requires more credits",
                "not enough credits",
                "out of credits",
                (r"balance (?:is )?(?:insufficient|too low|not enough)", "balance "),
                (r"(?:doesn't|does not) have any credits", " have any credits"),
                "balance is not sufficient",
                "exhausted balance",
                "add more credits",
                (r"credits? (?:are |have been )?(?:exhausted|depleted|used up)", "credit"),
                "credits_exhausted",
                (
                    r"account (?:balance|credit)[^\n]{0,30}(?:exhausted|depleted|negative)",
                    "account ",
                ),
            ),
            says(
                # Roo Code's words for a 402; Venice's "Insufficient USD or Diem balance";
                # OpenAI's "You have no credits remaining" (not "add credits to continue",
                # which plans' usage windows say too)
                (r"(?:run|ran|running) out of (?:funds|money)", "out of funds", "out of money"),
                (r"insufficient [\w ]{1,20} balance", "insufficient "),
                (r"no credits? (?:remaining|left)", "no credit"),
            ),
            field_is(
                "code",
                "insufficient_balance",
                "insufficient_user_quota",
                "insufficient_credits",
                "payment_required",
                "pre_consume_token_quota_failed",
            ),
        ),
        priority=94,
        confidence=0.9,
        samples=(
            "403 Your account balance is not sufficient to support this request. Please recharge.",
            "Your newly created team doesn't have any credits or licenses yet. You can"
            " purchase credits on https://console.x.ai/team/abc.",
            "Something went wrong: Insufficient Balance",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
            " Billing to upgrade or purchase credits.",
            "You seem to have run out of funds/credits in your account. Go to your provider and"
            " add more to continue.",
            '{"error":"Insufficient USD or Diem balance to complete request. Visit'
            ' https://venice.ai/settings/api to add credits."}',
            "Error: You have no credits remaining. Add credits to continue using the API at"
            " https://platform.openai.com/settings/organization/billing/.",
            "Request refused: your credits have been used up. Buy more credits in the dashboard.",
        ),
        near_misses=("Request too large for gpt-4o on tokens per min (TPM)",),
    ),
    # OpenAI's insufficient_quota ("You exceeded your current quota, please check your plan
    # and billing details") means the prepaid credit is used up or the monthly spend cap is
    # hit (OpenAI's error-code guide; W&B Inference documents the same words as "run out of
    # credits or reached your monthly spending cap"; threads fix it by adding credit or a
    # card). Codex retells it as "Quota exceeded. Check your plan and billing details." The
    # same words with Google's or DashScope's context are a free tier or a token rate there.
    Rule(
        "quota.insufficient_balance.exceeded_quota",
        "OpenAI's 'You exceeded your current quota, please check your plan and billing details'"
        " (and agents' retelling of it): the prepaid credit is used up (or the spend cap hit);"
        " Google's and DashScope's use of the same words is left to their own rules.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        all_of(
            says(
                (
                    r"exceeded your current quota,? please check your plan and billing",
                    "exceeded your current quota",
                ),
                (r"quota exceeded\. check your plan and billing", "quota exceeded. check"),
                # retold without "current" by apps and games that quote it
                (
                    r"exceeded (?:your|the) quota,? please check your plan and billing",
                    "exceeded your quota",
                    "exceeded the quota",
                ),
                (
                    r"insufficient quota\. please check your (?:plan and )?billing",
                    "insufficient quota.",
                ),
            ),
            # Google's free tier, DashScope's token rate, a gateway's rate or concurrency
            none_of(
                says(
                    "generativelanguage",
                    "ai.google.dev",
                    "googleapis",
                    "quota metric",
                    "quotametric",
                    "resource_exhausted",
                    "free_tier",
                    "free tier",
                    "aliyun",
                    "dashscope",
                    "allocationquota",
                    "bailian",
                    "token-limit",
                    "qwen",
                    "per minute",
                    "per day",
                    "concurrent",
                )
            ),
        ),
        priority=93,
        confidence=0.85,
        samples=(
            'Error 429 "You exceeded the quota, please check your plan and billing details"',
            '{"error": {"message": "You exceeded your current quota, please check your plan and '
            'billing details.", "type": "insufficient_quota", "param": null, "code": null}}',
            "A 402 error: You exceeded your current quota, please check your plan and billing"
            " details",
            "■ Quota exceeded. Check your plan and billing details.",
        ),
        near_misses=(
            "429 You exceeded your current quota, please check your plan and billing details. For"
            " more information on this error, head to: https://ai.google.dev/gemini-api/docs/"
            "rate-limits. * Quota exceeded for metric: generativelanguage.googleapis.com/"
            "generate_content_free_tier_requests, limit: 20",
            "You exceeded your current quota, please check your plan and billing details. For"
            " details, see: https://help.aliyun.com/zh/model-studio/error-code#token-limit",
        ),
    ),
    Rule(
        "quota.insufficient_balance.relay_quota",
        "A one-api/new-api relay's user quota cannot cover the request (its pre-consume check).",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            "预扣费额度失败",
            "quota is not enough",
            (r"quota[^\n]{0,60}is not enough", "is not enough"),
            "preconsumedquota",
            (r"user quota: ?-?\d", "user quota:"),
            "pre-consume",
            "剩余额度",
            # new-api's insufficient_user_quota is documented as 用户配额不足; relays built on
            # it (DMXAPI, rix_api) name the user: "用户 [36] 配额不足"
            (r"用户\s*(?:\[\s*\d+\s*\]\s*)?配额不足", "配额不足"),
        ),
        priority=94,
        confidence=0.9,
        samples=(
            "cause: 用户额度不足, 剩余额度: ＄-0.000002 (request id: 2026081909331357925)",
            '{"error": {"message": "用户 [1024] 配额不足", "type": "new_api_error", "code":'
            ' "insufficient_quota"}}',
        ),
        near_misses=("配额不足，请稍后再试", "今日剩余配额已用尽"),
    ),
    Rule(
        "quota.insufficient_balance.overdue",
        "The account is in arrears or overdue (DashScope's Arrearage, Volcengine Ark's"
        " AccountOverdue).",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            # DashScope's "Arrearage", Volcengine Ark's "AccountOverdueError"
            "arrearage",
            "account is in good standing",
            "overdue balance",
            "accountoverdue",
            "account_overdue",
        ),
        priority=94,
        confidence=0.9,
        samples=(
            "SUM: **ERROR**: Access denied, please make sure your account is in good standing.",
        ),
    ),
    Rule(
        "quota.insufficient_balance.chinese",
        "A Chinese server (Simplified or Traditional) says the balance or quota is"
        " insufficient, or asks to top up.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            "欠费",
            "请充值",
            # "充值后再试" asks for a top-up; "充值后还是一样" is a user's own account of it
            (r"充值后(?:再|重试|继续|使用|即可|方可)", "充值后"),
            "余额过低",
            "余额不足",
            "额度不足",
            "额度已用尽",
            # the same in Traditional Chinese (Taiwan's and Hong Kong's apps; 儲值 is Taiwan's
            # word for topping up)
            "欠費",
            "請充值",
            "請儲值",
            "餘額過低",
            "餘額不足",
            "額度不足",
            "額度已用盡",
        ),
        priority=94,
        confidence=0.9,
        samples=(
            "Model: GLM-5\nProvider: openai\nStatus Code: 429\n\n429"
            " 余额不足或无可用资源包,请充值。",
            "OpenRouter 帳戶餘額不足，請儲值後再試",
            "账户余额为零，充值后再试",
        ),
        near_misses=("一直报 Connection error (cause: fetch failed)，尝试重置和充值后还是一样。",),
    ),
    Rule(
        "quota.status_402",
        "402 Payment Required: the account must pay before this call can be served.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        status(402),
        priority=20,
        confidence=0.6,
        samples=("HTTP 402 Payment Required",),
        near_misses=("HTTP 401 Unauthorized",),
    ),
    # A relay or gateway naming the upstream's 402 ("Upstream error with status code 402",
    # "upstream returned 402", "402 from upstream", 上游返回 402): the provider behind it
    # wants payment, so the account the relay uses there (or yours, for a pass-through key)
    # is out of balance. The status's layer, as rate_limit.relayed_429 reads a 429; not the
    # relay's own failure (upstream.relay_upstream_error).
    Rule(
        "quota.relayed_402",
        "A relay reports that its upstream answered 402 Payment Required: the balance behind"
        " the relay (its channel's account, or yours with a pass-through key) is used up.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(*relayed_status_rows(402)),
        # above upstream.relay_upstream_error (65) and the bare status rules
        priority=77,
        origin=Origin.UPSTREAM,
        confidence=0.6,
        samples=(
            "proxy: Upstream error with status code 402",
            "请求失败：上游返回 402，请检查渠道余额",
        ),
        near_misses=("upstream error with status code 502", "synced 4021 records from upstream"),
    ),
    Rule(
        "quota.plan_limit",
        "A subscription's usage window (coding-agent plan) is used up until it resets.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (r"usage limit (?:has been )?(?:reached|exceeded)", "usage limit "),
            (r"hit your (?:usage )?limit", "hit your "),
            "limit will reset",
            (r"reached your (?:\w+ )?usage limit", "reached your "),
            "reached your usage limit",
            (r"(?<!rate )limit resets", "limit resets"),
            (r"resets? (?:at )?\d{1,2}(?::\d\d)?\s*(?:am|pm)", "reset"),
            (r"(?:5|five)[- ]hour limit", "hour limit"),
            "weekly limit",
            "usage_limit_reached",
            "exceed your account's rate limit",
            # Claude's plans cap the larger model separately: "You've reached your Opus limit"
            (r"reached your (?:opus|sonnet|fable|session|weekly) limit", "reached your "),
            "used all your remaining tokens",
            "reached the limit for requests",
            # Copilot's agent mode: "you have exhausted the agent mode usage limit"
            (r"exhausted (?:the |your )?(?:[\w-]+ ){0,3}usage limit", "usage limit"),
        ),
        priority=91,
        confidence=0.8,
        samples=(
            "The monthly usage limit has been reached (request_id:"
            " 0e06d8cd-211d-4ef7-a3d5-b14bd01b70b1)",
            "You've reached your Opus limit. Switch to Sonnet or wait until 3pm.",
            "Claude usage limit reached. Your limit will reset at 9am (America/Chicago).",
            "You've hit your limit · resets 10pm (America/New_York)",
            "Sorry, you have exhausted the premium chat usage limit. Please try again later.",
        ),
        near_misses=("Rate limit reached for gpt-4 in organization org-x on tokens per min",),
    ),
    Rule(
        "quota.plan_limit.window",
        "A coding plan's usage window (weekly or 7-day, 5-hour, the billing cycle) is used"
        " up, even when it comes as a 403 typed access_terminated_error (Kimi For Coding).",
        L,
        Cause.PLAN_LIMIT,
        says(
            (
                r"reached your (?:weekly|daily|monthly|5-hour|five-hour)(?: \(\d+-day\))?"
                r" usage limit",
                "usage limit",
            ),
            "usage limit for this billing cycle",
            "quota will reset when",
            (r"current \d+-(?:day|hour) window", " window"),
            # a subscription's rolling window: "after the 5-hour window resets"
            (
                r"(?:\d+|five)[- ]hour (?:usage |rolling )?window",
                "hour window",
                "hour usage window",
                "hour rolling window",
            ),
            (r"coding plan[^\n]{0,40}\blimit", "coding plan"),
            # the same window called a quota: Volcengine Ark's and BytePlus ModelArk's coding
            # plans ("exceeded the 5-hour usage quota"), OpenCode Go ("5-hour quota ... has
            # been reached")
            (r"(?:\d+|five)[- ]hour (?:usage )?quota", "hour quota", "hour usage quota"),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            '403 {"error":{"message":"You\'ve reached your weekly (7-day) usage limit. Your'
            ' quota will reset when the current 7-day window ends.","type":'
            '"access_terminated_error"}}',
            "HTTP 403 access_terminated_error: You've reached your monthly usage limit for"
            " this billing cycle",
            "429 Too Many Requests: plan quota used, retry after the 5-hour rolling window resets",
            "API error: you have used up your 5-hour usage quota; it resets at 14:00, or upgrade"
            " your plan",
        ),
        near_misses=(
            '{"error":{"message":"Access terminated. Review our Community Guidelines.",'
            '"type":"access_terminated_error"}}',
        ),
    ),
    Rule(
        "quota.plan_limit.monthly",
        "A plan's monthly allowance (premium requests, credits, chat messages) is used up.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (r"premium requests?\b", "premium request"),
            "monthly_request_count",
            (r"monthly request (?:limit|count|allowance|quota)", "monthly request "),
            (r"(?:out of|run out of|ran out of) (?:\w+ )?messages", "messages"),
            # monthly allowances of agent and assistant plans (Copilot, Kiro, Warp, Dify's
            # sandbox, bolt.new); a key's monthly spend limit is billing_cap
            (r"monthly (?:usage |chat messages )?quota", "monthly "),
            "monthly credit limit",
            "monthly usage limit",
            "monthly limit for premium",
            "monthly api rate limit",
            (r"\bquotalimit\b", "quotalimit"),
        ),
        priority=91,
        confidence=0.8,
        samples=("You're out of Codex messages",),
    ),
    Rule(
        "quota.plan_limit.overage",
        "The plan's own limit is reached and only overages, extra usage or an upgrade would"
        " continue.",
        L,
        Cause.PLAN_LIMIT,
        says(
            "individual quota reached",
            "enable overages",
            "overages enabled",
            (r"upgrade to (?:pro|max|plus|a higher plan)", "upgrade to "),
            # Claude plans: third-party apps bill the plan's extra usage
            "draw from your extra usage",
        ),
        priority=91,
        confidence=0.8,
        samples=(
            "Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error',"
            " 'message': 'Third-party apps now draw from your extra usage, not your plan"
            " limits.'}}",
        ),
    ),
    # An allowance counted per month or per day, with an upgrade as the way on: SaaS APIs'
    # free tiers word their caps so ("Free tier can ingest at most 2,000,000 tokens per month.
    # Upgrade your plan to continue", "Free plan allows 1000 searches per month. Please upgrade
    # your plan"), often under a 403 that alone would read as a permission.
    Rule(
        "quota.plan_limit.upgrade_window",
        "A limit counted per month or per day, with 'upgrade your plan' as the way on: the"
        " plan's allowance for the period is used up; wait for the next one or upgrade.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says("upgrade your plan", "upgrade the plan", "upgrade your subscription"),
            says(
                "per month",
                "a month",
                "each month",
                "monthly",
                "this month",
                "per day",
                "a day",
                "each day",
                "daily",
                "today",
            ),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            "PermissionDeniedError: 403 Free plan allows 1000 searches per month. Please upgrade"
            " your plan.",
        ),
        near_misses=("403 This model is not available on your plan. Upgrade your plan.",),
    ),
    # Japanese and Korean apps and agents: "利用制限に達しました" / "사용 한도에 도달했습니다"
    # alone is said of a 429 rate limit too ("しばらく待ってから再試行してください"); with "upgrade
    # the plan" ("プランをアップグレード", "플랜으로 업그레이드") it is the plan's allowance that is
    # used up (a Codex UI in Japanese; apps' "今月の…上限に達しました。プランをアップグレード
    # してください", "오늘의 사용 한도에 도달했습니다. Pro 플랜으로 업그레이드하세요").
    Rule(
        "quota.plan_limit.upgrade_i18n",
        "A Japanese or Korean message says a usage limit is reached and asks to upgrade the plan"
        " ('利用制限に達しました。プランをアップグレード…', '사용 한도에 도달했습니다. …플랜으로"
        " 업그레이드'): the plan's allowance is used up, not a rate.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (r"(?:制限|上限)に達し", "に達し"),
                (r"한도(?:에 도달|를 초과)", "한도"),
            ),
            says(
                (r"プラン(?:を|の|へ(?:の)?)?アップグレード", "アップグレード"),
                (r"(?:플랜|요금제)(?:을|를|으로|로)? ?업그레이드", "업그레이드"),
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "今月の利用回数の上限に達しました。プランをアップグレードしてください。",
            "使用制限に達しました。プランをアップグレードするか、クレジットを追加してください。",
            "오늘의 사용 한도에 도달했습니다. Pro 플랜으로 업그레이드하세요!",
        ),
        near_misses=(
            "API利用制限に達しました。しばらく待ってから再試行してください。",
            "AI 사용 한도에 도달했습니다. 잠시 후 다시 시도해 주세요.",
        ),
    ),
    Rule(
        "quota.plan_limit.weekly_or_daily",
        "A plan's weekly or daily window (Copilot's weekly limit, Zhipu's five-hour cap, a"
        " daily quota) is used up.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (r"daily [^\n]{0,30}quota limit", "quota limit"),
            "reached your daily quota",
            # Copilot's weekly window; Zhipu's 1308 five-hour cap
            "weekly rate limit",
            "user_weekly_rate_limited",
            "小时的使用上限",
        ),
        priority=91,
        confidence=0.8,
        samples=(
            "Server Error: Sorry, you've exceeded your weekly rate limit. Please review our"
            " Terms of Service. Error Code: user_weekly_rate_limited",
        ),
    ),
    Rule(
        "quota.quota_exhausted.code",
        "The body's type or code says the plan or project quota is used up (the insufficient_quota"
        " type; OpenAI's own words are quota.insufficient_balance.exceeded_quota). Relays rewrite"
        " a 429's message but keep the upstream's code, so the code decides over the words around"
        " it.",
        L,
        Cause.QUOTA_EXHAUSTED,
        any_of(
            field_is("type", "insufficient_quota"),
            field_is("code", "insufficient_quota", "quota_exceeded", "quota_exhausted"),
        ),
        priority=92,
        confidence=0.85,
        samples=(
            '{"error": {"message": "The request could not be served.", "type": '
            '"insufficient_quota", "code": "quota_exceeded"}}',
            '{"error": {"message": "当前分组上游负载已饱和，请稍后再试 (request id: 2026112403)", '
            '"type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}',
        ),
    ),
    # Azure Speech SDK's cancellation: "Connection was closed by the remote host. Error code:
    # 1007. Error details: Quota exceeded." The service ends the session by closing the
    # WebSocket; the details after it name why (a throttle there reads "Throttled due to too
    # many requests", which the rate rules take).
    Rule(
        "quota.quota_exhausted.speech_details",
        "The speech service closed the session and its error details say the quota is"
        " exceeded: the resource's quota (or its free tier) is used up for now; the closed"
        " connection is how the service ends the session.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says((r"error details: quota (?:exceeded|exhausted)", "error details: quota")),
        priority=90,
        confidence=0.75,
        samples=(
            "CancellationDetails: Connection was closed by the remote host. Error code: 1007."
            " Error details: Quota exceeded. SessionId: 0123456789abcdef0123456789abcdef",
        ),
        near_misses=(
            "Connection was closed by the remote host. Error code: 1007. Error details:"
            " Throttled due to too many requests.",
        ),
    ),
    Rule(
        "quota.quota_exhausted.phrase",
        "The message says the plan, project, trial or capacity quota is used up.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            "exceeded your current quota",
            "insufficient_quota",
            (r"quota (?:has been )?exhausted", "exhausted"),
            "exceeded current quota",
            # (also a relay's pool of accounts: "All accounts have exhausted their quota")
            (
                r"exhausted (?:your|their) (?:\w+ )?(?:capacity|quota)",
                "exhausted your ",
                "exhausted their ",
            ),
            "quota exceeded for quota metric",
            "out of quota",
            "no quota left",
            "quota used up",
            (r"exceeded (?:its|the) current quota", " current quota"),
            "exceeded_current_quota",
            # agents' own retelling of OpenAI's insufficient_quota
            "insufficient quota. please check",
            "quota exceeded. check your plan",
            "this request exceeds your quota",
            "配额已用尽",
            "配额不足",
            "额度超限",
            "配额超限",
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "request error, error status: 429, error message: You have exhausted your"
            " capacity on this model.",
            "429: every pooled account has exhausted their quota; the pool resets in 10m",
        ),
        near_misses=("Resource has been exhausted (e.g. check quota).",),
    ),
    Rule(
        "quota.quota_exhausted.free_tier",
        "A free tier or trial allowance is used up, or the model has no free tier for this"
        " account.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            (r"trial (?:request )?limit", "trial "),
            (r"reached your (?:trial|free) (?:request |tier )?limit", "reached your "),
            (r"(?:doesn't|does not) have a free quota tier", " have a free quota tier"),
            "no free quota tier",
            "free allocated quota",
            "for the free trial",
            (r"free trial (?:limit|requests?)", "free trial "),
            "free usage exceeded",
            (r"today.s free usage", "s free usage"),
            "free tier quota exceeded",
            # a trial that is over: "Your free trial has ended", "trial period expired"
            # ... and "Your free trial of <product> has ended"
            (
                r"trial(?: of [\w.\-]+(?: [\w.\-]+)?)? (?:period )?(?:has )?"
                r"(?:ended|expired|is over)",
                "trial ",
            ),
            # DashScope's 403 in "use free tier only" mode, whatever class a client raises it as,
            # and its documented message when a client prints only that ("The free tier of the
            # model has been exhausted. ... disable the \"use free tier only\" mode")
            "allocationquota.freetieronly",
            (
                r"free tier (?:of (?:the|this) model )?(?:has been |is )?(?:exhausted|used up)",
                "free tier ",
            ),
            # a free daily allowance used up: Qwen Code's "Your free daily quota has been
            # reached", apps' "used all your free requests for today", "daily limit of free
            # messages" (free credits, money-like, are left to the balance rules)
            (
                r"free (?:daily |monthly )?(?:quota|allowance|requests|messages) (?:has been |have"
                r" been |is |are )?(?:reached|used up|exhausted|exceeded)",
                "free ",
            ),
            (
                r"(?:used|reached|exhausted) (?:up )?(?:all )?(?:of )?(?:your |the )?(?:daily "
                r"|today's )?free (?:quota|requests|messages|allowance)",
                "free ",
            ),
            (r"daily limit of free (?:messages|requests|generations|uses)", "daily limit of free"),
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "429 Free allocated quota exceeded.",
            "Your free trial has ended. Please upgrade to continue.",
            'RuntimeException("dev.langchain4j.exception.AuthenticationException:'
            ' AllocationQuota.FreeTierOnly")',
            "✕ Qwen OAuth quota exceeded: Your free daily quota has been reached. Upgrade to"
            " the Coding Plan to continue.",
            "You have used all your free requests for today. Come back tomorrow.",
            "openai.PermissionDeniedError: Error code: 403 - The free tier of the model has been"
            " exhausted. If you wish to continue access the model on a paid basis, please disable"
            ' the "use free tier only" mode in the management console.',
        ),
        near_misses=(
            "You have run out of free credits. Add credits to continue.",
            "The free tier of this model is available to all accounts.",
        ),
    ),
    Rule(
        "quota.quota_exhausted.daily",
        "A daily or monthly request or token allowance is used up.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            (r"daily (?:request )?limit (?:reached|exceeded)", "daily "),
            # per-day token caps, monthly credit allowances, free tiers, ElevenLabs' characters
            (r"token limit \([\d,]+ per day\) exceeded", " per day) exceeded"),
            "monthly included credits",
            # daily allowances: Cloudflare's neurons, Gemini Code Assist, free tiers
            "daily free allocation",
            "daily limit of requests",
            # a counted allowance for the day: "Daily request 200 limit exceeded. Please try
            # again tomorrow.", "Requests reached the daily limit", "API call limit reached for
            # today"; Chinese apps' 已达到每日限制 and 次数超出限制 (a count of uses, not a rate)
            (r"daily request \d+ limit exceeded", "daily request "),
            "reached the daily limit",
            (r"(?:limit|quota) (?:reached|exceeded) for today", " for today"),
            "try again tomorrow",
            "请明天再试",
            (r"(?:达到|超过|超出)了?每日(?:调用|请求|使用)?(?:次数|额度)?限[制额]", "每日"),
            (r"次数(?:超出|超过|已达)了?(?:限制|上限)", "次数"),
            "次数已用完",
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "403 Daily limit exceeded for free users. Upgrade for more.",
            "ERROR [TrpcService] AxiosError: Request failed with status code 429 Daily request"
            " 200 limit exceeded. Please try again tomorrow.",
            "今天的调用次数超出限制",
            "你已达到每日限制。请明天再试。",
        ),
        near_misses=("Rate limit reached for requests per day (RPD): Limit 200",),
    ),
    Rule(
        "quota.quota_exhausted.service_quota",
        "A cloud service quota (AWS Service Quotas) is exceeded.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            # AWS: an account-level service quota (Bedrock's ServiceQuotaExceededException)
            "servicequotaexceededexception",
            "exceeds the service quota",
        ),
        priority=88,
        confidence=0.8,
        samples=(
            # the AWS SDK for JavaScript's line (botocore's printed code is read as a body
            # type, where Bedrock's catalogue row decides)
            "ServiceQuotaExceededException: Your request exceeds the service quota for your"
            " account.",
        ),
    ),
    Rule(
        "quota.google_daily",
        "A Google 429 whose quota is per day, a free tier, or has a limit of 0 is an "
        "allowance, not a speed limit.",
        L,
        Cause.QUOTA_EXHAUSTED,
        all_of(
            any_of(
                status(429),
                field_is("status_text", "resource_exhausted"),
                says(
                    (r"quota exceeded for (?:quota )?metric", "quota exceeded for "),
                ),
            ),
            _google_daily_quota,
        ),
        priority=97,
        confidence=0.85,
        samples=(
            '{"error":{"code":429,"message":"You exceeded your current quota. Quota exceeded for '
            "metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, "
            'limit: 0, model: gemini-2.5-pro","status":"RESOURCE_EXHAUSTED"}}',
        ),
        near_misses=(
            '{"error":{"code":429,"message":"Quota exceeded for quota metric '
            '\'Generate Content API requests per minute\'","status":"RESOURCE_EXHAUSTED"}}',
        ),
    ),
    Rule(
        "quota.relay_token_quota",
        "A relay token's own allowance, set on the token, is used up (not the account's balance).",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            "令牌额度已用尽",
            "该令牌额度",
            (r"token quota (?:is )?(?:exhausted|used up|exceeded)", "token quota "),
            # one-api/new-api print the token check that failed with the token's counter
            # ("!token.UnlimitedQuota && token.RemainQuota = 0"); relays built on them
            # (rix_api, DMXAPI) count requests too ("token.RemainCount = 0"). The check runs
            # before any channel is asked, and relays answer it as 401, 403 or 429.
            (r"token\.remain(?:quota|count) ?= ?-?\d", "token.remain"),
            "tokenstatusexhausted",
            # "Token count has been exhausted", "The token quota has been used up",
            # "Token amount has run out": the key's own allowance, not the account's money
            (
                r"token (?:quota|count|amount) (?:has been |is |was |has )?"
                r"(?:exhausted|used up|run out|depleted)",
                "token quota ",
                "token count ",
                "token amount ",
            ),
            # Chinese relays and apps: "API key 额度已用完", "令牌额度已耗尽"
            (r"(?:key|令牌|密钥)\s*额度(?:已)?(?:用完|用尽|耗尽)", "额度"),
        ),
        priority=95,
        origin=Origin.RELAY,
        confidence=0.8,
        samples=(
            '{"error":{"message":"该令牌额度已用尽 (request id: 2026112403)",'
            '"type":"new_api_error","param":"","code":""}}',
            "Error code: 401 - {'error': {'code': '', 'message': '[sk-q1w***e3r] Token quota has"
            " run out token.RemainQuota = 0 (request id: 2026031508150012)', 'type':"
            " 'one_hub_error'}}",
            "openai.AuthenticationError: Error code: 401 - The token quota has been used up",
            "403 Forbidden: API key 额度已用完，请联系管理员",
        ),
        near_misses=(
            "用户额度不足, 剩余额度: ＄-0.000002",
            "error consuming token remain quota: failed to update user quota after max retries",
        ),
    ),
    Rule(
        "quota.azure_deployment_capacity",
        "Creating an Azure OpenAI deployment asks for more capacity (TPM) than the "
        "subscription's quota has left: a quota to raise, not a rate to wait out.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            "insufficientquota",
            (r"bigger than (?:the )?(?:current )?available capacity", "available capacity"),
        ),
        priority=99,
        confidence=0.8,
        samples=(
            "InsufficientQuota: The specified capacity '1' of account deployment is bigger than "
            "available capacity '0' for UsageName 'Tokens Per Minute - gpt-4o-mini'.",
        ),
        near_misses=("Rate limit reached for gpt-4o on tokens per min (TPM)",),
    ),
    Rule(
        "quota.insufficient_balance.arrears",
        "The account owes money: an overdue or unpaid invoice or balance, arrears, an account"
        " suspended for non-payment. Servers often answer it as a bare 403 'Access denied';"
        " paying the balance restores access (not a key or permission problem).",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            (
                r"overdue (?:account|balance|payment|invoice|bill|amount|fee)s?\b",
                "overdue ",
            ),
            (
                r"(?:account|balance|payment|invoice|bill|subscription)s? (?:is |are |has been"
                r" |was |were )?(?:overdue|past due|in arrears|delinquent)",
                "overdue",
                "past due",
                "in arrears",
                "delinquent",
            ),
            (r"unpaid (?:invoice|bill|balance|amount|order)s?\b", "unpaid "),
            (r"outstanding (?:balance|invoice|payment|bill|amount|debt)s?\b", "outstanding "),
            (r"\barrears\b", "arrears"),
            (
                r"(?:suspended|paused|disabled|blocked|restricted|frozen) (?:due to|for|because"
                r" of) (?:an? )?(?:non-?payment|unpaid|overdue|late payment|missed payment"
                r"|failed payment)",
                "payment",
                "unpaid",
                "overdue",
            ),
        ),
        priority=94,
        confidence=0.85,
        samples=(
            "Error: 403 Access denied due to overdue account",
            '{"type":"about:blank","title":"Live Mode Paused","status":402,"detail":"Live API'
            ' access for this account is paused because of an unpaid invoice."}',
            '{"error":{"message":"Your account is suspended due to non-payment. Settle the'
            ' outstanding balance to continue.","code":403}}',
            "API request rejected: the account is in arrears.",
        ),
        near_misses=(
            "3 outstanding requests are still in the queue",
            "Request timed out: the response is overdue",
        ),
    ),
    Rule(
        "quota.quota_exhausted.monthly_credits",
        "A monthly allowance of credits (a plan's included AI credits, a free tier's monthly"
        " credits) is used up until the month renews: an allowance, not an empty prepaid"
        " balance.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            (
                r"monthly (?:[\w\-]+ ){0,3}credits? (?:(?:are|is|have been|has been) )?"
                r"(?:exhausted|used up|depleted|run out|exceeded)",
                "credit",
            ),
            (
                r"(?:used|exhausted|run out of|ran out of|used up) (?:all )?(?:of )?your"
                r" (?:included )?monthly (?:[\w\-]+ ){0,2}credits",
                "credits",
            ),
            (r"out of monthly (?:[\w\-]+ ){0,2}credits", "out of monthly "),
        ),
        priority=95,
        confidence=0.7,
        samples=(
            "Monthly AI credits exhausted",
            "You have used all of your monthly credits. Credits renew on the 1st.",
            "402: Your monthly free credits have been exhausted.",
        ),
        near_misses=(
            "Your credit balance is too low to access the Anthropic API.",
            "You've reached your monthly credit limit.",
        ),
    ),
    # Claude Code prints its own line for an Anthropic 429 on a subscription login and
    # drops the body; users who see it bare are on Pro/Max plans (a usage window, or a
    # long-context model the plan needs extra usage for). A body that names a per-minute
    # budget is read by the rate-limit rules, which rank above this one.
    Rule(
        "quota.plan_limit.claude_code_line",
        "Claude Code's own 'API Error: Rate limit reached' with no body: on a subscription"
        " login it stands for the plan's usage window or a model (1M context) the plan"
        " does not cover without extra usage.",
        L,
        Cause.PLAN_LIMIT,
        says("api error: rate limit reached"),
        priority=60,
        confidence=0.55,
        samples=("  \u23bf  API Error: Rate limit reached",),
        near_misses=("Rate limit reached for gpt-4 in organization org-x on tokens per min",),
    ),
    Rule(
        "quota.billing_cap.cap_reached",
        "A spending cap or money budget the account, team, key or admin set is reached"
        " ('spending cap reached', 'Daily budget of $5.00 reached', 'budget full'): raise the"
        " cap or wait for its period, no payment is missing.",
        L,
        Cause.BILLING_CAP,
        says(
            (
                r"spend(?:ing)? cap(?: has been| was| is)? (?:reached|hit|exceeded|exhausted)",
                "spend cap",
                "spending cap",
            ),
            (
                r"(?:reached|hit|exceeded) (?:its|your|the|their) (?:\w+ )?spend(?:ing)? cap",
                "spend cap",
                "spending cap",
            ),
            (
                r"(?:daily|monthly|weekly|spend(?:ing)?|cost|team|user|key|project|account"
                r"|org(?:ani[sz]ation)?)(?:'s)? budget\b[^\n]{0,30}?(?:reached|exhausted|used"
                r" up|is full|depleted)",
                "budget",
            ),
            (r"\bbudget (?:is )?full\b", "budget "),
        ),
        priority=95,
        confidence=0.8,
        samples=(
            "Spending cap reached \u00b7 resets 9pm",
            "WP_Error: Daily budget of $5.00 reached. Resets at midnight UTC.",
            "API Error: 402 budget full: the team budget has been exhausted, ask an"
            " administrator to increase the limit",
        ),
        near_misses=(
            "max_tokens must be greater than thinking.budget_tokens",
            "Rate limit reached for gpt-4o on tokens per min (TPM)",
        ),
    ),
    # LiteLLM's proxy words every budget it enforces (key, user, team, end user, model,
    # provider) as "Budget has been exceeded! ... Max budget", "ExceededBudget: User=... over
    # budget. Spend=..., Budget=...", "ExceededTokenBudget: Current spend for token ...", "...
    # exceeded budget for model=..."; other gateways say "Workspace daily budget of $5.00
    # exceeded" or "daily spend $3 exceeds budget $2". A money budget someone set is spent: a
    # cap, whatever status carries it (LiteLLM wraps the key's budget in a 401 "Authentication
    # Error"). A thinking or context token budget is a request parameter, not this.
    Rule(
        "quota.billing_cap.over_budget",
        "A money budget set on a key, user, team, workspace or project is spent ('over"
        " budget', 'ExceededBudget', 'budget of $5.00 exceeded', 'spend ... exceeds budget'):"
        " raise the budget or wait for its reset; the key itself is fine.",
        L,
        Cause.BILLING_CAP,
        all_of(
            says(
                "exceededbudget",
                "exceededtokenbudget",
                (r"\bover (?:its |their |your |the )?(?:\w+ )?budget\b", "budget"),
                (
                    r"budget of [$€£]?\d[\d,.]*(?: usd)? (?:has been |was |is )?"
                    r"(?:exceeded|reached|used up|exhausted)",
                    "budget of ",
                ),
                (
                    r"spend [$€£]?\d[\d,.]* exceeds? (?:the )?budget",
                    "exceeds budget",
                    "exceed budget",
                    "exceeds the budget",
                    "exceed the budget",
                ),
                (
                    r"(?:workspace|team|project|organi[sz]ation|customer|end user|user)(?:'s)?"
                    r" (?:\w+ )?budget (?:has been |was |is )?(?:exceeded|overrun)",
                    "budget",
                ),
            ),
            none_of(
                says(
                    "thinking", "budget_tokens", "context budget", "token budget", "context window"
                )
            ),
        ),
        priority=95,
        confidence=0.85,
        samples=(
            "429 ExceededBudget: User=u-42 over budget. Spend=15.2, Budget=15.0",
            "Error: 403 Team=analytics over budget. Spend=51, Budget=50",
            '{"error":{"message":"403 Forbidden - Workspace monthly budget of $20.00 exceeded.'
            ' Ask an admin to raise it.","code":403}}',
            "gateway: daily spend $3.10 exceeds budget $3.00, resets at midnight UTC",
        ),
        near_misses=(
            "max_tokens must be greater than thinking.budget_tokens",
            "thinking budget exceeds the model's maximum of 24576",
            "Prompt is over the token budget of 8000",
        ),
    ),
    Rule(
        "quota.insufficient_balance.other_languages",
        "A Spanish, Portuguese, Russian, Japanese or Korean message says the balance, funds or"
        " prepaid credits are insufficient.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            (r"saldo insuficiente", "saldo insuficiente"),
            (r"fondos insuficientes", "fondos insuficientes"),
            (r"cr[eé]ditos? insuficientes?", "insuficiente"),
            "недостаточно средств",
            "残高が不足",
            "잔액이 부족",
            "잔액 부족",
            # prepaid credits, not money: Korean routers' 402 "크레딧이 부족합니다", Japanese
            # apps' "クレジットが不足しています", Russian "недостаточно кредитов"
            (r"クレジット(?:残高)?(?:が|の)?不足", "クレジット"),
            (r"크레딧(?:이|가)? ?부족", "크레딧"),
            (r"недостаточно (?:кредитов|баланса)", "недостаточно "),
        ),
        priority=94,
        confidence=0.85,
        samples=(
            '{"error":"Saldo insuficiente para completar la solicitud."}',
            "Недостаточно средств на балансе провайдера.",
            "402: 잔액이 부족합니다.",
            "402: 크레딧이 부족합니다. 대시보드에서 충전하세요.",
            "エラー: クレジットが不足しています。チャージしてください。",
        ),
        near_misses=("Saldo suficiente",),
    ),
    Rule(
        "quota.billing_cap.payment_method_required",
        "The service wants billing set up before it serves the call: a payment method or"
        " credit card on file, 'Billing required' (Replicate's 402, Vercel AI Gateway's card"
        " requirement). Not a throttle that a payment method would lift.",
        L,
        Cause.BILLING_CAP,
        all_of(
            says(
                "billing required",
                (r"(?:need|have|must|required) to set ?up billing", "billing"),
                (
                    r"(?:credit card|payment method) on file",
                    "credit card on file",
                    "payment method on file",
                ),
                (
                    r"(?:requires?|need|must add|add) an? (?:valid )?(?:credit card|payment method)"
                    r" (?:to|before|in order to) (?:use|continue|run|access|service)",
                    "credit card",
                    "payment method",
                ),
                (r"no (?:default |valid )?payment method", "payment method"),
                # fal's account lock (its LockReason enum): "User is locked. Reason: Please
                # add a payment method at fal.ai/dashboard/billing"
                (
                    r"please add an? (?:valid )?(?:credit card|payment method)"
                    r" (?:at|in|on|to your)",
                    "credit card",
                    "payment method",
                ),
            ),
            none_of(says("throttled", "rate limit", "requests per minute")),
        ),
        priority=95,
        confidence=0.8,
        samples=(
            '{"detail": "User is locked. Reason: Please add a payment method at'
            ' fal.ai/dashboard/billing"}',
            '{"title":"Billing required","detail":"You need to set up billing before running'
            ' models.","status":402}',
            "GatewayInternalServerError: AI Gateway requires a valid credit card on file to"
            " service requests.",
        ),
        near_misses=(
            "Request was throttled. Your rate limit for creating predictions is reduced to 6"
            " requests per minute until you add a payment method.",
        ),
    ),
    # A free or trial allowance (免费额度, 试用额度, 赠送额度) that is used up: Chinese
    # providers' and apps' own words (Bailian's free-tier-only mode, apps' daily free quota,
    # relays' trial credit). An allowance, not an empty prepaid balance.
    Rule(
        "quota.quota_exhausted.free_allowance_chinese",
        "A Chinese message says a free, trial or gifted allowance is used up ('免费额度已用完',"
        " '试用额度已用完', '赠送额度已用尽'): an allowance ran out, not a prepaid balance.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            (
                r"(?:免费|试用|赠送)的?(?:额度|配额|次数|资源包|tokens?)[^\n，。,;；]{0,6}?"
                r"(?:用完|用尽|耗尽|已满|超限|不足)",
                "免费",
                "试用",
                "赠送",
            ),
        ),
        priority=95,
        confidence=0.8,
        samples=(
            '{"error":{"message":"今日免费额度已用完，请升级会员后继续使用。","code":"QUOTA_EXCEEDED"}}',
            "Error: 试用额度已用完",
            "当前 AI 模型的免费额度已用完，且启用了“仅使用免费额度”。",
        ),
        near_misses=("余额不足，请充值", "免费额度还剩 100 次"),
    ),
    # 配额 is a quota (an allotment of requests or tokens), not money: Chinese clients and
    # servers say it is reached or used up (LobeChat's QuotaLimitReached '已达该秘钥的配额(quota)
    # 上限', apps' '配额超限', gateways' '配额不足').
    Rule(
        "quota.quota_exhausted.quota_chinese",
        "A Chinese message says a quota (配额) is reached, used up or exceeded ('已达该秘钥的配额"
        "上限', '配额超限', '配额已用完'): an allowance of requests or tokens, not a balance.",
        L,
        Cause.QUOTA_EXHAUSTED,
        all_of(
            says(
                (
                    r"配[额額](?:\s*\(quota\))?(?:已)?(?:上限|用完|用尽|用盡|耗尽|耗盡|不足|超限)",
                    "配额",
                    "配額",
                ),
                (
                    r"(?:已达|已達|达到|達到|超出|超过|超過)[^\n，。,]{0,15}配[额額]",
                    "配额",
                    "配額",
                ),
            ),
            # a per-minute or per-second quota is a rate limit
            none_of(
                says(
                    "每分钟",
                    "每分鐘",
                    "每秒",
                    "qps",
                    "rpm",
                    "tpm",
                    "频率",
                    "頻率",
                    "频繁",
                    "頻繁",
                )
            ),
        ),
        priority=93,
        confidence=0.75,
        samples=(
            "很抱歉，当前 Token 用量/请求次数已达该秘钥的配额(quota)上限，"
            "请增加该秘钥的配额或稍后再试",
            "试用超额后再选择试用自己配置的模型，依然提示配额超限。",
            "Gemini API 配額已用完，請檢查 Google AI Studio 的使用限制",
        ),
        near_misses=("配额还剩 20 次", "余额不足", "请求超过每分钟配额，请稍后再试"),
    ),
    # A subscription or plan's own allowance (套餐额度, 订阅额度) that is used up: a coding or
    # SaaS plan's window, lifted by waiting for the reset or upgrading the plan (LobeChat's
    # SubscriptionPlanLimit, GLM Coding Plan helpers, relays' subscription_quota_exhausted).
    Rule(
        "quota.plan_limit.chinese",
        "A Chinese message says the subscription's or plan's allowance is used up ('套餐额度已"
        "用完', '您的订阅额度已用尽'): wait for the plan's reset or upgrade the plan.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (
                r"(?:订阅|套餐|会员)[^\n，。,]{0,6}?(?:额度|用量|次数|点数)[^\n，。,]{0,4}?(?:已)?"
                r"(?:用完|用尽|耗尽|达到上限|达上限)",
                "订阅",
                "套餐",
                "会员",
            ),
            # a weekly window (coding plans reset weekly: '本周额度已用完，将于周一重置')
            (
                r"(?:本周|每周)的?(?:额度|用量)[^\n，。,]{0,4}?(?:已)?(?:用完|用尽|耗尽)",
                "本周",
                "每周",
            ),
        ),
        priority=95,
        confidence=0.75,
        samples=(
            "您的订阅额度已用尽，无法使用该功能，请升级到更高计划，或购买资源包后继续使用",
            "GLM Coding Plan 的周或月套餐额度已用完。请等待重置时间，或在官方套餐页处理。",
            '{"error":{"code":"subscription_quota_exhausted","message":"当前套餐额度已用完，请升级'
            '套餐后继续使用"}}',
        ),
        near_misses=("套餐已到期", "余额不足，请充值"),
    ),
    # An allowance counted down to nothing, in the counter's own words: "remain quota 0",
    # "remaining quota is 0", "quota remaining: 0", "no remaining quota", "You have exhausted
    # your token allowance", "monthly token allowance used up". Relays and SaaS APIs print it
    # under a 401, 403 or 429 alike; a counter at zero is an allowance to renew or raise, not
    # a speed to wait out and not a key to replace. (Money left at zero is a balance:
    # quota.insufficient_balance.)
    Rule(
        "quota.quota_exhausted.counter_zero",
        "The quota or allowance counter is at zero ('remain quota 0', 'quota remaining: 0',"
        " 'no remaining quota', 'exhausted your token allowance'): the allowance is used up"
        " until it renews or is raised, whatever status carries it.",
        L,
        Cause.QUOTA_EXHAUSTED,
        all_of(
            says(
                (
                    r"remain(?:ing)?[ _]quota\W{0,3}(?:is |was |of |= ?|: ?)?0(?![\d.,])",
                    "remain quota",
                    "remaining quota",
                    "remain_quota",
                    "remaining_quota",
                ),
                (
                    r"quota[ _](?:remaining|left)\W{0,3}(?:is |: ?|= ?)?0(?![\d.,])",
                    "quota remaining",
                    "quota left",
                    "quota_remaining",
                    "quota_left",
                ),
                (r"no (?:remaining|more) quota", "no remaining quota", "no more quota"),
                (
                    r"(?:exhausted|used up|used all(?: of)?|run out of|ran out of) (?:your |the"
                    r" |its |their )?(?:\w+ ){0,2}allowance",
                    "allowance",
                ),
                (
                    r"allowance (?:has been |is |was )?(?:exhausted|used up|depleted|spent)",
                    "allowance",
                ),
            ),
            none_of(
                says(
                    "balance",
                    "credit",
                    "per minute",
                    "per second",
                    "plan",
                    "subscription",
                    "premium",
                )
            ),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            "Error 429: remain quota 0 (the key's allowance renews on the 1st)",
            '{"error":"quota_exceeded","detail":"quota remaining: 0 of 5000 requests"}',
            '429 {"error":{"message":"You have exhausted your token allowance for this period",'
            '"type":"rate_limit_exceeded"}}',
            "You have used up your monthly token allowance. It resets on the 1st.",
        ),
        near_misses=(
            "remaining quota: 0.75 of 1000",
            "Rate limit reached: 0 requests remaining per minute",
            "Your credit allowance is used up; add credits",
        ),
    ),
    # The same allowance used up, said in Spanish, Portuguese, French, German, Italian,
    # Russian, Japanese or Korean. Only verbs of using up count (agotada, esgotada, épuisé,
    # erschöpft/aufgebraucht, esaurita, исчерпана, 使い切, 소진): "cuota excedida" and
    # "quota dépassé" are said of per-minute rates too and stay with the rate rules.
    Rule(
        "quota.quota_exhausted.used_up_i18n",
        "A Spanish, Portuguese, French, German, Italian, Russian, Japanese or Korean message"
        " says a quota, free allowance or free tier is used up ('cuota agotada', 'cota"
        " esgotada', 'quota épuisé', 'Kontingent aufgebraucht', 'квота исчерпана',"
        " '無料枠を使い切りました', '무료 사용량을 모두 소진'): an allowance, not a rate.",
        L,
        Cause.QUOTA_EXHAUSTED,
        all_of(
            says(
                (
                    r"(?:cuota|cota|quota|kontingent|contingente)(?: \w+){0,2}"
                    r" (?:agotad[oa]|esgotad[oa]|épuisée?|erschöpft|aufgebraucht|esaurit[oa])",
                    "agotad",
                    "esgotad",
                    "épuisé",
                    "erschöpft",
                    "aufgebraucht",
                    "esaurit",
                ),
                (
                    r"(?:agotado|esgotou|épuisé|aufgebraucht|esaurito)(?: \w+){0,2}"
                    r" (?:cuota|cota|quota|kontingent)",
                    "agotado",
                    "esgotou",
                    "épuisé",
                    "aufgebraucht",
                    "esaurito",
                ),
                (r"(?:квот[ауы]|лимит\w*)(?: \w+){0,2} исчерпан", "исчерпан"),
                (r"исчерпали (?:\w+ )?(?:квоту|лимит)", "исчерпали"),
                (
                    r"(?:無料枠|クォータ|割り当て|利用枠)(?:を|が)?(?:使い切|使い果た|超過し)",
                    "使い",
                    "超過し",
                ),
                (r"(?:무료 사용량|할당량|사용량)(?:을|를|이)? ?(?:모두 )?소진", "소진"),
            ),
            none_of(says("por minuto", "par minute", "pro minute", "в минуту", "分あたり", "분당")),
        ),
        priority=90,
        confidence=0.75,
        samples=(
            '{"error":{"message":"Has agotado tu cuota gratuita de hoy"}}',
            "Erro 429: cota diária esgotada, tente amanhã",
            "Erreur : votre quota gratuit est épuisé",
            "Fehler 403: Ihr monatliches Kontingent ist aufgebraucht",
            "Ошибка: квота на сегодня исчерпана",
            "今日の無料枠を使い切りました",
            "무료 사용량을 모두 소진했습니다",
        ),
        near_misses=(
            "Se ha excedido la cuota de solicitudes por minuto",
            "Cuota agotada de solicitudes por minuto, espera",
        ),
    ),
    # A plan's usage limit in English possessive form and in Spanish, Portuguese, French,
    # German and Italian ("reached your plan's usage limit", "límite de uso de tu plan",
    # "limite de uso do plano atingido", "limite d'utilisation de votre forfait", "Nutzungslimit
    # Ihres Plans erreicht"): a subscription's allowance, renewed with the plan or lifted by
    # upgrading it. Japanese and Korean are quota.plan_limit.upgrade_i18n.
    Rule(
        "quota.plan_limit.plan_usage_i18n",
        "A message says the usage limit of the account's plan or subscription is reached, in"
        " English ('your plan's usage limit') or in Spanish, Portuguese, French, German or"
        " Italian: wait for the plan's reset or upgrade the plan.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (
                r"plan(?:'s)? usage limits? (?:has been |was |is )?(?:reached|exceeded|hit)",
                "usage limit",
            ),
            (
                r"(?:reached|hit|exceeded) (?:the |your )?(?:plan's|subscription's) usage limit",
                "usage limit",
            ),
            (
                r"l[íi]mite de (?:uso|utiliza[cç][aã]o)(?: \w+){0,3} (?:plan|plano|suscripci[oó]n"
                r"|assinatura)",
                "mite de uso",
                "mite de utiliza",
            ),
            (
                r"(?:plan|plano)(?: \w+){0,2} (?:atingido|alcanzado|agotado)",
                "atingido",
                "alcanzado",
                "agotado",
            ),
            (
                r"limite d'utilisation (?:\w+ ){0,2}(?:forfait|abonnement|plan)",
                "limite d'utilisation",
            ),
            (
                r"nutzungslimit(?: \w+){0,3} (?:plans?|abos?|abonnements?|tarifs?) erreicht",
                "nutzungslimit",
            ),
            (r"nutzungslimit erreicht[^\n]{0,40}(?:plan|abo|tarif)", "nutzungslimit"),
            (r"limite di utilizzo (?:\w+ ){0,2}(?:piano|abbonamento)", "limite di utilizzo"),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            '{"error":{"message":"You have reached your plan\'s usage limit. Please upgrade'
            ' your plan to continue.","type":"usage_limit"}}',
            "Limite de uso do plano atingido. Faça upgrade para continuar.",
            "Has alcanzado el límite de uso de tu plan. Mejora tu plan para continuar.",
            "Vous avez atteint la limite d'utilisation de votre forfait.",
            "Sie haben das Nutzungslimit Ihres Plans erreicht. Bitte upgraden Sie.",
            "Hai raggiunto il limite di utilizzo del tuo piano.",
        ),
        near_misses=(
            "Rate limit reached for requests per minute",
            "Límite de solicitudes por minuto alcanzado",
        ),
    ),
    # Not enough money, said in French, German, Italian, Dutch, Polish, Turkish, Vietnamese or
    # Indonesian ("Crédits insuffisants", "Guthaben nicht ausreichend", "Credito
    # insufficiente", "Onvoldoende saldo", "Niewystarczające środki", "Yetersiz bakiye", "Số dư
    # không đủ", "Saldo tidak mencukupi"): the balance is used up; top it up.
    Rule(
        "quota.insufficient_balance.european_asian",
        "A French, German, Italian, Dutch, Polish, Turkish, Vietnamese or Indonesian message"
        " says the balance, credit or funds are insufficient.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            (r"(?:solde|cr[ée]dits?|fonds) insuffisants?", "insuffisant"),
            (
                r"guthaben (?:ist )?(?:nicht (?:ausreichend|genug)|unzureichend|aufgebraucht)",
                "guthaben",
            ),
            (r"(?:unzureichendes|nicht genügend|nicht genug) guthaben", "guthaben"),
            (r"(?:saldo|credito|crediti|fondi) insufficient[ei]", "insufficient"),
            (r"onvoldoende (?:saldo|tegoed|credits?)", "onvoldoende"),
            (r"niewystarczaj\w+ (?:środk|saldo|kredyt)", "niewystarczaj"),
            (r"yetersiz (?:bakiye|kredi)", "yetersiz"),
            (r"số dư không đủ", "số dư"),
            (r"saldo (?:anda )?tidak (?:mencukupi|cukup)", "saldo"),
        ),
        priority=94,
        confidence=0.85,
        samples=(
            "Erreur 402 : crédits insuffisants",
            "Fehler: Guthaben nicht ausreichend",
            "Errore: credito insufficiente",
            "Onvoldoende saldo om dit verzoek uit te voeren",
            "Yetersiz bakiye",
        ),
        near_misses=("Guthaben aufgeladen", "saldo sufficiente"),
    ),
    # Prepaid credits or balance used up, said in Spanish, Portuguese, French, German,
    # Italian, Russian, Japanese or Korean ("Te has quedado sin créditos" in a Spanish API's
    # 402 table, "créditos esgotados", "vous n'avez plus de crédits", "keine Credits mehr",
    # "кредиты закончились", "クレジットを使い切りました", "크레딧을 모두 사용했습니다"): money,
    # as English "out of credits" is (quota.insufficient_balance). A quota or free allowance
    # used up is quota.quota_exhausted.used_up_i18n.
    Rule(
        "quota.insufficient_balance.used_up_i18n",
        "A Spanish, Portuguese, French, German, Italian, Russian, Japanese or Korean message"
        " says the prepaid credits or balance are used up ('sin créditos', 'créditos"
        " esgotados', 'plus de crédits', 'keine Credits mehr', 'кредиты закончились',"
        " 'クレジットを使い切りました', '크레딧을 모두 사용'): top up.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            (
                r"\b(?:sin|sem|no (?:tienes|tiene|hay|te quedan|le quedan)) (?:m[aá]s )?"
                r"(?:cr[eé]ditos|saldo)\b",
                "sin ",
                "sem ",
                "no ",
            ),
            (
                r"(?:cr[eé]ditos|saldo) (?:\w+ )?(?:esgotad[oa]s?|agotad[oa]s?)",
                "esgotad",
                "agotad",
            ),
            (r"plus de cr[ée]dits?", "plus de cr"),
            (r"(?:cr[ée]dits?|solde) (?:\w+ )?[ée]puis[ée]s?", "puis"),
            (r"keine (?:credits|guthaben|kredite) mehr", "keine "),
            (r"credits (?:sind |wurden )?aufgebraucht", "aufgebraucht"),
            (r"credit[oi] (?:\w+ )?esaurit[oi]", "esaurit"),
            (
                r"(?:кредиты|средства|баланс) (?:\w+ )?(?:закончил|исчерпан)",
                "закончил",
                "исчерпан",
            ),
            (r"закончил(?:ись|ся) (?:кредиты|средства|баланс)", "закончил"),
            (
                r"(?:クレジット|残高)(?:を|が)?(?:使い切|使い果た|ありません|なくなり)",
                "クレジット",
                "残高",
            ),
            (
                r"(?:크레딧|잔액)(?:을|를|이)? ?(?:모두 (?:사용|소진)|소진|없습니다)",
                "크레딧",
                "잔액",
            ),
        ),
        priority=94,
        confidence=0.8,
        samples=(
            "Error 402: Te has quedado sin créditos.",
            "Erro: seus créditos estão esgotados. Recarregue para continuar.",
            "Erreur 402 : vous n'avez plus de crédits",
            "Fehler: Keine Credits mehr verfügbar",
            "Ошибка: кредиты закончились, пополните баланс",
            "クレジットを使い切りました。チャージしてください。",
            "크레딧을 모두 사용했습니다. 충전 후 다시 시도하세요.",
        ),
        near_misses=(
            "sin errores",
            "Créditos disponibles: 120",
            "Le modèle n'est plus disponible",
        ),
    ),
    # An instruction to recharge or top up the account, balance or credits ("Insufficient
    # balance or no resource package. Please recharge." from Z.ai, Moonshot's "please
    # recharge your account", relays' "Please top up and try again"): the fix for a balance
    # used up, whatever the status the message came with. Not a recharge or top-up that
    # went through or an automatic top-up's setting, nor a rate or concurrency tier that a
    # larger balance raises.
    Rule(
        "quota.insufficient_balance.recharge",
        "The message asks to recharge or top up the account, balance or credits ('Please"
        " recharge', 'top up your account', 'top-up required'): the balance is used up.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        all_of(
            says(
                (r"(?:please|kindly) (?:recharge|top[ -]?up)\b", "recharge", "top"),
                (
                    r"(?:recharge|top[ -]?up) (?:your |the )?(?:account|balance|wallet|credits?)",
                    "recharge",
                    "top",
                ),
                (r"(?:recharge|top[ -]?up) (?:is )?required", "required"),
            ),
            none_of(
                says(
                    "success",
                    "completed",
                    "auto top",
                    "auto-top",
                    "auto recharge",
                    "auto-recharge",
                    "automatic",
                    # a rate tier tied to the balance ("top up to restore your concurrency")
                    "concurrency",
                    "rate limit",
                )
            ),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            "Error 429: Please recharge.",
            "The selected model needs a paid balance. Please top up and try again.",
            "Top up your account to continue using the API",
        ),
        near_misses=(
            "Recharge successful: $10.00 added to your balance",
            "Auto top-up is enabled for your account",
            "Concurrency limit of 10 reached for your balance tier. Please top up your balance"
            " to raise your concurrency.",
        ),
    ),
    # A key's counted allowance, stated as such: a trial key "limited to 1000 API calls /
    # month" (Cohere's trial keys), "Your API key has exceeded its usage quota", "Quota for
    # this API key has been reached". A count per month or in total is an allowance; only a
    # per-minute or per-second count is a rate.
    Rule(
        "quota.quota_exhausted.key_allowance",
        "The key's own counted allowance is reached: a trial key limited to so many calls a"
        " month, a key that 'has exceeded its usage quota': wait for the month or use a"
        " production key.",
        L,
        Cause.QUOTA_EXHAUSTED,
        all_of(
            says(
                (
                    r"limited to [\d,.]+k? (?:api )?(?:calls|requests|generations|messages)"
                    r" ?(?:/ ?|per |a |each )(?:month|day)",
                    "limited to ",
                ),
                (
                    r"(?:api )?key (?:has )?(?:exceeded|reached|used up|exhausted) its (?:usage"
                    r" |monthly |daily |request )?quota",
                    "its quota",
                    "its usage quota",
                    "its monthly quota",
                    "its daily quota",
                    "its request quota",
                ),
                (
                    r"quota for (?:this|your|the) (?:api )?key (?:has been |is |was )?"
                    r"(?:reached|exceeded|exhausted|used up)",
                    "quota for ",
                ),
            ),
            none_of(says("per minute", "per second", "/ minute", "/minute")),
        ),
        priority=92,
        confidence=0.8,
        samples=(
            "You are using a Trial key, which is limited to 1000 API calls / month. You can"
            " continue to use the Trial key for free or upgrade to a Production key",
            '{"message":"Your API key has exceeded its usage quota"}',
            "403 Forbidden: Quota for this API key has been reached",
        ),
        near_misses=(
            "Trial keys are limited to 20 API calls / minute",
            "Rate limit: this key is limited to 10 requests per minute",
        ),
    ),
    # Claude subscriptions cover standard context; long-context (1M) requests are served only
    # with the plan's extra usage switched on: "Extra usage is required for long context
    # requests" (a 429 typed rate_limit_error), "Extra usage is required for 1M context ·
    # enable extra usage at claude.ai/settings/usage, or use --model to switch to standard
    # context", "run /extra-usage to enable". The plan does not cover this request; waiting
    # does not help, extra usage or a standard-context model does (like quota.plan_limit.
    # overage's "draw from your extra usage"). A spent extra-usage allowance ("out of extra
    # usage") is not this.
    Rule(
        "quota.plan_limit.extra_usage_required",
        "A subscription plan serves this request (a long or 1M context) only with extra usage"
        " enabled ('Extra usage is required for long context requests'): enable extra usage or"
        " switch to the standard context; a retry will not help.",
        L,
        Cause.PLAN_LIMIT,
        says(
            (
                r"extra usage (?:is )?required for (?:long context|1m context|this model|this"
                r" request)",
                "extra usage ",
            ),
            (r"run /extra-usage to enable", "/extra-usage"),
            (r"enable extra usage at claude\.ai", "enable extra usage"),
        ),
        priority=96,
        confidence=0.85,
        samples=(
            'Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Extra usage'
            ' is required for long context requests."},"request_id":"req_0123"}',
            "API Error: Extra usage is required for 1M context · enable extra usage at"
            " claude.ai/settings/usage, or use --model to switch to standard context",
        ),
        near_misses=("You're out of extra usage. Add more at claude.ai/settings/usage",),
    ),
    # A plan's allowance for the month or billing cycle, said with the period rather than
    # "usage limit": Amazon Q Developer's "Maximum ...GenerateAssistantResponse reached for
    # this month" (sent as a ThrottlingException, yet it lasts until the month renews; AWS
    # staff: "you have reached the free tier limits for this month"), its later "Monthly
    # request limit reached - The limits reset on 08/01" and AmazonQUsageLimitError "Monthly
    # limit reached"; Cursor's "You've run out of fast requests", Kiro's "out of requests".
    # A spend cap for the month is billing_cap; a per-minute budget is a rate limit.
    Rule(
        "quota.plan_limit.this_month",
        "A plan's allowance is said to be reached for this month or billing cycle, or its"
        " requests are used up until the limits reset on a date ('Maximum ... reached for this"
        " month', 'Monthly limit reached', 'The limits reset on 08/01', 'run out of fast"
        " requests'): wait for the renewal or upgrade the plan.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"reached (?:for|in) (?:this|the current) (?:month|billing (?:cycle|period))",
                    "reached ",
                ),
                (
                    r"monthly (?:request |message |chat |call )?limits? (?:has "
                    r"been |have been |was |is )?(?:reached|hit|exceeded)",
                    "monthly ",
                ),
                (r"limits? (?:will )?reset on (?:the )?\w", "reset on "),
                (
                    r"(?:out of|run out of|ran out of|no more|no remaining) (?:fast |premium |"
                    r"included |agent |monthly |plan )?requests\b",
                    "out of ",
                    "no more ",
                    "no remaining ",
                ),
                (
                    r"(?:no remaining|used all (?:of )?your|used up your) (?:[\w\-]+ ){0,2}"
                    r"(?:requests|credits|messages) (?:for|in) (?:this|the current) (?:month|"
                    r"billing (?:cycle|period))",
                    "no remaining ",
                    "used all ",
                    "used up your ",
                ),
            ),
            none_of(
                says(
                    "per minute",
                    "per second",
                    "spend",
                    "budget",
                    "hard limit",
                    "rate limit",
                    "in flight",
                )
            ),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            'Error { code: "ThrottlingException", message: "Maximum chat invocations reached'
            ' for this month." }',
            "Unable to start a chat: Monthly request limit reached. The limits reset on 09/01.",
            "You are out of premium requests until your plan renews.",
            "You have no remaining credits for this billing cycle.",
        ),
        near_misses=(
            "Your organization has reached its monthly spending limit.",
            "Rate limit reached for requests per minute; limits reset on the next window",
            "no more requests in flight",
        ),
    ),
    # A relay or gateway's free-use allowance, named by its error type: OpenCode Zen answers
    # 429 {"type":"FreeUsageLimitError","message":"Rate limit exceeded. Please try again
    # later."} for its free models (an allowance counted per account or IP, which users see
    # as "Free usage exceeded"), whatever the message says about a rate.
    Rule(
        "quota.quota_exhausted.free_usage_limit",
        "The error is typed or worded as a free-usage limit (FreeUsageLimitError, 'free usage"
        " limit exceeded'): the free allowance is used up, even when the message says 'rate"
        " limit'; add credits, use a paid model or wait for the allowance.",
        L,
        Cause.QUOTA_EXHAUSTED,
        says(
            "freeusagelimiterror",
            "free_usage_limit",
            (r"free[ -]usage (?:limit|cap|quota)", "free usage ", "free-usage "),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            '429 {"type":"error","error":{"type":"FreeUsageLimitError","message":"Rate limit'
            ' exceeded. Please try again later."}}',
            "Error: free usage limit reached for this model, add credits to continue",
        ),
        near_misses=("Rate limit exceeded: free-models-per-min.",),
    ),
    # A plan's weekly or monthly usage cap in Chinese, Japanese or Korean, named with its
    # period or its reset: Z.ai's 1310 "已达到每周/每月使用上限" (English: "Weekly/Monthly Limit
    # Exhausted. Your limit will reset at ..."), "本周用量已达上限", "今月の利用上限に達しました",
    # "이번 달 사용 한도에 도달했습니다", Claude's Korean "사용 한도에 도달했습니다. 제한이
    # 재설정되면 다시 시도하세요". A bare "利用制限に達しました" / "사용 한도에 도달" is said of a
    # 429 rate limit too (upgrade_i18n): the period or the reset is what makes it a plan window.
    Rule(
        "quota.plan_limit.period_cjk",
        "A Chinese, Japanese or Korean message says the weekly or monthly usage cap is reached,"
        " or that the usage cap resets later ('已达到每周/每月使用上限',"
        " '今月の利用上限に達しました',"
        " '이번 달 사용 한도에 도달했습니다', '...제한이 재설정되면'): wait for the plan's reset or"
        " upgrade.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"(?:达到|已达|超过|超出)了?(?:本周|本月|每周|每月|当月)(?:/(?:每周|每月))?的?"
                    r"(?:使用|用量|调用)?(?:上限|限额)",
                    "达到",
                    "已达",
                    "超过",
                    "超出",
                ),
                (
                    r"(?:本周|本月|每周|每月|当月)的?(?:使用|用量|调用)?量?已?(?:达到?|超过|超出)了?"
                    r"(?:上限|限额)",
                    "本周",
                    "本月",
                    "每周",
                    "每月",
                    "当月",
                ),
                (
                    r"(?:今月|今週|月間|週間|月次|週次)の?(?:利用|使用)(?:上限|制限|枠)"
                    r"(?:に達|を超え|を使い切)",
                    "利用",
                    "使用",
                ),
                (r"(?:利用|使用)(?:上限|制限)に達し[^\n]{0,40}リセット", "リセット"),
                (
                    r"(?:이번 ?달|이번 ?주|월간|주간|월별|주별) ?(?:사용 ?)?(?:한도|한계)"
                    r"(?:에|를)? ?"
                    r"(?:도달|초과|소진)",
                    "한도",
                    "한계",
                ),
                (
                    r"사용 ?한도에 도달[^\n]{0,40}(?:재설정|초기화|리셋)",
                    "재설정",
                    "초기화",
                    "리셋",
                ),
            ),
            none_of(says("分钟", "秒后", "分後", "秒後", "분 후", "분당", "초 후", "minute")),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            '{"error":{"code":"1310","message":"已超过每月的使用限额，将于下月初重置"}}',
            "本月调用量已达上限",
            "今週の利用上限に達しました。",
            "주간 사용 한도에 도달했습니다.",
            "사용 한도에 도달했습니다. 한도가 재설정된 후 다시 시도해 주세요.",
        ),
        near_misses=(
            "本月使用上限为 1000 次",
            "利用制限に達しました。1分後に再試行してください。",
            "요청 한도에 도달했습니다",
        ),
    ),
    # A usage limit that lasts until a calendar date, or days: plans and subscriptions count
    # allowances in windows of days, weeks or a month, so a wait named as a date or in days is
    # a plan window, not a per-minute rate ("Limitation until 12 May 2026" from a note app's
    # provider, Codex's "try again in 5 days 22 hours", Claude's "resets Feb 7, 11am", Amazon Q's
    # "The limits reset on 08/01"). A ban or suspension until a date is identity's.
    Rule(
        "quota.plan_limit.until_date",
        "A usage limit or limitation is said to last until a calendar date, or to lift in"
        " days or weeks ('Limitation until 12 May 2026', 'try again in 5 days'): a plan's"
        " window, not a per-minute rate; wait for it or upgrade.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"(?:limit(?:ation|ed)?|usage)\b[^\n]{0,40}? until (?:\d{1,2}(?:st|nd|rd|th)?"
                    r" (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*,? \d{4}"
                    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2}"
                    r"(?:st|nd|rd|th)?(?:,? \d{4})?|\d{4}-\d\d-\d\d)",
                    " until ",
                ),
                (
                    # (a client that retries on its own says the wait it read: "retrying in
                    # ~2 weeks")
                    r"(?:try(?:ing)? again|retry(?:ing)?|resets?|available again|come back) in"
                    r" (?:about |~ ?)?\d+ (?:days?|weeks?)\b",
                    " day",
                    " week",
                ),
            ),
            none_of(says("suspend", "banned", "ban ", "blocked", "per minute", "per second")),
        ),
        priority=85,
        confidence=0.7,
        samples=(
            "Internal error: usage limitation until 3 June 2026.",
            "Usage capped until 2026-07-01",
            "429: you reached the limit for this plan. Try again in 4 days.",
            "429 Too Many Requests: limit exceeded [retrying in ~3 weeks attempt #2]",
        ),
        near_misses=(
            "Access suspended until 2026-01-01 due to a policy violation",
            "Rate limit reached; retry after 20 seconds",
        ),
    ),
    # A quota said to reset hours or days away is a usage window, not a rate: Google's Code
    # Assist back end (gemini-cli, Antigravity and the relays that pool their logins) words
    # both alike ("Your quota will reset after 4h28m20s" / "... after 27s"); the seconds are
    # rate_limit.rpm.resets_in_seconds. Zhipu's coding plan: "Weekly/Monthly Limit Exhausted
    # ... reset at"; Kimi's and Claude's plans name the window itself (quota.plan_limit.window).
    Rule(
        "quota.plan_limit.resets_in_hours",
        "A quota, capacity or usage limit said to reset hours or days from now ('Your quota"
        " will reset after 161h39m41s', 'usage resets in 3 days', 'Weekly/Monthly Limit"
        " Exhausted'): a subscription's usage window is used up, which waiting seconds or"
        " backing off cannot fix.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"(?:(?:quota|capacity|limit|usage)s? (?:will )?(?:be )?|\. )resets? (?:after"
                    r"|in) (?:about |approximately |~)?\d+ ?(?:h\b|hrs?\b|hours?\b|d\b|days?\b"
                    r"|h ?\d+ ?m)",
                    "reset after ",
                    "reset in ",
                    "resets after ",
                    "resets in ",
                    "be reset after ",
                    "be reset in ",
                ),
                (
                    r"(?:weekly|monthly)(?:/(?:weekly|monthly))? (?:usage )?limit (?:has been )?"
                    r"(?:exhausted|used up)",
                    "limit exhausted",
                    "limit has been exhausted",
                    "limit used up",
                    "limit has been used up",
                ),
                # "You have used up your weekly quota", "ran out of your monthly allowance"
                (
                    r"(?:used up|exhausted|run out of|ran out of|reached) (?:your|the) (?:weekly"
                    r"|monthly|7-day|5-hour) (?:usage )?(?:quota|allowance)",
                    "weekly",
                    "monthly",
                    "7-day",
                    "5-hour",
                ),
            ),
            # a request or token window per day or minute resetting hours away is a rate's
            none_of(
                says(
                    "per day",
                    "per minute",
                    "per hour",
                    (
                        r"(?<![a-z0-9_])(?:rpd|rpm|tpm|tpd|rph)(?![a-z0-9_])",
                        "rpd",
                        "rpm",
                        "tpm",
                        "tpd",
                        "rph",
                    ),
                )
            ),
        ),
        # above quota.quota_exhausted.phrase (88) and .code (92), which read "exhausted your
        # capacity" and RESOURCE_EXHAUSTED's QUOTA_EXHAUSTED
        priority=93,
        confidence=0.8,
        samples=(
            '{"error":{"code":429,"message":"You have exhausted your capacity on this model.'
            ' Your quota will reset after 20h5m12s.","status":"RESOURCE_EXHAUSTED","details":'
            '[{"reason":"QUOTA_EXHAUSTED","domain":"cloudcode-pa.googleapis.com"}]}}',
            "Error: usage limit reached for claude-opus; your usage resets in 3 days.",
            "Model quota exhausted. Resets in 3h 12m",
            "You have used up your weekly quota. Upgrade for more.",
            '{"error":{"code":"1310","message":"Weekly/Monthly Limit Exhausted. Your limit will'
            ' be reset at 2026-09-01 00:00:00"}}',
        ),
        near_misses=(
            "You have exhausted your capacity on this model. Your quota will reset after 27s.",
            "Rate limit reached for requests per day (RPD): Limit 200. Resets in 8h.",
            "Rate limit exceeded, the limit resets in 40 ms",
            "Quota exceeded for quota metric 'Generate Content API requests per minute'",
        ),
    ),
    # GitHub Copilot answers a seat whose monthly premium-request allowance is spent with 402
    # {"message":"You have no quota","code":"quota_exceeded"} (Copilot CLI, VS Code's Copilot
    # Chat "Quota Exceeded", and the copilot-api relays that forward its body); the code alone
    # is read as quota_exhausted by quota.quota_exhausted.code, the words are the plan's.
    Rule(
        "quota.plan_limit.copilot_no_quota",
        "GitHub Copilot's words for a seat whose monthly allowance (premium requests, chat"
        " messages) is spent ('You have no quota', 'premium request allowance'): the"
        " subscription's allowance, until the month resets or overage is enabled.",
        L,
        Cause.PLAN_LIMIT,
        says(
            "you have no quota",
            (r"premium (?:request|interaction)s? (?:allowance|entitlement)", "premium "),
        ),
        priority=93,
        confidence=0.8,
        samples=(
            'Request failed: 402 {"error":{"message":"You have no quota","code":"quota_exceeded"}}',
            "Quota Exceeded. You have exceeded your premium request allowance. Enable"
            " additional paid premium requests to continue.",
        ),
        near_misses=(
            '{"error":{"message":"Quota exceeded for this project","code":"quota_exceeded"}}',
            # Copilot's short-term token rate, not the month's allowance
            "Server Error: Sorry, you have exceeded your Copilot token usage. Please review our"
            " Terms of Service. Error Code: rate_limited",
        ),
    ),
    # Subscription apps and coding agents shown in other languages say the same two things
    # as "Usage limit reached · resets 3pm": a usage limit is reached, and it resets at a
    # clock time or hours or days away (Claude's and ChatGPT's localised UIs, Chinese coding
    # plans' "已达到使用上限，将于 15:00 重置", "额度将在 3 小时后重置"). A rate that resets in
    # seconds is left to the rate rules.
    Rule(
        "quota.plan_limit.reset_i18n",
        "A message in another language says a usage limit is reached and when it resets"
        " ('已达到使用上限，将于 15:00 重置', 'Has alcanzado el límite de uso. Se restablecerá a"
        " las 15:00', 'Seu limite será redefinido às 15h', 'Nutzungslimit erreicht …"
        " zurückgesetzt'): a subscription's window, not a per-second rate.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"(?:达到|已达|超过|超出|用完|用尽)[^\n]{0,8}(?:上限|限额|使用限制)"
                    r"|(?:上限|限额)[^\n]{0,4}(?:已满|用完|用尽)",
                    "达到",
                    "已达",
                    "超过",
                    "超出",
                    "用完",
                    "用尽",
                    "已满",
                ),
                (r"(?:制限|上限)に達し", "に達し"),
                (r"한도(?:에 도달|를 초과|를 모두)", "한도"),
                (
                    r"l[íi]mite de (?:uso|utilizaci[óo]n|utiliza[çc][ãa]o|mensajes|mensagens)",
                    "mite de ",
                ),
                "limite d'utilisation",
                (r"nutzungs(?:limit|grenze)", "nutzungs"),
                "limite di utilizzo",
                (r"лимит (?:использования|запросов|сообщений)", "лимит "),
            ),
            says(
                "重置",
                "リセット",
                "초기화",
                (r"redefinid[oa]", "redefinid"),
                (r"restablec(?:er|erá|e)", "restablec"),
                (r"réinitialis", "réinitialis"),
                "zurückgesetzt",
                (r"reimpostat|ripristinat", "reimpostat", "ripristinat"),
                (r"сброс|сброш", "сброс", "сброш"),
            ),
            none_of(
                says(
                    (
                        r"\d+ ?(?:秒|초|segundos?|secondes?|sekunden?|secondi|секунд)",
                        "秒",
                        "초",
                        "segundo",
                        "seconde",
                        "sekunde",
                        "secondi",
                        "секунд",
                    ),
                )
            ),
        ),
        priority=92,
        confidence=0.75,
        samples=(
            "已达到使用上限，将于 15:00 重置",
            "Has alcanzado el límite de uso. Se restablecerá a las 15:00.",
            "Você atingiu seu limite de uso. Ele será redefinido às 15h.",
            "Du hast dein Nutzungslimit erreicht. Es wird um 15 Uhr zurückgesetzt.",
            "使用量已达上限，额度将在 3 小时后重置",
        ),
        near_misses=(
            "请求频率已达到上限，将于 30 秒后重置",
            "您的余额已用完，请充值",
        ),
    ),
    # "You've reached your monthly limit of fast requests" (Cursor), "You have reached your
    # monthly limit. Upgrade your plan" (assistants and IDE agents), "Your plan's limit has
    # been reached": the plan's monthly or weekly allowance. A monthly *spend* limit is a
    # billing cap, left to the billing rules.
    Rule(
        "quota.plan_limit.reached_period_limit",
        "The message says the monthly or weekly limit, or the plan's limit, is reached ('You've"
        " reached your monthly limit of fast requests', 'Your plan's limit has been reached'),"
        " and names no spend: the subscription's allowance for the period is used.",
        L,
        Cause.PLAN_LIMIT,
        all_of(
            says(
                (
                    r"reached (?:your|the) (?:monthly|weekly) (?:usage |request |message )?limit",
                    "monthly",
                    "weekly",
                ),
                # GitHub Copilot Free and seats: "You've reached your monthly chat messages
                # limit" / "... chat messages quota" / "... monthly completions limit"
                (
                    r"reached your monthly (?:chat messages?|completions?) (?:limit|quota)",
                    "monthly",
                ),
                (
                    r"plan(?:'s)? (?:usage |request )?limit (?:has been |was |is )?"
                    r"(?:reached|exceeded|hit)",
                    "plan",
                ),
            ),
            none_of(says("spend", "budget", "$", "billing limit", "cost limit", "usd")),
        ),
        priority=91,
        confidence=0.75,
        samples=(
            "You've reached your monthly limit of fast requests",
            "You have reached your monthly limit. Upgrade your plan to continue.",
            "Your plan's limit has been reached. It will reset on Dec 12.",
            "You've reached your monthly completions limit. Upgrade to Copilot Pro or wait for"
            " your limit to reset.",
        ),
        near_misses=(
            "You have reached your monthly spend limit of $50",
            "You have reached your monthly budget limit",
        ),
    ),
    # Roo Code (and the forks that keep its strings) words a 402 as "You seem to have run out
    # of funds/credits in your account. Go to your provider and add more to continue." in its
    # 18 languages (webview-ui/src/i18n/locales/*/chat.json): the money word and the credit
    # word side by side, joined by a slash, name the balance that ran out.
    Rule(
        "quota.insufficient_balance.funds_credits",
        "A client says the account ran out of 'funds/credits', naming both with a slash (Roo"
        " Code's 402 message in its 18 languages): the balance is used up.",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says(
            (
                r"(?:funds|fondos|fonds|fondi|fundos|guthaben|средства|środki|dana|fons|para"
                r"|tiền|資金|资金|余额|자금|फंड)/(?:credits|créditos|crédits|crediti|кредиты"
                r"|kredyty|kredit|kredi|crèdits|tín dụng|クレジット|积分|크레딧|क्रेडिट)",
                "/credits",
                "/créditos",
                "/crédits",
                "/crediti",
                "/кредиты",
                "/kredyty",
                "/kredit",
                "/kredi",
                "/crèdits",
                "/tín dụng",
                "/クレジット",
                "/积分",
                "/크레딧",
                "/क्रेडिट",
            ),
            "資金／額度",
        ),
        priority=88,
        confidence=0.8,
        samples=(
            "Het lijkt erop dat je funds/credits op je account op zijn. Ga naar je provider en"
            " voeg meer toe om door te gaan.",
            "您的账户余额/积分似乎已用尽。请前往提供商处充值以继续。",
            "Es sieht so aus, als ob dir die Guthaben/Credits in deinem Konto ausgegangen sind.",
            "Parece que você ficou sem fundos/créditos em sua conta.",
            "您的帳戶資金／額度似乎已用盡。請前往供應商增加額度以繼續。",
        ),
        near_misses=(
            "Check the credits/usage page for details",
            "funds transfer / credits applied",
        ),
    ),
    # fal locks the user and names the reason (its API's LockReason enum): "User is locked.
    # Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing". The lock
    # is the balance's: it outranks a paste's other billing words (a card on file).
    Rule(
        "quota.insufficient_balance.locked_exhausted",
        "An account locked because its balance is exhausted (fal's 'User is locked. Reason:"
        " Exhausted balance. Top up your balance ...').",
        L,
        Cause.INSUFFICIENT_BALANCE,
        says((r"locked\. reason: exhausted balance", "exhausted balance")),
        priority=96,
        confidence=0.85,
        samples=(
            '403 {"detail": "User is locked. Reason: Exhausted balance. Top up your balance at'
            ' fal.ai/dashboard/billing"} (a card is on file)',
        ),
        near_misses=(
            '{"detail": "User is locked. Reason: Admin lock. Please contact hello@fal.ai."}',
        ),
    ),
)
