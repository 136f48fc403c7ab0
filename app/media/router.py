"""REST: uploading media (staff, /v1/editorial/media) and serving it (/v1/media/{id})."""

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    Header,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute

from app.api.body_limit import allow_larger_body
from app.api.deps import OptionalUser, SessionDep, SettingsDep, StaffUser, private_response
from app.api.errors import RANGE_NOT_SATISFIABLE, problem_response, problem_responses
from app.api.params import ListParams
from app.core.config import Settings
from app.media import service
from app.media.formats import ALLOWED_TYPES, FORMATS
from app.media.models import MediaAssetPage, MediaAssetPublic, MediaKind, media_url
from app.media.ranges import (
    ByteRange,
    RangeNotSatisfiable,
    if_range_allows,
    none_match,
    parse_range,
)
from app.media.storage import MediaStorage, storage_from_settings

# Room for the multipart framing and the small form fields around the file.
MULTIPART_ALLOWANCE_BYTES = 64 * 1024
FREE_CACHE_CONTROL = "public, max-age=31536000, immutable"
# Premium audio: only the member's own device may keep it, and it revalidates (a cheap 304)
# so a lapsed membership stops playing.
PREMIUM_CACHE_CONTROL = "private, no-cache"


def _upload_body_limit(settings: Settings) -> int:
    largest = max(settings.media_max_audio_bytes, settings.media_max_image_bytes)
    return largest + MULTIPART_ALLOWANCE_BYTES


class MediaRoute(APIRoute):
    """Raises the request body limit (app.api.body_limit) for uploads, before FastAPI
    parses the body.

    FastAPI reads a multipart body whole (spooling files to disk) before any dependency or
    endpoint runs, so the size must be capped while it is read: a declared Content-Length
    over every limit is refused before the body is read, and a body that turns out larger
    (chunked, or lying) stops being read when it passes the limit. The exact per-kind limit
    is enforced by the service while storing.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_upload_limit(request: Request) -> Response:
            if request.method == "POST":
                limit = _upload_body_limit(request.app.state.settings)
                allow_larger_body(
                    request.scope,
                    limit,
                    detail=f"Uploads may be at most {limit - MULTIPART_ALLOWANCE_BYTES} bytes "
                    "(audio and images have separate limits).",
                )
            return await handler(request)

        return with_upload_limit


router = APIRouter(tags=["media"], route_class=MediaRoute)


async def get_media_storage(request: Request) -> MediaStorage:
    """One storage per app, rebuilt when the app's settings object is replaced."""
    settings: Settings = request.app.state.settings
    cached: tuple[Settings, MediaStorage] | None = getattr(request.app.state, "media_storage", None)
    if cached is None or cached[0] is not settings:
        cached = (settings, storage_from_settings(settings))
        request.app.state.media_storage = cached
    return cached[1]


StorageDep = Annotated[MediaStorage, Depends(get_media_storage)]
AssetId = Annotated[
    uuid.UUID,
    Path(description="The asset's id.", examples=["3f2b8c1e-7d4a-4c55-9a0e-2b1f6f0c9d11"]),
]


class MediaListParams(ListParams):
    kind: MediaKind | None = None


@router.post(
    "/editorial/media",
    summary="Upload audio or an image",
    status_code=status.HTTP_201_CREATED,
    response_model=MediaAssetPublic,
    # 400: a body that is not well-formed multipart (Starlette cannot parse it).
    responses=problem_responses(400, 401, 403, 413, 415, 422),
    dependencies=[Depends(private_response)],
    # The part's allowed types, for clients and generators (a schema cannot say "a real
    # media file" otherwise); what the bytes are is still sniffed, whatever is declared.
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {"encoding": {"file": {"contentType": ALLOWED_TYPES}}}
            }
        }
    },
)
async def upload_media(
    response: Response,
    session: SessionDep,
    staff: StaffUser,
    storage: StorageDep,
    settings: SettingsDep,
    file: Annotated[
        UploadFile,
        File(
            description="The file: MP3, M4A/AAC, Ogg (Vorbis, Opus), WAV or FLAC audio; "
            "JPEG, PNG or WebP images. Its type is read from its content and must agree "
            "with the part's Content-Type (or that may be application/octet-stream)."
        ),
    ],
    alt_text: Annotated[
        str | None, Form(max_length=300, description="Text alternative; images only.")
    ] = None,
) -> MediaAssetPublic:
    """Streams the file to storage while hashing it (SHA-256) and counting its bytes.

    Limits: `MEDIA_MAX_AUDIO_BYTES` (default 200 MiB) and `MEDIA_MAX_IMAGE_BYTES` (10 MiB);
    a larger file is a 413 and nothing is kept. A type that is not allowed, one that
    disagrees with the declared Content-Type, or audio whose length cannot be read is a 415.
    The response gives the asset's `url`, also in `Location`."""
    asset = await service.upload_media(
        session=session,
        storage=storage,
        limits=service.UploadLimits(
            max_audio_bytes=settings.media_max_audio_bytes,
            max_image_bytes=settings.media_max_image_bytes,
        ),
        source=file.file,
        filename=file.filename,
        declared_type=file.content_type,
        alt_text=alt_text,
    )
    response.headers["Location"] = media_url(asset.id)
    return MediaAssetPublic.of(asset)


@router.get(
    "/editorial/media",
    summary="List uploaded media",
    response_model=MediaAssetPage,
    responses=problem_responses(401, 403, 422),
    dependencies=[Depends(private_response)],
)
async def list_media(
    session: SessionDep, staff: StaffUser, params: Annotated[MediaListParams, Query()]
) -> MediaAssetPage:
    """Every uploaded file, newest first; `kind` keeps audio or images only."""
    return await service.list_media(
        session=session, kind=params.kind, limit=params.limit, cursor=params.cursor
    )


@router.delete(
    "/editorial/media/{asset_id}",
    summary="Delete uploaded media",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problem_responses(401, 403, 404, 409, 422),
    dependencies=[Depends(private_response)],
)
async def delete_media(
    session: SessionDep, staff: StaffUser, storage: StorageDep, asset_id: AssetId
) -> Response:
    """Removes the record and its bytes. Refused (409) while a track variant plays it."""
    await service.delete_media(session=session, storage=storage, asset_id=asset_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


RangeHeader = Annotated[
    str | None,
    Header(
        alias="Range",
        description="One byte range: `bytes=0-1023`, `bytes=1024-` or the last n bytes "
        "`bytes=-1024`. Several ranges, or a malformed header, get the whole file.",
        examples=["bytes=0-1048575"],
    ),
]
IfNoneMatch = Annotated[
    str | None,
    Header(alias="If-None-Match", description="The ETag you hold: 304 when it still matches."),
]
IfRange = Annotated[
    str | None,
    Header(alias="If-Range", description="Honour Range only while the ETag is still this."),
]

_MEDIA_CONTENT: dict[str, Any] = {fmt.content_type: {} for fmt in FORMATS}
GET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The whole file, with its own Content-Type.", "content": _MEDIA_CONTENT},
    206: {
        "description": "The requested byte range, with Content-Range.",
        "content": _MEDIA_CONTENT,
    },
    304: {"description": "Not modified: the If-None-Match ETag still matches."},
    **problem_responses(401, 403, 404, 416, 422),
}
HEAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The headers a GET would send, without the body."},
    304: GET_RESPONSES[304],
    **problem_responses(401, 403, 404, 422),
}


def _headers(download: service.MediaDownload) -> dict[str, str]:
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": f'"{download.checksum_sha256}"',
        "Cache-Control": PREMIUM_CACHE_CONTROL if download.premium else FREE_CACHE_CONTROL,
        # Served from the API's own origin: never let a browser guess another type.
        "X-Content-Type-Options": "nosniff",
    }
    if download.premium:
        headers["Vary"] = "Authorization"
    return headers


async def _serve(
    request: Request,
    download: service.MediaDownload,
    storage: MediaStorage,
    *,
    range_header: str | None,
    if_none_match: str | None,
    if_range: str | None,
) -> Response:
    headers = _headers(download)
    size = download.byte_size
    if none_match(if_none_match, headers["ETag"]):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    byte_range: ByteRange | None = None
    # Range applies to GET only (RFC 9110 section 14.2); HEAD describes the whole file.
    if request.method == "GET" and if_range_allows(if_range, headers["ETag"]):
        try:
            byte_range = parse_range(range_header, size)
        except RangeNotSatisfiable:
            return problem_response(
                status=status.HTTP_416_RANGE_NOT_SATISFIABLE,
                code=RANGE_NOT_SATISFIABLE,
                title="Range not satisfiable",
                detail=f"The file has {size} bytes (0 to {size - 1}); the Range asked for "
                f"'{range_header}'.",
                instance=request.url.path,
                headers={"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes"},
            )
    selected = byte_range or ByteRange(0, size - 1)
    headers["Content-Length"] = str(selected.length)
    code = status.HTTP_200_OK
    if byte_range is not None:
        headers["Content-Range"] = byte_range.content_range(size)
        code = status.HTTP_206_PARTIAL_CONTENT
    if request.method == "HEAD" or size == 0:
        return Response(status_code=code, headers=headers, media_type=download.content_type)
    chunks = await storage.open_range(download.storage_key, selected.start, selected.end)
    return StreamingResponse(
        chunks, status_code=code, headers=headers, media_type=download.content_type
    )


async def _find(
    session: SessionDep, user: OptionalUser, asset_id: AssetId
) -> service.MediaDownload:
    return await service.find_media_for_download(session=session, asset_id=asset_id, user=user)


DownloadDep = Annotated[service.MediaDownload, Depends(_find)]


@router.get(
    "/media/{asset_id}",
    summary="Download media",
    response_class=StreamingResponse,
    responses=GET_RESPONSES,
)
async def get_media(
    request: Request,
    download: DownloadDep,
    storage: StorageDep,
    range_header: RangeHeader = None,
    if_none_match: IfNoneMatch = None,
    if_range: IfRange = None,
) -> Response:
    """The file's bytes, streamed, with HTTP Range support for seeking in audio players.

    One range per request: 206 with `Content-Range`; a range starting past the end is a
    416 whose `Content-Range: bytes */<size>` gives the size; several ranges or a malformed
    header get the whole file (200). The strong `ETag` is the file's SHA-256, and
    `If-None-Match` gives 304. Free files are cached for a year (`public, immutable`: an
    asset's bytes never change). Audio of a premium track plays only for members with
    premium (401 when signed out, 403 without premium), and is `private`."""
    return await _serve(
        request,
        download,
        storage,
        range_header=range_header,
        if_none_match=if_none_match,
        if_range=if_range,
    )


@router.head(
    "/media/{asset_id}",
    summary="Describe media",
    response_class=Response,
    responses=HEAD_RESPONSES,
)
async def head_media(
    request: Request,
    download: DownloadDep,
    storage: StorageDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The headers of a download (type, length, ETag, caching) without its body."""
    return await _serve(
        request,
        download,
        storage,
        range_header=None,
        if_none_match=if_none_match,
        if_range=None,
    )
