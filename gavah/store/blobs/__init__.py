from gavah.store.blobs.base import BlobStore, BlobTooLarge, Staged, StoredBlob
from gavah.store.blobs.local import LocalBlobStore

__all__ = ["BlobStore", "BlobTooLarge", "LocalBlobStore", "Staged", "StoredBlob", "open_store"]

S3_SCHEME = "s3://"


def open_store(location: str) -> BlobStore:
    """The store at `location`: s3://BUCKET/PREFIX (boto3 imported only then), or a
    folder."""
    if location.startswith(S3_SCHEME):
        from gavah.store.blobs.s3 import S3BlobStore

        return S3BlobStore(location)
    from pathlib import Path

    return LocalBlobStore(Path(location))
