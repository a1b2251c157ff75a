from gavah.store.blobs.base import BlobStore, BlobTooLarge, Staged, StoredBlob
from gavah.store.blobs.local import LocalBlobStore

__all__ = ["BlobStore", "BlobTooLarge", "LocalBlobStore", "Staged", "StoredBlob"]
