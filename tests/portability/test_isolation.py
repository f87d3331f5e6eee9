"""Between users: imports and restores touch only the caller's account, and count only theirs."""

from __future__ import annotations

from jobtracker.config import Settings
from tests.factories import ApiUser
from tests.portability.builders import (
    application_count,
    comparable,
    export_backup,
    import_csv,
    make_csv,
    preview,
    restore_backup,
)
from tests.portability.test_backup import fill_account


def test_restoring_someone_s_backup_leaves_their_account_as_it_was(
    alice: ApiUser, bob: ApiUser
) -> None:
    fill_account(alice)
    before = export_backup(alice)

    assert restore_backup(bob, before).status_code == 201

    assert comparable(export_backup(alice)) == comparable(before)


def test_restored_links_point_at_the_restorer_s_own_applications(
    alice: ApiUser, bob: ApiUser
) -> None:
    fill_account(alice)
    restore_backup(bob, export_backup(alice))

    bobs = {item["id"] for item in bob.client.get("/api/applications").json()["items"]}
    writing_links = {
        app_id
        for writing in bob.client.get("/api/writing").json()["items"]
        for app_id in writing["application_ids"]
    }
    document_links = {
        application["id"]
        for document in bob.client.get("/api/documents").json()["items"]
        for application in document["applications"]
    }
    assert writing_links
    assert document_links
    assert writing_links | document_links <= bobs


def test_an_import_adds_nothing_to_anyone_else(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(company="Alice's")

    import_csv(bob, make_csv([["Company", "Role"], ["Bob's", "Dev"]]))

    assert application_count(alice) == 1
    assert application_count(bob) == 1


def test_the_quota_counts_only_the_caller_s_applications(
    alice: ApiUser, bob: ApiUser, settings: Settings
) -> None:
    settings.max_applications_per_user = 2
    alice.create_application(company="One")
    alice.create_application(company="Two")
    content = make_csv([["Company", "Role"], ["A", "Dev"], ["B", "Dev"]])

    quota = preview(bob, content)["quota"]

    assert quota == {"limit": 2, "used": 0, "available": 2, "fits": 2}
    assert import_csv(bob, content).status_code == 201
