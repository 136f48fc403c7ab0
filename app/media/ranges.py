"""HTTP range requests and conditional GETs for media (RFC 9110 sections 13 and 14).

Policy, in the words of the RFC:
- One satisfiable range (`bytes=a-b`, `bytes=a-`, `bytes=-n`) is answered 206 with
  Content-Range; a last position past the end is clipped to the end.
- A range that starts at or after the end (or `bytes=-0`) is unsatisfiable: 416 with
  `Content-Range: bytes */<size>`.
- A Range header that does not parse, names another unit, or has `last < first` is ignored
  (the whole file, 200), as section 14.2 allows.
- Several ranges are answered with the whole file (200), as S3 does: media players ask for
  one range at a time, and multipart/byteranges would buy nothing here.
"""

import re
from dataclasses import dataclass

_RANGE_SPEC = re.compile(r"(\d{0,30})-(\d{0,30})")  # longer numbers: malformed


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


class RangeNotSatisfiable(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"bytes */{size}")
        self.size = size


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single range to serve, or None for the whole file; raises RangeNotSatisfiable."""
    if not header:
        return None
    unit, separator, range_set = header.partition("=")
    if not separator or unit.strip().lower() != "bytes":
        return None
    specs = [spec.strip() for spec in range_set.split(",")]
    if len(specs) != 1:
        return None
    match = _RANGE_SPEC.fullmatch(specs[0])
    if match is None:
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        end = int(last) if last else size - 1
        if last and end < start:
            return None  # invalid: ignored
        if start >= size:
            raise RangeNotSatisfiable(size)
        return ByteRange(start, min(end, size - 1))
    if not last:
        return None  # "bytes=-" is not a range
    suffix = int(last)
    if suffix == 0 or size == 0:
        raise RangeNotSatisfiable(size)
    return ByteRange(max(0, size - suffix), size - 1)


def _entity_tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def none_match(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match matches (so the answer is 304): weak comparison, `*` matches anything."""
    if not if_none_match:
        return False
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in _entity_tags(if_none_match))


def if_range_allows(if_range: str | None, etag: str) -> bool:
    """Whether to honour Range: without If-Range always; with it only when it is our strong
    ETag (we send no Last-Modified, so a date never matches)."""
    return if_range is None or if_range.strip() == etag
