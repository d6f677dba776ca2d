"""Small-group suppression: no figure that rests on fewer than k distinct contributors.

A count (or a mean) is published only when at least ``k`` distinct people (contributors, or anonymous
evaluations) stand behind it; otherwise the JSON holds ``{"suppressed": true, "reason": "minder dan k
bijdragers"}`` instead of the number. Zero stays zero: it says that nobody did something, which singles
out no one.

Breakdowns get *secondary* suppression: when the total of a breakdown is published and exactly one
cell is hidden, that cell could be recovered by subtraction, so the next smallest cell is hidden as
well (or, when there is none, the total). That second figure may rest on many contributors, so its
marker says why it is hidden instead (``"complementary": true`` and its own reason): saying "fewer
than k" there would be untrue.

For the kring audience the same code runs with ``enabled=False``: inside the kring the texts are
visible anyway, and suppressing counts would only hide the team's own work from itself.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from leerkring.sections.document import is_suppressed, number, show  # noqa: F401  (public here too)

#: Why a figure that rests on enough contributors is hidden all the same (secondary suppression).
COMPLEMENTARY_REASON = "verborgen zodat een klein aantal ernaast niet uit het totaal terug te rekenen is"


def reason(k: int) -> str:
    return f"minder dan {k} bijdragers"


def suppressed(k: int, *, complementary: bool = False) -> dict:
    """The marker that stands in the JSON instead of a hidden figure (:func:`is_suppressed` tells it).

    ``complementary``: hidden only so that another, small figure cannot be worked out by subtraction.
    """
    if complementary:
        return {"suppressed": True, "reason": COMPLEMENTARY_REASON, "complementary": True}
    return {"suppressed": True, "reason": reason(k)}


@dataclass(frozen=True)
class Suppressor:
    k: int
    enabled: bool = True

    def __post_init__(self):
        if int(self.k) < 1:
            raise ValueError("k must be at least 1")

    def hides(self, value: int | float | None, contributors: int) -> bool:
        if not self.enabled or value is None:
            return False
        if isinstance(value, (int, float)) and value == 0:
            return False
        return contributors < self.k

    def count(self, value: int, contributors: int):
        """``value`` or the suppressed marker when fewer than k distinct contributors made it."""
        value = int(value or 0)
        return suppressed(self.k) if self.hides(value, contributors) else value

    def measure(self, value: float | None, n: int, digits: int = 2):
        """A mean or other statistic resting on ``n`` distinct contributors or anonymous evaluations."""
        if value is None or n == 0:
            return None
        if self.enabled and n < self.k:
            return suppressed(self.k)
        return round(float(value), digits)

    def breakdown(self, cells: Mapping[Hashable, tuple[int, int]], total: tuple[int, int] | None = None):
        """Suppress a breakdown ``{key: (count, contributors)}`` with secondary suppression.

        Returns ``(cells, total)`` with counts or markers; ``total`` is None when not given.
        """
        out = {key: self.count(n, c) for key, (n, c) in cells.items()}
        shown_total = None
        if total is not None:
            shown_total = self.count(*total)
        if not self.enabled:
            return out, shown_total
        hidden = [key for key, v in out.items() if is_suppressed(v)]
        if len(hidden) == 1 and (total is None or not is_suppressed(shown_total)):
            # A published total (or the other cells) would give the hidden cell away.
            candidates = sorted((v, str(key), key) for key, v in out.items() if not is_suppressed(v) and v > 0)
            if candidates:
                out[candidates[0][2]] = suppressed(self.k, complementary=True)
            elif total is not None:
                shown_total = suppressed(self.k, complementary=True)
        return out, shown_total
