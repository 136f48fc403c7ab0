"""The admin's forms: what editors type, mapped to and from the editorial draft models.

Forms hold text as people type it (topics as a list of slugs, citations one per line); the
editorial service validates and saves the draft, so the rules stay in one place.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from wtforms import (
    BooleanField,
    Form,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired

from app.collections.models import CollectionKind
from app.core.errors import FieldError, Invalid
from app.core.publishing import ContentWarning
from app.editorial.content import KINDS
from app.tracks.models import TrackKind, TrackLevel

TEXT = {"class": "form-control"}
AREA = {"class": "form-control", "rows": 4}
LONG = {"class": "form-control", "rows": 14}
CHECK = {"class": "form-check-input"}
SELECT = {"class": "form-select"}
SLUG_HINT = "Lower-case words and digits joined by hyphens, e.g. sleep-and-anxiety."
WARNINGS = [(w.value, w.value.replace("_", " ")) for w in ContentWarning]


def _required(label: str, *, area: dict[str, Any] | None = None, hint: str = "") -> Any:
    if area is not None:
        return TextAreaField(label, [InputRequired()], render_kw=area, description=hint)
    return StringField(label, [InputRequired()], render_kw=TEXT, description=hint)


def _optional(label: str, *, area: dict[str, Any] | None = None, hint: str = "") -> Any:
    field = TextAreaField if area is not None else StringField
    return field(label, render_kw=area or TEXT, description=hint)


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in enum]


class ArticleForm(Form):
    slug = _required("Slug", hint=SLUG_HINT)
    locale = StringField("Locale", default="en", render_kw=TEXT)
    title = _required("Title")
    subtitle = _optional("Subtitle")
    summary = _required("Summary", area=AREA, hint="One or two sentences for lists.")
    body_markdown = _required("Body (Markdown)", area=LONG)
    is_medical = BooleanField(
        "Medical content", render_kw=CHECK, description="Published only after a clinician's review."
    )
    content_warnings = SelectMultipleField("Content warnings", choices=WARNINGS, render_kw=SELECT)
    author = _optional("Author (person slug)")
    topics = _optional("Topics (slugs)", hint="Separated by commas or new lines.")
    citations = _optional(
        "Citations",
        area=AREA,
        hint="One per line: text | url | DOI | PMID (everything after the text is optional).",
    )
    hero_image_url = _optional("Hero image URL")
    hero_image_alt = _optional("Hero image alt text")
    seo_title = _optional("SEO title")
    seo_description = _optional("SEO description")
    licence = StringField("Licence", default="All rights reserved", render_kw=TEXT)
    attribution = _optional("Attribution")


class TrackForm(Form):
    slug = _required("Slug", hint=SLUG_HINT)
    locale = StringField("Locale", default="en", render_kw=TEXT)
    title = _required("Title")
    description = _optional("Description", area=AREA)
    kind = SelectField("Kind", choices=_choices(TrackKind), render_kw=SELECT)
    level = SelectField("Level", choices=_choices(TrackLevel), render_kw=SELECT)
    is_premium = BooleanField("Premium", render_kw=CHECK)
    narrator = _optional("Narrator (person slug)")
    topics = _optional("Topics (slugs)", hint="Separated by commas or new lines.")
    content_warnings = SelectMultipleField("Content warnings", choices=WARNINGS, render_kw=SELECT)
    variants = _required(
        "Variants (JSON)",
        area=LONG,
        hint='A list of recordings, e.g. [{"duration_seconds": 600, "audio_url": "https://...", '
        '"narrator": "sam-lee", "transcript_vtt": "WEBVTT ..."}].',
    )
    cover_image_url = _optional("Cover image URL")
    cover_image_alt = _optional("Cover image alt text")


class CollectionForm(Form):
    slug = _required("Slug", hint=SLUG_HINT)
    locale = StringField("Locale", default="en", render_kw=TEXT)
    title = _required("Title")
    description = _optional("Description", area=AREA)
    kind = SelectField("Kind", choices=_choices(CollectionKind), render_kw=SELECT)
    topics = _optional("Topics (slugs)", hint="Separated by commas or new lines.")
    items = _optional(
        "Items", area=AREA, hint="In order, one per line: track:slug or article:slug."
    )
    cover_image_url = _optional("Cover image URL")
    cover_image_alt = _optional("Cover image alt text")


class TopicForm(Form):
    slug = _required("Slug", hint=SLUG_HINT)
    name = _required("Name")
    description = _optional("Description", area=AREA)


class PersonForm(Form):
    slug = _required("Slug", hint=SLUG_HINT)
    name = _required("Name")
    credentials = _optional(
        "Credentials", hint="As readers should see them, e.g. PsyD, licensed clinical psychologist."
    )
    registration_number = _optional("Registration number")
    bio = _optional("Bio", area=AREA)
    avatar_url = _optional("Avatar URL")


# --- text <-> draft fields ---


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _or_none(value: Any) -> str | None:
    return _text(value) or None


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()]


def _slugs(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).replace("\n", ",").split(",") if part.strip()]


def _citations(value: Any) -> list[dict[str, str | None]]:
    citations = []
    for line in _lines(value):
        parts = [part.strip() or None for part in line.split("|")]
        parts += [None] * (4 - len(parts))
        text, url, doi, pmid = parts[:4]
        citations.append({"text": text or "", "url": url, "doi": doi, "pmid": pmid})
    return citations


def _citation_lines(citations: list[dict[str, Any]]) -> str:
    lines = []
    for citation in citations:
        parts = [citation.get(name) or "" for name in ("text", "url", "doi", "pmid")]
        while len(parts) > 1 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _items(value: Any) -> list[dict[str, str]]:
    items = []
    for line in _lines(value):
        kind, _, slug = line.partition(":")
        if kind.strip() not in ("track", "article") or not slug.strip():
            raise Invalid(
                f"Collection items are written 'track:slug' or 'article:slug', not '{line}'.",
                errors=[FieldError("body", "items", "expected track:slug or article:slug")],
            )
        items.append({kind.strip(): slug.strip()})
    return items


def _variants(value: Any) -> Any:
    try:
        return json.loads(_text(value) or "[]")
    except json.JSONDecodeError as error:
        raise Invalid(
            f"Variants must be a JSON list of recordings: {error.msg} (line {error.lineno}).",
            errors=[FieldError("body", "variants", "not valid JSON")],
        ) from None


def _article(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": _text(form["slug"]),
        "locale": _text(form["locale"]) or "en",
        "title": _text(form["title"]),
        "subtitle": _or_none(form["subtitle"]),
        "summary": _text(form["summary"]),
        "body_markdown": _text(form["body_markdown"]),
        "is_medical": bool(form["is_medical"]),
        "content_warnings": list(form["content_warnings"] or []),
        "author": _or_none(form["author"]),
        "topics": _slugs(form["topics"]),
        "citations": _citations(form["citations"]),
        "hero_image_url": _or_none(form["hero_image_url"]),
        "hero_image_alt": _or_none(form["hero_image_alt"]),
        "seo_title": _or_none(form["seo_title"]),
        "seo_description": _or_none(form["seo_description"]),
        "licence": _text(form["licence"]),
        "attribution": _text(form["attribution"]),
    }


def _track(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": _text(form["slug"]),
        "locale": _text(form["locale"]) or "en",
        "title": _text(form["title"]),
        "description": _text(form["description"]),
        "kind": form["kind"],
        "level": form["level"],
        "is_premium": bool(form["is_premium"]),
        "narrator": _or_none(form["narrator"]),
        "topics": _slugs(form["topics"]),
        "content_warnings": list(form["content_warnings"] or []),
        "variants": _variants(form["variants"]),
        "cover_image_url": _or_none(form["cover_image_url"]),
        "cover_image_alt": _or_none(form["cover_image_alt"]),
    }


def _collection(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": _text(form["slug"]),
        "locale": _text(form["locale"]) or "en",
        "title": _text(form["title"]),
        "description": _text(form["description"]),
        "kind": form["kind"],
        "topics": _slugs(form["topics"]),
        "items": _items(form["items"]),
        "cover_image_url": _or_none(form["cover_image_url"]),
        "cover_image_alt": _or_none(form["cover_image_alt"]),
    }


def _topic(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": _text(form["slug"]),
        "name": _text(form["name"]),
        "description": _text(form["description"]),
    }


def _person(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "slug": _text(form["slug"]),
        "name": _text(form["name"]),
        "credentials": _text(form["credentials"]),
        "registration_number": _or_none(form["registration_number"]),
        "bio": _text(form["bio"]),
        "avatar_url": _or_none(form["avatar_url"]),
    }


def _shown(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A saved snapshot as the form shows it: lists as text, no None in text boxes."""
    data: dict[str, Any] = {}
    for name, value in snapshot.items():
        if name == "topics":
            data[name] = ", ".join(value)
        elif name == "citations":
            data[name] = _citation_lines(value)
        elif name == "items":
            data[name] = "\n".join(f"{k}:{v}" for item in value for k, v in item.items() if v)
        elif name == "variants":
            data[name] = json.dumps(value, indent=2, ensure_ascii=False)
        else:
            data[name] = "" if value is None else value
    return data


@dataclass(frozen=True)
class FormMapping:
    form: type[Form]
    to_draft: Callable[[dict[str, Any]], dict[str, Any]]


FORMS: dict[str, FormMapping] = {
    "article": FormMapping(ArticleForm, _article),
    "track": FormMapping(TrackForm, _track),
    "collection": FormMapping(CollectionForm, _collection),
    "topic": FormMapping(TopicForm, _topic),
    "person": FormMapping(PersonForm, _person),
}


def draft_fields(kind: str, form: dict[str, Any]) -> dict[str, Any]:
    """The draft's fields from a submitted form (Invalid when the text cannot be read)."""
    return FORMS[kind].to_draft(form)


def validated_draft(kind: str, form: dict[str, Any]) -> BaseModel:
    """A new entry's draft model, or Invalid naming each field that is wrong."""
    try:
        return KINDS[kind].draft.model_validate(draft_fields(kind, form))
    except ValidationError as error:
        problems = [(".".join(map(str, e["loc"])) or "form", str(e["msg"])) for e in error.errors()]
        raise Invalid(
            "; ".join(f"{name}: {message}" for name, message in problems),
            errors=[FieldError("body", name, message) for name, message in problems],
        ) from None


def form_data(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What the edit form starts with, from the entry's last saved state."""
    return _shown(snapshot)
