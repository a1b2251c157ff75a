"""Victim records: one person as one list records them.

Pure functions only: field names and what they mean (`fields`), reading one cell
(`values`), turning one row of a list into a record or a list of problems (`rows`),
the name forms linkage compares (`keys`), and clustering linked pairs into persons
under reviewers' decisions (`clusters`).
"""

from gavah.core.victims.fields import DATE_FIELDS, FIELDS, NAME_FIELDS, PLACE_FIELDS
from gavah.core.victims.rows import Mapping, Problem, Record, Rejected, normalise_row

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "NAME_FIELDS",
    "PLACE_FIELDS",
    "Mapping",
    "Problem",
    "Record",
    "Rejected",
    "normalise_row",
]
