"""What an uploaded file really is: its type from its first bytes (magic numbers), its audio
length from mutagen, and a filename that is safe to store and show.

The client's declared Content-Type is only checked against what the bytes say; it never
decides the type on its own.
"""

import importlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, BinaryIO

from app.media.models import MediaKind

# How many leading bytes `sniff` needs.
SNIFF_BYTES = 16

# ISO base media brands of audio files (M4A, M4B audiobooks, and the generic brands AAC
# files are written with). HEIF images and other ftyp files are not audio.
_MP4_AUDIO_BRANDS = frozenset(
    {b"M4A ", b"M4B ", b"M4P ", b"mp41", b"mp42", b"isom", b"iso2", b"iso5", b"iso6", b"dash"}
)

# Types a client may declare without claiming anything (curl's default for unknown files).
_UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class MediaFormat:
    name: str
    label: str
    kind: MediaKind
    content_type: str
    extension: str
    # Content types a client may declare for it (registered and common unofficial ones).
    aliases: frozenset[str]
    # mutagen's parsers for audio formats, as "module:class": imported when a file is probed
    # (mutagen is ~2 MB a serving worker does not need until someone uploads audio).
    parsers: tuple[str, ...] = ()


MP3_FORMAT = MediaFormat(
    "mp3",
    "an MP3 file",
    MediaKind.audio,
    "audio/mpeg",
    ".mp3",
    frozenset({"audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3", "audio/x-mp3"}),
    ("mutagen.mp3:MP3",),
)
M4A_FORMAT = MediaFormat(
    "m4a",
    "an MPEG-4 audio (M4A/AAC) file",
    MediaKind.audio,
    "audio/mp4",
    ".m4a",
    frozenset({"audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac", "audio/x-m4b"}),
    ("mutagen.mp4:MP4",),
)
OGG_FORMAT = MediaFormat(
    "ogg",
    "an Ogg audio file",
    MediaKind.audio,
    "audio/ogg",
    ".ogg",
    frozenset({"audio/ogg", "audio/opus", "audio/vorbis", "audio/x-ogg", "application/ogg"}),
    ("mutagen.oggvorbis:OggVorbis", "mutagen.oggopus:OggOpus", "mutagen.oggflac:OggFLAC"),
)
WAV_FORMAT = MediaFormat(
    "wav",
    "a WAV file",
    MediaKind.audio,
    "audio/wav",
    ".wav",
    frozenset({"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"}),
    ("mutagen.wave:WAVE",),
)
FLAC_FORMAT = MediaFormat(
    "flac",
    "a FLAC file",
    MediaKind.audio,
    "audio/flac",
    ".flac",
    frozenset({"audio/flac", "audio/x-flac"}),
    ("mutagen.flac:FLAC",),
)
JPEG_FORMAT = MediaFormat(
    "jpeg",
    "a JPEG image",
    MediaKind.image,
    "image/jpeg",
    ".jpg",
    frozenset({"image/jpeg", "image/jpg", "image/pjpeg"}),
)
PNG_FORMAT = MediaFormat(
    "png", "a PNG image", MediaKind.image, "image/png", ".png", frozenset({"image/png"})
)
WEBP_FORMAT = MediaFormat(
    "webp", "a WebP image", MediaKind.image, "image/webp", ".webp", frozenset({"image/webp"})
)
FORMATS = (
    MP3_FORMAT,
    M4A_FORMAT,
    OGG_FORMAT,
    WAV_FORMAT,
    FLAC_FORMAT,
    JPEG_FORMAT,
    PNG_FORMAT,
    WEBP_FORMAT,
)
ALLOWED_TYPES = ", ".join(f.content_type for f in FORMATS)


def _is_mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a defined version, and layer I-III
    (layer bits 00 are ADTS AAC, which is not MP3)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 0b11
    layer = (head[1] >> 1) & 0b11
    bitrate = head[2] >> 4
    sample_rate = (head[2] >> 2) & 0b11
    return version != 0b01 and layer != 0 and bitrate != 0b1111 and sample_rate != 0b11


def sniff(head: bytes) -> MediaFormat | None:
    """The allowed format the first bytes belong to, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG_FORMAT
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG_FORMAT
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP_FORMAT
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAV_FORMAT
    if head.startswith(b"fLaC"):
        return FLAC_FORMAT
    if head.startswith(b"OggS"):
        return OGG_FORMAT
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_AUDIO_BRANDS:
        return M4A_FORMAT
    if head.startswith(b"ID3") or _is_mpeg_audio_frame(head):
        return MP3_FORMAT
    return None


def normalize_content_type(declared: str | None) -> str:
    return (declared or "").split(";", 1)[0].strip().lower()


def declared_type_conflict(declared: str | None, found: MediaFormat) -> str | None:
    """Why the declared type disagrees with the bytes, or None when it agrees (or when the
    client declared nothing in particular)."""
    normalized = normalize_content_type(declared)
    if normalized in _UNDECLARED or normalized in found.aliases:
        return None
    return (
        f"The file was sent as '{normalized}' but its bytes are {found.label} "
        f"({found.content_type}); send it with a matching Content-Type."
    )


class UnreadableAudio(Exception):
    """mutagen could not read the file as the format its first bytes claim."""


def probe_duration(fileobj: BinaryIO, found: MediaFormat) -> float:
    """The audio's length in seconds, read by mutagen with the format's own parsers.

    mutagen reads headers and seeks (to the last Ogg page, to an MP3's Xing header); it does
    not load the file into memory. Blocking: call it in a worker thread.
    """
    # The parsers are chosen by the sniffed type, not by mutagen's guess (which scores by
    # file name and would pass over an MP3 without an ID3 tag).
    from mutagen import MutagenError

    audio: Any = None
    failure = "no parser accepted it"
    for name in found.parsers:
        module, _, class_name = name.partition(":")
        parser = getattr(importlib.import_module(module), class_name)
        fileobj.seek(0)
        try:
            audio = parser(fileobj)
            break
        except MutagenError as error:
            failure = str(error) or "its structure is damaged"
        except Exception:  # any other parse failure also means a bad file: a 415, not a 500
            failure = "its structure is damaged"
    if audio is None or audio.info is None:
        raise UnreadableAudio(f"it could not be read as {found.label}: {failure}")
    length = float(getattr(audio.info, "length", 0) or 0)
    channels = int(getattr(audio.info, "channels", 0) or 0)
    if channels <= 0:
        raise UnreadableAudio("it has no audio track")
    if length <= 0:
        raise UnreadableAudio("it holds no audio (its length is zero)")
    return round(length, 3)


_UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*]')
MAX_FILENAME = 200


def sanitize_filename(name: str | None) -> str:
    """The last path component, without control or format characters, reserved punctuation
    or surrounding dots and spaces; at most 200 characters, keeping the extension."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(_UNSAFE_IN_NAMES.sub("_", name).split()).strip(" .")
    if len(name) > MAX_FILENAME:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_FILENAME - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_FILENAME]
    return name or "upload"
