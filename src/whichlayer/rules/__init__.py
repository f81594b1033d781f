"""The rules: one module per layer, plus who-said-it (origin) rules.

``whichlayer rules`` lists them; ``whichlayer rules ID`` explains one.
"""

from __future__ import annotations

from whichlayer.rules import identity, network, origin, quota, rate_limit, request, upstream
from whichlayer.rules.base import OriginRule, Rule

ALL_RULES: tuple[Rule, ...] = (
    *identity.RULES,
    *quota.RULES,
    *rate_limit.RULES,
    *request.RULES,
    *network.RULES,
    *upstream.RULES,
)
ORIGIN_RULES: tuple[OriginRule, ...] = origin.RULES

BY_ID: dict[str, Rule | OriginRule] = {
    **{r.id: r for r in ALL_RULES},
    **{r.id: r for r in ORIGIN_RULES},
}

__all__ = ["ALL_RULES", "BY_ID", "ORIGIN_RULES", "OriginRule", "Rule"]
