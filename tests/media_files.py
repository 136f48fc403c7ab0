"""Small, real media files built in memory for the media tests: no network, no encoders.

The audio is silence or a byte ramp, but each container is well formed: WAV from the standard
library's `wave`, MP3 as CBR MPEG-1 Layer III frames, Ogg Vorbis and FLAC headers with a
known length, an M4A with the atoms a player reads for its duration, a PNG from zlib, and a
JPEG and a WebP encoded once by Pillow (2x2 pixels) and kept as bytes.
"""

import base64
import io
import struct
import wave
import zlib


def wav_bytes(seconds: float = 0.5, *, rate: int = 8000) -> bytes:
    """Mono 16-bit PCM whose samples are a byte ramp, so every slice of it differs."""
    frames = int(rate * seconds)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(bytes(i % 251 for i in range(frames * 2)))
    return buffer.getvalue()


MP3_FRAME_SAMPLES = 1152
MP3_RATE = 44_100


def mp3_bytes(frames: int = 40, *, id3: bool = True) -> bytes:
    """CBR MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono: `frames` silent frames of 417
    bytes, behind an empty ID3v2.4 tag when `id3`."""
    header = bytes([0xFF, 0xFB, 0x90, 0xC4])
    frame = header + bytes(417 - len(header))
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x00" if id3 else b""
    return tag + frame * frames


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def _ogg_page(packet: bytes, *, granule: int, sequence: int, flags: int) -> bytes:
    assert len(packet) < 255
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, flags, granule, 0x5EED, sequence, 0, 1)
    page = header + bytes([len(packet)]) + packet
    return page[:22] + struct.pack("<I", _ogg_crc(page)) + page[26:]


def ogg_vorbis_bytes(seconds: float = 1.5, *, rate: int = 48_000) -> bytes:
    """Ogg Vorbis headers, then a last page whose granule position says `seconds`."""
    identification = (
        b"\x01vorbis" + struct.pack("<IBIiiiB", 0, 1, rate, 0, 64_000, 0, 0xB8) + b"\x01"
    )
    vendor = b"smart-meditation tests"
    comments = b"\x03vorbis" + struct.pack("<I", len(vendor)) + vendor + b"\x00\x00\x00\x00\x01"
    return (
        _ogg_page(identification, granule=0, sequence=0, flags=0x02)
        + _ogg_page(comments, granule=0, sequence=1, flags=0)
        + _ogg_page(b"\x05vorbis" + bytes(40), granule=0, sequence=2, flags=0)
        + _ogg_page(bytes(64), granule=int(seconds * rate), sequence=3, flags=0x04)
    )


def flac_bytes(seconds: float = 2.0, *, rate: int = 44_100) -> bytes:
    """A FLAC stream: its STREAMINFO says `seconds` of mono 16-bit audio at `rate`."""
    samples = int(seconds * rate)
    packed = (rate << 44) | (0 << 41) | (15 << 36) | samples
    streaminfo = struct.pack(">HH", 4096, 4096) + bytes(6) + struct.pack(">Q", packed) + bytes(16)
    block = bytes([0x80]) + len(streaminfo).to_bytes(3, "big") + streaminfo
    return b"fLaC" + block + bytes([0xFF, 0xF8]) + bytes(30)


def _atom(name: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), name) + payload


def m4a_bytes(seconds: float = 3.0, *, timescale: int = 44_100) -> bytes:
    """An M4A (ftyp M4A, moov with one sound track: mdhd gives its length, stsd its codec)."""
    duration = int(seconds * timescale)
    ftyp = _atom(b"ftyp", b"M4A " + struct.pack(">I", 0) + b"M4A mp42isom")
    mvhd = _atom(
        b"mvhd",
        struct.pack(">I4I", 0, 0, 0, timescale, duration)
        + struct.pack(">IH", 0x00010000, 0x0100)
        + bytes(10 + 36 + 24)
        + struct.pack(">I", 2),
    )
    mdhd = _atom(b"mdhd", struct.pack(">I4IHH", 0, 0, 0, timescale, duration, 0x55C4, 0))
    hdlr = _atom(b"hdlr", struct.pack(">II4s", 0, 0, b"soun") + bytes(12) + b"sound\x00")
    mp4a = _atom(
        b"mp4a",
        bytes(6)
        + struct.pack(">HHHIHHHHI", 1, 0, 0, 0, 1, 16, 0, 0, timescale << 16)
        + _atom(b"btrt", struct.pack(">III", 0, 128_000, 128_000)),
    )
    stsd = _atom(b"stsd", struct.pack(">II", 0, 1) + mp4a)
    minf = _atom(b"minf", _atom(b"stbl", stsd))
    trak = _atom(b"trak", _atom(b"mdia", mdhd + hdlr + minf))
    return ftyp + _atom(b"moov", mvhd + trak) + _atom(b"mdat", bytes(32))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """An RGB PNG, one shade of blue."""
    rows = b"".join(b"\x00" + bytes([90, 140, 200]) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(rows))
        + _png_chunk(b"IEND", b"")
    )


JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
    "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwB1FFFekcJ//9k="
)
WEBP = base64.b64decode("UklGRh4AAABXRUJQVlA4TBEAAAAvAUAAAAdQxmoVuf+BiOh/AAA=")
