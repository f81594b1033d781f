"""``whichlayer.simulate``: an AI API on loopback that fails in every way on demand.

The public surface is :class:`SimServer` (see ``docs/simulate.md``) and
:func:`list_scenarios`. Everything else is private to the package.
"""

from __future__ import annotations

from whichlayer.simulate._server import SimServer
from whichlayer.simulate.scenarios import Scenario
from whichlayer.simulate.scenarios import for_dialect as list_scenarios

__all__ = ["Scenario", "SimServer", "list_scenarios"]
