"""Write the FICTIONAL demo victim lists (run from the repository root):

    .venv/bin/python demo/victims/make_lists.py

Three invented lists of the same invented people, as three documenting groups might
keep them: `list_a_latin.xlsx` (Latin transliteration, Gregorian dates),
`list_b_persian.csv` (Persian script, Persian headers and digits, Jalali dates) and
`list_c_latin.csv` (another transliteration, dates written several ways, ages instead
of birth years). No record describes a real person.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
NOTE = "FICTIONAL demo record"

A = [  # ref, name, father, sex, born, died, prison
    ("A1", "Reza Jaafari", "Karim", "m", 1962, "1988-08-03", "Evin"),
    ("A2", "Mohammad Hosseini", "Ali", "m", 1960, "1988-08-15", "Gohardasht"),
    ("A3", "Mohammad Hosseini", "Hassan", "m", 1958, "1988-09", "Evin"),
    ("A4", "Fatemeh Karimi", "Abbas", "f", 1965, "1988-08-10", "Evin"),
    ("A5", "Mahmoud Rahimi", "Hossein", "m", 1959, "1988-07-30", "Gohardasht"),
    ("A6", "Maryam Ghasemi", "Javad", "f", 1966, "1988-09-01", "Evin"),
    ("A7", "Esmail Mousavi", "Mostafa", "m", 1957, "1988-08-28", "Gohardasht"),
    ("A8", "Ahmad Kazemi", "Reza", "m", 1964, "1988-08-05", "Evin"),
    ("A9", "Kaveh Tavakoli", "Saeed", "m", 1963, "1988-08-20", "Gohardasht"),
    ("A10", "Bijan Sharifi", "Nasser", "m", 1961, "1988-08-12", "Gohardasht"),
    ("A11", "Shahla Amiri", "Akbar", "f", 1967, "1988-08-30", "Evin"),
    ("A12", "Farhad Soltani", "Jamshid", "m", 1956, "1988-09-05", "Evin"),
]
B = [  # شماره, نام, نام پدر, جنسیت, سال تولد, تاریخ اعدام, زندان
    ("۱", "رضا جعفری", "کریم", "مرد", "۱۳۴۱", "۱۲ مرداد ۱۳۶۷", "اوین"),
    ("۲", "محمد حسینی", "علی", "مرد", "۱۳۳۹", "۱۳۶۷/۰۵/۲۴", "گوهردشت"),
    ("۳", "محمد حسینی", "حسن", "مرد", "۱۳۳۷", "شهریور ۱۳۶۷", "اوین"),
    ("۴", "فاطمه کریمی", "عباس", "زن", "۱۳۴۴", "۱۳۶۷/۰۵/۱۹", "اوین"),
    ("۵", "علی رضایی", "حسین", "مرد", "۱۳۴۲", "۱۳۶۷/۰۵/۲۹", "اوین"),
    ("۶", "حمید صادقی", "مهدی", "مرد", "۱۳۴۰", "مرداد ۱۳۶۷", "گوهردشت"),
    ("۷", "اسماعیل موسوی", "مصطفی", "مرد", "۱۳۳۶", "۱۳۶۷/۰۶/۰۶", "گوهردشت"),
    ("۸", "احمد کاظمی", "رضا", "مرد", "۱۳۴۳", "۱۳۶۷/۰۵/۱۴", "اوین"),
    ("۹", "بیژن شریفی", "ناصر", "مرد", "۱۳۴۰", "۱۳۶۷/۰۵/۲۱", "گوهردشت"),
    ("۱۰", "فرهاد سلطانی", "جمشید", "مرد", "۱۳۳۵", "", "اوین"),
    ("۱۱", "مصطفی قاسمی", "علی", "مرد", "۱۳۳۴", "۱۳۶۷", "اوین"),
]
C = [  # id, full_name, father, age, date_of_death, place
    ("C1", "Reza Ja'fari", "Karim", 26, "3 August 1988", "Evin"),
    ("C2", "Muhammad Husseini", "Ali", 28, "15/08/1988", "Gohardasht"),
    ("C3", "Fatima Karimi", "Abbas", 23, "10 August 1988", "Evin"),
    ("C4", "Ali Rezaee", "Hossein", 25, "August 1988", "Evin"),
    ("C5", "Maryam Qasemi", "Javad", 22, "1988-09-01", "Evin"),
    ("C6", "Ismail Musavi", "Mostafa", 31, "28/08/1988", "Gohardasht"),
    ("C7", "Zahra Ahmadi", "Nasser", 21, "1988", "Evin"),
    ("C8", "Kaveh Tavakkoli", "Saeed", 25, "20 August 1988", "Gohardasht"),
    ("C9", "Shahla Amiri", "Akbar", "", "30 August 1988", "Evin"),
    ("C10", "Mostafa Ghassemi", "Ali", 33, "1988", "Evin"),
]


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "victims (fictional)"
    sheet.append(["ref", "name", "father_name", "sex", "birth_year", "death_date", "prison",
                  "notes"])
    for row in A:
        sheet.append([*row, NOTE])
    book.save(HERE / "list_a_latin.xlsx")
    with open(HERE / "list_b_persian.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["شماره", "نام", "نام پدر", "جنسیت", "سال تولد", "تاریخ اعدام",
                         "زندان", "توضیحات"])
        writer.writerows([*row, "ساختگی (نمونه)"] for row in B)
    with open(HERE / "list_c_latin.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "full_name", "father", "age", "date_of_death", "place",
                         "remark"])
        writer.writerows([*row, NOTE] for row in C)


if __name__ == "__main__":
    main()
