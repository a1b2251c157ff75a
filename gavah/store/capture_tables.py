"""Web captures: one row per captured item (its original is the WACZ), so that the
captures of one URL are found together and compared."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base


class Capture(Base):
    __tablename__ = "captures"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    # sha256 of the requested URL as normalised (gavah.core.urls.key): an index key that
    # fits every backend, where the URL itself may be thousands of characters.
    url_key: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # captured | failed
    http_status: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    captured_at: Mapped[str] = mapped_column(String(32))
    # the main text derivative's bytes, to compare captures of the same URL
    text_sha256: Mapped[str | None] = mapped_column(String(64))
