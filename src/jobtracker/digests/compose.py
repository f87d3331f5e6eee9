"""The digest email: the day's (or week's) nudges and interviews, in plain text and HTML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from jobtracker import mail
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.digests.models import DigestFrequency
from jobtracker.time_zones import zone


@dataclass(frozen=True)
class DigestLine:
    text: str
    path: str  # where in the app it leads, e.g. /applications/12


@dataclass(frozen=True)
class DigestContent:
    nudges: list[DigestLine]
    interviews: list[DigestLine]
    # "This week: 3 of 5 applications; streak 4 weeks"; None when no weekly goal is set.
    goal: str | None = None


def interview_line(starts_at: datetime, zone_name: str, company: str, kind: str) -> str:
    local = starts_at.astimezone(zone(zone_name))
    return f"{local:%a %d %b, %H:%M}: {kind.replace('_', ' ')} with {company}"


def build_email(
    settings: Settings,
    user: User,
    *,
    frequency: DigestFrequency,
    day: date,
    content: DigestContent,
    unsubscribe_token: str,
) -> mail.Email:
    site = settings.public_url.rstrip("/")
    period = "today" if frequency is DigestFrequency.DAILY else "this week"
    subject = f"Your job search {period}: {day:%a %d %b}"
    unsubscribe_page = f"{site}/unsubscribe?token={unsubscribe_token}"
    sections = (
        (f"Interviews {period}", content.interviews, "No interviews."),
        ("Waiting for you", content.nudges, "Nothing needs you: well done."),
    )
    text = [f"Hello {user.display_name},", ""]
    html = [f"<p>Hello {escape(user.display_name)},</p>"]
    if content.goal:
        text += [content.goal, f"  {site}/analytics", ""]
        html.append(f'<p><a href="{escape(site)}/analytics">{escape(content.goal)}</a></p>')
    for heading, lines, empty in sections:
        text += [heading, "-" * len(heading)]
        html.append(f"<h2>{escape(heading)}</h2>")
        if not lines:
            text.append(empty)
            html.append(f"<p>{escape(empty)}</p>")
        else:
            text += [f"- {line.text}\n  {site}{line.path}" for line in lines]
            items = "".join(
                f'<li><a href="{escape(site + line.path)}">{escape(line.text)}</a></li>'
                for line in lines
            )
            html.append(f"<ul>{items}</ul>")
        text.append("")
    text += [
        f"All your notifications: {site}/notifications",
        "",
        f"To stop these emails, open {unsubscribe_page}",
        f"or change them in Settings: {site}/settings",
    ]
    html.append(
        f'<p><a href="{escape(site)}/notifications">All your notifications</a></p>'
        f'<p style="color:#666;font-size:small">You get this because you asked for a '
        f'{frequency.value} digest. <a href="{escape(unsubscribe_page)}">Unsubscribe</a> or '
        f'<a href="{escape(site)}/settings">change it in Settings</a>.</p>'
    )
    return mail.Email(
        to=user.email,
        subject=subject,
        text="\n".join(text) + "\n",
        html="<!doctype html><html><body>" + "".join(html) + "</body></html>",
        unsubscribe_url=f"{site}/api/digest/unsubscribe?token={unsubscribe_token}",
    )
