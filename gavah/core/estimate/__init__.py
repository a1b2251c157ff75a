"""Multiple systems estimation: how many victims did no list record?

Pure functions on capture-history tables (no database, no files): the store builds a
`CaptureTable` from linked persons, or `read_table_csv` reads a published one, and
`estimate` / `estimate_stratified` return `Estimate`s whose `to_dict()` is the JSON
of `gavah estimate --json`.

    table = read_table_csv(text)                      # --from-table FILE.csv
    table = table.subset(["A", "B", "C"])             # --lists A,B,C
    result = estimate(table, method="loglinear")      # or "lcmcr"
    result.to_dict()
"""

from gavah.core.estimate.csvtable import read_stratified_table_csv, read_table_csv
from gavah.core.estimate.estimators import estimate, estimate_lcmcr, estimate_loglinear
from gavah.core.estimate.lcmcr import LcmcrSettings
from gavah.core.estimate.loglinear import Model, ModelFit, compare_models, fit_model, parse_model
from gavah.core.estimate.result import LCMCR, LOGLINEAR, Estimate
from gavah.core.estimate.simulate import (
    CoverageReport,
    Scenario,
    coverage,
    homogeneous,
    simulate_people,
    simulate_table,
)
from gavah.core.estimate.strata import combine, estimate_stratified, tables_by_stratum
from gavah.core.estimate.table import CaptureTable

METHODS = (LOGLINEAR, LCMCR)

__all__ = [
    "LCMCR",
    "LOGLINEAR",
    "METHODS",
    "CaptureTable",
    "CoverageReport",
    "Estimate",
    "LcmcrSettings",
    "Model",
    "ModelFit",
    "Scenario",
    "combine",
    "compare_models",
    "coverage",
    "estimate",
    "estimate_lcmcr",
    "estimate_loglinear",
    "estimate_stratified",
    "fit_model",
    "homogeneous",
    "parse_model",
    "read_stratified_table_csv",
    "read_table_csv",
    "simulate_people",
    "simulate_table",
    "tables_by_stratum",
]
