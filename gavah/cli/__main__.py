"""`python -m gavah.cli`: the same as the `gavah` command."""

from gavah.cli.main import run

run()
