"""The offline coach's review of the fit between the resume and the posting, from the fit data."""

from __future__ import annotations

from jobtracker.assistant.context import ApplicationContext, FitFacts

MAX_NAMED = 6
GOOD_FIT = 75
PARTLY_FIT = 40

_BECAUSE = {
    "sent": "the resume you sent with this application",
    "linked": "the resume linked to this application",
    "latest": "your most recent resume",
    "chosen": "the resume you chose",
}


def fit_review(context: ApplicationContext) -> str:
    fit = context.fit
    title = f"## Your fit: {context.role} at {context.company}"
    if fit is None or not fit.ready:
        why = fit.message if fit and fit.message else "There is nothing to compare yet."
        return f"{title}\nI cannot measure it yet. {why}"
    sections = [
        f"{title}\nScore **{fit.score}/100** against “{fit.resume_filename}” "
        f"({_BECAUSE.get(fit.resume_chosen_because or '', 'a resume')}). {fit.explanation}",
        _strengths(fit),
        _required_gaps(fit),
        _nice_gaps(fit),
        _words(fit),
        _verdict(fit),
    ]
    return "\n\n".join(section for section in sections if section)


def _strengths(fit: FitFacts) -> str:
    required_first = sorted(fit.matched, key=lambda item: item.section != "required")
    if not required_first:
        return ""
    lines = ["### Lead with these"]
    for item in required_first[:MAX_NAMED]:
        where = {"required": "required", "nice": "nice to have"}.get(item.section, "named")
        if item.through:
            lines.append(
                f"- **{item.skill}** ({where}): your resume shows it through {item.through}; "
                f"write “{item.skill}” too, since screeners search for the posting's words."
            )
        else:
            lines.append(f"- **{item.skill}** ({where})")
    lines.append("Put them in the first third of your resume and in your opening lines.")
    return "\n".join(lines)


def _required_gaps(fit: FitFacts) -> str:
    if not fit.missing_required:
        return "### Requirements\nYour resume shows every required skill the posting names."
    lines = ["### Required skills your resume does not show"]
    for skill in fit.missing_required[:MAX_NAMED]:
        lines.append(
            f"- **{skill}**: if you have used it, name it with a result (where, how long, what "
            "it achieved). If not, say how you are closing the gap: a course, a side project, "
            "or the closest tool you know."
        )
    if len(fit.missing_required) > MAX_NAMED:
        lines.append(f"- and {len(fit.missing_required) - MAX_NAMED} more.")
    return "\n".join(lines)


def _nice_gaps(fit: FitFacts) -> str:
    if not fit.missing_nice:
        return ""
    named = ", ".join(fit.missing_nice[:MAX_NAMED])
    return (
        f"### Nice to have\nNot in your resume: {named}. Mention any you have touched, even "
        "briefly; none of them decides on its own."
    )


def _words(fit: FitFacts) -> str:
    if not fit.keywords_missing:
        return ""
    return (
        "### Words to echo\nThe posting keeps coming back to "
        f"{', '.join(fit.keywords_missing[:MAX_NAMED])}. Use them where they are true of you."
    )


def _verdict(fit: FitFacts) -> str:
    score = fit.score or 0
    if score >= GOOD_FIT:
        advice = (
            "You fit this posting well. Tailor the top of your resume to the required skills "
            "and apply."
        )
    elif score >= PARTLY_FIT:
        advice = (
            "A partial fit: worth applying if you can show the missing requirements another way. "
            "Address the biggest gap in your cover letter."
        )
    else:
        advice = (
            "Far from this posting as written. Apply if you have experience your resume does not "
            "show yet and add it first; otherwise a closer role may serve you better."
        )
    return f"### My read\n{advice}"
