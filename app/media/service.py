"""Uploaded media: accept a file (type from its bytes, size within limits, audio length from
the file), list and delete it, and decide who may download it."""

import hashlib
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import BinaryIO

import anyio.to_thread
from sqlalchemy import exists, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import STAFF_ROLES, User
from app.core.db import begin_write
from app.core.errors import (
    Conflict,
    ContentTooLarge,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    Unauthorized,
    UnsupportedMediaType,
)
from app.core.pagination import SortKey, fetch_page
from app.media import formats
from app.media.models import MediaAsset, MediaAssetPage, MediaAssetPublic, MediaKind
from app.media.storage import MediaStorage
from app.tracks.models import Track, TrackVariant

logger = logging.getLogger("app.media")

# Bytes read from the upload per step, hashed and counted as they pass to storage.
UPLOAD_CHUNK_BYTES = 1024 * 1024


class MediaTooLarge(ContentTooLarge):
    """The file passed the limit of its kind (audio or image)."""


class UnsupportedMedia(UnsupportedMediaType):
    """Not an allowed audio or image type, not the declared one, or unreadable audio."""


@dataclass(frozen=True)
class UploadLimits:
    max_audio_bytes: int
    max_image_bytes: int

    def for_kind(self, kind: MediaKind) -> int:
        return self.max_audio_bytes if kind == MediaKind.audio else self.max_image_bytes


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MiB"
    if size >= 1024:
        return f"{size / 1024:g} KiB"
    return f"{size} bytes"


async def _end_read_transaction(session: AsyncSession) -> None:
    """Give the connection back to the pool: what follows (streaming an upload to storage,
    or a download to the client) can take minutes and touches no table."""
    if session.in_transaction():
        await session.commit()


async def upload_media(
    *,
    session: AsyncSession,
    storage: MediaStorage,
    limits: UploadLimits,
    source: BinaryIO,
    filename: str | None,
    declared_type: str | None,
    alt_text: str | None,
) -> MediaAsset:
    """Store `source` (a seekable file: the request's spooled upload) and record it.

    The type comes from the first bytes and must agree with `declared_type`; the bytes are
    streamed to storage in 1 MiB chunks, hashed and counted on the way, and the upload stops
    as soon as it passes its kind's limit. Audio must be readable by mutagen, which gives
    its duration. A failure at any step leaves nothing stored.
    """
    await _end_read_transaction(session)
    source.seek(0)
    head = await anyio.to_thread.run_sync(source.read, UPLOAD_CHUNK_BYTES)
    if not head:
        raise UnsupportedMedia("The file is empty.")
    found = formats.sniff(head[: formats.SNIFF_BYTES])
    if found is None:
        raise UnsupportedMedia(
            "The file is not an allowed type (judged by its content, not its name or "
            f"declared type). Allowed: {formats.ALLOWED_TYPES}."
        )
    conflict = formats.declared_type_conflict(declared_type, found)
    if conflict:
        raise UnsupportedMedia(conflict)
    if alt_text and found.kind != MediaKind.image:
        raise Invalid(
            "alt_text describes an image; audio takes none.",
            errors=[FieldError("body", "alt_text", "only images take alt text")],
        )

    limit, label = limits.for_kind(found.kind), found.label
    digest = hashlib.sha256()
    asset_id = uuid.uuid4()
    # uuid-based, not content-addressed: the key is known before the bytes are read, so they
    # stream straight to their final place, and deleting one asset never touches another's.
    key = f"{found.kind.value}/{asset_id}{found.extension}"

    async def chunks() -> AsyncIterator[bytes]:
        chunk, total = head, 0
        while chunk:
            total += len(chunk)
            if total > limit:
                raise MediaTooLarge(
                    f"{label[0].upper()}{label[1:]} may be at most {_size_text(limit)}; "
                    "this one is larger."
                )
            digest.update(chunk)
            yield chunk
            chunk = await anyio.to_thread.run_sync(source.read, UPLOAD_CHUNK_BYTES)

    byte_size = await storage.put_stream(key, chunks(), content_type=found.content_type)
    try:
        duration = None
        if found.kind == MediaKind.audio:
            try:
                duration = await anyio.to_thread.run_sync(formats.probe_duration, source, found)
            except formats.UnreadableAudio as error:
                raise UnsupportedMedia(
                    f"The file starts like {found.label}, but {error}. Upload a complete, "
                    "unencrypted audio file."
                ) from None
        asset = MediaAsset(
            id=asset_id,
            kind=found.kind,
            content_type=found.content_type,
            byte_size=byte_size,
            duration_seconds=duration,
            checksum_sha256=digest.hexdigest(),
            storage_key=key,
            original_filename=formats.sanitize_filename(filename),
            alt_text=alt_text or None,
        )
        await begin_write(session)
        session.add(asset)
        await session.commit()
    except BaseException:
        with anyio.CancelScope(shield=True):
            await storage.delete(key)
        raise
    return asset


_NEWEST_FIRST = SortKey("-created_at", MediaAsset.created_at, "datetime")


async def list_media(
    *, session: AsyncSession, kind: MediaKind | None, limit: int, cursor: str | None
) -> MediaAssetPage:
    """Uploaded media, newest first, optionally of one kind."""
    statement = select(MediaAsset, MediaAsset.created_at, MediaAsset.id)
    if kind is not None:
        statement = statement.where(MediaAsset.kind == kind.value)
    rows, next_cursor = await fetch_page(
        session,
        statement,
        sort=_NEWEST_FIRST,
        id_column=MediaAsset.id,
        limit=limit,
        cursor=cursor,
    )
    return MediaAssetPage(
        items=[MediaAssetPublic.of(row[0]) for row in rows], next_cursor=next_cursor
    )


async def delete_media(
    *, session: AsyncSession, storage: MediaStorage, asset_id: uuid.UUID
) -> None:
    """Delete the asset and its bytes; refused while a track variant plays it."""
    await begin_write(session)
    asset = await session.get(MediaAsset, asset_id)
    if asset is None:
        raise NotFound(f"There is no media asset {asset_id}.")
    users = (
        await session.scalars(
            select(Track.slug)
            .join(TrackVariant, TrackVariant.track_id == Track.id)
            .where(TrackVariant.media_asset_id == asset_id)
            .order_by(Track.slug)
            .limit(5)
        )
    ).all()
    if users:
        raise Conflict(
            f"Media asset {asset_id} is the audio of a variant of "
            f"{', '.join(repr(slug) for slug in users)}; attach other audio to those "
            "variants first."
        )
    key = asset.storage_key
    await session.delete(asset)
    try:
        await session.commit()
    except IntegrityError:
        # A variant was pointed at it since the check above.
        await session.rollback()
        raise Conflict(
            f"Media asset {asset_id} was just attached to a track variant; it stays."
        ) from None
    # The row goes first: bytes without a row are garbage, a row without bytes is an error.
    try:
        await storage.delete(key)
    except Exception:
        logger.exception("media asset %s deleted; its object %s could not be", asset_id, key)


@dataclass(frozen=True)
class MediaDownload:
    """What serving an asset needs, read before the response starts."""

    storage_key: str
    content_type: str
    byte_size: int
    checksum_sha256: str
    premium: bool


def _may_play_premium(user: User | None) -> bool:
    return user is not None and (user.is_premium or user.role in STAFF_ROLES)


async def find_media_for_download(
    *, session: AsyncSession, asset_id: uuid.UUID, user: User | None
) -> MediaDownload:
    """The asset, if the caller may have it: audio of a premium track plays only for
    members with premium, and for staff."""
    premium = exists().where(
        TrackVariant.media_asset_id == MediaAsset.id,
        Track.id == TrackVariant.track_id,
        Track.is_premium == true(),
    )
    row = (
        await session.execute(
            select(MediaAsset, premium.label("premium")).where(MediaAsset.id == asset_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound(f"There is no media asset {asset_id}.")
    asset, is_premium = row
    download = MediaDownload(
        storage_key=asset.storage_key,
        content_type=asset.content_type,
        byte_size=asset.byte_size,
        checksum_sha256=asset.checksum_sha256,
        premium=bool(is_premium),
    )
    await _end_read_transaction(session)
    if download.premium and not _may_play_premium(user):
        if user is None:
            raise Unauthorized(
                "This recording is premium: sign in with a premium membership to play it."
            )
        raise Forbidden("This recording is premium: it plays only with a premium membership.")
    return download
