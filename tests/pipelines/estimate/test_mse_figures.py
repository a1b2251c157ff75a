"""Figures: list overlaps (UpSet-style) and the estimate's distribution."""

import struct

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    CaptureTable,
    estimate_lcmcr,
    estimate_loglinear,
    homogeneous,
    simulate_table,
)
from gavah.pipelines.estimate import plot_estimate, plot_overlaps


def png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def table():
    return simulate_table(homogeneous(600, [0.3, 0.25, 0.35, 0.2]), np.random.default_rng(1))


def test_overlaps_png_and_svg_name_every_list(tmp_path, table):
    png = plot_overlaps(table, tmp_path / "overlaps.png")
    width, height = png_size(png)
    assert width > 600 and height > 300
    svg = plot_overlaps(table, tmp_path / "overlaps.SVG").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for name in table.lists:
        assert f"<!-- {name} -->" in svg  # matplotlib labels text elements with their string
    assert f"{table.count({'L1'}):,}" in svg


def test_overlaps_with_persian_list_names(tmp_path):
    table = CaptureTable.from_counts(
        ["عفو بین‌الملل", "Iran HRM", "خاوران"], {(1, 1, 1): 5, (1, 0, 0): 20, (0, 1, 0): 15}
    )
    svg = plot_overlaps(table, tmp_path / "fa.svg").read_text(encoding="utf-8")
    assert "خاوران" in svg


def test_many_patterns_are_summed_past_thirty(tmp_path):
    table = simulate_table(homogeneous(5000, [0.4] * 6), np.random.default_rng(0))
    svg = plot_overlaps(table, tmp_path / "six.svg").read_text(encoding="utf-8")
    assert "smaller patterns" in svg and "not shown" in svg


def test_estimate_figures_mark_documented_estimate_and_interval(tmp_path, table):
    loglinear = estimate_loglinear(table, bootstrap=200)
    svg = plot_estimate(loglinear, tmp_path / "ll.svg").read_text(encoding="utf-8")
    assert f"documented {table.documented:,}" in svg
    assert f"estimate {loglinear.estimate:,.0f}" in svg
    assert f"{loglinear.lower:,.0f} to {loglinear.upper:,.0f}" in svg
    lcmcr = estimate_lcmcr(table, burnin=100, samples=100, thin=2)
    png = plot_estimate(lcmcr, tmp_path / "lc.png")
    assert png_size(png)[0] > 600


def test_estimate_without_draws_still_draws(tmp_path, table):
    result = estimate_loglinear(table, bootstrap=0, average=None)
    svg = plot_estimate(result, tmp_path / "nodraws.svg").read_text(encoding="utf-8")
    assert "no draws kept" in svg


def test_other_formats_are_refused(tmp_path, table):
    with pytest.raises(BadInput, match=r"\.png or \.svg"):
        plot_overlaps(table, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
