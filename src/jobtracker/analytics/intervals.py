"""The 95% Wilson score interval of a proportion: honest bounds on a rate from a few cases.

Unlike the textbook "p ± 1.96·√(p(1-p)/n)", it stays within 0 to 1 and is not squeezed to a
single point by 0 of 10 or 10 of 10, which is what small groups of applications look like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The normal distribution's 97.5th percentile: 95% of it lies within this many deviations.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Bounds:
    low: float
    high: float

    def overlaps(self, other: Bounds) -> bool:
        return self.low <= other.high and other.low <= self.high


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> Bounds | None:
    """The interval for `successes` of `trials`; None when there were no trials."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes of {trials} trials")
    share = successes / trials
    z_squared = z * z
    scale = 1 + z_squared / trials
    centre = (share + z_squared / (2 * trials)) / scale
    half_width = z / scale * math.sqrt(share * (1 - share) / trials + z_squared / (4 * trials**2))
    # Rounding error can put the ends of 0 of n or n of n a hair outside 0 to 1.
    return Bounds(max(0.0, centre - half_width), min(1.0, centre + half_width))
