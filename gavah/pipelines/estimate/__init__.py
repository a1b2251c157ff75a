"""Estimate pipeline: figures of list overlaps and of an estimate's uncertainty.

The statistics live in `gavah.core.estimate`; this package adds what writes files.
"""

from gavah.pipelines.estimate.figures import FORMATS, plot_estimate, plot_overlaps

__all__ = ["FORMATS", "plot_estimate", "plot_overlaps"]
