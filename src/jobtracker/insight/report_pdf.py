"""The proof-of-search report as a PDF laid out for printing (fpdf2): a header with the person
and the range on every page, "Page 2 of 5" at the foot, one block per application kept on one
page when it fits, and Unicode text in an embedded font."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF, XPos, YPos
from fpdf.enums import MethodReturnValue
from fpdf.fonts import TTFFont

from jobtracker.insight.report import (
    ProofOfSearch,
    ReportEntry,
    ReportHeading,
    contact_text,
    day_text,
    moment_text,
    more_moves_text,
    move_text,
    range_text,
    sent_texts,
    summary_text,
)
from jobtracker.insight.report_schemas import Paper

MARGIN_MM = 18
FOOTER_MM = 14
INK = (33, 37, 41)
MUTED = (100, 106, 112)
RULE = (200, 204, 208)
WHEN_COLUMN_MM = 42
LABEL_COLUMN_MM = 26

# Fonts with wide coverage (Latin, Greek, Cyrillic, …), the first one found is embedded. Then
# fonts for Chinese, Japanese and Korean, used for the characters the first lacks.
_FONT_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
_REGULAR, _BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
_FALLBACK_FONTS = (
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf"),
    Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"),
)
MISSING = "?"
# Plain stand-ins for punctuation the report itself writes, when the font lacks it.
_PLAIN_PUNCTUATION = {
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2026": "...",
    "\u201c": '"',
    "\u201d": '"',
    "\u2019": "'",
    "\u2192": "->",
}


@dataclass(frozen=True)
class Fonts:
    """What the PDF writes with: an embedded Unicode font when the system has one, else the
    PDF's own Helvetica (Latin-1 only). Characters no font has are shown as "?"."""

    regular: Path | None = None
    bold: Path | None = None
    fallbacks: tuple[Path, ...] = ()

    @property
    def embedded(self) -> bool:
        return self.regular is not None


@lru_cache(maxsize=1)
def system_fonts() -> Fonts:
    for directory in _FONT_DIRECTORIES:
        regular, bold = directory / _REGULAR, directory / _BOLD
        if regular.is_file() and bold.is_file():
            fallbacks = tuple(path for path in _FALLBACK_FONTS if path.is_file())
            return Fonts(regular, bold, fallbacks)
    return Fonts()


class ProofPdf(FPDF):
    def __init__(self, heading: ReportHeading, paper: Paper, fonts: Fonts) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper.value)
        # Only the heading: a trial rendering (offset_rendering) copies the whole PDF.
        self.heading = heading
        self.replaced_characters = False
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + FOOTER_MM)
        self.family = "Helvetica"
        if fonts.embedded:
            self.family = "ReportSans"
            self.add_font(self.family, "", str(fonts.regular))
            self.add_font(self.family, "B", str(fonts.bold))
            fallback_names = []
            for number, path in enumerate(fonts.fallbacks):
                name = f"ReportFallback{number}"
                self.add_font(name, "", str(path))
                fallback_names.append(name)
            if fallback_names:
                self.set_fallback_fonts(fallback_names)
        self._covered = self._characters_covered()
        self.set_title(self.printable("Proof of job search"))
        self.set_author(self.printable(heading.display_name))
        self.set_creator("Job Tracker")
        self.set_creation_date(heading.generated_at)

    def _characters_covered(self) -> frozenset[int] | None:
        """The code points the embedded fonts draw; None with Helvetica (Latin-1)."""
        embedded = [font for font in self.fonts.values() if isinstance(font, TTFFont)]
        if not embedded:
            return None
        return frozenset(code for font in embedded for code in font.cmap)

    def _shown(self, code: int) -> bool:
        return code < 256 if self._covered is None else code in self._covered

    def printable(self, value: str) -> str:
        """The text as this PDF can show it: no control characters, and "?" for what no
        font here can draw (noted at the end, since the CSV holds it exactly)."""
        shown = []
        for character in unicodedata.normalize("NFC", value):
            if character == "\n":
                pass  # a line break the report asks for (one contact a line)
            elif unicodedata.category(character) in ("Cc", "Cf"):
                character = " " if character in "\t\r" else ""
            elif not self._shown(ord(character)):
                character = _PLAIN_PUNCTUATION.get(character, MISSING)
                self.replaced_characters |= character == MISSING
            shown.append(character)
        return "".join(shown)

    def use(self, size: float, *, bold: bool = False, muted: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*(MUTED if muted else INK))

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.use(8, muted=True)
        who = f"{self.heading.display_name} · {self.heading.email}"
        self.cell(0, 4, self.printable(f"Proof of job search · {who}"), new_x=XPos.LMARGIN)
        self.cell(0, 4, self.printable(_period_text(self.heading)), align="R")
        self.ln(5)
        self.rule()
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-(MARGIN_MM + FOOTER_MM) + 6)
        self.use(8, muted=True)
        generated = moment_text(self.heading.generated_at, self.heading.period.time_zone)
        self.cell(0, 4, self.printable(f"Made with Job Tracker on {generated}"), new_x=XPos.LMARGIN)
        self.cell(0, 4, f"Page {self.page_no()} of {self.str_alias_nb_pages}", align="R")

    def rule(self) -> None:
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())


def _period_text(heading: ReportHeading) -> str:
    return f"{day_text(heading.period.first)} \u2013 {day_text(heading.period.last)}"


def render_pdf(report: ProofOfSearch, paper: Paper = Paper.A4, fonts: Fonts | None = None) -> bytes:
    pdf = ProofPdf(report.heading, paper, fonts or system_fonts())
    pdf.add_page()
    _title(pdf)
    for batch in report.batches:
        for entry in batch:
            _keep_together(pdf, entry)
    if pdf.replaced_characters:
        _missing_characters_note(pdf)
    return bytes(pdf.output())


def _title(pdf: ProofPdf) -> None:
    heading = pdf.heading
    pdf.use(18, bold=True)
    pdf.cell(0, 9, "Proof of job search", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.use(11)
    pdf.multi_cell(
        0, 6, pdf.printable(heading.display_name), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.use(10, muted=True)
    pdf.multi_cell(
        0, 5, pdf.printable(heading.email), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(2)
    pdf.use(10)
    zone = heading.period.time_zone
    lines = (
        f"Applications sent between {range_text(heading.period)}, both days included.",
        f"Dates and times are in the {zone} time zone.",
    )
    for line in lines:
        pdf.multi_cell(0, 5, pdf.printable(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.use(12, bold=True)
    pdf.multi_cell(
        0,
        7,
        pdf.printable(summary_text(heading) + "."),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    pdf.rule()
    pdf.ln(4)


def _keep_together(pdf: ProofPdf, entry: ReportEntry) -> None:
    """Draw the entry on a fresh page when it would otherwise be split; one longer than a page
    starts where it is and breaks where it must. Measured by the same steps, drawing nothing
    (fpdf2's offset_rendering copies the whole document each time: quadratic in the report)."""
    measured = _Block(pdf, measure=True)
    _entry(measured, entry)
    fits = pdf.get_y() + measured.height <= pdf.page_break_trigger
    fresh_page = pdf.get_y() <= pdf.t_margin + 12
    if not fits and not fresh_page:
        pdf.add_page()
    _entry(_Block(pdf, measure=False), entry)


class _Block:
    """One application's block: drawn, or only measured (`height`) with the same steps."""

    def __init__(self, pdf: ProofPdf, *, measure: bool) -> None:
        self.pdf = pdf
        self.measure = measure
        self.height = 0.0

    def text(
        self,
        text: str,
        *,
        size: float = 9.5,
        line_height: float | None = None,
        bold: bool = False,
        muted: bool = False,
        indent: float = 0,
    ) -> None:
        pdf = self.pdf
        pdf.use(size, bold=bold, muted=muted)
        shown, width, height = pdf.printable(text), pdf.epw - indent, line_height or size * 0.5
        if self.measure:
            measured = pdf.multi_cell(
                width, height, shown, align="L", dry_run=True, output=MethodReturnValue.HEIGHT
            )
            assert isinstance(measured, float | int)  # HEIGHT alone answers a number
            self.height += measured
        else:
            pdf.multi_cell(width, height, shown, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def labelled(self, label: str, text: str) -> None:
        if not self.measure:
            self.pdf.use(9.5, muted=True)
            self.pdf.cell(LABEL_COLUMN_MM, 4.8, label)
        self.text(text, line_height=4.8, indent=LABEL_COLUMN_MM)

    def row(self, when: str, what: str) -> None:
        pdf = self.pdf
        if self.measure:
            self.height += 4.5
            return
        pdf.use(9, muted=True)
        pdf.cell(WHEN_COLUMN_MM, 4.5, pdf.printable(when))
        pdf.use(9)
        pdf.cell(0, 4.5, pdf.printable(what), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def gap(self, millimetres: float) -> None:
        if self.measure:
            self.height += millimetres
        else:
            self.pdf.ln(millimetres)

    def rule(self) -> None:
        if not self.measure:
            self.pdf.rule()


def _entry(block: _Block, entry: ReportEntry) -> None:
    application = entry.application
    zone = block.pdf.heading.period.time_zone
    block.text(f"{application.company} — {application.role}", size=11.5, bold=True)
    block.gap(0.5)
    block.labelled("Applied", day_text(application.applied_on))
    block.labelled("Stage now", application.stage.label)
    if application.location:
        block.labelled("Location", application.location)
    found_via = " · ".join(part for part in (application.source, application.job_url) if part)
    block.labelled("Found via", found_via or "Not recorded")
    block.labelled("Sent", "; ".join(sent_texts(entry.sent)) or "Not recorded")
    contacts = [contact_text(contact) for contact in entry.contacts]
    block.labelled("Contacts", "\n".join(contacts) if contacts else "None recorded")
    block.gap(1)
    block.text("Stage history", size=9, line_height=4.5, bold=True, muted=True)
    for move in entry.history.moves:
        block.row(moment_text(move.at, zone), move_text(move))
    more = more_moves_text(entry.history)
    if more:
        block.text(more, size=9, muted=True)
    block.gap(3)
    block.rule()
    block.gap(4)


def _missing_characters_note(pdf: ProofPdf) -> None:
    pdf.ln(2)
    pdf.use(8.5, muted=True)
    pdf.multi_cell(
        0,
        4.5,
        pdf.printable(
            "Some names use characters this server has no font for; they are shown as “?” "
            "here. The CSV version of this report holds every name exactly."
        ),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
