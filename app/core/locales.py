"""Which language to answer in: an explicit `locale`, else the best match for
Accept-Language among the languages the catalogue is written in, else English.

Lists are always in one language. A detail asked for in another language that the entry
has a translation in is answered with the translation; otherwise with the entry as it is
(the documented fallback). The response's Content-Language says which one it is.
"""

import re

DEFAULT_LOCALE = "en"
# The languages content is written in; Accept-Language is matched against these.
CONTENT_LOCALES = ("en", "es")
_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$|^\*$")


def preferred_languages(accept_language: str | None) -> list[str]:
    """Accept-Language's language tags, most preferred first (q=0 and malformed ignored)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or not _TAG.match(tag):
            continue
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                continue
        if quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _q, _p, tag in sorted(ranked)]


def negotiate(accept_language: str | None) -> str:
    """The content locale that best matches Accept-Language, or the default."""
    for tag in preferred_languages(accept_language):
        if tag == "*":
            return DEFAULT_LOCALE
        language = tag.split("-")[0].lower()
        if tag in CONTENT_LOCALES:
            return tag
        if language in CONTENT_LOCALES:
            return language
    return DEFAULT_LOCALE


def choose_locale(requested: str | None, accept_language: str | None) -> str:
    return requested or negotiate(accept_language)


def detail_locale(requested: str | None, accept_language: str | None) -> str | None:
    """For one entry asked for by slug: switch to a translation only when the caller said
    which language they want (a `locale`, or an Accept-Language header)."""
    if requested:
        return requested
    return negotiate(accept_language) if accept_language else None
