"""Crisis help: which content shows it, which country's list a caller gets, the fallback,
and keeping the table in line with app/crisis/data.py. Every transport asks here."""

import re
from collections.abc import Hashable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import FieldError, Invalid
from app.core.publishing import ContentWarning
from app.crisis.data import CRISIS_RESOURCES
from app.crisis.models import (
    COUNTRY_PATTERN,
    INTERNATIONAL,
    CrisisResource,
    CrisisResourcePublic,
    CrisisResources,
)

KeyT = TypeVar("KeyT", bound=Hashable)

# Content carrying any of these warnings shows the caller's crisis services with it.
CRISIS_WARNINGS = frozenset({ContentWarning.suicide.value, ContentWarning.self_harm.value})
# Codes people send that are not ISO 3166-1 assignments but mean one unambiguously.
COUNTRY_ALIASES = {"UK": "GB"}
_COUNTRY = re.compile(COUNTRY_PATTERN)
# Enough for any real Accept-Language; the rest of a very long header is ignored.
_ACCEPT_LANGUAGE_LIMIT = 1000
_SEEDED_FIELDS = (
    "name",
    "description",
    "phone",
    "sms",
    "chat_url",
    "url",
    "hours",
    "audience",
    "languages",
    "emergency_number",
    "source_url",
)


def shows_crisis_resources(content_warnings: Iterable[str]) -> bool:
    """Whether content with these warnings carries crisis services."""
    return any(str(warning) in CRISIS_WARNINGS for warning in content_warnings)


def _country_code(value: str) -> str:
    code = value.upper()
    return COUNTRY_ALIASES.get(code, code)


def parse_country(value: str, *, location: str = "query") -> str:
    """A country parameter: two letters, any case (e.g. `gb`); returned upper-case."""
    if not _COUNTRY.fullmatch(value):
        raise Invalid(
            f"{location} parameter 'country' must be a two-letter ISO 3166-1 code such as "
            f"'GB', not '{value[:20]}'.",
            errors=[FieldError(location, "country", "must be two letters (ISO 3166-1 alpha-2)")],
        )
    return _country_code(value)


def country_from_accept_language(header: str | None) -> str | None:
    """The region of the caller's most preferred language, when it names a country:
    `en-GB` -> GB, `zh-Hant-TW` -> TW; `es-419` (a continent), `en` or `*` -> None.

    Only the most preferred language counts: a lower preference says which languages the
    caller reads, not where they are, and the wrong country's helpline is worse than the
    international list."""
    if not header:
        return None
    best_tag, best_q = None, 0.0
    for part in header[:_ACCEPT_LANGUAGE_LIMIT].split(","):
        tag, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > best_q:
            best_tag, best_q = tag, q
    if best_tag is None:
        return None
    for subtag in best_tag.replace("_", "-").split("-")[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            continue  # a script, e.g. Hant
        if len(subtag) == 2 and subtag.isascii() and subtag.isalpha():
            return _country_code(subtag)
        return None
    return None


def choose_country(
    *, country: str | None, accept_language: str | None, location: str = "query"
) -> str | None:
    """The caller's country: the `country` parameter, else the region of their preferred
    language, else None (the international list)."""
    if country is not None:
        return parse_country(country, location=location)
    return country_from_accept_language(accept_language)


async def crisis_resources_by_country(
    *, session: AsyncSession, countries: Iterable[str | None]
) -> dict[str | None, CrisisResources]:
    """Each country's list, or the international one as the fallback: one statement."""
    wanted = list(dict.fromkeys(countries))
    codes = {INTERNATIONAL, *(country for country in wanted if country is not None)}
    rows = await session.scalars(
        select(CrisisResource)
        .where(CrisisResource.country.in_(codes))
        .order_by(CrisisResource.country, CrisisResource.position, CrisisResource.id)
    )
    by_country: dict[str, list[CrisisResourcePublic]] = {}
    for row in rows:
        by_country.setdefault(row.country, []).append(CrisisResourcePublic.model_validate(row))
    found: dict[str | None, CrisisResources] = {}
    for country in wanted:
        if country is not None and country != INTERNATIONAL and by_country.get(country):
            found[country] = CrisisResources(
                country=country, fallback=False, resources=by_country[country]
            )
        else:
            found[country] = CrisisResources(
                country=INTERNATIONAL,
                fallback=True,
                resources=by_country.get(INTERNATIONAL, []),
            )
    return found


async def crisis_resources(*, session: AsyncSession, country: str | None) -> CrisisResources:
    """The services for `country` (see choose_country), or the international fallback."""
    found = await crisis_resources_by_country(session=session, countries=[country])
    return found[country]


async def crisis_resources_for_content(
    *, session: AsyncSession, content_warnings: Mapping[KeyT, Iterable[str]], country: str | None
) -> dict[KeyT, CrisisResources | None]:
    """For each piece of content (key -> its warnings), the caller's crisis services when its
    warnings call for them, else None. At most one statement for any number of items."""
    sensitive = {
        key for key, warnings in content_warnings.items() if shows_crisis_resources(warnings)
    }
    if not sensitive:
        return {key: None for key in content_warnings}
    resources = await crisis_resources(session=session, country=country)
    return {key: resources if key in sensitive else None for key in content_warnings}


async def load_crisis_resources(*, session: AsyncSession, now: datetime) -> dict[str, int]:
    """Make the table match app/crisis/data.py: add new entries, update changed ones (their
    `updated_at` moves), remove ones no longer listed. Idempotent. The caller commits."""
    existing = {
        (row.country, row.name): row for row in await session.scalars(select(CrisisResource))
    }
    counts = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0}
    listed: set[tuple[str, str]] = set()
    for country, entries in CRISIS_RESOURCES.items():
        for position, entry in enumerate(entries):
            values: dict[str, Any] = {name: entry.get(name) for name in _SEEDED_FIELDS}
            values["description"] = values["description"] or ""
            values["audience"] = values["audience"] or "everyone"
            values["languages"] = list(values["languages"] or [])
            values["position"] = position
            key = (country, entry["name"])
            listed.add(key)
            row = existing.get(key)
            if row is None:
                session.add(CrisisResource(country=country, updated_at=now, **values))
                counts["added"] += 1
            elif any(getattr(row, name) != value for name, value in values.items()):
                row.sqlmodel_update({**values, "updated_at": now})
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    stale = [row.id for key, row in existing.items() if key not in listed]
    if stale:
        await session.execute(delete(CrisisResource).where(CrisisResource.id.in_(stale)))
        counts["removed"] = len(stale)
    await session.flush()
    return counts


async def seed_crisis_resources(*, session: AsyncSession, now: datetime) -> dict[str, int]:
    """load_crisis_resources in its own transaction (the CLI step)."""
    counts = await load_crisis_resources(session=session, now=now)
    await session.commit()
    return counts
