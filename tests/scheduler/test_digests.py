"""Digests: at each user's local hour, once a day, caught up once, unsubscribed in one click."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.db import build_engine, build_session_factory
from jobtracker.scheduler.runner import Scheduler
from tests.factories import ApiUser
from tests.mail_server import MailServer
from tests.scheduler.conftest import FakeClock
from tests.scheduler.helpers import link_in, outbox_rows, set_time_zone, subscribe

MailClient = Callable[[ApiUser], TestClient]


def _run(
    mail_app: FastAPI, clock: FakeClock, until: datetime, step_minutes: int = 30
) -> list[tuple[datetime, int]]:
    """Tick the app's scheduler every step until `until`; (time, messages sent) per tick."""
    scheduler: Scheduler = mail_app.state.scheduler
    ticks = []
    while clock.now < until:
        clock.advance(minutes=step_minutes)
        ticks.append((clock.now, scheduler.tick().emails_sent))
    return ticks


def test_users_at_minus_10_plus_5_30_and_plus_13_get_it_at_their_local_hour_each_day(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    zones = {
        "honolulu@example.com": "Pacific/Honolulu",  # UTC-10
        "kolkata@example.com": "Asia/Kolkata",  # UTC+5:30
        "tongatapu@example.com": "Pacific/Tongatapu",  # UTC+13
        "auckland@example.com": "Pacific/Auckland",  # +13, then +12 from 5 April (DST ends)
        "newyork@example.com": "America/New_York",  # -5, then -4 from 8 March (DST starts)
    }
    users = {email: make_user(email=email) for email in zones}
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    for email, zone_name in zones.items():
        set_time_zone(mail_app, users[email], zone_name)
        subscribe(as_mail_user(users[email]), frequency="daily", hour=8)
    arrivals: dict[str, list[datetime]] = {email: [] for email in zones}
    scheduler: Scheduler = mail_app.state.scheduler
    while clock.now < datetime(2026, 3, 12, tzinfo=UTC):
        clock.advance(minutes=30)
        seen = len(mail_server.messages)
        scheduler.tick()
        for message in mail_server.messages[seen:]:
            arrivals[message["To"]].append(clock.now)

    for email, zone_name in zones.items():
        local = [moment.astimezone(ZoneInfo(zone_name)) for moment in arrivals[email]]
        days = [moment.date() for moment in local]
        assert len(days) == len(set(days)), f"{email} got two digests on one day"
        assert len(days) >= 9, f"{email} missed a day: {days}"
        # The tick at or right after 8:00 local: within the 30-minute step.
        assert all((moment.hour, moment.minute) in {(8, 0), (8, 30)} for moment in local), (
            email,
            local,
        )


def test_the_week_across_the_daylight_saving_change_keeps_8_local(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    user = make_user(email="auckland@example.com")
    set_time_zone(mail_app, user, "Pacific/Auckland")
    clock.now = datetime(2026, 4, 1, tzinfo=UTC)
    subscribe(as_mail_user(user), frequency="daily", hour=8)
    sent_at = [
        moment for moment, sent in _run(mail_app, clock, datetime(2026, 4, 9, tzinfo=UTC)) if sent
    ]

    local = [moment.astimezone(ZoneInfo("Pacific/Auckland")) for moment in sent_at]
    assert [moment.hour for moment in local] == [8] * len(local)
    # UTC 19:00 while at +13, 20:00 once back at +12 (5 April).
    assert {moment.hour for moment in sent_at} == {19, 20}
    assert len(local) == len({moment.date() for moment in local}) == 8


def test_a_process_down_through_the_send_hour_catches_up_once(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    user = make_user(email="late@example.com")
    clock.now = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    subscribe(as_mail_user(user), frequency="daily", hour=8)
    scheduler: Scheduler = mail_app.state.scheduler
    assert scheduler.tick().emails_sent == 0

    clock.now = datetime(2026, 3, 4, 20, 0, tzinfo=UTC)  # down for two days and a half
    assert scheduler.tick().emails_sent == 1
    clock.advance(minutes=30)
    assert scheduler.tick().emails_sent == 0
    assert [message["To"] for message in mail_server.messages] == ["late@example.com"]
    assert "Wed 04 Mar" in mail_server.messages[0]["Subject"]


def test_subscribing_after_todays_hour_waits_for_tomorrow(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    user = make_user()
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    subscribe(as_mail_user(user), frequency="daily", hour=8)

    assert mail_app.state.scheduler.tick().emails_sent == 0
    clock.now = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert mail_app.state.scheduler.tick().emails_sent == 1


def test_a_weekly_digest_goes_on_its_weekday_only(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    user = make_user()
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    subscribe(as_mail_user(user), frequency="weekly", weekday=2, hour=9)  # Wednesdays
    ticks = _run(mail_app, clock, datetime(2026, 3, 16, tzinfo=UTC), step_minutes=60)

    sent = [moment for moment, count in ticks for _ in range(count)]
    assert [(moment.strftime("%a"), moment.hour) for moment in sent] == [("Wed", 9), ("Wed", 9)]
    assert "this week" in mail_server.messages[0]["Subject"]


def test_the_digest_has_text_html_its_nudges_and_a_one_click_unsubscribe(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
    mail_client: TestClient,
) -> None:
    user = make_user(email="ada@example.com")
    user.create_application(company="Initech", stage="applied", applied_on="2026-02-20")
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    subscribe(as_mail_user(user), hour=8)
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    mail_app.state.scheduler.tick()

    [message] = mail_server.messages
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert "Follow up: 10 days since you applied for Software Engineer at Initech" in (
        text.get_content()
    )
    assert "Initech" in html.get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message["List-Unsubscribe"].strip("<>").removeprefix("http://jobs.example.test")

    # The page link from the text, and the header's one-click POST, both work signed out.
    page = link_in(message, "/unsubscribe")
    assert page.startswith("/unsubscribe?token=")
    response = mail_client.post(one_click, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200, response.text
    assert as_mail_user(user).get("/api/me/digest").json()["enabled"] is False
    clock.advance(days=1)
    mail_app.state.scheduler.tick()
    assert len(mail_server.messages) == 1


def test_a_forged_unsubscribe_token_is_refused(mail_client: TestClient, alice: ApiUser) -> None:
    response = mail_client.post(f"/api/digest/unsubscribe?token={alice.id}.forged")

    assert response.status_code == 404
    assert "not valid" in response.json()["error"]["message"]


def test_digests_cannot_be_turned_on_without_email(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me/digest", json={"enabled": True})

    assert response.status_code == 409
    assert "Email is not set up" in response.json()["error"]["message"]
    assert alice.client.get("/api/me/digest").json()["email_available"] is False


def test_bad_digest_settings_are_refused_by_field(alice: ApiUser) -> None:
    for body in ({"hour": 24}, {"weekday": 7}, {"frequency": "hourly"}, {"hour": None}):
        response = alice.client.patch("/api/me/digest", json=body)
        assert response.status_code == 422, body


def test_two_processes_over_a_week_send_exactly_one_digest_per_user_per_day(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    """Two schedulers, each with its own engine (as two processes have), tick at once."""
    users = [make_user(email=f"user{number}@example.com") for number in range(4)]
    zones = ["UTC", "Pacific/Honolulu", "Asia/Kolkata", "Pacific/Tongatapu"]
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    for user, zone_name in zip(users, zones, strict=True):
        set_time_zone(mail_app, user, zone_name)
        subscribe(as_mail_user(user), hour=7)
    settings = mail_app.state.settings
    engines = [build_engine(settings.effective_database_url) for _ in range(2)]
    schedulers = [Scheduler(build_session_factory(engine), settings, clock) for engine in engines]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            while clock.now < datetime(2026, 3, 9, tzinfo=UTC):
                clock.advance(minutes=30)
                list(pool.map(lambda scheduler: scheduler.tick(), schedulers))
    finally:
        for engine in engines:
            engine.dispose()

    per_user = Counter(message["To"] for message in mail_server.messages)
    assert set(per_user.values()) == {7}, per_user
    assert len(per_user) == 4
    rows = outbox_rows(mail_app)
    assert len(rows) == 28
    assert all(row.sent_at is not None and row.attempts == 1 for row in rows)


def test_the_digest_lists_the_days_interviews_at_local_times(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    user = make_user(email="kiri@example.com")
    set_time_zone(mail_app, user, "Pacific/Auckland")  # +13 in March
    client = as_mail_user(user)
    application = user.create_application(company="Weta", stage="interview")
    for starts_at in ("2026-03-03T01:30:00Z", "2026-03-04T01:30:00Z"):  # 14:30 on 3 and 4 March
        created = client.post(
            f"/api/applications/{application['id']}/interviews",
            json={"starts_at": starts_at, "kind": "technical"},
        )
        assert created.status_code == 201, created.text
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    subscribe(client, hour=7)
    clock.now = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 07:00 on 3 March in Auckland
    mail_app.state.scheduler.tick()

    [message] = mail_server.messages
    text = message.get_body(preferencelist=("plain",))
    assert text is not None
    assert "Tue 03 Mar, 14:30: technical with Weta" in text.get_content()
    assert "04 Mar" not in text.get_content()


def test_due_wording_in_the_digest_follows_each_users_own_day(
    mail_app: FastAPI,
    clock: FakeClock,
    mail_server: MailServer,
    make_user: Callable[..., ApiUser],
    as_mail_user: MailClient,
) -> None:
    """3 March 10:00 UTC is the evening of 3 March at +13, and 4 March 00:00 at UTC-10 is
    still 3 March 14:00 there: "Due today" for both on their 3 March, whatever UTC says."""
    cases = {
        "tonga@example.com": ("Pacific/Tongatapu", "2026-03-03T10:00:00Z"),
        "hawaii@example.com": ("Pacific/Honolulu", "2026-03-04T00:00:00Z"),
    }
    clients: dict[str, TestClient] = {}
    for email, (zone_name, due_at) in cases.items():
        user = make_user(email=email)
        set_time_zone(mail_app, user, zone_name)
        client = clients[email] = as_mail_user(user)
        application = user.create_application(company="Acme")
        created = client.post(
            f"/api/applications/{application['id']}/deliverables",
            json={"title": "Essay", "due_at": due_at},
        )
        assert created.status_code == 201, created.text
    clock.now = datetime(2026, 3, 2, tzinfo=UTC)
    for email in cases:
        subscribe(clients[email], hour=8)
    while clock.now < datetime(2026, 3, 4, 0, 30, tzinfo=UTC):
        clock.advance(minutes=30)
        mail_app.state.scheduler.tick()

    for email in cases:
        texts = [
            body.get_content()
            for message in mail_server.to(email)
            if (body := message.get_body(preferencelist=("plain",))) is not None
        ]
        on_the_day = [text for text in texts if "Due today: Essay" in text]
        assert len(on_the_day) == 1, (email, texts)
