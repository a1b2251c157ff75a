from gavah.store.blobs.base import BlobStore, BlobTooLarge, Staged, StoredBlob
from gavah.store.blobs.local import LocalBlobStore

__all__ = ["BlobStore", "BlobTooLarge", "LocalBlobStore", "Staged", "StoredBlob", "open_store"]

S3_SCHEME = "s3://"


def worker_environment(location: str) -> dict[str, str]:
    """What a worker process needs of this process's environment to open the store at
    `location`: for S3, the endpoint, credentials and region variables (nothing for a
    folder). Workers fork from a fork server, which keeps the environment of the moment it
    first started: older than this process's when the variables were set since."""
    if not location.startswith(S3_SCHEME):
        return {}
    import os

    return {name: value for name, value in os.environ.items()
            if name.startswith("AWS_") or name == "GAVAH_S3_ENDPOINT"}


def open_store(location: str) -> BlobStore:
    """The store at `location`: s3://BUCKET/PREFIX (boto3 imported only then), or a
    folder."""
    if location.startswith(S3_SCHEME):
        from gavah.store.blobs.s3 import S3BlobStore

        return S3BlobStore(location)
    from pathlib import Path

    return LocalBlobStore(Path(location))
