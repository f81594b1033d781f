"""The accuracy bars of issue 2 on the labelled corpora (regression guard).

The real measure is bench/accuracy.py; this keeps a change from silently
dropping below the bar.
"""

from __future__ import annotations

import json
from pathlib import Path

import whichlayer

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "corpus" / "dev.jsonl"
FIELD = ROOT / "corpus" / "field.jsonl"


def _accuracy(path: Path) -> tuple[float, float, int]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    layer_ok = cause_ok = 0
    for row in rows:
        d = whichlayer.explain(row["input"])
        ok_layer = str(d.layer) in [row["layer"], *row.get("alt_layers", [])]
        layer_ok += ok_layer
        cause_ok += ok_layer and str(d.cause) in [row["cause"], *row.get("alt_causes", [])]
    return layer_ok / len(rows), cause_ok / len(rows), len(rows)


def test_dev_corpus_meets_the_bar():
    layer, cause, _n = _accuracy(DEV)
    assert layer >= 0.97 and cause >= 0.90, (layer, cause)


def test_field_set_stays_high():
    layer, cause, _n = _accuracy(FIELD)
    assert layer >= 0.95 and cause >= 0.88, (layer, cause)


#: Misses over every labelled set in corpus/ (4,930 errors) when this was last measured
#: (rules + learned fallback). A change may lower these, never raise them. (Raised only
#: when a blind set is added unfitted, its misses then counting: 15 / 88 -> 25 / 119 with
#: fresh25; fresh26 fitted below that, 21 / 118; fresh27 added unfitted, 21 / 125; the
#: learned fallback weighing weak rules, 18 / 91: a model trained on these errors, so this
#: says nothing of new ones, see bench/blind.py; the rule families of 2026-12-06 merged
#: and the model retrained, 13 / 75; fresh28 added unfitted, 18 / 92;
#: the cause families of the second 2026-12-06 session and alt_causes as soft labels, 12 / 80;
#: fresh29 added unfitted, 22 / 103; the families of the session's second round (OpenAI's
#: insufficient_quota read as credit used up among them) merged and the model retrained,
#: 13 / 82; fresh30 added unfitted, 27 / 112; the third round's families (all six layers),
#: the model answering from 0.3 and the weights retrained, 13 / 82; fresh31 added
#: unfitted, 20 / 99; the fourth round's request/network/upstream families (a relay's 5xx
#: quoting its own fetch's failure, a relayed 4xx, translated network words) and the
#: identity/quota/rate_limit families (revoked logins, monthly allowances, free-usage
#: limits, entitlements), 15 / 89; fresh32 added unfitted and the model retrained, 22 / 108;
#: the fifth round's families of all six layers, 18 / 96; fresh33 added unfitted and
#: the model retrained, 22 / 114; queue positions and overage limits, 22 / 113; the sixth
#: round's families (a self-hosted server's request checks sent as a 500, relayed 4xx/429
#: statuses, risk-control refusals, Azure's refusal of a key sent as a Bearer token,
#: translated key and balance wordings), 20 / 103;
#: fresh34 added unfitted and the model retrained, 26 / 118; fresh32's opencode "gemini is
#: way too hot" relabelled quota (its source shows the wording stands for Gemini's quota
#: 429) and the model retrained, which flips one borderline model decision, 26 / 119;
#: the seventh round's identity, quota and rate-limit families (Google's account
#: verification hold, a project denied access, Chinese queue positions), 25 / 115; a
#: rate-limit code in a body a relay wraps in a 500, 24 / 115; Antigravity's account
#: eligibility refusal (a region check), 23 / 114; fresh35 and fresh36 (428 errors) added
#: unfitted and the model retrained, 39 / 181; the eighth round's identity and quota
#: families (SDKs' missing-credentials lines, Copilot proxies' missing token, the qianfan
#: SDK's printed form, Roo Code's translated 401/402/403 lines, DashScope's free-tier
#: wording, fal's lock reasons) and its plain-language network, upstream and request
#: wordings (high traffic, Sensitive content detected, FastChat's catch-all, Vite's dev
#: proxy, Go's resolver named in a lookup error), 35 / 172, and with the model retrained,
#: 34 / 172; fresh37 added unfitted and the model retrained, 34 / 176. Raised once for a
#: change of the model itself: each head a regression summed with a naive Bayes, right on
#: 1.0 point more layers and 1.6 more causes of errors it never saw (bench/loso.py, every
#: set left out in turn: 93.9% / 80.9%) but fitting its own training errors less closely;
#: the regressions' regularisation loosened (C 30 / 60) to keep most of those, 39 / 185;
#: fresh38 added unfitted and the model retrained, 46 / 218; an apology, "try again" and
#: Chinese negations count as failure cues (the fallback no longer stays silent on a
#: relay's "sorry, the server got no answer from its upstream"), 45 / 217; Chinese and
#: Japanese read as character pairs, not one word per clause (model/features.py), 42 / 215;
#: fresh39 (286 errors, the rules' hardest set: 79.4% layer alone) added unfitted and the
#: model retrained, 60 / 251 (16 / 35 of them in fresh39); the ninth round's families (a
#: server-typed body under a 429 left to its words, a wait "retrying in ~2 weeks", a
#: per-month allowance with "upgrade your plan", "Malformed JSON in response" the reply's),
#: 56 / 248; fresh40 (243 errors, rules alone 75.3% layer) added unfitted and the model
#: retrained, 70 / 275; the tenth and eleventh rounds' families, 66 / 269; fresh41 and
#: fresh42 added unfitted and the model retrained, 92 / 331; the twelfth round's families
#: (a Go chain ending in a refused dial, an engine's own RPC timeout, a 403 to listing
#: models, a key field a validator finds empty, a one-job server busy with another, the
#: speech service's quota details, generic "error occurred" words beside a client-error
#: status, new-api's convert_request_failed) and the model retrained, 80 / 319; fresh43
#: (157 errors, rules alone 79.6% layer) added unfitted and the model retrained, 87 / 341;
#: the thirteenth round's families (a limiter's own failed check, llama.cpp's failed
#: decode, a client's guess of a rate limit beside a relay's words, a Python IndexError not
#: a parameter's range, Go's decoder naming a tools field, a relay refusing other clients),
#: 83 / 334; fresh44 (206 errors sharing no passage with any known one, rules alone 77.7%
#: layer) added unfitted and the model retrained, 91 / 371; gRPC's "failed to connect to
#: all addresses" under its own 503, Knative's "error reverse proxying request", a rate
#: limit offering sign-in for a higher one, 88 / 368; fresh45 (312 errors, rules alone
#: 70.2% layer) added unfitted and the model retrained, 104 / 431; statuses in plain
#: English ("response code: 403", "status of 429", "Failed to fetch image: 402"), gRPC's own
#: "503 DNS resolution failed" / "503 Connect Failed", one-api's channel-disabled notice read
#: by its reason, an AppID the service does not know, 100 / 429; fresh46 (170 errors, rules
#: alone 73.5% layer) added unfitted and the model retrained, 102 / 438; "error loading
#: models" (a list) and a fetch that failed are not a model that failed to load, 101 / 437;
#: fresh47 (27 errors, rules alone 70.4% layer) added unfitted and the model retrained, 105 /
#: 448; word classes for the fallback, a Google per-minute quota of any unit, a login or
#: refresh that failed on the network, new-api's channel notices, a web client's cookie
#: (the sixteenth round, from fresh48's misses) and fresh48 (265 errors, rules alone 61.5%
#: layer) added with the model retrained, 119 / 484; a web client told to pass Cloudflare's
#: check, GGML_ASSERT, Baidu Translate's catalogue, and fresh49 (107 errors, rules alone
#: 72.9% layer) added unfitted with the model retrained, 121 / 509; the Youdao, DeepL and
#: ElevenLabs catalogues, and fresh50 (226 errors, rules alone 75.7% layer) added unfitted
#: with the model retrained, 129 / 553; fresh51 (42 errors, rules alone 69.0% layer) added
#: unfitted with the model retrained, 134 / 564; DeepL's 529 row left to the engine's
#: overload reading and the model retrained without it, 135 / 564; the model trained on
#: corpus/code's 942 source-code messages too, 137 / 565: 39 fitted diagnoses change, net
#: two layers and one cause fewer, for +0.4 layer / +0.6 cause held out; with 638 more
#: (apps, gateways, other languages' stacks, Chinese relays), 134 / 563; fresh52 (328
#: errors, rules alone 69.2% layer) added unfitted with the model retrained, 147 / 601;
#: 376 more source-code messages (desktop apps and local servers; cloud, speech and agent
#: SDKs), 149 / 608: 19 fitted diagnoses change, for +0.3 layer / +0.8 cause held out;
#: fresh53 (329 errors, rules alone 58.1% layer) added unfitted with the model retrained,
#: 176 / 656; 504 more source-code messages (SDKs in other languages, media servers, chat
#: bots and agent frameworks), 178 / 661, held out unchanged (-0.03 layer / +0.01 cause);
#: the fallback's failure cue widened by meaning ("problem", "throttl", "unexpected", 出错,
#: 故障, 不可用...), 173 / 656; and by words that state a constraint the call broke
#: ("required", "must", "expected", "only", "already", 必须, 请检查...), 166 / 649; fresh54
#: (462 errors, rules alone 51.7% layer) added unfitted with the model retrained, 202 / 725;
#: fresh55 (171 errors, rules alone 53.8% layer) added unfitted with the model retrained,
#: 218 / 753; fresh56 (251 errors, rules alone 61.0% layer) added unfitted with the model
#: retrained, 229 / 791; fresh57 (283 errors, rules alone 56.9% layer) the same, 257 / 844;
#: request.malformed_body.client_encode and fresh58 (180 errors, rules alone 65.0% layer)
#: added unfitted with the model retrained, 267 / 868; fresh59 (203 errors, rules alone 55.2%
#: layer) the same, 287 / 912; three families from fresh59's misses (a WebSocket close code
#: the server stated beats "closed unexpectedly"; a breaker's state yields to the refusal the
#: text states, and to a note that the failure does not count toward it; a relay's "upstream
#: error (400)"), 283 / 908; fresh60 (37 errors, rules alone 56.8% layer) added unfitted with
#: the model retrained, 283 / 910.)
MOST_LAYER_MISSES = 283
MOST_CAUSE_MISSES = 910


def test_every_labelled_set_keeps_its_layers_and_causes():
    layer_misses = cause_misses = total = 0
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        layer, cause, n = _accuracy(path)
        layer_misses += round((1 - layer) * n)
        cause_misses += round((1 - cause) * n)
        total += n
    assert total >= 2555
    assert layer_misses <= MOST_LAYER_MISSES, layer_misses
    assert cause_misses <= MOST_CAUSE_MISSES, cause_misses
