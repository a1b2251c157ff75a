"""Claim extraction speed: throughput on generated documents and the cost per document as
the gazetteer grows from 100 to 100,000 names (it must stay roughly flat).

    python bench/bench_extraction.py [--docs 10000] [--sample 1000] [--no-write]

Documents and names are generated (FICTIONAL, seeded, so runs are comparable) in English,
Persian and Arabic with quotations, figures, Jalali and Gregorian dates and boilerplate.
Results, with the machine description and the evaluation scores, are written to
bench/RESULTS.md under "## Claims extraction (issue 3)"; other sections are left alone.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results import commit, replace_section  # noqa: E402

from gavah.core.extract import Entity, Gazetteer, extract  # noqa: E402

HEADING = "## Claims extraction (issue 3)"


def _pairs(spec: str) -> list[list[str]]:
    return [pair.split("=") for pair in spec.split()]


def _words(spec: str) -> list[str]:
    return spec.split()


# fmt: off
GIVEN = _pairs(
    "Hamid=حمید Shirin=شیرین Kaveh=کاوه Parvin=پروین Mahmoud=محمود Narges=نرگس Reza=رضا Leila=لیلا "
    "Hossein=حسین Maryam=مریم Ali=علی Zahra=زهرا Mehdi=مهدی Fatemeh=فاطمه Saeed=سعید Nasrin=نسرین "
    "Javad=جواد Roya=رویا Karim=کریم Soheila=سهیلا")
ROOTS = _pairs(
    "Rahim=رحیم Karim=کریم Jafar=جعفر Ahmad=احمد Kazem=کاظم Sadegh=صادق Nasir=نصیر Hashem=هاشم "
    "Ghasem=قاسم Taher=طاهر Mahmoud=محمود Bagher=باقر Amin=امین Safar=صفر Davood=داوود Morad=مراد "
    "Nour=نور Hadi=هادی Zaman=زمان Yazdan=یزدان Shams=شمس Golab=گلاب Farhad=فرهاد Bahram=بهرام "
    "Teymour=تیمور")
SUFFIXES = _pairs("i=ی zadeh=زاده pour=پور nejad=نژاد far=فر rad=راد ian=یان lou=لو")
ORG_WORDS = _words("Justice Witness Truth Memory Prisoners Families Rights Archive")
ORG_KINDS = _words("Watch Committee Network Centre Foundation Observatory Council")
# fmt: on


def make_names(count: int, rng: random.Random) -> list[Entity]:
    """FICTIONAL entities carrying `count` names (aliases included)."""
    entities: list[Entity] = []
    total = i = 0
    while total < count:
        if i % 7 == 6:
            words = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)} {i}"
            names: tuple[str, ...] = (words,)
            kind = "Organization"
        else:
            (g, gf), (r1, r1f), (r2, r2f), (s, sf) = (
                rng.choice(GIVEN), rng.choice(ROOTS), rng.choice(ROOTS), rng.choice(SUFFIXES))
            last, last_fa = (r1 + r2.lower() + s, r1f + r2f + sf) if i % 3 else (r1 + s, r1f + sf)
            names = (f"{g} {last}", f"{gf} {last_fa}")[: 1 + i % 2]
            kind = "Person"
        names = names[: max(1, min(len(names), count - total))]
        entities.append(Entity(f"E{i}", names, kind))
        total += len(names)
        i += 1
    return entities


def make_docs(count: int, people: list[Entity], rng: random.Random) -> list[str]:
    """FICTIONAL documents in English, Persian and Arabic, in turn."""
    docs = []
    for i in range(count):
        p1, p2 = rng.sample(people, 2)
        n1, n2 = rng.randint(100, 40_000), rng.randint(2, 900)
        if i % 3 == 0:
            doc = (f"[FICTIONAL generated document {i}]\n\nRights group reports new figures\n\n"
                   f"{rng.randint(1, 28)} March {rng.randint(1990, 2023)}\n\n"
                   f"At least {n1:,} political prisoners were executed in the summer of 1988, "
                   f"the group said. “We have documented {n2} burial sites,” said {p1.names[0]}, "
                   f"its director. Officials say fewer than {n2} people were punished in 1367.\n\n"
                   f'{p2.names[0]} told reporters: "The number is between {n2:,} and {n1:,}." '
                   f"According to {p1.names[0].split()[-1]}, thousands of families are waiting.\n\n"
                   "Share this: Facebook | Twitter | Email\n© 2024 Example. All rights reserved.\n")
        elif i % 3 == 1:
            doc = (f"[FICTIONAL generated document {i}]\n\nخبرگزاری نمونه\n\n۲۴ اسفند ۱۴۰۱\n\n"
                   f"به گزارش خبرگزاری نمونه، {p1.names[-1]} گفت: "
                   f"«در تابستان ۶۷ بیش از {n1} زندانی سیاسی اعدام شدند.»\n\n"
                   f"وی افزود: «حدود {n2} خانواده در مرداد ۱۳۶۷ خبر گرفتند.»\n\n"
                   "اشتراک‌گذاری: تلگرام | واتس‌اپ\n")
        else:
            doc = (f"[FICTIONAL generated document {i}]\n\nصحيفة نموذجية\n\n17 آذار 2023\n\n"
                   f"قال المحامي {p1.names[0]}: "
                   f"«أعدم ما لا يقل عن {n1} سجين سياسي في صيف عام 1988».\n\n"
                   f"ويقول مؤرخون إن العدد الحقيقي يتراوح بين {n2} و{n1}.\n\n"
                   "شارك هذا المقال: فيسبوك | تويتر\n")
        docs.append(doc)
    return docs


def machine() -> str:
    cpu = "unknown CPU"
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    return (f"{os.cpu_count()} cores (nproc), {cpu}, Python {platform.python_version()} "
            f"on {platform.system()}")


def _cpu_ms(docs: list[str], gazetteer: Gazetteer) -> list[float]:
    """CPU time per document: the machine is shared, wall time would time the neighbours."""
    extract(docs[0], publisher="Example", gazetteer=gazetteer)  # warm caches
    out = []
    for d in docs:
        t = time.process_time()
        extract(d, publisher="Example", gazetteer=gazetteer)
        out.append((time.process_time() - t) * 1000)
    return out


def run(n_docs: int, sample: int) -> dict[str, Any]:
    rng = random.Random(1988)
    base = make_names(100, rng)
    docs = make_docs(n_docs, [e for e in base if e.kind == "Person"], rng)
    gazetteer = Gazetteer(base)
    extract(docs[0], publisher="Example", gazetteer=gazetteer)
    wall, cpu = time.perf_counter(), time.process_time()
    claims = sum(len(extract(d, publisher="Example", gazetteer=gazetteer).claims) for d in docs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(len(d.encode()) for d in docs) / 1e6
    scaling = []
    for names in (100, 1_000, 10_000, 100_000):
        entities = base + make_names(names - 100, random.Random(names)) if names > 100 else base
        built = time.perf_counter()
        big = Gazetteer(entities)
        built = time.perf_counter() - built
        times = _cpu_ms(docs[:sample], big)
        largest = max(len(v) for v in big._keys.values())  # aliases sharing the busiest key
        scaling.append((sum(len(e.names) for e in entities), built, statistics.mean(times),
                        statistics.median(times), largest))
        del big, entities
        gc.collect()
    return {"docs": n_docs, "mb": size, "claims": claims, "wall": wall, "cpu": cpu,
            "scaling": scaling, "sample": sample}


def report(
    r: dict[str, Any], scores: dict[str, tuple[int, dict[str, dict[str, float]]]] | None
) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        HEADING, "", f"Measured {when} on commit {commit()}, on {machine()}; one process, "
        "one core.", "",
        f"Throughput on {r['docs']:,} generated FICTIONAL documents ({r['mb']:.1f} MB, English, "
        f"Persian and Arabic in turn, 100-name gazetteer): **{r['docs'] / r['cpu']:.0f} docs/s, "
        f"{r['mb'] / r['cpu']:.2f} MB/s** of CPU time; by the wall clock of this shared machine "
        f"{r['docs'] / r['wall']:.0f} docs/s, {r['mb'] / r['wall']:.2f} MB/s ({r['claims']:,} "
        f"claims; {r['cpu']:.1f} s CPU, {r['wall']:.1f} s wall).", "",
        f"CPU time per document as the gazetteer grows ({r['sample']:,} documents each):", "",
        "| names | gazetteer build (s) | ms/doc mean | ms/doc median | largest key bucket |",
        "|---:|---:|---:|---:|---:|"]
    lines += [f"| {n:,} | {b:.2f} | {mean:.2f} | {median:.2f} | {largest} |"
              for n, b, mean, median, largest in r["scaling"]]
    first, last = r["scaling"][0][2], r["scaling"][-1][2]
    lines += ["", "Names are found through a token n-gram index (exact folded aliases, then "
              "`name_key` skeletons confirmed by `name_similarity`), not a loop over names: from "
              f"100 to 100,000 names the mean cost per document goes from {first:.2f} to "
              f"{last:.2f} ms ({(last / first - 1) * 100:+.0f}%); that little comes from larger "
              "key buckets to confirm and a larger heap.",
              "", "Work per document is capped (`Limits`: 1,000,000 characters read, 5,000 "
              "quotations, figures and dates, 20,000 mentions); what is not read is reported.", ""]
    if scores:
        lines += [
            "Evaluation on the hand-annotated FICTIONAL sets (targets for figures and "
            "quotations: P >= 0.9, R >= 0.8), by the current extractor:", "",
            "| set | documents | category | precision | recall | F1 |",
            "|---|---:|---|---:|---:|---:|"]
        for name, (docs, cats) in scores.items():
            lines += [f"| {name} | {docs} | {c} | {s['precision']:.3f} | {s['recall']:.3f} | "
                      f"{s['f1']:.3f} |" for c, s in cats.items()]
        lines += ["", HELDOUT, "", DEMO_HELDOUT, "", SPEED_NOTE, ""]
    lines += ["Run: `.venv/bin/python bench/bench_extraction.py`; the evaluation alone: "
              "`.venv/bin/python bench/eval_extraction.py --set main|heldout|demo_heldout "
              "--errors`."]
    return "\n".join(lines) + "\n"


HELDOUT = ("`main` (14 documents: 7 English, 4 Persian, 3 Arabic) was used while building the "
           "extractor. `heldout` (4 documents, annotated before the extractor first ran on it) "
           "scored on that first run: quotations P 0.786 R 0.786, figures P 0.786 R 0.733, dates "
           "P 0.929 R 1.000, mentions P 1.000 R 1.000. Its failures were general ones (passive "
           "verbs, attribution across a sentence end, the Persian subject position, nested frames, "
           "\"between X and Y\" years), since fixed; it is no longer held out.")
SPEED_NOTE = (
    "The fixes for `demo_heldout` cost a little speed: measured back to back on the same 3,000 "
    "generated documents (CPU time, twice each), the extractor before them read 510-544 docs/s "
    "and after them 493-507 docs/s (2-7% slower), finding 5% more claims (partial quotations, "
    "statements around them, attributions after participles).")
# The first run cannot be measured again: it is what the extractor of commit e29a14b did.
DEMO_HELDOUT = (
    "`demo_heldout` (11 documents: the texts of the fictional demo corpus exactly as the "
    "pipeline stores them — HTML main text, one document per PDF page, an e-mail with its "
    "headers, a Persian PDF with reversed guillemets, a cp1256 note; 7 English, 3 Persian, 1 "
    "Arabic; nobody on the extractor wrote them) was annotated by reading, before the "
    "extractor ran on it. First run (extractor of commit e29a14b): quotations P 0.778 R 0.636 "
    "F1 0.700 (7/9 predicted, 11 gold), figures P 0.545 R 0.750 F1 0.632 (6/11, 8 gold), dates "
    "P 1.000 R 1.000, mentions P 1.000 R 1.000. The failures were general: organisation "
    "subjects cut at \"for\"/\"of\" (\"The Justice\") or at an unbalanced \"(PRF\"; "
    "attribution after a quotation lost when a title or apposition stands before the name "
    "(the speaker before was taken instead, and \"on 20 June 2021\" became a statement); a "
    "frame in the sentence before taken as introducing a quotation; \"The Commission\" not "
    "resolved to the publisher; PDF-wrapped lines read as headings; an e-mail time zone "
    "\"+0430\" read as 430; Persian الف (the letter, a pseudonym) read as a thousand; "
    "\"چند ده نفر\" (a few tens) as exactly 10; short quoted phrases inside a named "
    "speaker's statement dropped as scare quotes. They were fixed as general rules (regression "
    "tests phrased differently in `tests/core/extract/test_generalise.py`), together with "
    "failures found on probe text written afterwards (datelines, hyphen ranges, phone numbers, "
    "\"adding that\", no-break spaces in names). The evaluation judge was made stricter "
    "before the first run: a lone word of a longer name no longer counts as that name "
    "(\"The Justice\" is not \"Justice for Dashtabad Coalition\"); after it, a figure claim "
    "whose span is a quotation's is no longer also counted as a quotation (this does not change "
    "the first-run numbers). Eleven short documents (11 quotations, 8 figures) are a small "
    "sample: one error moves a score by about 0.1. **The numbers in the "
    "table above for `demo_heldout` are after those fixes: it is no longer held out.**")


def write_section(text: str, path: Path = ROOT / "bench" / "RESULTS.md") -> None:
    """Replace only this section of RESULTS.md (other sections belong to others), keeping
    its hand-written readings."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    new = replace_section(old, HEADING, text, commit())
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1_000, help="documents per gazetteer size")
    parser.add_argument("--no-write", action="store_true", help="print; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    result = run(args.docs, args.sample)
    from eval_extraction import SETS, evaluate

    scores = {}
    for name, folder in SETS.items():
        report_ = evaluate(folder)
        scores[name] = (report_["documents"], report_["scores"]["all"])
    text = report(result, scores)
    print(text)
    if not args.no_write:
        write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
