""" "What stands out": the differences between groups that their 95% intervals support, in words.

For each dimension and rate, the group with the highest rate is set against the one with the
lowest, both large enough to tell; the difference is named only when their intervals do not
overlap. That is stricter than a test at the 5% level, so what is listed is unlikely to be
chance, and nothing is listed rather than a guess.
"""

from __future__ import annotations

from jobtracker.analytics.intervals import Bounds
from jobtracker.analytics.schemas import (
    GroupDimension,
    GroupedDimension,
    RateName,
    RateWithInterval,
    ResultGroup,
    Standout,
)

MAX_STANDOUTS = 6

OUTCOMES = {
    RateName.RESPONSE: "got a response",
    RateName.INTERVIEW: "reached an interview",
    RateName.OFFER: "got an offer",
}
NOTHING_RECORDED = {
    GroupDimension.RESUME: "with no resume recorded",
    GroupDimension.SOURCE: "with no source recorded",
    GroupDimension.WORK_MODE: "with no work mode recorded",
    GroupDimension.MONTH: "with no date recorded",
}

SUBJECT_PREPOSITIONS = {
    GroupDimension.RESUME: "sent with",
    GroupDimension.SOURCE: "from",
    GroupDimension.WORK_MODE: "for",
    GroupDimension.MONTH: "sent in",
}
CONTRAST_PREPOSITIONS = {
    GroupDimension.RESUME: "with",
    GroupDimension.SOURCE: "from",
    GroupDimension.WORK_MODE: "for",
    GroupDimension.MONTH: "in",
}


def standouts(dimensions: list[GroupedDimension]) -> list[Standout]:
    """The supported differences, the clearest (widest gap between intervals) first."""
    found: list[tuple[float, Standout]] = []
    for dimension in dimensions:
        eligible = [group for group in dimension.groups if not group.too_few]
        for rate in RateName:
            difference = _clear_difference(dimension.dimension, rate, eligible)
            if difference is not None:
                found.append(difference)
    found.sort(key=lambda gap_and_standout: -gap_and_standout[0])
    return [standout for _gap, standout in found[:MAX_STANDOUTS]]


def _bounds(rate: RateWithInterval) -> Bounds | None:
    if rate.low is None or rate.high is None:
        return None
    return Bounds(rate.low, rate.high)


def _clear_difference(
    dimension: GroupDimension, rate: RateName, groups: list[ResultGroup]
) -> tuple[float, Standout] | None:
    if len(groups) < 2:
        return None

    def share(group: ResultGroup) -> float:
        return getattr(group, rate.value).value or 0.0

    highest = max(groups, key=lambda group: (share(group), group.applications))
    lowest = min(groups, key=lambda group: (share(group), -group.applications))
    high_bounds = _bounds(getattr(highest, rate.value))
    low_bounds = _bounds(getattr(lowest, rate.value))
    if high_bounds is None or low_bounds is None or high_bounds.overlaps(low_bounds):
        return None
    gap = high_bounds.low - low_bounds.high
    return gap, Standout(
        dimension=dimension,
        rate=rate,
        higher=highest.key,
        lower=lowest.key,
        text=_sentence(dimension, rate, highest, lowest),
    )


def _sentence(
    dimension: GroupDimension, rate: RateName, higher: ResultGroup, lower: ResultGroup
) -> str:
    high, low = getattr(higher, rate.value), getattr(lower, rate.value)
    return (
        f"{_subject(dimension, higher)} {OUTCOMES[rate]} {_percent(high)} of the time "
        f"({high.numerator} of {high.denominator}), against {_percent(low)} "
        f"{_contrast(dimension, lower)} ({low.numerator} of {low.denominator})."
    )


def _percent(rate: RateWithInterval) -> str:
    return f"{round((rate.value or 0) * 100)}%"


def _subject(dimension: GroupDimension, group: ResultGroup) -> str:
    """How the sentence opens: "Applications from referrals", "Remote applications"."""
    if not group.recorded:
        return f"Applications {NOTHING_RECORDED[dimension]}"
    if dimension is GroupDimension.WORK_MODE:
        return f"{group.label} applications"
    return f"Applications {SUBJECT_PREPOSITIONS[dimension]} {group.label}"


def _contrast(dimension: GroupDimension, group: ResultGroup) -> str:
    """How the other group is named after "against 9%": "from job boards", "for on-site ones"."""
    if not group.recorded:
        return NOTHING_RECORDED[dimension]
    if dimension is GroupDimension.WORK_MODE:
        return f"for {group.label.lower()} ones"
    return f"{CONTRAST_PREPOSITIONS[dimension]} {group.label}"
