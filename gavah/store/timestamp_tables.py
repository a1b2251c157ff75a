"""Tables for RFC 3161 time-stamps: the time-stamping authorities a workspace trusts, and
the responses they gave. A response is self-authenticating (the TSA signed it); its
stamping is also a signed custody entry holding the response's SHA-256, so a response
swapped or removed later is found by `gavah verify`."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base


class Tsa(Base):
    """A time-stamping authority and the trust anchor its stamps are checked against.
    `scheduled`: added with `gavah tsa add`, so ingest and the web server stamp with it;
    a TSA named once on `gavah timestamp` is kept only to check its stamps."""

    __tablename__ = "tsas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text)
    ca_pem: Mapped[str] = mapped_column(Text)
    ca_sha256: Mapped[str] = mapped_column(String(64))
    scheduled: Mapped[bool] = mapped_column(Boolean)
    added_at: Mapped[str] = mapped_column(String(32))
    added_by: Mapped[str] = mapped_column(String(255))


class TimeStamp(Base):
    """One TSA's response over the hash of one custody entry (`stamped_seq`), recorded by
    the custody entry `custody_seq` that follows it."""

    __tablename__ = "timestamps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tsa_id: Mapped[int] = mapped_column(ForeignKey("tsas.id"), index=True)
    stamped_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    stamped_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[bytes] = mapped_column(LargeBinary)  # DER TimeStampResp, as received
    response_sha256: Mapped[str] = mapped_column(String(64))
    gen_time: Mapped[str] = mapped_column(String(32))
    serial: Mapped[str] = mapped_column(String(64))
    tsa_name: Mapped[str] = mapped_column(Text)
    custody_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
