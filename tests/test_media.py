"""Media: staff upload audio and images (type from the bytes, limits, mutagen durations) and
anyone downloads them with Range requests and ETags; premium audio only for the entitled.
The S3 backend is tested against moto's standalone server."""

import hashlib
import io
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.caching import PUBLIC_PREFIXES
from app.media import formats, service
from app.media.models import MediaAsset
from app.media.ranges import ByteRange, RangeNotSatisfiable, parse_range
from app.media.storage import READ_CHUNK_BYTES, LocalStorage, S3Storage
from app.tracks.models import TrackVariant
from tests.factories import make_track, variants_of
from tests.helpers import assert_problem
from tests.media_files import (
    JPEG,
    MP3_FRAME_SAMPLES,
    MP3_RATE,
    WEBP,
    flac_bytes,
    m4a_bytes,
    mp3_bytes,
    ogg_vorbis_bytes,
    png_bytes,
    wav_bytes,
)
from tests.member_factories import Member, use_settings

UPLOAD = "/v1/editorial/media"
MiB = 1024 * 1024


@pytest.fixture
def media_root(client: AsyncClient, tmp_path: Path) -> Path:
    """Local storage in a fresh directory for this test's app."""
    root = tmp_path / "media"
    use_settings(client, media_root=str(root))
    return root


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


async def upload(
    client: AsyncClient,
    who: Member | None,
    data: bytes,
    *,
    filename: str = "take-1.wav",
    content_type: str = "audio/wav",
    alt_text: str | None = None,
) -> Response:
    return await client.post(
        UPLOAD,
        files={"file": (filename, data, content_type)},
        data={"alt_text": alt_text} if alt_text is not None else None,
        headers=who.headers if who else None,
    )


async def uploaded(client: AsyncClient, staff: Member, data: bytes, **kwargs: Any) -> Any:
    response = await upload(client, staff, data, **kwargs)
    assert response.status_code == 201, response.text
    return response.json()


# Uploading


AUDIO = [
    ("breath.wav", "audio/wav", wav_bytes(0.5), "audio/wav", 0.5),
    ("scan.mp3", "audio/mpeg", mp3_bytes(40), "audio/mpeg", 40 * MP3_FRAME_SAMPLES / MP3_RATE),
    ("raw.mp3", "audio/mpeg", mp3_bytes(40, id3=False), "audio/mpeg", 1.045),
    ("sleep.ogg", "audio/ogg", ogg_vorbis_bytes(1.5), "audio/ogg", 1.5),
    ("rain.flac", "audio/flac", flac_bytes(2.0), "audio/flac", 2.0),
    ("lesson.m4a", "audio/x-m4a", m4a_bytes(3.0), "audio/mp4", 3.0),
]


@pytest.mark.parametrize(
    ("filename", "declared", "data", "content_type", "seconds"),
    AUDIO,
    ids=[row[0] for row in AUDIO],
)
async def test_staff_upload_audio_with_its_duration_and_checksum(
    client: AsyncClient,
    staff_user: Member,
    media_root: Path,
    filename: str,
    declared: str,
    data: bytes,
    content_type: str,
    seconds: float,
) -> None:
    response = await upload(client, staff_user, data, filename=filename, content_type=declared)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "audio"
    assert body["content_type"] == content_type
    assert body["byte_size"] == len(data)
    assert body["checksum_sha256"] == hashlib.sha256(data).hexdigest()
    assert body["duration_seconds"] == pytest.approx(seconds, rel=0.01)
    assert body["original_filename"] == filename
    assert body["url"] == f"/v1/media/{body['id']}"
    assert response.headers["location"] == body["url"]
    assert response.headers["cache-control"] == "private, no-store"
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == data
    assert stored.name == f"{body['id']}{Path(stored.name).suffix}"


IMAGES = [
    ("cover.png", "image/png", png_bytes()),
    ("cover.jpg", "image/jpeg", JPEG),
    ("cover.webp", "image/webp", WEBP),
]


@pytest.mark.parametrize(("filename", "declared", "data"), IMAGES, ids=["png", "jpeg", "webp"])
async def test_staff_upload_images_with_alt_text(
    client: AsyncClient,
    staff_user: Member,
    media_root: Path,
    filename: str,
    declared: str,
    data: bytes,
) -> None:
    body = await uploaded(
        client,
        staff_user,
        data,
        filename=filename,
        content_type=declared,
        alt_text="A calm lake at dawn",
    )

    assert body["kind"] == "image"
    assert body["content_type"] == declared
    assert body["duration_seconds"] is None
    assert body["alt_text"] == "A calm lake at dawn"
    assert body["checksum_sha256"] == hashlib.sha256(data).hexdigest()
    served = await client.get(body["url"])
    assert served.status_code == 200
    assert served.content == data
    assert served.headers["content-type"] == declared


async def test_an_undeclared_type_is_decided_by_the_bytes(
    client: AsyncClient, admin_user: Member, media_root: Path
) -> None:
    body = await uploaded(
        client, admin_user, wav_bytes(), filename="no-idea", content_type="application/octet-stream"
    )

    assert body["content_type"] == "audio/wav"


async def test_the_stored_filename_is_sanitized(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    body = await uploaded(client, staff_user, wav_bytes(), filename="../../breath.wav")

    assert body["original_filename"] == "breath.wav"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\breath.wav", "breath.wav"),
        ("tab\there\x00.mp3", "tabhere.mp3"),
        ("  ...  ", "upload"),
        (None, "upload"),
        ('a:b"\u202eevil .wav', "a_b_evil .wav"),
        ("a" * 300 + ".flac", "a" * 195 + ".flac"),
    ],
)
def test_sanitize_filename(name: str | None, expected: str) -> None:
    assert formats.sanitize_filename(name) == expected


async def test_audio_takes_no_alt_text(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    response = await upload(client, staff_user, wav_bytes(), alt_text="A voice")

    assert_problem(response, 422, "invalid-request", names=("alt_text",))
    assert stored_files(media_root) == []


async def test_upload_needs_staff(
    client: AsyncClient, member: Member, premium_member: Member, media_root: Path
) -> None:
    assert_problem(await upload(client, None, wav_bytes()), 401, "unauthorized")
    assert_problem(await upload(client, member, wav_bytes()), 403, "forbidden")
    assert_problem(await upload(client, premium_member, wav_bytes()), 403, "forbidden")
    assert stored_files(media_root) == []


async def test_upload_without_a_file_is_a_422(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    response = await client.post(UPLOAD, data={"alt_text": "x"}, headers=staff_user.headers)

    assert_problem(response, 422, "invalid-request", names=("file",))


WRONG_TYPES = [
    ("page.mp3", "audio/mpeg", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("tool.mp3", "audio/mpeg", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),
    ("cover.mp3", "audio/mpeg", png_bytes()),
    ("take.wav", "image/png", wav_bytes()),
    ("vector.svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("broken.mp3", "audio/mpeg", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"<html>" * 100),
    ("broken.ogg", "audio/ogg", b"OggS" + bytes(200)),
    ("empty.wav", "audio/wav", b""),
]


@pytest.mark.parametrize(
    ("filename", "declared", "data"), WRONG_TYPES, ids=[row[0] for row in WRONG_TYPES]
)
async def test_wrong_types_are_415_and_nothing_is_kept(
    client: AsyncClient,
    staff_user: Member,
    session: AsyncSession,
    media_root: Path,
    filename: str,
    declared: str,
    data: bytes,
) -> None:
    response = await upload(client, staff_user, data, filename=filename, content_type=declared)

    assert_problem(response, 415, "unsupported-media-type")
    assert stored_files(media_root) == []
    assert (await session.scalars(select(MediaAsset))).all() == []


async def test_declared_audio_with_png_bytes_says_what_the_bytes_are(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    response = await upload(client, staff_user, png_bytes(), content_type="audio/mpeg")

    detail = assert_problem(response, 415, "unsupported-media-type")["detail"]
    assert "audio/mpeg" in detail
    assert "PNG" in detail


async def test_unreadable_audio_says_so(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    broken = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(300)
    response = await upload(client, staff_user, broken, content_type="audio/mpeg")

    detail = assert_problem(response, 415, "unsupported-media-type")["detail"]
    assert "could not be read as an MP3 file" in detail


async def test_problem_types_of_media_errors_are_documented(client: AsyncClient) -> None:
    for code in ("payload-too-large", "unsupported-media-type", "range-not-satisfiable"):
        response = await client.get(f"/problems/{code}")
        assert response.status_code == 200, code


# Size limits


async def test_over_the_kind_limit_is_413_and_nothing_is_kept(
    client: AsyncClient, staff_user: Member, session: AsyncSession, media_root: Path
) -> None:
    # Audio limit 1.5 MiB, images 4 MiB: the 3 MiB file passes the request-size guard
    # and is refused while streaming, after its first 1 MiB chunk was written.
    use_settings(client, media_max_audio_bytes=3 * MiB // 2, media_max_image_bytes=4 * MiB)
    data = wav_bytes(3 * MiB / 16_000, rate=8000)

    response = await upload(client, staff_user, data)

    detail = assert_problem(response, 413, "payload-too-large")["detail"]
    assert "1.5 MiB" in detail
    assert stored_files(media_root) == []
    assert (await session.scalars(select(MediaAsset))).all() == []


async def test_the_image_limit_applies_to_images(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    use_settings(client, media_max_image_bytes=50)

    response = await upload(client, staff_user, JPEG, content_type="image/jpeg")

    assert_problem(response, 413, "payload-too-large")
    assert (await upload(client, staff_user, wav_bytes())).status_code == 201


async def test_a_declared_content_length_over_every_limit_is_refused_unread(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    use_settings(client, media_max_audio_bytes=1000, media_max_image_bytes=1000)

    response = await upload(client, staff_user, wav_bytes(10, rate=8000))

    assert_problem(response, 413, "payload-too-large")
    assert stored_files(media_root) == []


async def test_a_chunked_body_stops_being_read_past_the_limit(
    client: AsyncClient, staff_user: Member, media_root: Path
) -> None:
    use_settings(client, media_max_audio_bytes=1000, media_max_image_bytes=1000)
    boundary = "media-test-boundary"
    body = (
        (
            f"--{boundary}\r\nContent-Disposition: form-data; name=file; filename=a.wav\r\n"
            "Content-Type: audio/wav\r\n\r\n"
        ).encode()
        + wav_bytes(10, rate=8000)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for start in range(0, len(body), 16 * 1024):
            sent += 1
            yield body[start : start + 16 * 1024]

    response = await client.post(
        UPLOAD,
        content=chunks(),
        headers={
            **staff_user.headers,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )

    assert_problem(response, 413, "payload-too-large")
    assert stored_files(media_root) == []


class CountingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


async def test_the_service_stops_reading_as_soon_as_the_limit_is_passed(
    session: AsyncSession, tmp_path: Path
) -> None:
    storage = LocalStorage(tmp_path)
    source = CountingReader(wav_bytes(8 * MiB / 16_000, rate=8000))

    with pytest.raises(service.MediaTooLarge):
        await service.upload_media(
            session=session,
            storage=storage,
            limits=service.UploadLimits(max_audio_bytes=2 * MiB, max_image_bytes=MiB),
            source=source,
            filename="long.wav",
            declared_type="audio/wav",
            alt_text=None,
        )

    assert source.bytes_read == 3 * MiB  # the chunk that crossed 2 MiB, and no further
    assert stored_files(tmp_path) == []


# Downloading, with Range


@pytest.fixture
async def wav(client: AsyncClient, staff_user: Member, media_root: Path) -> dict[str, Any]:
    data = wav_bytes(0.5)
    body = await uploaded(client, staff_user, data)
    return {**body, "data": data}


async def test_download_the_whole_file(client: AsyncClient, wav: dict[str, Any]) -> None:
    response = await client.get(wav["url"])

    assert response.status_code == 200
    assert response.content == wav["data"]
    assert response.headers["content-type"] == "audio/wav"
    assert response.headers["content-length"] == str(len(wav["data"]))
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"] == f'"{hashlib.sha256(wav["data"]).hexdigest()}"'
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-encoding" not in response.headers  # gzip leaves audio alone


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-199", 100, 199),
        ("bytes=-100", None, None),
        ("bytes=8000-", 8000, None),
        ("bytes=4000-999999", 4000, None),
        ("bytes=0-0", 0, 0),
    ],
    ids=["first", "middle", "suffix", "open-ended", "past-the-end-clipped", "one-byte"],
)
async def test_single_ranges_are_206(
    client: AsyncClient, wav: dict[str, Any], header: str, start: int | None, end: int | None
) -> None:
    data: bytes = wav["data"]
    size = len(data)
    first = size - 100 if start is None else start
    last = size - 1 if end is None else end

    response = await client.get(wav["url"], headers={"Range": header})

    assert response.status_code == 206, response.text
    assert response.content == data[first : last + 1]
    assert response.headers["content-range"] == f"bytes {first}-{last}/{size}"
    assert response.headers["content-length"] == str(last - first + 1)
    assert response.headers["content-type"] == "audio/wav"


@pytest.mark.parametrize("header", [f"bytes={10**6}-", "bytes=8044-8050", "bytes=-0"])
async def test_a_range_past_the_end_is_416(
    client: AsyncClient, wav: dict[str, Any], header: str
) -> None:
    response = await client.get(wav["url"], headers={"Range": header})

    assert_problem(response, 416, "range-not-satisfiable")
    assert response.headers["content-range"] == f"bytes */{len(wav['data'])}"


@pytest.mark.parametrize(
    "header",
    ["bytes=abc", "items=0-10", "bytes=20-10", "bytes=-", "bytes", "bytes=0-1,5-6", "bytes=1-2-3"],
)
async def test_malformed_or_multiple_ranges_get_the_whole_file(
    client: AsyncClient, wav: dict[str, Any], header: str
) -> None:
    response = await client.get(wav["url"], headers={"Range": header})

    assert response.status_code == 200
    assert response.content == wav["data"]
    assert "content-range" not in response.headers


async def test_if_range_honours_the_range_only_for_the_current_etag(
    client: AsyncClient, wav: dict[str, Any]
) -> None:
    etag = f'"{wav["checksum_sha256"]}"'
    current = await client.get(wav["url"], headers={"Range": "bytes=0-9", "If-Range": etag})
    stale = await client.get(wav["url"], headers={"Range": "bytes=0-9", "If-Range": '"old"'})

    assert current.status_code == 206
    assert stale.status_code == 200
    assert stale.content == wav["data"]


async def test_head_describes_without_a_body(client: AsyncClient, wav: dict[str, Any]) -> None:
    response = await client.head(wav["url"], headers={"Range": "bytes=0-9"})

    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(wav["data"]))
    assert response.headers["content-type"] == "audio/wav"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"] == f'"{wav["checksum_sha256"]}"'


@pytest.mark.parametrize("method", ["GET", "HEAD"])
async def test_if_none_match_gives_304(
    client: AsyncClient, wav: dict[str, Any], method: str
) -> None:
    etag = f'"{wav["checksum_sha256"]}"'
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = await client.request(method, wav["url"], headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b""
        assert response.headers["etag"] == etag

    changed = await client.request(method, wav["url"], headers={"If-None-Match": '"other"'})
    assert changed.status_code == 200


async def test_unknown_or_malformed_ids(client: AsyncClient, media_root: Path) -> None:
    assert_problem(await client.get(f"/v1/media/{uuid.uuid4()}"), 404, "not-found")
    head = await client.head(f"/v1/media/{uuid.uuid4()}")
    assert head.status_code == 404  # a HEAD answer has no body to hold the problem
    assert_problem(await client.get("/v1/media/not-a-uuid"), 422, "invalid-request")


def test_media_is_not_in_the_public_response_cache() -> None:
    assert not any("/v1/media".startswith(prefix) for prefix in PUBLIC_PREFIXES)
    assert not any(prefix.startswith("/v1/media") for prefix in PUBLIC_PREFIXES)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-0", ByteRange(0, 0)),
        ("bytes=0-", ByteRange(0, 99)),
        ("bytes=99-", ByteRange(99, 99)),
        ("bytes=-1", ByteRange(99, 99)),
        ("bytes=-500", ByteRange(0, 99)),
        ("bytes=50-5000", ByteRange(50, 99)),
        ("bytes=" + "9" * 40 + "-", None),
        ("bytes=5-4", None),
        ("bytes=0-1, 3-4", None),
        ("bytes=+1-2", None),
    ],
)
def test_parse_range(header: str | None, expected: ByteRange | None) -> None:
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=100-200", "bytes=-0"])
def test_parse_range_unsatisfiable(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, 100)


# Premium audio


async def attach(session: AsyncSession, asset_id: str, *, is_premium: bool) -> TrackVariant:
    track = await make_track(session, is_premium=is_premium, durations=(300,))
    [variant] = await variants_of(session, track)
    variant.media_asset_id = uuid.UUID(asset_id)
    await session.flush()
    return variant


async def test_premium_audio_plays_only_for_the_entitled(
    client: AsyncClient,
    session: AsyncSession,
    wav: dict[str, Any],
    member: Member,
    premium_member: Member,
    staff_user: Member,
) -> None:
    await attach(session, wav["id"], is_premium=True)

    anonymous = await client.get(wav["url"])
    assert_problem(anonymous, 401, "unauthorized")
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert_problem(await client.get(wav["url"], headers=member.headers), 403, "forbidden")
    assert (await client.head(wav["url"], headers=member.headers)).status_code == 403
    etag = f'"{wav["checksum_sha256"]}"'
    not_modified = await client.get(wav["url"], headers={"If-None-Match": etag})
    assert_problem(not_modified, 401, "unauthorized")
    for entitled in (premium_member, staff_user):
        response = await client.get(wav["url"], headers={**entitled.headers, "Range": "bytes=0-9"})
        assert response.status_code == 206
        assert response.content == wav["data"][:10]
        assert response.headers["cache-control"] == "private, no-cache"
        assert "Authorization" in response.headers["vary"]


async def test_free_track_audio_is_public(
    client: AsyncClient, session: AsyncSession, wav: dict[str, Any]
) -> None:
    await attach(session, wav["id"], is_premium=False)

    response = await client.get(wav["url"])

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


# Listing and deleting


async def test_staff_list_media_newest_first_a_page_at_a_time(
    client: AsyncClient, staff_user: Member, member: Member, media_root: Path
) -> None:
    ids = [(await uploaded(client, staff_user, wav_bytes(0.1 * n)))["id"] for n in (1, 2, 3)]
    image = await uploaded(client, staff_user, png_bytes(), content_type="image/png")

    first = await client.get(UPLOAD, params={"limit": 2}, headers=staff_user.headers)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "private, no-store"
    page = first.json()
    rest = await client.get(
        UPLOAD, params={"limit": 2, "cursor": page["next_cursor"]}, headers=staff_user.headers
    )
    seen = [item["id"] for item in page["items"] + rest.json()["items"]]
    assert sorted(seen) == sorted([*ids, image["id"]])
    assert rest.json()["next_cursor"] is None

    audio = await client.get(UPLOAD, params={"kind": "audio"}, headers=staff_user.headers)
    assert sorted(item["id"] for item in audio.json()["items"]) == sorted(ids)
    assert_problem(await client.get(UPLOAD, headers=member.headers), 403, "forbidden")
    bad = await client.get(UPLOAD, params={"kind": "video"}, headers=staff_user.headers)
    assert_problem(bad, 422, "invalid-request", names=("kind",))


async def test_delete_removes_the_record_and_the_bytes(
    client: AsyncClient, staff_user: Member, member: Member, wav: dict[str, Any], media_root: Path
) -> None:
    url = f"{UPLOAD}/{wav['id']}"
    assert_problem(await client.delete(url, headers=member.headers), 403, "forbidden")

    response = await client.delete(url, headers=staff_user.headers)

    assert response.status_code == 204
    assert stored_files(media_root) == []
    assert_problem(await client.get(wav["url"]), 404, "not-found")
    assert_problem(await client.delete(url, headers=staff_user.headers), 404, "not-found")


async def test_delete_is_refused_while_a_variant_plays_it(
    client: AsyncClient,
    session: AsyncSession,
    staff_user: Member,
    wav: dict[str, Any],
    media_root: Path,
) -> None:
    await attach(session, wav["id"], is_premium=False)

    response = await client.delete(f"{UPLOAD}/{wav['id']}", headers=staff_user.headers)

    assert_problem(response, 409, "conflict")
    assert len(stored_files(media_root)) == 1
    assert (await client.get(wav["url"])).status_code == 200


# The S3 backend, against moto's standalone server


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    server_module = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "NO_PROXY": "127.0.0.1,localhost",
    }.items():
        monkeypatch.setenv(name, value)
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    return bucket


def s3_keys(endpoint: str, bucket: str) -> list[str]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    return [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


async def test_s3_round_trip_through_the_api(
    client: AsyncClient, staff_user: Member, moto_endpoint: str, s3_bucket: str
) -> None:
    use_settings(
        client,
        media_s3_bucket=s3_bucket,
        media_s3_endpoint_url=moto_endpoint,
        media_s3_region="us-east-1",
    )
    data = mp3_bytes(60)

    body = await uploaded(client, staff_user, data, filename="s3.mp3", content_type="audio/mpeg")

    assert s3_keys(moto_endpoint, s3_bucket) == [f"audio/{body['id']}.mp3"]
    whole = await client.get(body["url"])
    assert whole.status_code == 200
    assert whole.content == data
    middle = await client.get(body["url"], headers={"Range": "bytes=1000-2999"})
    assert middle.status_code == 206
    assert middle.content == data[1000:3000]
    assert middle.headers["content-range"] == f"bytes 1000-2999/{len(data)}"
    suffix = await client.get(body["url"], headers={"Range": "bytes=-17"})
    assert suffix.content == data[-17:]

    deleted = await client.delete(f"{UPLOAD}/{body['id']}", headers=staff_user.headers)
    assert deleted.status_code == 204
    assert s3_keys(moto_endpoint, s3_bucket) == []


async def chunked(data: bytes, size: int = MiB) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def read_range(storage: S3Storage, key: str, start: int, end: int) -> bytes:
    return b"".join([chunk async for chunk in await storage.open_range(key, start, end)])


async def test_s3_multipart_upload_and_ranged_reads(moto_endpoint: str, s3_bucket: str) -> None:
    storage = S3Storage(
        s3_bucket, endpoint_url=moto_endpoint, region="us-east-1", part_bytes=5 * MiB
    )
    data = bytes(i % 253 for i in range(11 * MiB + 123))

    written = await storage.put_stream("audio/big.wav", chunked(data), content_type="audio/wav")

    assert written == len(data)
    assert await storage.size("audio/big.wav") == len(data)
    across = (5 * MiB - 10, 5 * MiB + 10)
    assert await read_range(storage, "audio/big.wav", *across) == data[across[0] : across[1] + 1]
    assert await read_range(storage, "audio/big.wav", len(data) - 5, len(data) - 1) == data[-5:]
    await storage.delete("audio/big.wav")
    assert await storage.size("audio/big.wav") is None


async def test_s3_failed_upload_leaves_nothing(moto_endpoint: str, s3_bucket: str) -> None:
    import boto3

    storage = S3Storage(
        s3_bucket, endpoint_url=moto_endpoint, region="us-east-1", part_bytes=5 * MiB
    )

    async def too_long() -> AsyncIterator[bytes]:
        for _ in range(7):
            yield bytes(MiB)
        raise service.MediaTooLarge("over the limit")

    with pytest.raises(service.MediaTooLarge):
        await storage.put_stream("audio/partial.wav", too_long(), content_type="audio/wav")

    assert await storage.size("audio/partial.wav") is None
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    assert s3.list_multipart_uploads(Bucket=s3_bucket).get("Uploads", []) == []


async def test_local_storage_writes_atomically_and_reads_in_chunks(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    data = bytes(i % 241 for i in range(READ_CHUNK_BYTES * 2 + 77))

    async def fails_midway() -> AsyncIterator[bytes]:
        yield data[:1000]
        raise RuntimeError("the client went away")

    with pytest.raises(RuntimeError):
        await storage.put_stream("audio/a.wav", fails_midway(), content_type="audio/wav")
    assert stored_files(tmp_path) == []  # neither the object nor its temporary file

    assert await storage.put_stream("audio/a.wav", chunked(data), content_type="audio/wav") == (
        len(data)
    )
    chunks = [chunk async for chunk in await storage.open_range("audio/a.wav", 5, len(data) - 1)]
    assert b"".join(chunks) == data[5:]
    assert len(chunks) == 3
    assert max(len(chunk) for chunk in chunks) == READ_CHUNK_BYTES
    with pytest.raises(FileNotFoundError):
        await storage.open_range("audio/missing.wav", 0, 1)


async def test_local_storage_refuses_keys_outside_its_root(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")

    with pytest.raises(ValueError, match="leaves the media root"):
        await storage.size("../outside")
    assert await storage.size("audio/missing.wav") is None
