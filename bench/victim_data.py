"""FICTIONAL victim populations and the lists that record them, for the linkage and MSE
benchmarks. Names are drawn from common Iranian given names and surnames, each with its
Persian spelling and the Latin transliterations lists actually use; no generated record
describes a real person.

A list in Persian script writes names in the script (sometimes with Arabic letter
forms) and dates in the Jalali calendar with Persian digits; Latin lists pick one of
the transliterations per record, now and then with a typo, and write Gregorian dates
in varied formats. Every list leaves some fields empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import jdatetime
import numpy as np

GIVEN = [  # (Persian, Latin variants)
    ("محمد", "Mohammad|Muhammad|Mohamad|Mohammed"), ("علی", "Ali"),
    ("حسین", "Hossein|Hosein|Husayn|Hussein"), ("رضا", "Reza|Rezza"),
    ("حسن", "Hassan|Hasan"), ("مهدی", "Mehdi|Mahdi"), ("احمد", "Ahmad|Ahmed"),
    ("مصطفی", "Mostafa|Mustafa"), ("جواد", "Javad|Jawad"), ("مجید", "Majid|Madjid"),
    ("سعید", "Saeed|Said|Saeid"), ("حمید", "Hamid"), ("محمود", "Mahmoud|Mahmood|Mahmud"),
    ("عباس", "Abbas"), ("کریم", "Karim|Kareem"), ("ناصر", "Nasser|Naser"),
    ("اسماعیل", "Esmail|Ismail|Esmaeil"), ("کاوه", "Kaveh|Kaveh"), ("بهروز", "Behrouz|Behruz"),
    ("فرهاد", "Farhad"), ("جمشید", "Jamshid"), ("منصور", "Mansour|Mansur"),
    ("فریدون", "Fereydoun|Feridun|Fereidoon"), ("داوود", "Davoud|Davood|Dawud"),
    ("یوسف", "Yousef|Yusuf|Yousof"), ("ابراهیم", "Ebrahim|Ibrahim"),
    ("اکبر", "Akbar"), ("اصغر", "Asghar"), ("مسعود", "Masoud|Masood|Masud"),
    ("بیژن", "Bijan|Bizhan"), ("هوشنگ", "Houshang|Hushang"), ("سیامک", "Siamak|Siyamak"),
    ("فاطمه", "Fatemeh|Fatima|Fatemah"), ("زهرا", "Zahra"), ("مریم", "Maryam|Mariam"),
    ("معصومه", "Masoumeh|Masumeh"), ("اشرف", "Ashraf"), ("منیژه", "Manijeh|Manizheh"),
    ("شهلا", "Shahla"), ("فرشته", "Fereshteh|Fereshte"),
]
SURNAMES = [
    ("حسینی", "Hosseini|Hoseini|Husseini|Hoseyni"), ("جعفری", "Jafari|Jaafari|Ja'fari"),
    ("کریمی", "Karimi"), ("رحیمی", "Rahimi|Rahimy"), ("قاسمی", "Ghasemi|Qasemi|Ghassemi"),
    ("موسوی", "Mousavi|Musavi|Moosavi"), ("رضایی", "Rezaei|Rezaee|Rezai"),
    ("کاظمی", "Kazemi|Kazimi"), ("توکلی", "Tavakoli|Tavakkoli"), ("صادقی", "Sadeghi|Sadeqi"),
    ("احمدی", "Ahmadi"), ("محمدی", "Mohammadi|Muhammadi|Mohamadi"), ("اسلامی", "Eslami|Islami"),
    ("نوری", "Nouri|Nuri|Noori"), ("حیدری", "Heydari|Haidari|Heidari"),
    ("عباسی", "Abbasi"), ("نجفی", "Najafi"), ("یزدانی", "Yazdani"), ("مرادی", "Moradi"),
    ("شریفی", "Sharifi"), ("امیری", "Amiri"), ("سلطانی", "Soltani|Sultani"),
    ("رستمی", "Rostami|Rustami"), ("اکبری", "Akbari"), ("بهرامی", "Bahrami"),
    ("کرمانی", "Kermani"), ("تهرانی", "Tehrani"), ("شیرازی", "Shirazi"),
    ("اصفهانی", "Esfahani|Isfahani"), ("تبریزی", "Tabrizi"), ("زارعی", "Zarei|Zareei"),
    ("فرهادی", "Farhadi"), ("میرزایی", "Mirzaei|Mirzaee|Mirzai"),
    ("قربانی", "Ghorbani|Qorbani"), ("صفری", "Safari"), ("نظری", "Nazari"),
    ("ملکی", "Maleki"), ("خسروی", "Khosravi|Khosrawi"), ("نادری", "Naderi"),
    ("حسن‌زاده", "Hassanzadeh|Hasanzadeh|Hassan-Zadeh"), ("رحیم‌زاده", "Rahimzadeh|Rahim-Zadeh"),
    ("پورمند", "Pourmand|Purmand"), ("کیانی", "Kiani|Kiyani"), ("بابایی", "Babaei|Babaee"),
    ("طاهری", "Taheri"), ("جلالی", "Jalali"), ("سبحانی", "Sobhani"), ("فتحی", "Fathi"),
    ("شاکری", "Shakeri"), ("رحمانی", "Rahmani"), ("منصوری", "Mansouri|Mansuri"),
    ("یوسفی", "Yousefi|Yusefi"), ("دهقان", "Dehghan|Dehqan"), ("کاشانی", "Kashani"),
    ("لطفی", "Lotfi"), ("حاجی‌زاده", "Hajizadeh|Haji-Zadeh"), ("اشرفی", "Ashrafi"),
    ("فروتن", "Foroutan|Forootan"), ("ثابتی", "Sabeti"), ("وحیدی", "Vahidi"),
]
# Surnames built the way many Persian surnames are: a name or place and a suffix
# (Hassanzadeh, Karimpour, Ahmadinia, Rezanejad): about a thousand more, so that the
# 100,000-record benchmark has the spread of surnames real lists have.
SUFFIXES = [("ی", "i"), ("زاده", "zadeh|zade|-Zadeh"), ("پور", "pour|pur"),
            ("نیا", "nia|niya"), ("نژاد", "nejad|nezhad"), ("فر", "far"), ("لو", "lou|loo"),
            ("یان", "ian|iyan"), ("وند", "vand|wand"), ("آبادی", "abadi")]
PLACES = [("تهران", "Tehran"), ("شیراز", "Shiraz"), ("تبریز", "Tabriz"), ("کرمان", "Kerman"),
          ("یزد", "Yazd"), ("قزوین", "Ghazvin|Qazvin"), ("همدان", "Hamadan"),
          ("زنجان", "Zanjan"), ("اراک", "Arak"), ("رشت", "Rasht"), ("ساری", "Sari"),
          ("بابل", "Babol"), ("گرگان", "Gorgan"), ("سمنان", "Semnan"), ("کاشان", "Kashan")]


def _compose() -> list[tuple[str, str]]:
    out = []
    for base_fa, base_lat in GIVEN[:32] + PLACES:
        for suffix_fa, suffix_lat in SUFFIXES:
            joiner = "" if suffix_fa == "ی" else "‌"
            latin = "|".join(f"{b}{s.lstrip('-') if not s.startswith('-') else s}".replace(
                "--", "-") for b in base_lat.split("|")[:2] for s in suffix_lat.split("|"))
            out.append((f"{base_fa}{joiner}{suffix_fa}", latin))
    return out


SURNAMES = SURNAMES + _compose()
MALE_GIVEN = GIVEN[:32]
PRISONS = [("اوین", "Evin"), ("گوهردشت", "Gohardasht"), ("قزل‌حصار", "Ghezel Hesar"),
           ("وکیل‌آباد", "Vakilabad"), ("عادل‌آباد", "Adelabad"), ("دیزل‌آباد", "Dizelabad")]
JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                 "آذر", "دی", "بهمن", "اسفند")
ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})


@dataclass
class Person:
    pid: int
    given: int
    surname: int
    father: int
    birth: int
    death: dt.date
    prison: int


def population(n: int, rng: random.Random) -> list[Person]:
    people = []
    start = dt.date(1988, 7, 19)
    for pid in range(n):
        people.append(Person(
            pid, rng.randrange(len(GIVEN)), rng.randrange(len(SURNAMES)),
            rng.randrange(len(MALE_GIVEN)), rng.randint(1940, 1970),
            start + dt.timedelta(days=rng.randrange(120)), rng.randrange(len(PRISONS))))
    return people


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def _latin(entry: tuple[str, str], rng: random.Random, typo: float) -> str:
    word = rng.choice(entry[1].split("|"))
    return _typo(word, rng) if rng.random() < typo else word


def _persian(entry: tuple[str, str], rng: random.Random) -> str:
    word = entry[0]
    return word.translate(ARABIC_FORMS) if rng.random() < 0.2 else word


def _persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def record(p: Person, script: bool, rng: random.Random, missing: float = 0.15,
           typo: float = 0.05) -> dict[str, str]:
    """One list's record of a person."""
    def keep() -> bool:
        return rng.random() >= missing

    if script:
        name = f"{_persian(GIVEN[p.given], rng)} {_persian(SURNAMES[p.surname], rng)}"
        father = _persian(MALE_GIVEN[p.father], rng)
        j = jdatetime.date.fromgregorian(date=p.death)
        death = _persian_digits(f"{j.year}/{j.month:02d}/{j.day:02d}")
        born = _persian_digits(str(p.birth - 621))
        prison = PRISONS[p.prison][0]
    else:
        name = f"{_latin(GIVEN[p.given], rng, typo)} {_latin(SURNAMES[p.surname], rng, typo)}"
        father = _latin(MALE_GIVEN[p.father], rng, typo)
        style = rng.randrange(3)
        death = (p.death.isoformat() if style == 0 else p.death.strftime("%d/%m/%Y")
                 if style == 1 else p.death.strftime("%d %B %Y"))
        born = str(p.birth + (rng.choice((-1, 1)) if rng.random() < 0.05 else 0))
        prison = PRISONS[p.prison][1]
    if rng.random() < 0.1:  # month only
        j = jdatetime.date.fromgregorian(date=p.death)
        death = (f"{JALALI_MONTHS[j.month - 1]} {_persian_digits(str(j.year))}" if script
                 else p.death.strftime("%B %Y"))
    return {"name": name, "father_name": father if keep() else "",
            "birth_year": born if keep() else "", "death_date": death if keep() else "",
            "prison": prison if keep() else ""}


def write_list(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["ref", "name", "father_name", "birth_year",
                                         "death_date", "prison", "truth"])
        writer.writeheader()
        writer.writerows(rows)


def draw_lists(people: list[Person], on: np.ndarray, names: list[str], script_lists: set[str],
               rng: random.Random, duplicates: float = 0.02) -> dict[str, list[dict[str, str]]]:
    """Rows of each list (with a `truth` column holding the person id, which the
    benchmark reads and the linkage never sees: it is not mapped to any field it uses)."""
    out: dict[str, list[dict[str, str]]] = {}
    for j, name in enumerate(names):
        rows = []
        for p in (people[i] for i in np.flatnonzero(on[:, j])):
            copies = 2 if rng.random() < duplicates else 1  # a list naming someone twice
            for _ in range(copies):
                row = record(p, name in script_lists, rng)
                row["ref"] = f"{name}-{len(rows) + 1}"
                row["truth"] = str(p.pid)
                rows.append(row)
        out[name] = rows
    return out
