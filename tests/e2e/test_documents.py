"""Documents in the browser: upload with progress, preview, download the same bytes, manage."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FilePayload, Frame, Locator, Page, expect

from tests.documents.builders import make_pdf
from tests.e2e.api import ApiUser
from tests.e2e.ui import DESKTOP, PHONE, Viewport, go_to, page_scroll_width, section, shoot

pytestmark = pytest.mark.e2e

# Chromium shows PDFs in its built-in viewer, an extension page framed inside the document.
PDF_VIEWER = "chrome-extension://"
RESUME = make_pdf("Jane Doe", "Senior Backend Engineer", "Python, PostgreSQL, FastAPI")


def _file(name: str, mime_type: str, content: bytes) -> FilePayload:
    return {"name": name, "mimeType": mime_type, "buffer": content}


def _upload(
    user: ApiUser, filename: str, content: bytes, *, application_id: int | None = None
) -> dict[str, Any]:
    data = {} if application_id is None else {"application_id": str(application_id)}
    response = user.api.post(
        "/api/documents",
        files=[("files", (filename, content, "application/octet-stream"))],
        data=data,
    )
    assert response.status_code in (200, 201), response.text
    [document] = response.json()
    return dict(document)


def _open_application(user: ApiUser, page: Page, application_id: int) -> Locator:
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application_id}")
    documents = section(page, "Documents")
    expect(documents.get_by_role("heading", name="Documents", exact=True)).to_be_visible()
    return documents


def _open_documents_page(user: ApiUser, page: Page) -> None:
    user.sign_in_context(page.context)
    page.goto("/")
    go_to(page, "Documents", heading="Documents")


def _listed(scope: Locator | Page, filename: str) -> Locator:
    return (
        scope.get_by_role("list", name="Documents")
        .get_by_role("listitem")
        .filter(has_text=filename)
    )


def _all_listed(scope: Locator | Page) -> Locator:
    return scope.get_by_role("list", name="Documents").get_by_role("listitem")


def _upload_row(scope: Locator | Page, filename: str) -> Locator:
    return (
        scope.get_by_role("list", name="Uploads").get_by_role("listitem").filter(has_text=filename)
    )


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _wait_for_frame(page: Page, matches: Callable[[Frame], bool], what: str) -> Frame:
    # Frames are not elements, so expect() cannot wait for them; poll as it would.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = next((frame for frame in page.frames if matches(frame)), None)
        if found:
            return found
        page.wait_for_timeout(100)
    urls = [frame.url for frame in page.frames]
    raise AssertionError(f"no frame showing {what}; frames: {urls}")


# --- uploading ---------------------------------------------------------------------------


def test_a_resume_chosen_on_the_application_page_uploads_with_progress_and_is_listed(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    documents = _open_application(user, page, application["id"])

    with page.expect_file_chooser() as chooser:
        documents.get_by_text("Choose files").click()
    chooser.value.set_files(files=[_file("resume.pdf", "application/pdf", RESUME)])

    progress = documents.get_by_role("progressbar", name="resume.pdf")
    expect(progress).to_have_attribute("aria-valuenow", "100")
    expect(_upload_row(documents, "resume.pdf")).to_contain_text("Uploaded")
    expect(_listed(documents, "resume.pdf")).to_be_visible()
    [stored] = user.api.get(f"/api/applications/{application['id']}/documents").json()["items"]
    assert (stored["filename"], stored["sha256"]) == ("resume.pdf", _sha256(RESUME))


def test_a_file_dropped_on_the_zone_is_uploaded_to_the_application(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    documents = _open_application(user, page, application["id"])
    dropped = page.evaluate_handle(
        """([name, text]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], name, { type: "text/markdown" }));
            return transfer;
        }""",
        ["cover-letter.md", "# Dear Contoso\n\nI would love to join."],
    )

    zone = documents.get_by_text("Drop files here")
    zone.dispatch_event("dragenter", {"dataTransfer": dropped})
    zone.dispatch_event("dragover", {"dataTransfer": dropped})
    zone.dispatch_event("drop", {"dataTransfer": dropped})

    expect(documents.get_by_role("progressbar", name="cover-letter.md")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(_listed(documents, "cover-letter.md")).to_be_visible()
    linked = user.api.get(f"/api/applications/{application['id']}/documents").json()
    assert [document["filename"] for document in linked["items"]] == ["cover-letter.md"]


def test_a_wrong_type_is_refused_beside_that_file_with_the_servers_message(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    html = b"<!doctype html><html><body><h1>Not a resume</h1></body></html>"
    refusal = user.api.post("/api/documents", files=[("files", ("page.html", html, "text/html"))])
    assert refusal.status_code == 415
    documents = _open_application(user, page, application["id"])

    documents.get_by_label("Choose files").set_input_files(
        files=[
            _file("page.html", "text/html", html),
            _file("notes.txt", "text/plain", b"Ask about on-call."),
        ]
    )

    refused = _upload_row(documents, "page.html")
    expect(refused.get_by_role("alert")).to_contain_text(refusal.json()["error"]["message"])
    expect(refused.get_by_role("progressbar")).to_have_count(0)
    expect(_upload_row(documents, "notes.txt")).to_contain_text("Uploaded")
    expect(_listed(documents, "notes.txt")).to_be_visible()
    expect(_listed(documents, "page.html")).to_have_count(0)


def test_a_file_over_the_upload_limit_is_refused_beside_it(user: ApiUser, page: Page) -> None:
    limit_mb = user.api.get("/api/meta").json()["limits"]["max_upload_mb"]
    too_large = RESUME + b"%" * (limit_mb * 1024 * 1024)  # still a PDF: only its size is wrong
    documents = _open_application(user, page, user.create_application()["id"])

    documents.get_by_label("Choose files").set_input_files(
        files=[_file("portfolio.pdf", "application/pdf", too_large)]
    )

    # The server's own words, which arrive although it answers before reading the whole body.
    refused = _upload_row(documents, "portfolio.pdf").get_by_role("alert")
    expect(refused).to_contain_text(f"larger than this instance's upload limit of {limit_mb} MB")
    expect(refused).to_contain_text("ask the admin to raise MAX_UPLOAD_MB")
    assert user.api.get("/api/documents").json()["total"] == 0


# --- preview and download ----------------------------------------------------------------


def test_the_pdf_preview_shows_the_file_in_the_browsers_pdf_viewer(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    document = _upload(user, "resume.pdf", RESUME, application_id=application["id"])
    documents = _open_application(user, page, application["id"])
    inline_url = f"/api/documents/{document['id']}/content?inline=1"

    with page.expect_response(lambda response: response.url.endswith(inline_url)) as shown:
        documents.get_by_role("button", name="Preview resume.pdf").click()

    dialog = page.get_by_role("dialog", name="resume.pdf")
    expect(dialog.get_by_title("Preview of resume.pdf")).to_have_attribute("src", inline_url)
    headers = shown.value.all_headers()  # .headers leaves out security headers such as CSP
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("inline;")
    assert headers["content-security-policy"] == "sandbox"
    # The sandboxing CSP header does not stop Chromium from showing it: its viewer loads.
    _wait_for_frame(
        page,
        lambda frame: (
            frame.url.startswith(PDF_VIEWER)
            and frame.parent_frame is not None
            and frame.parent_frame.url.endswith(inline_url)
        ),
        "the PDF in Chromium's viewer",
    )


def test_a_text_file_preview_shows_its_text(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Contoso")
    letter = "Dear Contoso team,\n\nI build reliable systems.\n"
    _upload(user, "cover-letter.txt", letter.encode(), application_id=application["id"])
    documents = _open_application(user, page, application["id"])

    documents.get_by_role("button", name="Preview cover-letter.txt").click()

    preview = page.get_by_role("dialog", name="cover-letter.txt").get_by_role(
        "region", name="Preview of cover-letter.txt"
    )
    expect(preview).to_have_text(letter)


def test_downloading_a_document_gives_back_the_identical_bytes(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Contoso")
    _upload(user, "resume.pdf", RESUME, application_id=application["id"])
    documents = _open_application(user, page, application["id"])

    with page.expect_download() as downloading:
        documents.get_by_role("link", name="Download resume.pdf").click()

    download = downloading.value
    assert download.suggested_filename == "resume.pdf"
    assert _sha256(Path(download.path()).read_bytes()) == _sha256(RESUME)


# --- managing ----------------------------------------------------------------------------


def test_detaching_on_the_application_page_keeps_the_document_in_the_library(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    _upload(user, "resume.pdf", RESUME, application_id=application["id"])
    documents = _open_application(user, page, application["id"])

    documents.get_by_role("button", name="Detach resume.pdf").click()

    expect(_listed(documents, "resume.pdf")).to_have_count(0)
    [kept] = user.api.get("/api/documents").json()["items"]
    assert (kept["filename"], kept["applications"]) == ("resume.pdf", [])


def test_the_documents_page_finds_documents_by_their_text_and_type(
    user: ApiUser, page: Page
) -> None:
    _upload(user, "resume.pdf", RESUME)
    _upload(user, "cover-letter.md", b"# Dear Globex\n\nKubernetes at scale.")
    _upload(user, "notes.txt", b"Questions to ask about Kubernetes.")
    _open_documents_page(user, page)
    expect(_all_listed(page)).to_have_count(3)

    page.get_by_label("Search").fill("kubernetes")
    expect(_all_listed(page)).to_have_count(2)
    expect(_listed(page, "resume.pdf")).to_have_count(0)

    page.get_by_label("Type").select_option(label="Markdown")
    expect(_all_listed(page)).to_have_count(1)
    expect(_listed(page, "cover-letter.md")).to_be_visible()


def test_renaming_a_document_keeps_the_new_name(user: ApiUser, page: Page) -> None:
    _upload(user, "resume.pdf", RESUME)
    _open_documents_page(user, page)

    _listed(page, "resume.pdf").get_by_role("button", name="Rename").click()
    page.get_by_label("File name").fill("Resume for Contoso.pdf")
    page.get_by_role("button", name="Save name").click()

    expect(_listed(page, "Resume for Contoso.pdf")).to_be_visible()
    [renamed] = user.api.get("/api/documents").json()["items"]
    assert renamed["filename"] == "Resume for Contoso.pdf"


def test_attaching_and_detaching_a_document_on_the_documents_page(
    user: ApiUser, page: Page
) -> None:
    application = user.create_application(company="Contoso")
    _upload(user, "resume.pdf", RESUME)
    _open_documents_page(user, page)
    item = _listed(page, "resume.pdf")

    item.get_by_role("button", name="Attach resume.pdf").click()
    item.get_by_label("Application", exact=True).select_option(label="Contoso — Software Engineer")
    item.get_by_role("button", name="Attach", exact=True).click()
    expect(item.get_by_role("link", name="Contoso")).to_be_visible()
    linked = user.api.get(f"/api/applications/{application['id']}/documents").json()
    assert linked["total"] == 1

    item.get_by_role("button", name="Detach resume.pdf from Contoso").click()
    expect(item.get_by_role("link", name="Contoso")).to_have_count(0)
    expect(item).to_contain_text("Not attached to any application")


def test_deleting_a_document_asks_first_then_frees_its_storage(user: ApiUser, page: Page) -> None:
    document = _upload(user, "resume.pdf", RESUME)
    deadline = time.monotonic() + 60
    # The file and its text both count, and a PDF's text may be read after the upload answers.
    while not user.api.get(f"/api/documents/{document['id']}").json()["extracted_text"]:
        assert time.monotonic() < deadline, "the resume's text was never read"
        time.sleep(0.1)
    used = user.api.get("/api/meta").json()["usage"]["storage_bytes"]
    _open_documents_page(user, page)
    assert len(RESUME) < used < 1024, "the storage line below counts bytes"
    expect(page.get_by_text(f"{used} bytes of 100 MB storage used")).to_be_visible()

    _listed(page, "resume.pdf").get_by_role("button", name="Delete resume.pdf").click()
    expect(_listed(page, "resume.pdf")).to_be_visible()  # it asks first
    page.get_by_role("button", name="Delete document").click()

    expect(_listed(page, "resume.pdf")).to_have_count(0)
    expect(page.get_by_text("0 bytes of 100 MB storage used")).to_be_visible()
    assert user.api.get("/api/documents").json()["total"] == 0


# --- on a phone and on a desktop ---------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda viewport: viewport.name)
def test_documents_fit_the_screen(
    viewport: Viewport,
    new_context: Callable[[Viewport], BrowserContext],
    user: ApiUser,
) -> None:
    application = user.create_application(company="Umbrella Health", role="Data Engineer")
    _upload(user, "Riley Chen — resume 2026.pdf", RESUME, application_id=application["id"])
    _upload(user, "cover-letter-umbrella.md", b"# Dear Umbrella\n\nOpen data matters to me.")
    context = new_context(viewport)
    user.sign_in_context(context)
    page = context.new_page()

    page.goto("/documents")
    expect(_listed(page, "cover-letter-umbrella.md")).to_be_visible()
    page.get_by_label("Choose files").set_input_files(
        files=[_file("portfolio.html", "text/html", b"<html></html>")]
    )
    expect(_upload_row(page, "portfolio.html").get_by_role("alert")).to_be_visible()
    assert page_scroll_width(page) <= viewport.width
    shoot(page, "documents", viewport)

    page.goto(f"/applications/{application['id']}")
    documents = section(page, "Documents")
    expect(_listed(documents, "resume 2026.pdf")).to_be_visible()
    assert page_scroll_width(page) <= viewport.width
    documents.scroll_into_view_if_needed()
    shoot(page, "application-documents", viewport)
