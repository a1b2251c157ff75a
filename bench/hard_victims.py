"""A harder FICTIONAL victim population for the linkage benchmark: four lists, one in
Persian script with Jalali dates and Persian digits, three in Latin transliterations
whose style varies by list (Persian-style "Reza, Hossein, Jafari" or Arabic-style
"Rida, Husayn, Ja'fari") and by record, with hyphenated and joined affixes
(Pour-Mohammadi / Pourmohammadi, Hassan-Zadeh / Hassanzade), a father's name missing in
5% of records, a birth year off by one in 5%, and names drawn from a skewed (Zipf)
distribution so that many people share a given name and a family name.

No generated record describes a real person. `CONFIGS` holds the development seeds and
one held-out configuration that is evaluated once, at the end.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import jdatetime
import numpy as np

# (Persian, Persian-style romanisations, Arabic-style romanisations)
GIVEN = [
    ("محمد", "Mohammad|Mohamad|Mohammed", "Muhammad|Mohammed"),
    ("علی", "Ali", "Ali|Aly"),
    ("حسین", "Hossein|Hosein|Hosseyn", "Husayn|Hussein|Husain"),
    ("رضا", "Reza|Rezā", "Rida|Ridha|Reda"),
    ("حسن", "Hassan|Hasan", "Hasan|Hassan"),
    ("مهدی", "Mehdi", "Mahdi|Mahdy"),
    ("احمد", "Ahmad", "Ahmed|Ahmad"),
    ("مصطفی", "Mostafa", "Mustafa|Moustafa"),
    ("جواد", "Javad", "Jawad"),
    ("جعفر", "Jafar|Ja'far", "Ja'far|Jaafar"),
    ("مرتضی", "Morteza", "Murtada|Murtadha"),
    ("محمود", "Mahmoud|Mahmood", "Mahmud"),
    ("عباس", "Abbas", "Abbas|Abas"),
    ("کاظم", "Kazem", "Kazim|Kadhim"),
    ("صادق", "Sadegh|Sadeq", "Sadiq|Sadeq"),
    ("ابراهیم", "Ebrahim", "Ibrahim"),
    ("اسماعیل", "Esmail|Esmaeil", "Ismail|Isma'il"),
    ("یوسف", "Yousef|Yusef", "Yusuf|Youssef"),
    ("مسعود", "Masoud|Masood", "Mas'ud|Masud"),
    ("سعید", "Saeed|Saeid", "Sa'id|Said"),
    ("حمید", "Hamid", "Hamid"),
    ("مجید", "Majid", "Majid"),
    ("رحیم", "Rahim", "Rahim|Raheem"),
    ("کریم", "Karim", "Karim|Kareem"),
    ("ناصر", "Naser|Nasser", "Nasir|Nasser"),
    ("عبدالله", "Abdollah", "Abdullah|Abd Allah"),
    ("بهروز", "Behrouz|Behrooz", "Behruz"),
    ("فرهاد", "Farhad", "Farhad"),
    ("بیژن", "Bijan|Bizhan", "Bijan"),
    ("هوشنگ", "Houshang|Hooshang", "Hushang"),
    ("فاطمه", "Fatemeh|Fatemeh", "Fatima|Fatimah"),
    ("زهرا", "Zahra", "Zahra'|Zahraa"),
    ("مریم", "Maryam", "Mariam|Maryam"),
    ("معصومه", "Masoumeh|Masoomeh", "Ma'suma|Masuma"),
    ("زینب", "Zeynab|Zeinab", "Zaynab"),
    ("طاهره", "Tahereh", "Tahira"),
]
MALE = 30  # the first 30 given names are men's names (fathers are drawn from them)

# Family names: (Persian, Persian-style, Arabic-style)
SURNAMES = [
    ("حسینی", "Hosseini|Hoseini|Hosseyni", "Husayni|Husseini"),
    ("جعفری", "Jafari|Jafary", "Ja'fari|Jaafari"),
    ("محمدی", "Mohammadi|Mohamadi", "Muhammadi"),
    ("رضایی", "Rezaei|Rezaee|Rezai", "Ridai|Rezaei"),
    ("احمدی", "Ahmadi", "Ahmadi|Ahmedi"),
    ("کریمی", "Karimi", "Karimi|Kareemi"),
    ("موسوی", "Mousavi|Moosavi", "Musawi|Mousawi"),
    ("کاظمی", "Kazemi", "Kazimi|Kadhimi"),
    ("صادقی", "Sadeghi|Sadeqi", "Sadiqi"),
    ("قاسمی", "Ghasemi|Qasemi", "Qasimi"),
    ("رحیمی", "Rahimi", "Rahimi|Raheemi"),
    ("حیدری", "Heydari|Heidari", "Haydari"),
    ("عباسی", "Abbasi", "Abbasi"),
    ("ابراهیمی", "Ebrahimi", "Ibrahimi"),
    ("مرادی", "Moradi", "Muradi"),
    ("نوری", "Nouri|Noori", "Nuri"),
    ("طاهری", "Taheri", "Tahiri"),
    ("سلطانی", "Soltani", "Sultani"),
    ("امیری", "Amiri", "Amiri"),
    ("نجفی", "Najafi", "Najafi"),
    ("پورمحمدی", "Pourmohammadi|Pour-Mohammadi", "Purmuhammadi|Pur-Muhammadi"),
    ("پوراحمد", "Pourahmad|Pour-Ahmad", "Purahmad"),
    ("حسن‌زاده", "Hassanzadeh|Hasan-Zadeh|Hassanzade", "Hasanzada|Hassan-Zada"),
    ("رحیم‌زاده", "Rahimzadeh|Rahim-Zadeh", "Rahimzada"),
    ("علی‌زاده", "Alizadeh|Ali-Zadeh|Alizade", "Alizada"),
    ("حاجی‌زاده", "Hajizadeh|Haji-Zadeh", "Hajjizada"),
    ("قلی‌زاده", "Gholizadeh|Gholi-Zadeh", "Qulizada"),
    ("تقی‌زاده", "Taghizadeh|Taqizadeh", "Taqizada"),
    ("میرزایی", "Mirzaei|Mirzaee", "Mirzai"),
    ("بابایی", "Babaei|Babaee", "Babai"),
    ("شریفی", "Sharifi", "Sharifi"),
    ("یزدانی", "Yazdani", "Yazdani"),
    ("اکبری", "Akbari", "Akbari"),
    ("فتحی", "Fathi", "Fathi"),
    ("جلالی", "Jalali", "Jalali"),
    ("توکلی", "Tavakoli|Tavakkoli", "Tawakkuli"),
    ("منصوری", "Mansouri", "Mansuri"),
    ("یوسفی", "Yousefi|Yusefi", "Yusufi"),
    ("دهقان", "Dehghan", "Dihqan|Dehqan"),
    ("نظری", "Nazari", "Nazari"),
]
# More surnames made the way many are: a given name and a suffix (Karimpour, Rezanejad).
SUFFIXES = [("پور", "pour|-Pour", "pur"), ("نژاد", "nejad|nezhad", "nijad"),
            ("نیا", "nia", "niya"), ("وند", "vand", "wand"), ("لو", "lou|loo", "lu")]

PRISONS = [("اوین", "Evin"), ("گوهردشت", "Gohardasht"), ("قزل‌حصار", "Ghezel Hesar"),
           ("وکیل‌آباد", "Vakilabad"), ("عادل‌آباد", "Adelabad"), ("دیزل‌آباد", "Dizelabad")]
ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})


def _composed() -> list[tuple[str, str, str]]:
    out = []
    for fa, pers, arab in GIVEN[:MALE]:
        for sfa, spers, sarab in SUFFIXES:
            p = "|".join(f"{b}{s}" for b in pers.split("|")[:1] for s in spers.split("|"))
            a = "|".join(f"{b}{s}" for b in arab.split("|")[:1] for s in sarab.split("|"))
            out.append((f"{fa}{sfa}", p, a))
    return out


ALL_SURNAMES = SURNAMES + _composed()


@dataclass(frozen=True)
class Config:
    """One simulated case: a seed and the rates of each kind of noise."""

    seed: int
    records_per_list: int = 5000
    father_missing: float = 0.05
    year_off: float = 0.05
    other_missing: float = 0.10
    typo: float = 0.03
    off_style: float = 0.3  # a Latin record romanised in the other style than its list's
    zipf: float = 1.1  # skew of name frequencies: larger = more shared names


DEV = [Config(seed) for seed in (101, 102, 103)]
HELDOUT = Config(seed=90417)  # evaluated once, at the end; never used for development
# HELDOUT was run once (with the linkage of the previous change) and has been read. This
# one was fixed before any run and is evaluated once, with the code as it stands.
HELDOUT_2 = Config(seed=61283)
# HELDOUT_2 has been run and read too. The third, fixed before any run for the native
# name similarity (DuckDB functions on per-record forms), is evaluated once, at the end.
HELDOUT_3 = Config(seed=47711)
# HELDOUT_3 has been run and read too. The fourth was fixed (and committed) before any
# run, for the precision work of December 4 (evening); it is evaluated once, at the end.
HELDOUT_4 = Config(seed=28859)
LISTS = ("A", "B", "C", "D")
STYLE = {"B": "persian", "C": "arabic", "D": "mixed"}  # list A is in Persian script
RATES = (0.36, 0.36, 0.36, 0.36)


@dataclass
class Person:
    pid: int
    given: int
    surname: int
    father: int
    birth: int
    death: dt.date
    prison: int


def _zipf(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def population(n: int, cfg: Config, nrng: np.random.Generator) -> list[Person]:
    given = nrng.choice(len(GIVEN), size=n, p=_zipf(len(GIVEN), cfg.zipf))
    father = nrng.choice(MALE, size=n, p=_zipf(MALE, cfg.zipf))
    surname = nrng.choice(len(ALL_SURNAMES), size=n, p=_zipf(len(ALL_SURNAMES), cfg.zipf))
    birth = nrng.integers(1945, 1971, size=n)
    days = nrng.integers(0, 150, size=n)
    prison = nrng.integers(0, len(PRISONS), size=n)
    start = dt.date(1988, 7, 19)
    return [Person(i, int(given[i]), int(surname[i]), int(father[i]), int(birth[i]),
                   start + dt.timedelta(days=int(days[i])), int(prison[i])) for i in range(n)]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def _latin(entry: tuple[str, str, str], style: str, cfg: Config, rng: random.Random) -> str:
    if style == "mixed":
        style = rng.choice(("persian", "arabic"))
    if rng.random() < cfg.off_style:
        style = "arabic" if style == "persian" else "persian"
    options = (entry[1] if style == "persian" else entry[2]).split("|")
    word = rng.choice(options)
    return _typo(word, rng) if rng.random() < cfg.typo else word


def _persian(entry: tuple[str, str, str], rng: random.Random) -> str:
    word = entry[0]
    if rng.random() < 0.15:  # written without the zero-width non-joiner or with a space
        word = word.replace("\u200c", "" if rng.random() < 0.5 else " ")
    return word.translate(ARABIC_FORMS) if rng.random() < 0.2 else word


def _fa_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def record(p: Person, list_name: str, cfg: Config, rng: random.Random) -> dict[str, str]:
    script = list_name == "A"
    birth = p.birth + (rng.choice((-1, 1)) if rng.random() < cfg.year_off else 0)
    if script:
        name = f"{_persian(GIVEN[p.given], rng)} {_persian(ALL_SURNAMES[p.surname], rng)}"
        father = _persian(GIVEN[p.father], rng)
        j = jdatetime.date.fromgregorian(date=p.death)
        death = _fa_digits(f"{j.year}/{j.month:02d}/{j.day:02d}")
        born = _fa_digits(str(birth - 621))
        prison = PRISONS[p.prison][0]
    else:
        style = STYLE[list_name]
        name = (f"{_latin(GIVEN[p.given], style, cfg, rng)} "
                f"{_latin(ALL_SURNAMES[p.surname], style, cfg, rng)}")
        father = _latin(GIVEN[p.father], style, cfg, rng)
        fmt = rng.randrange(3)
        death = (p.death.isoformat() if fmt == 0 else p.death.strftime("%d/%m/%Y")
                 if fmt == 1 else p.death.strftime("%d %B %Y"))
        born = str(birth)
        prison = PRISONS[p.prison][1]

    def keep(rate: float) -> bool:
        return rng.random() >= rate

    return {"name": name, "father_name": father if keep(cfg.father_missing) else "",
            "birth_year": born if keep(cfg.other_missing) else "",
            "death_date": death if keep(cfg.other_missing) else "",
            "prison": prison if keep(cfg.other_missing) else ""}


def lists(cfg: Config) -> tuple[dict[str, list[dict[str, str]]], int, np.ndarray]:
    """Rows of each list (a `truth` column holds the person id, never read by linkage),
    the population size and who is on which list."""
    rng, nrng = random.Random(cfg.seed), np.random.default_rng(cfg.seed)
    n = int(cfg.records_per_list / RATES[0])
    people = population(n, cfg, nrng)
    on = nrng.random((n, len(LISTS))) < np.array(RATES)
    out: dict[str, list[dict[str, str]]] = {}
    for j, name in enumerate(LISTS):
        rows = []
        for i in np.flatnonzero(on[:, j]):
            row = record(people[i], name, cfg, rng)
            row["ref"] = f"{name}-{len(rows) + 1}"
            row["truth"] = str(people[i].pid)
            rows.append(row)
        out[name] = rows
    return out, n, on
