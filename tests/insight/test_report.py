"""The proof-of-search report: what it lists, how the PDF reads back and looks, the CSV."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from tests.factories import ApiUser
from tests.insight.report_builders import (
    RANGE,
    build_history,
    csv_rows,
    pdf_pages,
    report,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def history(alice: ApiUser) -> dict[str, int]:
    return build_history(alice)


@pytest.mark.usefixtures("history")
def test_the_pdf_names_the_person_the_range_and_the_count(alice: ApiUser) -> None:
    first_page = pdf_pages(report(alice, "pdf"))[0]

    assert "Proof of job search" in first_page
    assert "Alice" in first_page
    assert "alice@example.com" in first_page
    assert "3 applications between 1 Mar 2026 and 31 May 2026." in first_page
    assert "Europe/Athens" in first_page
    assert "Page 1 of 1" in first_page


@pytest.mark.usefixtures("history")
def test_the_pdf_lists_each_application_with_its_history_in_the_users_time_zone(
    alice: ApiUser,
) -> None:
    text = "\n".join(pdf_pages(report(alice, "pdf")))

    assert "Ξενοδοχεία Δελφών — Μηχανικός λογισμικού" in text
    assert "LinkedIn · https://jobs.example.gr/akropolis/42" in text
    assert "Γιώργος Παπαδόπουλος, Recruiter, giorgos@example.gr" in text
    assert "Resume (resume-greek.txt)" in text
    assert "1 Mar 2026, 11:00 Added as Wishlist" in text
    assert "3 Mar 2026, 00:30 Wishlist → Applied" in text
    assert "10 Mar 2026, 10:00 Applied → Screening" in text
    # Dated by the day it was first moved into Applied, since its applied date was cleared.
    assert "Undated GmbH — Data Analyst\nApplied 20 Mar 2026" in text


@pytest.mark.usefixtures("history")
def test_the_pdf_leaves_out_what_was_not_sent_in_the_range(alice: ApiUser) -> None:
    text = "\n".join(pdf_pages(report(alice, "pdf")))

    assert "Later Ltd" not in text
    assert "Someday Inc" not in text


@pytest.mark.usefixtures("history")
def test_a_chinese_name_without_a_font_for_it_is_marked_not_a_crash(alice: ApiUser) -> None:
    text = "\n".join(pdf_pages(report(alice, "pdf")))

    # The system has DejaVu (no Chinese): the name is shown as "?" and the note says why.
    assert "北京科技有限公司" in text or "???????? — Backend Engineer" in text
    if "北京科技有限公司" not in text:
        assert "The CSV version of this report holds every name exactly." in " ".join(text.split())


@pytest.mark.usefixtures("history")
def test_the_first_page_renders_to_a_printed_page(alice: ApiUser) -> None:
    content = report(alice, "pdf")

    document = pypdfium2.PdfDocument(content)
    page = document[0]
    width, height = page.get_size()
    image = page.render(scale=2).to_pil().convert("L")
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "proof-of-search-page-1.png")

    assert (round(width), round(height)) == (595, 842)  # A4 in points
    inked = sum(image.histogram()[:128])
    assert inked > 0.005 * image.width * image.height
    # The margins are left blank for the printer.
    margin = int(image.width * 15 / 210)
    darkest, _ = image.crop((0, 0, margin, image.height)).getextrema()
    assert darkest > 240


@pytest.mark.usefixtures("history")
def test_letter_paper_can_be_asked_for(alice: ApiUser) -> None:
    page = pypdfium2.PdfDocument(report(alice, "pdf", paper="letter"))[0]

    assert tuple(round(side) for side in page.get_size()) == (612, 792)


def test_a_long_report_breaks_between_applications_and_numbers_its_pages(
    alice: ApiUser,
) -> None:
    for number in range(40):
        application = alice.create_application(
            company=f"Company {number:02}", role=f"Role {number:02}", applied_on="2026-04-02"
        )
        for stage in ("applied", "screening", "interview", "rejected"):
            alice.client.patch(f"/api/applications/{application['id']}", json={"stage": stage})

    pages = pdf_pages(report(alice, "pdf"))

    assert len(pages) > 3
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert "Proof of job search · Alice · alice@example.com" in pages[1]
    for number in range(40):
        holding = [page for page in pages if f"Company {number:02} — Role {number:02}" in page]
        assert len(holding) == 1
        # The whole block is on that page: its last stage change is there too.
        assert "Interview → Rejected" in holding[0].split(f"Company {number:02}")[1]


@pytest.mark.usefixtures("history")
def test_the_csv_has_one_row_per_application_in_date_order(alice: ApiUser) -> None:
    rows = csv_rows(report(alice, "csv"))

    assert [(row["Date applied"], row["Company"]) for row in rows] == [
        ("2026-03-03", "Ξενοδοχεία Δελφών"),
        ("2026-03-20", "Undated GmbH"),
        ("2026-04-01", "北京科技有限公司"),
    ]
    greek = rows[0]
    assert greek["Found via"] == "LinkedIn"
    assert greek["Job URL"] == "https://jobs.example.gr/akropolis/42"
    assert greek["Contacts"] == "Γιώργος Παπαδόπουλος, Recruiter, giorgos@example.gr"
    assert greek["Resume sent"] == "Resume (resume-greek.txt)"
    assert greek["Stage now"] == "Screening"
    assert greek["Stage history"].splitlines() == [
        "1 Mar 2026, 11:00: Added as Wishlist",
        "3 Mar 2026, 00:30: Wishlist → Applied",
        "10 Mar 2026, 10:00: Applied → Screening",
    ]


def test_the_csv_keeps_formulas_as_text(alice: ApiUser) -> None:
    alice.create_application(
        company='=HYPERLINK("https://evil.example","Click")',
        role="+cmd",
        stage="applied",
        applied_on="2026-04-01",
    )

    row = csv_rows(report(alice, "csv"))[0]

    assert row["Company"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row["Role"] == "'+cmd"


def test_an_empty_range_says_so(alice: ApiUser) -> None:
    text = pdf_pages(report(alice, "pdf"))[0]

    assert "No applications between 1 Mar 2026 and 31 May 2026." in text
    assert csv_rows(report(alice, "csv")) == []


def test_the_downloads_are_named_for_the_range(alice: ApiUser) -> None:
    response = alice.client.get("/api/reports/proof.pdf", params=RANGE)

    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        'attachment; filename="proof-of-search-2026-03-01-to-2026-05-31.pdf"'
    )
