"""Where media bytes live: a local directory by default, an S3-compatible bucket in production.

Both backends offer the same four operations. Writes are all-or-nothing: a failed or
abandoned `put_stream` (an upload over its size limit raises from inside `chunks`) leaves no
object behind, and a reader never sees a half-written one.
"""

import logging
import os
import threading
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import Any, Protocol

import anyio
import anyio.to_thread

from app.core.config import Settings

logger = logging.getLogger("app.media")

# Bytes read per step when serving a file: small enough that many concurrent downloads stay
# cheap in memory, large enough to keep thread hops rare.
READ_CHUNK_BYTES = 256 * 1024


class MediaStorage(Protocol):
    async def put_stream(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """Store every chunk under `key`, atomically; the number of bytes written. If `chunks`
        raises, nothing is stored and the error propagates."""
        ...

    async def open_range(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        """The bytes `start` to `end` (inclusive). The object is opened before this returns,
        so a missing one fails here rather than after the response has started."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; a missing one is not an error."""
        ...

    async def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when there is no such object."""
        ...


class LocalStorage:
    """Files under one directory; each write goes to a temporary file renamed into place."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise ValueError(f"storage key {key!r} leaves the media root")
        return path

    async def put_stream(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        path = self._path(key)
        await anyio.to_thread.run_sync(lambda: path.parent.mkdir(parents=True, exist_ok=True))
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        written = 0
        try:
            async with await anyio.open_file(temporary, "xb") as handle:
                async for chunk in chunks:
                    await handle.write(chunk)
                    written += len(chunk)
                await handle.flush()
                await anyio.to_thread.run_sync(os.fsync, handle.wrapped.fileno())
            # rename() is atomic within a file system: readers see all of it or nothing.
            await anyio.to_thread.run_sync(os.replace, temporary, path)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(lambda: temporary.unlink(missing_ok=True))
            raise
        return written

    async def open_range(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        handle = await anyio.open_file(self._path(key), "rb")

        async def read() -> AsyncIterator[bytes]:
            try:
                await handle.seek(start)
                remaining = end - start + 1
                while remaining > 0:
                    chunk = await handle.read(min(READ_CHUNK_BYTES, remaining))
                    if not chunk:
                        break
                    remaining -= len(chunk)
                    yield chunk
            finally:
                with anyio.CancelScope(shield=True):
                    await handle.aclose()

        return read()

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await anyio.to_thread.run_sync(lambda: path.unlink(missing_ok=True))

    async def size(self, key: str) -> int | None:
        path = self._path(key)

        def stat() -> int | None:
            try:
                return path.stat().st_size
            except FileNotFoundError:
                return None

        return await anyio.to_thread.run_sync(stat)


class S3Storage:
    """An S3-compatible bucket through boto3, whose blocking calls run in worker threads.

    Uploads are multipart (one part per `part_bytes`, so at most one part is held in memory);
    an object appears only when the upload completes, and a failed upload is aborted. A file
    smaller than one part is a single PUT. Reads are ranged GETs.
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        part_bytes: int = 8 * 1024 * 1024,
    ) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self.part_bytes = part_bytes
        self._client: Any = None
        self._lock = threading.Lock()

    def _s3(self) -> Any:
        # Built on first use, in a worker thread: creating a boto3 client reads its service
        # model from disk. Clients are thread-safe, so one serves every request.
        with self._lock:
            if self._client is None:
                import boto3
                from botocore.config import Config

                options: dict[str, Any] = {"retries": {"max_attempts": 3, "mode": "standard"}}
                if self.endpoint_url:
                    # Other S3-compatible stores (MinIO, Ceph, R2...) want path-style URLs and
                    # may not know the checksums boto3 now adds by default.
                    options["s3"] = {"addressing_style": "path"}
                    options["request_checksum_calculation"] = "when_required"
                    options["response_checksum_validation"] = "when_required"
                self._client = boto3.client(
                    "s3",
                    endpoint_url=self.endpoint_url,
                    region_name=self.region,
                    config=Config(**options),
                )
            return self._client

    async def _call(self, operation: str, **params: Any) -> Any:
        def call() -> Any:
            return getattr(self._s3(), operation)(Bucket=self.bucket, **params)

        return await anyio.to_thread.run_sync(call)

    async def put_stream(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        buffer = bytearray()
        upload_id: str | None = None
        parts: list[dict[str, Any]] = []
        written = 0
        try:
            async for chunk in chunks:
                buffer += chunk
                written += len(chunk)
                while len(buffer) >= self.part_bytes:
                    if upload_id is None:
                        started = await self._call(
                            "create_multipart_upload", Key=key, ContentType=content_type
                        )
                        upload_id = started["UploadId"]
                    part = bytes(buffer[: self.part_bytes])
                    del buffer[: self.part_bytes]
                    parts.append(await self._upload_part(key, upload_id, len(parts) + 1, part))
            if upload_id is None:
                await self._call(
                    "put_object", Key=key, Body=bytes(buffer), ContentType=content_type
                )
                return written
            if buffer:
                parts.append(await self._upload_part(key, upload_id, len(parts) + 1, buffer))
            await self._call(
                "complete_multipart_upload",
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": parts},
            )
        except BaseException:
            if upload_id is not None:
                with anyio.CancelScope(shield=True):
                    await self._abort(key, upload_id)
            raise
        return written

    async def _upload_part(
        self, key: str, upload_id: str, number: int, data: bytes | bytearray
    ) -> dict[str, Any]:
        uploaded = await self._call(
            "upload_part", Key=key, UploadId=upload_id, PartNumber=number, Body=bytes(data)
        )
        return {"PartNumber": number, "ETag": uploaded["ETag"]}

    async def _abort(self, key: str, upload_id: str) -> None:
        try:
            await self._call("abort_multipart_upload", Key=key, UploadId=upload_id)
        except Exception:
            # A lifecycle rule for incomplete multipart uploads cleans up what this misses.
            logger.exception("could not abort the multipart upload of %s", key)

    async def open_range(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        response = await self._call("get_object", Key=key, Range=f"bytes={start}-{end}")
        body = response["Body"]

        async def read() -> AsyncIterator[bytes]:
            try:
                while True:
                    chunk = await anyio.to_thread.run_sync(body.read, READ_CHUNK_BYTES)
                    if not chunk:
                        break
                    yield chunk
            finally:
                body.close()

        return read()

    async def delete(self, key: str) -> None:
        await self._call("delete_object", Key=key)

    async def size(self, key: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            head = await self._call("head_object", Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise
        return int(head["ContentLength"])


def storage_from_settings(settings: Settings) -> MediaStorage:
    if settings.media_s3_bucket:
        return S3Storage(
            settings.media_s3_bucket,
            endpoint_url=settings.media_s3_endpoint_url,
            region=settings.media_s3_region,
            part_bytes=settings.media_s3_part_bytes,
        )
    return LocalStorage(settings.media_root)
