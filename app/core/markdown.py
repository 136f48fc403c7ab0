"""Markdown to safe HTML, done once when content is saved, never per request."""

import math
import re
from functools import cache
from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _markdown() -> "MarkdownIt":
    # Made on first use: only saves render Markdown, and a serving worker that never saves
    # anything is ~1 MB smaller without the parser loaded.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul", "img",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}}
_WORD = re.compile(r"\w+")
WORDS_PER_MINUTE = 200


def render_markdown(body: str) -> str:
    """Render Markdown and keep only harmless HTML: no scripts, handlers or `javascript:`."""
    markdown = _markdown()
    tokens = markdown.parse(body)
    for token in tokens:
        # The page title is the one <h1>; a `#` heading in the body becomes an <h2> rather than
        # being stripped to bare text by the sanitizer.
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
    raw = markdown.renderer.render(tokens, markdown.options, {})
    return nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def reading_time_minutes(body: str) -> int:
    return max(1, math.ceil(len(_WORD.findall(body)) / WORDS_PER_MINUTE))
