"""Write docs/custody-actions.md from gavah/core/schema/custody_actions.yaml (run after
declaring or changing an action). tests/cli/test_docs.py fails when it is out of date."""

from __future__ import annotations

from pathlib import Path

from gavah.core.actions import READ, load

OUT = Path(__file__).resolve().parent.parent / "docs" / "custody-actions.md"

INTRO = """# The custody log: what each entry says

Generated from `gavah/core/schema/custody_actions.yaml` by
`scripts/custody_actions_doc.py`; do not edit.

Every action on evidence in gavah is an entry in an append-only log: its sequence number,
the time (UTC), who acted, the action, the item it is about (if one), the details below,
the hash of the entry before it, its own SHA-256 over a canonical JSON serialisation
(sorted keys, no whitespace, UTF-8, integers only) and an Ed25519 signature over the 32
raw bytes of that hash, on the last entry each transaction writes and on every key
rotation (through the previous hashes it covers the transaction's other entries, whose
signature is empty). `gavah verify` checks every link and signature, and that each
unsigned entry is covered by a later one's; the format is written in
`gavah/core/custody.py`.

An entry's details hold only the keys its action declares, each meaning what is written
here; nothing computed for speed is ever part of a signed entry. Entries written by an
earlier version keep what they were signed with: former spellings and former keys are
listed so that they can still be read.

Changes alter the evidence, its analysis or the accounts. Reads record that someone saw
or downloaded protected material (restricted and above); they change nothing.
"""


def render() -> str:
    parts = [INTRO]
    for kind, title in (("change", "Changes"), (READ, "Reads")):
        parts.append(f"\n## {title}\n")
        for name, action in load().items():
            if action.kind != kind:
                continue
            parts.append(f"\n### `{name}` — {action.label}\n\n{action.description}\n")
            if action.formerly:
                spelled = ", ".join(f"`{old}`" for old in action.formerly)
                parts.append(f"\nWritten as {spelled} by earlier versions.\n")
            if action.details:
                parts.append("\n| key | meaning |\n|---|---|\n")
                parts += [f"| `{key}` | {meaning} |\n" for key, meaning in action.details.items()]
            if action.former_details:
                parts.append("\nIn entries of earlier versions only:\n\n")
                parts += [f"- `{key}`: {meaning}\n"
                          for key, meaning in action.former_details.items()]
    return "".join(parts)


if __name__ == "__main__":
    OUT.write_text(render())
    print(f"wrote {OUT}")
