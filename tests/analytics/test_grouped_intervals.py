"""The 95% Wilson score interval, against published values."""

from __future__ import annotations

import pytest

from jobtracker.analytics.intervals import Bounds, wilson_interval


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (3, 4, 0.301, 0.954),
        (0, 10, 0.0, 0.278),
        (10, 10, 0.722, 1.0),
        (5, 10, 0.237, 0.763),
        (8, 13, 0.355, 0.823),
        (1, 1, 0.207, 1.0),
    ],
)
def test_wilson_interval_matches_known_values(
    successes: int, trials: int, low: float, high: float
) -> None:
    bounds = wilson_interval(successes, trials)

    assert bounds is not None
    assert (round(bounds.low, 3), round(bounds.high, 3)) == (low, high)


def test_no_trials_has_no_interval() -> None:
    assert wilson_interval(0, 0) is None


def test_more_successes_than_trials_is_refused() -> None:
    with pytest.raises(ValueError, match="5 successes of 4 trials"):
        wilson_interval(5, 4)


def test_intervals_that_touch_overlap() -> None:
    assert Bounds(0.2, 0.5).overlaps(Bounds(0.5, 0.9))
    assert not Bounds(0.2, 0.49).overlaps(Bounds(0.5, 0.9))
