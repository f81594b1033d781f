"""Each provider's own words for each failure: status, body shape and headers.

One module per family of error bodies. Every body carries a comment naming
where its wording was seen (a provider doc page or a public issue quoting the
real response); nothing here is invented to suit whichlayer's rules.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
