"""HTML as a person reads it: paragraphs split by blank lines, list items as "- item".

Job boards and schema.org descriptions carry HTML; the form's description field wants text.
The walk is iterative (lxml's iterwalk), so deeply nested hostile markup cannot exhaust
Python's stack, and scripts, styles, navigation and forms are skipped whole.
"""

from __future__ import annotations

import html
import re

# The longest description the form stores (applications' LongText).
MAX_DESCRIPTION_CHARS = 100_000

# Never text a reader wants: code, page chrome, and controls.
_SKIPPED = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "button", "select", "option", "textarea", "iframe", "svg", "canvas", "object", "embed",
        "head", "title", "meta", "link",
    }
)  # fmt: skip
# Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
        "ol", "dl", "dt", "dd", "li", "table", "tr", "blockquote", "pre", "hr", "figure",
        "figcaption", "address", "details", "summary", "body",
    }
)  # fmt: skip
_LISTS = frozenset({"ul", "ol"})
_BREAK = "\u2028"  # a <br>, kept apart from the source's own newlines until a block ends
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-z][a-z0-9]*[\s/&]", re.IGNORECASE)


class _Writer:
    """Collects the text of one block at a time and the finished blocks in order."""

    def __init__(self, keep_newlines: bool) -> None:
        self.keep_newlines = keep_newlines
        # (text, the number of the list it is an item of, or 0 outside lists)
        self.blocks: list[tuple[str, int]] = []
        self.list_number = 0  # counts outermost lists, so two lists in a row stay apart
        self.pieces: list[str] = []
        self.item_prefix: str | None = None
        self.size = 0

    def add(self, text: str | None) -> None:
        if text and self.size < MAX_DESCRIPTION_CHARS:
            self.pieces.append(text.replace("\n", _BREAK if self.keep_newlines else " "))
            self.size += len(text)

    def line_break(self) -> None:
        self.pieces.append(_BREAK)

    def end_block(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.pieces).split(_BREAK)]
        text = "\n".join(line for line in lines if line)
        self.pieces = []
        if not text:
            return
        if self.item_prefix is not None:
            self.blocks.append((self.item_prefix + text, self.list_number))
            self.item_prefix = None
        else:
            self.blocks.append((text, 0))

    def text(self) -> str:
        parts: list[str] = []
        previous_list = 0
        for text, list_number in self.blocks:
            if parts:
                same_list = list_number != 0 and list_number == previous_list
                parts.append("\n" if same_list else "\n\n")
            parts.append(text)
            previous_list = list_number
        return _trimmed("".join(parts))


def html_to_text(markup: str, *, keep_newlines: bool = False) -> str:
    """The readable text of an HTML fragment or page; "" when it holds none.

    A newline in the markup's text is only spacing, as a browser shows it, unless
    `keep_newlines` (trafilatura's output writes line breaks inside a paragraph as newlines).
    """
    if not markup.strip():
        return ""
    # Imported here: the job board readers load this module at start-up, lxml is needed later.
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    try:
        root = lxml.html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    writer = _Writer(keep_newlines)
    list_depth = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if writer.size >= MAX_DESCRIPTION_CHARS:
            break  # the rest would be cut anyway
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in _SKIPPED:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                writer.end_block()
            if tag in _LISTS:
                list_depth += 1
                if list_depth == 1:
                    writer.list_number += 1
            elif tag == "li":
                writer.item_prefix = "  " * max(list_depth - 1, 0) + "- "
            elif tag == "br":
                writer.line_break()
            writer.add(element.text)
            continue
        if tag in _LISTS:
            list_depth -= 1
        if tag in _BLOCKS:
            writer.end_block()
        elif tag in ("td", "th"):
            writer.add(" ")
        writer.add(element.tail)
    writer.end_block()
    return writer.text()


def description_text(markup: str) -> str:
    """Text from a description that may be HTML, HTML escaped once more, or plain text.

    Greenhouse sends its `content` with the tags escaped ("&lt;p&gt;"): unescaped first.
    """
    if _ESCAPED_TAG.search(markup):
        markup = html.unescape(markup)
    if "<" not in markup:
        return tidy_text(html.unescape(markup))
    return html_to_text(markup)


def tidy_text(text: str) -> str:
    """Plain text with runs of spaces and of blank lines collapsed, trimmed to the stored size."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return _trimmed("\n\n".join(paragraphs))


def _trimmed(text: str) -> str:
    """At most the stored size, cut at the last paragraph break before it when there is one."""
    if len(text) <= MAX_DESCRIPTION_CHARS:
        return text
    cut = text.rfind("\n\n", 0, MAX_DESCRIPTION_CHARS)
    return text[: cut if cut > 0 else MAX_DESCRIPTION_CHARS].rstrip()
