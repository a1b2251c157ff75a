"""The PDF report of a disclosure package (WeasyPrint), in English or Persian (laid out
right to left, in the Vazirmatn font shipped beside this module under the OFL).

It is made from the package's own case.json, so it says exactly what the package holds,
pseudonyms included. It is a tag file: the cover names the SHA-256 of the payload
manifest, and the signed tag manifest covers the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FONT = HERE / "fonts" / "Vazirmatn-Variable.woff2"
LANGUAGES = ("en", "fa")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "package": "Disclosure package", "recipient": "Recipient", "level": "level",
        "court": "court", "defence": "defence", "public": "public",
        "exported": "Exported", "framework": "Law", "key": "Signing key",
        "manifest": "SHA-256 of manifest-sha256.txt",
        "manifest_note": "That manifest lists the SHA-256 of every file of evidence in the "
                         "package; the signed tag manifest covers it and this report.",
        "charges": "Charges", "suspect": "Suspect", "crime": "Crime",
        "mode": "Mode of liability", "matrix": "Element matrix", "element": "Element",
        "independent": "independent", "grade": "grade", "undermined": "undermined",
        "withheld": "Withheld for this recipient", "evidence": "Evidence per element",
        "stance": "Stance", "what": "Evidence", "asserted_by": "Who asserts it",
        "note": "Analyst's note", "supports": "supports", "undermines": "undermines",
        "no_evidence": "No evidence linked.", "exculpatory": "Must be disclosed",
        "gaps": "Gaps", "exculpatory_all": "Exculpatory material (always disclosed)",
        "reason": "Why", "estimates": "Victims estimate", "interval": "interval",
        "method": "method", "no_estimate": "No estimate is linked to this case.",
        "exhibits": "Exhibits", "file": "File", "acquired": "Acquired (when, by whom)",
        "redacted": "redacted copy", "how": "How to verify",
        "how_1": "In the package folder, with Python 3 and nothing else installed, run the "
                 "command below; compare the key fingerprint with the one the sender "
                 "published. It checks every file, the signature, the custody chain and "
                 "that every exhibit has its file and custody entries.",
        "how_2": "Independently, with standard tools:",
    },
    "fa": {
        "package": "بستهٔ افشا", "recipient": "گیرنده", "level": "سطح",
        "court": "دادگاه", "defence": "وکیل مدافع", "public": "عموم",
        "exported": "زمان برون‌بُرد", "framework": "قانون", "key": "کلید امضا",
        "manifest": "SHA-256 فایل manifest-sha256.txt",
        "manifest_note": "این فهرست SHA-256 همهٔ فایل‌های مدارک بسته را دارد؛ فهرست برچسب‌های "
                         "امضاشده آن را و این گزارش را پوشش می‌دهد.",
        "charges": "اتهام‌ها", "suspect": "متهم", "crime": "جرم",
        "mode": "شیوهٔ مسئولیت", "matrix": "جدول ارکان", "element": "رکن",
        "independent": "مستقل", "grade": "درجه", "undermined": "مدرک خلاف دارد",
        "withheld": "نگه‌داشته برای این گیرنده", "evidence": "مدارک هر رکن",
        "stance": "موضع", "what": "مدرک", "asserted_by": "گوینده",
        "note": "یادداشت تحلیلگر", "supports": "تأیید می‌کند", "undermines": "رد می‌کند",
        "no_evidence": "مدرکی پیوند نشده است.", "exculpatory": "باید افشا شود",
        "gaps": "کاستی‌ها", "exculpatory_all": "مدارک به سود متهم (همیشه افشا می‌شود)",
        "reason": "چرا", "estimates": "برآورد شمار قربانیان", "interval": "بازه",
        "method": "روش", "no_estimate": "برآوردی به این پرونده پیوند نشده است.",
        "exhibits": "فهرست مدارک", "file": "فایل", "acquired": "دریافت (کی، به دست چه کسی)",
        "redacted": "نسخهٔ پوشانده", "how": "راه وارسی",
        "how_1": "در پوشهٔ بسته، تنها با پایتون ۳، فرمان زیر را اجرا کنید و اثر انگشت کلید را با "
                 "آنچه فرستنده منتشر کرده مقایسه کنید. این فرمان همهٔ فایل‌ها، امضا، زنجیرهٔ "
                 "نگهداری و وجود فایل و ثبت نگهداری هر مدرک را وارسی می‌کند.",
        "how_2": "به‌طور مستقل، با ابزارهای استاندارد:",
    },
}


def textdir(value: object) -> str:
    """The direction of a stored text, by its first letter: Arabic script reads right to
    left, anything else left to right (an English title inside a Persian report)."""
    for char in str(value or ""):
        if char.isalpha():
            return "rtl" if "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff" \
                else "ltr"
    return "auto"


def html(case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]))
    env.filters["textdir"] = textdir
    by_element: dict[str, list[dict[str, Any]]] = {}
    for evidence in case["evidence"]:
        by_element.setdefault(evidence["link"]["element"], []).append(evidence)
    for linked in by_element.values():
        linked.sort(key=lambda e: e["link"]["stance"] != "supports")
    excul: dict[str, list[dict[str, Any]]] = {}
    for x in case["exculpatory"]:
        excul.setdefault((x.get("about") or {}).get("element", ""), []).append(x)
    return env.get_template("report.html").render(
        case=case, t=LABELS[lang], lang=lang, font=FONT.as_uri(), by_element=by_element,
        excul_by_element=excul, manifest_sha256=manifest_sha256, key_id=key_id)


def write(case_json: Path, manifest_sha256: str, key_id: str, lang: str, target: Path
          ) -> None:
    from weasyprint import HTML

    if lang not in LANGUAGES:
        raise ValueError(f"no report language {lang!r}; expected one of "
                         f"{', '.join(LANGUAGES)}")
    case = json.loads(case_json.read_text("utf-8"))
    HTML(string=html(case, manifest_sha256, key_id, lang), base_url=str(HERE)).write_pdf(
        target)
