"""Blobs in an S3-compatible bucket: s3://BUCKET/PREFIX/ab/cd/<sha256>.

The same guarantees as the local folder, built from what every S3 server offers:
- a blob is uploaded under a temporary key (PREFIX/.incoming/blob-<random>), in parts of
  PART_SIZE so memory stays bounded whatever the file's size;
- it is then read back from the server and hashed: the name it gets is the hash of what
  the server holds, not only of what this client sent;
- only then is it copied, on the server, to its hash key, and the temporary key deleted;
- gavah never writes a hash key that exists, and never deletes one. Two writers racing on
  the same hash can only write the same bytes. That nobody else changes them is the
  bucket's job: versioning and object lock (compliance mode) where the server has them.

The endpoint comes from GAVAH_S3_ENDPOINT or AWS_ENDPOINT_URL, credentials and region
from the standard AWS variables: nothing secret is part of the location."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import IO, Any, BinaryIO, cast

from gavah.core.hashing import TooLarge, is_sha256
from gavah.store.blobs import sealed as sealing
from gavah.store.blobs.base import HEAD_SIZE, KeySource, NoDataKey, Staged, StoredBlob

SCHEME = "s3://"
ENV_ENDPOINT = "GAVAH_S3_ENDPOINT"
INCOMING = ".incoming"
PART_SIZE = 8 << 20  # bytes per uploaded part: the most a write holds in memory
READ_CHUNK = 1 << 20
SPOOL_IN_MEMORY = 8 << 20  # open(): larger blobs are spooled to a local temp file
STALE_SECONDS = 24 * 3600  # another process may still be writing younger temp keys
COPY_IN_ONE = 5 << 30  # S3's limit for one CopyObject request
READERS = 16  # blobs read at once: each waits on the network more than on a core


def is_location(location: str) -> bool:
    return location.startswith(SCHEME)


def parse(location: str) -> tuple[str, str]:
    """(bucket, prefix) of s3://BUCKET/PREFIX; the prefix may be empty."""
    if not is_location(location):
        raise ValueError(f"not an s3:// location: {location!r}")
    bucket, _, prefix = location[len(SCHEME):].partition("/")
    if not bucket:
        raise ValueError(f"no bucket in {location!r}; use s3://BUCKET/PREFIX")
    return bucket, prefix.strip("/")


def _missing(exc: Exception) -> bool:
    code = getattr(exc, "response", {}).get("Error", {}).get("Code")
    return code in ("404", "NoSuchKey", "NotFound", "NoSuchBucket")


class S3BlobStore:
    def __init__(self, location: str) -> None:
        if importlib.util.find_spec("boto3") is None:
            raise ImportError("boto3 is not installed")
        self.bucket, self.prefix = parse(location)
        self.location = f"{SCHEME}{self.bucket}/{self.prefix}".rstrip("/")
        self.readers = READERS
        self.data_key: KeySource | None = None
        self._client: Any = None
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        """One boto3 client, shared by threads (clients are thread-safe; making one is not)."""
        with self._lock:
            if self._client is None:
                import boto3
                from botocore.config import Config

                endpoint = os.environ.get(ENV_ENDPOINT) or None  # else AWS_ENDPOINT_URL
                config = Config(s3={"addressing_style": "path"}, retries={"mode": "standard"},
                                max_pool_connections=2 * READERS)
                self._client = boto3.session.Session().client("s3", endpoint_url=endpoint,
                                                              config=config)
            return self._client

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for a worker process: the location and the data key's source; it
        makes its own client."""
        return {"location": self.location, "data_key": self.data_key}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["location"])  # type: ignore[misc]
        self.data_key = state.get("data_key")

    def _data_key(self) -> bytes:
        if self.data_key is None:
            raise NoDataKey(f"{self.location} holds sealed blobs but was given no data key")
        return self.data_key.get()

    def _key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name

    def key(self, sha256: str) -> str:
        if not is_sha256(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self._key(f"{sha256[:2]}/{sha256[2:4]}/{sha256}")

    def sealed_key(self, sha256: str) -> str:
        return self.key(sha256) + sealing.SUFFIX

    def ensure(self) -> None:
        """The bucket exists (made when missing)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as exc:
            if not _missing(exc):
                raise
            self.client.create_bucket(Bucket=self.bucket)

    def versioning(self) -> str:
        """The bucket's versioning status as the server reports it ('' when never set)."""
        return str(self.client.get_bucket_versioning(Bucket=self.bucket).get("Status", ""))

    # writing

    def put(self, stream: IO[bytes], limit: int | None = None) -> StoredBlob:
        return self.commit([self.stage(stream, limit)])[0]

    def stage(self, stream: IO[bytes], limit: int | None = None, seal: bool = False
              ) -> Staged:
        temp = self._key(f"{INCOMING}/blob-{uuid.uuid4().hex}")
        try:
            reader = (sealing.EncryptingReader(stream, self._data_key(), limit, HEAD_SIZE)
                      if seal else None)
            source = cast(IO[bytes], reader) if reader is not None else stream
            sent, size, head = self._upload(source, temp,
                                            None if seal else limit)
            stored, stored_size = self._hash_object(temp)
            if (stored, stored_size) != (sent, size):
                raise OSError(f"the server holds other bytes than were sent for {temp}: "
                              f"{stored} ({stored_size} bytes), sent {sent} ({size} bytes)")
        except BaseException:
            self._delete(temp)
            raise
        if reader is not None:  # named by the plaintext; the server's copy was checked above
            return Staged(temp, reader.sha256, reader.size, reader.head, sealed=True)
        return Staged(temp, stored, size, head)

    def _upload(self, stream: IO[bytes], key: str, limit: int | None) -> tuple[str, int, bytes]:
        """Send the stream in parts of PART_SIZE, hashing what is sent: (sha256, size,
        head). One part is one PUT; more make a multipart upload, aborted on failure."""
        digest = hashlib.sha256()
        size = 0
        head = b""
        upload_id: str | None = None
        parts: list[dict[str, Any]] = []
        try:
            while True:
                part = _read_part(stream, PART_SIZE)
                size += len(part)
                if limit is not None and size > limit:
                    raise TooLarge(limit)
                digest.update(part)
                if len(head) < HEAD_SIZE:
                    head += part[:HEAD_SIZE - len(head)]
                if upload_id is None and len(part) < PART_SIZE:
                    self.client.put_object(Bucket=self.bucket, Key=key, Body=part)
                    return digest.hexdigest(), size, head
                if upload_id is None:
                    upload_id = self.client.create_multipart_upload(
                        Bucket=self.bucket, Key=key)["UploadId"]
                if part or not parts:
                    number = len(parts) + 1
                    done = self.client.upload_part(Bucket=self.bucket, Key=key, Body=part,
                                                   UploadId=upload_id, PartNumber=number)
                    parts.append({"ETag": done["ETag"], "PartNumber": number})
                if len(part) < PART_SIZE:
                    break
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=key, UploadId=upload_id,
                MultipartUpload={"Parts": parts})
            return digest.hexdigest(), size, head
        except BaseException:
            if upload_id is not None:
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=key,
                                                   UploadId=upload_id)
            raise

    def commit(self, staged: Sequence[Staged]) -> list[StoredBlob]:
        try:
            return [self._publish(blob) for blob in staged]
        except BaseException:
            self.discard(staged)
            raise

    def _publish(self, blob: Staged) -> StoredBlob:
        final = self.sealed_key(blob.sha256) if blob.sealed else self.key(blob.sha256)
        if self._has(final) or (not blob.sealed and self.exists(blob.sha256)):
            self._delete(blob.temp)
            return StoredBlob(blob.sha256, blob.size, blob.head, new=False,
                              sealed=self.is_sealed(blob.sha256))
        # A server-side copy: the bytes read back and hashed are the ones that get the name.
        source = {"Bucket": self.bucket, "Key": blob.temp}
        if blob.size <= COPY_IN_ONE:
            self.client.copy_object(CopySource=source, Bucket=self.bucket, Key=final)
        else:  # beyond what one CopyObject may copy: part by part, still on the server
            self.client.copy(source, self.bucket, final)
        self._delete(blob.temp)
        return StoredBlob(blob.sha256, blob.size, blob.head, new=True, sealed=blob.sealed)

    def discard(self, staged: Sequence[Staged]) -> None:
        for blob in staged:
            self._delete(blob.temp)

    def _delete(self, key: str, plaintext_of_sealed: bool = False) -> None:
        """Delete a temporary key; the only kind of key gavah ever deletes, but for the
        plaintext of a blob just sealed (seal())."""
        assert plaintext_of_sealed or f"/{INCOMING}/" in f"/{key}", key
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            if not _missing(exc):
                raise

    def put_bytes(self, data: bytes) -> StoredBlob:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):
            return StoredBlob(sha, len(data), data[:HEAD_SIZE], new=False)
        return self.put(io.BytesIO(data))

    # reading

    def _has(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            if _missing(exc):
                return False
            raise
        return True

    def exists(self, sha256: str) -> bool:
        return self._has(self.key(sha256)) or self._has(self.sealed_key(sha256))

    def is_sealed(self, sha256: str) -> bool:
        return self._has(self.sealed_key(sha256))

    def _length(self, key: str) -> int:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:
            if _missing(exc):
                raise FileNotFoundError(key) from None
            raise
        return int(head["ContentLength"])

    def size(self, sha256: str) -> int:
        try:
            return self._length(self.key(sha256))
        except FileNotFoundError:
            return sealing.plain_size(self._length(self.sealed_key(sha256)))

    def seal(self, sha256: str) -> bool:
        """Sealed by streaming the plaintext from the server and back; the plaintext
        key is then deleted (in a versioned bucket its old versions stay until the
        bucket's lifecycle rules remove them: see docs/threat-model.md)."""
        if not self.is_sealed(sha256):
            with self._spool(self.key(sha256)) as plain:
                staged = self.stage(plain, seal=True)
            if staged.sha256 != sha256:
                self.discard([staged])
                raise OSError(f"blob {sha256} hashes to {staged.sha256}: not sealed")
            self.commit([staged])
        if not self._has(self.key(sha256)):
            return False
        self._delete(self.key(sha256), plaintext_of_sealed=True)
        return True

    def _body(self, key: str) -> Any:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
        except Exception as exc:
            if _missing(exc):
                raise FileNotFoundError(f"{SCHEME}{self.bucket}/{key}") from None
            raise

    def _spool(self, key: str) -> BinaryIO:
        """The object in a seekable local copy (readers of archives and PDFs seek): in
        memory when small, else in a temp file that disappears when closed."""
        body = self._body(key)
        spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY)  # noqa: SIM115 - returned
        try:
            while chunk := body.read(READ_CHUNK):
                spool.write(chunk)
            spool.seek(0)
        except BaseException:
            spool.close()
            raise
        finally:
            body.close()
        return spool  # type: ignore[return-value]

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self._spool(self.key(sha256))
        except FileNotFoundError:
            return sealing.open_plain(self._spool(self.sealed_key(sha256)), self._data_key())

    def open_stored(self, sha256: str) -> BinaryIO:
        try:
            return self._spool(self.key(sha256))
        except FileNotFoundError:
            return self._spool(self.sealed_key(sha256))

    def open_staged(self, staged: Staged) -> BinaryIO:
        raw = self._spool(staged.temp)
        return sealing.open_plain(raw, self._data_key()) if staged.sealed else raw

    def _hash_object(self, key: str) -> tuple[str, int]:
        body = self._body(key)
        digest = hashlib.sha256()
        size = 0
        try:
            while chunk := body.read(READ_CHUNK):
                digest.update(chunk)
                size += len(chunk)
        finally:
            body.close()
        return digest.hexdigest(), size

    def rehash(self, sha256: str) -> tuple[str, int]:
        """Streamed from the server; nothing is kept (a sealed blob is spooled, to be
        read by chunk)."""
        try:
            return self._hash_object(self.key(sha256))
        except FileNotFoundError:
            pass
        raw = self._spool(self.sealed_key(sha256))
        try:
            return sealing.rehash(raw, self._data_key())
        except sealing.SealBroken as exc:
            return f"unreadable ({exc})", self.size(sha256)

    def _list(self, prefix: str) -> Iterator[dict[str, Any]]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self._key(prefix) if prefix else
            (f"{self.prefix}/" if self.prefix else ""))
        for page in pages:
            yield from page.get("Contents", [])

    def iter_shas(self) -> Iterator[str]:
        for obj in self._list(""):
            parts = obj["Key"][len(self.prefix) + 1 if self.prefix else 0:].split("/")
            if len(parts) == 3:
                parts[2] = parts[2].removesuffix(sealing.SUFFIX)
            if (len(parts) == 3 and is_sha256(parts[2]) and parts[0] == parts[2][:2]
                    and parts[1] == parts[2][2:4]):
                yield parts[2]

    def leftovers(self) -> list[str]:
        """Temporary keys of writes not committed nor discarded (yet)."""
        return [obj["Key"] for obj in self._list(f"{INCOMING}/")]

    def cleanup(self) -> int:
        removed = 0
        now = datetime.now(UTC).timestamp()
        for obj in self._list(f"{INCOMING}/"):
            if now - obj["LastModified"].timestamp() > STALE_SECONDS:
                self._delete(obj["Key"])
                removed += 1
        uploads = self.client.list_multipart_uploads(
            Bucket=self.bucket, Prefix=self._key(f"{INCOMING}/")).get("Uploads", [])
        for upload in uploads:
            if now - upload["Initiated"].timestamp() > STALE_SECONDS:
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=upload["Key"],
                                                   UploadId=upload["UploadId"])
                removed += 1
        return removed


def _read_part(stream: IO[bytes], size: int) -> bytes:
    """Up to `size` bytes: short only at the end of the stream (raw streams return less)."""
    chunks = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)

