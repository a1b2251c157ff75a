"""Reading what the CLI extracted: an item's texts, an item by its name."""

from __future__ import annotations

from tests.conftest import Cli


def texts(cli: Cli, item: int) -> list[str]:
    shown = cli.json("show", str(item))
    out = []
    for d in shown["derivatives"]:
        if d["kind"] == "text":
            blob = cli.home / "blobs" / d["sha256"][:2] / d["sha256"][2:4] / d["sha256"]
            out.append(blob.read_text())
    return out


def only_item(cli: Cli, name: str) -> dict:
    return next(i for i in cli.json("items") if i["original_name"] == name)
