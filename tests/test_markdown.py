"""Markdown is rendered once, on save, into HTML that cannot run code in a reader's app."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app.core.markdown import WORDS_PER_MINUTE, reading_time_minutes, render_markdown

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class Elements(HTMLParser):
    """Every element and its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_harmless(html: str) -> None:
    for tag, attributes in elements(html):
        assert tag not in {"script", "style", "iframe", "object", "embed", "form", "svg"}, html
        for name, value in attributes.items():
            assert not name.startswith("on"), html
            if name in {"href", "src"}:
                assert value is not None
                assert urlsplit(value.strip()).scheme.lower() in SAFE_SCHEMES, html


ATTACKS = [
    "<script>alert(1)</script>",
    "Text <script src=https://evil.example/x.js></script> more",
    "<img src=x onerror=alert(1)>",
    "<a href='https://ok.example' onclick='steal()'>link</a>",
    '<p onmouseover="alert(1)">hover</p>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body { display: none }</style>",
    "<svg onload=alert(1)>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](javascript&colon;alert(1))",
    "[click me](java\tscript:alert(1))",
    "[click me](  javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "```html\n<script>alert(1)</script>\n```",
]


@pytest.mark.parametrize("markdown", ATTACKS)
def test_nothing_executable_survives(markdown: str) -> None:
    html = render_markdown(markdown)

    assert_harmless(html)
    assert "<script" not in html.lower()


def test_raw_html_is_shown_as_text_not_markup() -> None:
    html = render_markdown("Use <b>bold</b> and <script>alert(1)</script>")

    assert "&lt;script&gt;" in html
    assert [tag for tag, _ in elements(html)] == ["p"]


def test_headings_lists_and_emphasis_are_kept() -> None:
    html = render_markdown(
        "## When to call your prescriber\n\n"
        "### Warning signs\n\n"
        "- new **thoughts** of self-harm\n- a *rash*\n\n"
        "1. Stop\n2. Call\n\n"
        "> A quote\n\n"
        "`dose`\n"
    )

    assert "<h2>When to call your prescriber</h2>" in html
    assert "<h3>Warning signs</h3>" in html
    assert "<ul>" in html
    assert "<li>new <strong>thoughts</strong> of self-harm</li>" in html
    assert "<em>rash</em>" in html
    assert "<ol>" in html
    assert "<blockquote>" in html
    assert "<code>dose</code>" in html


def test_a_top_level_heading_is_kept_as_a_heading() -> None:
    # The article title is the page's <h1>; a body `#` heading must not become bare text.
    html = render_markdown("# Sleep and mood\n\nSetext heading\n===\n\nBody.")

    assert "<h2>Sleep and mood</h2>" in html
    assert "<h2>Setext heading</h2>" in html
    assert "<h1>" not in html
    assert "<p>Body.</p>" in html


def test_links_are_kept_with_rel_noopener() -> None:
    html = render_markdown(
        'See [NICE](https://www.nice.org.uk/guidance/ng222 "NICE guideline"), '
        "<https://example.org/help>, [email](mailto:care@example.org) "
        "and [call](tel:+441234567890)."
    )

    links = [attributes for tag, attributes in elements(html) if tag == "a"]
    assert [link["href"] for link in links] == [
        "https://www.nice.org.uk/guidance/ng222",
        "https://example.org/help",
        "mailto:care@example.org",
        "tel:+441234567890",
    ]
    assert links[0]["title"] == "NICE guideline"
    for link in links:
        assert "noopener" in (link["rel"] or "").split()


def test_images_keep_alt_text_and_tables_render() -> None:
    html = render_markdown(
        '![A calm lake at dawn](https://cdn.example.org/lake.jpg "Lake")\n\n'
        "| Drug | Note |\n|---|---|\n| lamotrigine | titrate slowly |\n"
    )

    images = [attributes for tag, attributes in elements(html) if tag == "img"]
    assert images == [
        {"src": "https://cdn.example.org/lake.jpg", "alt": "A calm lake at dawn", "title": "Lake"}
    ]
    assert "<table>" in html
    assert "<td>lamotrigine</td>" in html


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (WORDS_PER_MINUTE * 7, 7)],
)
def test_reading_time_rounds_up_to_whole_minutes(words: int, minutes: int) -> None:
    assert reading_time_minutes(" ".join(["calm"] * words)) == minutes
