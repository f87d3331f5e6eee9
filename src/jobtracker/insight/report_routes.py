"""Routes for the proof-of-search report, as a PDF to print and as CSV for a spreadsheet."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.db import SessionDep
from jobtracker.insight import report
from jobtracker.insight.report_schemas import PdfReportRange, ReportRange

router = APIRouter(prefix="/api/reports", tags=["reports"])

_REFUSED: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "Dates missing or out of order, a range over two years, or more than "
        f"{report.MAX_REPORT_APPLICATIONS:,} applications in it"
    },
    429: {"description": f"More than {report.MAX_REPORTS_PER_WINDOW} reports in the window"},
}


def _counted(request: Request, settings: SettingsDep, user: CurrentUser) -> None:
    report.count_report(request.app.state.failure_limiter, settings.login_window_seconds, user.id)


def _attachment(report_range: ReportRange, extension: str) -> dict[str, str]:
    name = f"proof-of-search-{report_range.date_from}-to-{report_range.date_to}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


@router.get(
    "/proof.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **_REFUSED},
)
def proof_of_search_pdf(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    report_range: Annotated[PdfReportRange, Query()],
) -> Response:
    """Every application you sent in the range, with where you found it, the date, contacts,
    the resume sent and its stage history, laid out for printing; dates in your time zone."""
    # Imported here: fpdf2 brings fontTools and lxml, which no other request needs at start-up.
    from jobtracker.insight.report_pdf import render_pdf

    _counted(request, settings, user)
    proof = report.prepare(session, user, report_range)
    return Response(
        render_pdf(proof, report_range.paper),
        media_type="application/pdf",
        headers=_attachment(report_range, "pdf"),
    )


@router.get(
    "/proof.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 with a BOM"}, **_REFUSED},
)
def proof_of_search_csv(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    report_range: Annotated[ReportRange, Query()],
) -> Response:
    """The same report as a spreadsheet: one row per application, its stage history in one
    cell."""
    _counted(request, settings, user)
    proof = report.prepare(session, user, report_range)
    return Response(
        report.write_csv(proof),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(report_range, "csv"),
    )
