"""Reads on the DB-API directly (stdlib sqlite3, or psycopg for PostgreSQL), for the
commands a script runs once per file: `gavah items`, `gavah show`, `gavah verify`.
Importing SQLAlchemy and declaring the ORM tables costs more than half a second of a
command that runs a few queries; these modules import neither. Their answers are the
ORM path's, field for field (tests/store/test_fastread.py compares the two on SQLite and
PostgreSQL); what they do not cover (another database driver, a protected read that
must be recorded, a web capture) goes through the ORM path instead."""
