"""Uploaded audio and images: metadata here, bytes in storage (app/media/storage.py)."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, String
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow
from app.core.pagination import Page


class MediaKind(StrEnum):
    audio = "audio"
    image = "image"


class MediaAsset(SQLModel, table=True):
    __tablename__ = "media_asset"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: MediaKind = Field(sa_type=String(20))
    content_type: str = Field(max_length=100)
    byte_size: int = Field(sa_column=Column(BigInteger, nullable=False))
    duration_seconds: float | None = None
    checksum_sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=500, unique=True)
    original_filename: str = Field(default="", max_length=300)
    alt_text: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


def media_url(asset_id: uuid.UUID) -> str:
    """Where the asset's bytes are served (with Range support)."""
    return f"/v1/media/{asset_id}"


class MediaAssetPublic(SQLModel):
    """An uploaded file as editors see it; `url` serves its bytes."""

    id: uuid.UUID
    kind: MediaKind
    content_type: str = Field(
        description="Decided from the file's own bytes, not from what the client declared.",
        schema_extra={"examples": ["audio/mpeg"]},
    )
    byte_size: int = Field(schema_extra={"examples": [4_812_345]})
    duration_seconds: float | None = Field(
        description="Length of the audio, read from the file; null for images.",
        schema_extra={"examples": [612.4]},
    )
    checksum_sha256: str = Field(
        description="Hex SHA-256 of the bytes; also the file's strong ETag.",
        schema_extra={
            "examples": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]
        },
    )
    original_filename: str = Field(schema_extra={"examples": ["body-scan-10min.mp3"]})
    alt_text: str | None = Field(description="Text alternative for images.")
    url: str = Field(schema_extra={"examples": ["/v1/media/3f2b8c1e-7d4a-4c55-9a0e-2b1f6f0c9d11"]})
    created_at: datetime

    @classmethod
    def of(cls, asset: MediaAsset) -> "MediaAssetPublic":
        return cls(
            id=asset.id,
            kind=asset.kind,
            content_type=asset.content_type,
            byte_size=asset.byte_size,
            duration_seconds=asset.duration_seconds,
            checksum_sha256=asset.checksum_sha256,
            original_filename=asset.original_filename,
            alt_text=asset.alt_text,
            url=media_url(asset.id),
            created_at=asset.created_at,
        )


class MediaAssetPage(Page[MediaAssetPublic]):
    """A page of uploaded media, newest first: pass `next_cursor` as `cursor` for the next."""
