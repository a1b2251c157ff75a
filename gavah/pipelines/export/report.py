"""The PDF report of a disclosure package (WeasyPrint), in English or Persian (laid out
right to left, in the Vazirmatn font shipped beside this module under the OFL).

It is made from the package's own case.json, so it says exactly what the package holds,
pseudonyms included. It is a tag file: the cover names the SHA-256 of the payload
manifest, and the signed tag manifest covers the report."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FONTS = {400: HERE / "fonts" / "Vazirmatn-Regular.ttf",
         700: HERE / "fonts" / "Vazirmatn-Bold.ttf"}
LANGUAGES = ("en", "fa")

# One row per label, (English, Persian): no label can lack its translation.
LABELS: dict[str, tuple[str, str]] = {
    "package": ("Disclosure package", "بستهٔ افشا"),
    "recipient": ("Recipient", "گیرنده"),
    "level": ("level", "سطح"),
    "court": ("court", "دادگاه"),
    "defence": ("defence", "وکیل مدافع"),
    "public": ("public", "عموم"),
    "exported": ("Exported", "زمان برون‌بُرد"),
    "framework": ("Law", "قانون"),
    "key": ("Signing key", "کلید امضا"),
    "manifest": ("SHA-256 of manifest-sha256.txt", "SHA-256 فایل manifest-sha256.txt"),
    "manifest_note": (
        "That manifest lists the SHA-256 of every file of evidence in the package; "
        "the signed tag manifest covers it and this report.",
        "این فهرست SHA-256 همهٔ فایل‌های مدارک بسته را دارد؛ فهرست برچسب‌های امضاشده "
        "آن را و این گزارش را پوشش می‌دهد.",
    ),
    "charges": ("Charges", "اتهام‌ها"),
    "suspect": ("Suspect", "متهم"),
    "crime": ("Crime", "جرم"),
    "mode": ("Mode of liability", "شیوهٔ مسئولیت"),
    "matrix": ("Element matrix", "جدول ارکان"),
    "element": ("Element", "رکن"),
    "independent": ("independent", "مستقل"),
    "grade": ("grade", "درجه"),
    "undermined": ("undermined", "مدرک خلاف دارد"),
    "withheld": ("Withheld for this recipient", "نگه‌داشته برای این گیرنده"),
    "evidence": ("Evidence per element", "مدارک هر رکن"),
    "stance": ("Stance", "موضع"),
    "what": ("Evidence", "مدرک"),
    "asserted_by": ("Who asserts it", "گوینده"),
    "note": ("Analyst's note", "یادداشت تحلیلگر"),
    "supports": ("supports", "تأیید می‌کند"),
    "undermines": ("undermines", "رد می‌کند"),
    "no_evidence": ("No evidence linked.", "مدرکی پیوند نشده است."),
    "gaps": ("Gaps", "کاستی‌ها"),
    "exculpatory_all": (
        "Exculpatory material (always disclosed)",
        "مدارک به سود متهم (همیشه افشا می‌شود)",
    ),
    "reason": ("Why", "چرا"),
    "exculpatory_here": (
        "Exculpatory material about this element: {count}, listed in full under "
        "\u201cExculpatory material\u201d below.",
        "مدارک به سود متهم دربارهٔ این رکن: {count} مورد، همه در بخش «مدارک به سود متهم» "
        "در پایین فهرست شده است.",
    ),
    "estimates": ("Victims estimate", "برآورد شمار قربانیان"),
    "interval": ("interval", "بازه"),
    "method": ("method", "روش"),
    "model": ("model", "مدل"),
    "chosen_model": ("Model chosen by its criterion, alone", "مدلِ برگزیدهٔ معیار، به تنهایی"),
    "no_estimate": (
        "No estimate is linked to this case.",
        "برآوردی به این پرونده پیوند نشده است.",
    ),
    "exhibits": ("Exhibits", "فهرست مدارک"),
    "file": ("File", "فایل"),
    "acquired": ("Acquired (when, by whom)", "دریافت (کی، به دست چه کسی)"),
    "redacted": ("redacted copy", "نسخهٔ پوشانده"),
    "how": ("How to verify", "راه وارسی"),
    "how_1": (
        "In the package folder, with Python 3 and nothing else installed, run the "
        "command below; compare the key fingerprint with the one the sender "
        "published. It checks every file, the signature, the custody chain and that "
        "every exhibit has its file and custody entries.",
        "در پوشهٔ بسته، تنها با پایتون ۳، فرمان زیر را اجرا کنید و اثر انگشت کلید را "
        "با آنچه فرستنده منتشر کرده مقایسه کنید. این فرمان همهٔ فایل‌ها، امضا، "
        "زنجیرهٔ نگهداری و وجود فایل و ثبت نگهداری هر مدرک را وارسی می‌کند.",
    ),
    "how_2": (
        "Independently, with standard tools:",
        "به‌طور مستقل، با ابزارهای استاندارد:",
    ),
    "more_supporting": (
        "{count} more supporting links: data/case.json lists them all.",
        "{count} پیوند تأییدکنندهٔ دیگر: data/case.json همه را فهرست کرده است.",
    ),
    "exhibits_summary": (
        "{count} files ({redacted} of them redacted copies). "
        "Each is listed with its SHA-256, acquisition and classification in "
        "exhibits.csv beside this report; the signed tag manifest covers that list.",
        "{count} فایل ({redacted} تا نسخهٔ پوشانده). هر یک با "
        "SHA-256، زمان و کنندهٔ دریافت و سطح طبقه‌بندی در فایل exhibits.csv کنار این "
        "گزارش آمده است؛ فهرست برچسب‌های امضاشده آن فهرست را پوشش می‌دهد.",
    ),
}


def labels(lang: str) -> dict[str, str]:
    column = LANGUAGES.index(lang)
    return {key: pair[column] for key, pair in LABELS.items()}


def textdir(value: object) -> str:
    """The direction of a stored text, by its first letter: Arabic script reads right to
    left, anything else left to right (an English title inside a Persian report)."""
    for char in str(value or ""):
        if char.isalpha():
            return "rtl" if "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff" \
                else "ltr"
    return "auto"


def isolate(value: object) -> str:
    """A stored text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: laid out
    in its own direction inside a paragraph of the report's, with no box of its own."""
    return f"\u2068{value}\u2069"


# Supporting links listed per element; data/case.json has them all. What undermines an
# element and the exculpatory material are always listed in full.
SUPPORTING_IN_PDF = 25


@dataclass
class Selection:
    """The evidence the report lists, chosen as the case file is written: per element
    the first SUPPORTING_IN_PDF supporting links and everything undermining, with the
    number of supporting links, so the rest need not be held in memory."""

    evidence: list[dict[str, Any]] = field(default_factory=list)
    supporting: dict[str, int] = field(default_factory=dict)

    def wants(self, evidence: dict[str, Any]) -> bool:
        """Count one piece of evidence; whether the report lists it."""
        element = evidence["link"]["element"]
        if evidence["link"]["stance"] != "supports":
            return True
        self.supporting[element] = self.supporting.get(element, 0) + 1
        return self.supporting[element] <= SUPPORTING_IN_PDF

    def add(self, evidence: dict[str, Any]) -> None:
        if self.wants(evidence):
            self.evidence.append(evidence)


def html(case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]))
    env.filters["textdir"] = textdir
    env.filters["isolate"] = isolate
    if "supporting" not in case:  # a case file read whole: select as it is written
        selection = Selection()
        for one in case["evidence"]:
            selection.add(one)
        case = case | {"evidence": selection.evidence, "supporting": selection.supporting}
    by_element: dict[str, list[dict[str, Any]]] = {}
    for evidence in case["evidence"]:
        by_element.setdefault(evidence["link"]["element"], []).append(evidence)
    more: dict[str, int] = {}
    for element, linked in by_element.items():
        supporting = [e for e in linked if e["link"]["stance"] == "supports"]
        more[element] = max(0, case["supporting"].get(element, 0) - SUPPORTING_IN_PDF)
        by_element[element] = supporting + [
            e for e in linked if e["link"]["stance"] != "supports"]
    # Exculpatory material is listed once, in full, ordered by element as the case
    # lists them; each element says how much of it concerns it. (Listed under each
    # element as well, a case with hundreds of contradicting figures laid out each
    # twice.)
    order = {el["id"]: n for n, el in enumerate(case["elements"])}
    exculpatory = sorted(case["exculpatory"], key=lambda x: order.get(
        (x.get("about") or {}).get("element", ""), len(order)))
    excul: dict[str, int] = {}
    for x in exculpatory:
        element = (x.get("about") or {}).get("element", "")
        excul[element] = excul.get(element, 0) + 1
    t = labels(lang)
    exhibits = t["exhibits_summary"].format(
        count=len(case["items"]), redacted=sum(1 for i in case["items"] if i["redacted"]))
    return env.get_template("report.html").render(
        case=case, t=t, lang=lang, fonts={w: f.as_uri() for w, f in FONTS.items()},
        by_element=by_element, excul_count=excul, exculpatory=exculpatory,
        manifest_sha256=manifest_sha256,
        key_id=key_id, exhibits=exhibits, more=more)


# The exhibit list: one row per item sent, as the case file gives it (pseudonyms
# included). A list of thousands of files belongs in a table tools can read, not in
# pages of a PDF; the report gives its summary.
EXHIBITS = "exhibits.csv"
COLUMNS = ("id", "file", "file_sha256", "redacted", "sha256", "original_name",
           "media_type", "size", "classification", "acquired_at", "acquired_by", "source")


# A spreadsheet runs a cell that starts with one of these as a formula: a file named
# "=HYPERLINK(...)" must reach the recipient's screen as text, not as code.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as in case.json
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def exhibits_csv(case: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in case["items"]:
        writer.writerow([_cell(item.get(c)) for c in COLUMNS])
    return out.getvalue().encode()


def pdf(case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str) -> bytes:
    """The report of `case` (the package's case.json) in `lang`, as PDF bytes."""
    from weasyprint import HTML

    if lang not in LANGUAGES:
        raise ValueError(f"no report language {lang!r}; expected one of "
                         f"{', '.join(LANGUAGES)}")
    made = HTML(string=html(case, manifest_sha256, key_id, lang),
                base_url=str(HERE)).write_pdf()
    return bytes(made)
