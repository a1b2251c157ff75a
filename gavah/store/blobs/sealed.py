"""Sealed blobs: originals encrypted at rest, streamed in chunks with bounded memory.

Format (a chunked AEAD in the manner of the STREAM construction that age and Tink's
streaming AEAD use):
  header  MAGIC (8 bytes) | chunk size (4, big-endian) | salt (32 random bytes)
  chunks  AES-256-GCM of each CHUNK bytes of plaintext (the last may be shorter, even
          empty), each followed by its 16-byte tag
The blob's own key is HKDF-SHA256(data key, salt), so nonces never repeat across blobs;
the nonce of chunk i is i (11 bytes, big-endian) and a last-chunk flag byte, and every
chunk authenticates the header. Reordered, dropped, truncated or appended chunks all
fail to decrypt. Chunks have a fixed size, so a reader seeks without reading what
comes before. The blob keeps the name of its PLAINTEXT's SHA-256: verify and exports
see the bytes that were acquired.
"""

from __future__ import annotations

import hashlib
import io
import os
from typing import IO, Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from gavah.core.hashing import TooLarge

MAGIC = b"gavahS1\n"
CHUNK = 1 << 20  # plaintext bytes per chunk: the most a reader or writer holds twice
TAG = 16
HEADER = len(MAGIC) + 4 + 32
SUFFIX = ".sealed"  # stores keep a sealed blob under its hash with this suffix
INFO = b"gavah sealed blob v1"
# Recent cryptography encrypts and decrypts into a caller's buffer.
_ENCRYPT_INTO = hasattr(AESGCM, "encrypt_into")
_DECRYPT_INTO = hasattr(AESGCM, "decrypt_into")


class SealBroken(ValueError):
    """The sealed bytes do not authenticate: altered, truncated, or another key."""


def _blob_key(data_key: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO)
    return AESGCM(hkdf.derive(data_key))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def plain_size(sealed_size: int, chunk: int = CHUNK) -> int:
    body = sealed_size - HEADER
    chunks = max(1, -(-body // (chunk + TAG)))
    return body - chunks * TAG


def _read_full(stream: IO[bytes], size: int) -> bytes:
    parts, left = [], size
    while left:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


class EncryptingReader(io.RawIOBase):
    """Reads as the sealed form of `source`, hashing the plaintext it consumes:
    `sha256`, `size` and `head` are the plaintext's once it is read to the end."""

    def __init__(self, source: IO[bytes], data_key: bytes, limit: int | None = None,
                 keep: int = 0) -> None:
        salt = os.urandom(32)
        self._header = MAGIC + CHUNK.to_bytes(4, "big") + salt
        self._aead = _blob_key(data_key, salt)
        self._source, self._limit, self._keep = source, limit, keep
        self._digest = hashlib.sha256()
        self.size, self.head = 0, b""
        self._pending = bytearray(self._header)
        self._next: bytes | None = self._take()
        self._index = 0

    def _take(self) -> bytes:
        data = _read_full(self._source, CHUNK)
        self.size += len(data)
        if self._limit is not None and self.size > self._limit:
            raise TooLarge(self._limit)
        self._digest.update(data)
        if len(self.head) < self._keep:
            self.head += data[: self._keep - len(self.head)]
        return data

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending and self._next is not None:
            current = self._next
            # A full chunk is the last only when nothing follows it: read one ahead.
            following = self._take() if len(current) == CHUNK else b""
            last = not following
            self._pending += self._aead.encrypt(_nonce(self._index, last), current,
                                                self._header)
            self._index += 1
            self._next = None if last else following
        count = min(len(view), len(self._pending))
        view[:count] = self._pending[:count]
        del self._pending[:count]
        return count


def seal_copy(source: IO[bytes], sink: IO[bytes], data_key: bytes, limit: int | None = None,
              keep: int = 0) -> tuple[str, int, bytes]:
    """Write the sealed form of `source` to `sink`: (plaintext SHA-256, size, first
    `keep` bytes). The same bytes as EncryptingReader, read and encrypted into buffers
    reused from chunk to chunk (fresh 1 MiB objects cost more than the AES)."""
    salt = os.urandom(32)
    header = MAGIC + CHUNK.to_bytes(4, "big") + salt
    aead = _blob_key(data_key, salt)
    digest, size, head = hashlib.sha256(), 0, b""
    plain = [memoryview(bytearray(CHUNK))]
    sink.write(header)

    def take(into: memoryview) -> memoryview:
        nonlocal size, head
        data = into[:_read_into(source, into)]
        size += len(data)
        if limit is not None and size > limit:
            raise TooLarge(limit)
        digest.update(data)
        if len(head) < keep:
            head += bytes(data[: keep - len(head)])
        return data

    current, index = take(plain[0]), 0
    if len(current) == CHUNK:  # more may follow: a second buffer to read ahead into
        plain.append(memoryview(bytearray(CHUNK)))
    sealed = memoryview(bytearray(len(current) + TAG))  # a small file: small buffers
    while True:
        # A full chunk is the last only when nothing follows it: read one ahead.
        following = take(plain[(index + 1) % 2]) if len(current) == CHUNK else current[:0]
        last = not len(following)
        out = sealed[:len(current) + TAG]
        if _ENCRYPT_INTO:
            aead.encrypt_into(_nonce(index, last), current, header, out)
        else:  # cryptography before encrypt_into
            out[:] = aead.encrypt(_nonce(index, last), current, header)
        sink.write(out)
        if last:
            return digest.hexdigest(), size, head
        current, index = following, index + 1


def _open_chunk(aead: AESGCM, index: int, last: bool, sealed: memoryview, header: bytes,
                into: memoryview) -> memoryview:
    """Decrypt one chunk into `into` (a buffer the reader reuses: no new 1 MiB object
    per chunk, whose fresh pages cost more than the AES itself); its plaintext's view."""
    if len(sealed) < TAG:
        raise SealBroken(f"chunk {index} of a sealed blob is truncated")
    out = into[:len(sealed) - TAG]
    try:
        if _DECRYPT_INTO:
            aead.decrypt_into(_nonce(index, last), sealed, header, out)
        else:  # cryptography before decrypt_into
            out[:] = aead.decrypt(_nonce(index, last), sealed, header)
    except InvalidTag:
        raise SealBroken(f"chunk {index} of a sealed blob does not authenticate") from None
    return out


def _read_into(stream: IO[bytes], view: memoryview) -> int:
    got = 0
    while got < len(view):
        count = stream.readinto(view[got:])  # type: ignore[attr-defined]
        if not count:
            break
        got += count
    return got


class DecryptingReader(io.RawIOBase):
    """A seekable plaintext view of sealed bytes in a seekable `raw` stream. It holds
    one chunk as stored and its plaintext, in two buffers reused from chunk to chunk."""

    def __init__(self, raw: BinaryIO, data_key: bytes) -> None:
        self._raw = raw
        header = _read_full(raw, HEADER)
        if len(header) != HEADER or not header.startswith(MAGIC):
            raise SealBroken("not a sealed gavah blob")
        self._header = header
        self._chunk = int.from_bytes(header[len(MAGIC):len(MAGIC) + 4], "big")
        if not self._chunk:
            raise SealBroken("a sealed gavah blob with no chunk size")
        self._aead = _blob_key(data_key, header[-32:])
        total = raw.seek(0, os.SEEK_END)
        self.plain_size = plain_size(total, self._chunk)
        self.chunks = max(1, -(-(total - HEADER) // (self._chunk + TAG)))
        self._pos = 0
        # As large as a chunk, or the whole blob when smaller (a small file, or a header
        # naming a huge chunk size before anything is authenticated).
        biggest = min(self._chunk + TAG, max(TAG, total - HEADER))
        self._sealed = memoryview(bytearray(biggest))
        self._plainbuf = memoryview(bytearray(biggest - TAG))
        self._cached: tuple[int, memoryview] | None = None
        self._at = -1  # the chunk `raw` is positioned before (no seek when reading on)

    def plain(self, index: int) -> memoryview:
        """Chunk `index`'s plaintext, authenticated; valid until the next call."""
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        self._cached = None  # the buffer is about to change
        if self._at != index:
            self._raw.seek(HEADER + index * (self._chunk + TAG))
        self._at = -1  # unknown until the read is done
        got = _read_into(self._raw, self._sealed)
        self._at = index + 1
        plain = _open_chunk(self._aead, index, index == self.chunks - 1, self._sealed[:got],
                            self._header, self._plainbuf)
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self.plain_size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos >= self.plain_size or not len(view):
            return 0
        index, offset = divmod(self._pos, self._chunk)
        plain = self.plain(index)
        count = min(len(view), len(plain) - offset)
        view[:count] = plain[offset:offset + count]
        self._pos += count
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_plain(raw: BinaryIO, data_key: bytes) -> BinaryIO:
    """A buffered, seekable plaintext reader over sealed bytes (closing it closes raw)."""
    try:
        reader = DecryptingReader(raw, data_key)
    except BaseException:
        raw.close()
        raise
    return io.BufferedReader(reader, CHUNK)  # type: ignore[return-value]


def rehash(raw: BinaryIO, data_key: bytes) -> tuple[str, int]:
    """(SHA-256, size) of the plaintext, every chunk authenticated on the way. Chunk by
    chunk straight from the reader's buffers: no buffered layer, no copy but AES's."""
    digest, size = hashlib.sha256(), 0
    try:
        reader = DecryptingReader(raw, data_key)
    except BaseException:
        raw.close()
        raise
    with reader:
        for index in range(reader.chunks):
            plain = reader.plain(index)
            digest.update(plain)
            size += len(plain)
    return digest.hexdigest(), size
