"""HTML descriptions turned into readable text: paragraphs, lists, no scripts or navigation."""

from __future__ import annotations

from jobtracker.capture.html_text import (
    MAX_DESCRIPTION_CHARS,
    description_text,
    html_to_text,
    tidy_text,
)


def test_paragraphs_are_separated_by_blank_lines_and_list_items_start_with_a_dash() -> None:
    html = (
        "<h2>About <em>us</em></h2><p>We  build\n things.</p>"
        "<ul><li>One</li><li>Two <b>bold</b></li></ul><ol><li>First</li></ol><p>End</p>"
    )

    assert (
        html_to_text(html) == "About us\n\nWe build things.\n\n- One\n- Two bold\n\n- First\n\nEnd"
    )


def test_nested_lists_are_indented() -> None:
    html = "<ul><li>Backend<ul><li>Python</li><li>Go</li></ul></li><li>Frontend</li></ul>"

    assert html_to_text(html) == "- Backend\n  - Python\n  - Go\n- Frontend"


def test_scripts_styles_navigation_and_forms_are_dropped_but_text_after_them_kept() -> None:
    html = (
        "<html><head><title>Page</title><style>p{color:red}</style></head><body>"
        "<header><nav><a href='/'>Home</a><a href='/jobs'>Jobs</a></nav></header>"
        "<p>Intro<script>alert('x')</script> continues.</p>"
        "<aside>Related jobs</aside><form><button>Apply</button></form>"
        "<noscript>Enable JavaScript</noscript><footer>© Acme</footer><p>Last</p></body></html>"
    )

    assert html_to_text(html) == "Intro continues.\n\nLast"


def test_line_breaks_inside_a_paragraph_are_kept() -> None:
    assert html_to_text("<p>Line one<br>Line two<br/><br/>Line three</p>") == (
        "Line one\nLine two\nLine three"
    )


def test_escaped_html_as_greenhouse_sends_it_is_unescaped_first() -> None:
    escaped = (
        "&lt;p&gt;Salary &amp;amp; benefits&lt;/p&gt;"
        "&lt;ul&gt;&lt;li&gt;Health&lt;/li&gt;&lt;/ul&gt;"
    )

    assert description_text(escaped) == "Salary & benefits\n\n- Health"


def test_plain_text_descriptions_are_tidied_not_parsed() -> None:
    assert description_text("Fish &amp; chips  \n\n\n\nfor   lunch") == "Fish & chips\n\nfor lunch"


def test_a_page_of_nothing_but_markup_gives_no_text() -> None:
    assert html_to_text("<div><span> </span><script>var a = 1;</script></div>") == ""
    assert html_to_text("") == ""


def test_text_is_cut_at_a_paragraph_break_within_the_stored_size() -> None:
    paragraph = "word " * 200
    text = tidy_text("\n\n".join([paragraph] * 200))  # about 200,000 characters

    assert len(text) <= MAX_DESCRIPTION_CHARS
    assert text.endswith("word")
    assert html_to_text(f"<p>{paragraph}</p>" * 200).count("\n\n") < 200
