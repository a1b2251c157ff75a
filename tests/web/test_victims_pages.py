"""The victim registry on the web (issue 5): import lists through the form, read lists
and records, run linkage, decide uncertain pairs, run and read an estimate with its
figures — each at the reader's clearance."""

from __future__ import annotations

import re

from tests.web.conftest import Site, csrf_of

# Three FICTIONAL lists of the same FICTIONAL people, spelled differently.
PEOPLE = [("Reza Jaafari", "رضا جعفری", "Karim", 1962),
          ("Ali Rezaee", "علی رضایی", "Hossein", 1963),
          ("Fatemeh Karimi", "فاطمه کریمی", "Abbas", 1965),
          ("Bijan Sharifi", "بیژن شریفی", "Nasser", 1961),
          ("Shahla Amiri", "شهلا امیری", "Akbar", 1967),
          ("Kaveh Tavakoli", "کاوه توکلی", "Saeed", 1963)]


def _csv(rows: list[tuple[str, str, int]], persian: bool = False) -> bytes:
    head = "ref,name,father_name,birth_year,death_date,prison\n"
    return (head + "".join(f"{i},{name},{father},{year},August 1988,Evin\n"
                           for i, (name, father, year) in enumerate(rows, 1))).encode()


LISTS = {
    "A": _csv([(p[0], p[2], p[3]) for p in PEOPLE[:5]]),
    "B": _csv([(p[1], p[2], p[3]) for p in PEOPLE]),
    "C": _csv([(p[0].replace("aa", "a'"), p[2], p[3]) for p in PEOPLE[::2]]),
}


def _import(browser: object, name: str, data: bytes, level: str = "public") -> object:
    token = csrf_of(browser, "/victims/import")  # type: ignore[arg-type]
    return browser.post("/victims/import", data={  # type: ignore[attr-defined]
        "csrf_token": token, "list_name": name, "source": f"Group {name} (FICTIONAL)",
        "classification": level, "mapping": ""},
        files={"file": (f"list-{name}.csv", data, "text/csv")})


def test_import_link_review_and_estimate(site: Site) -> None:
    site.user("ivy", "investigator", "restricted")
    site.user("ada", "analyst", "public")
    site.user("vic", "viewer", "public")
    investigator = site.session("ivy")
    assert site.session("vic").get("/victims/import").status_code == 403
    for name, data in LISTS.items():
        sent = _import(investigator, name, data)
        assert sent.status_code == 200 and 'id="import-report"' in sent.text, sent.text[-800:]
    again = _import(investigator, "A", LISTS["A"])
    assert "0 added, 5 already imported" in again.text
    above = _import(investigator, "D", LISTS["A"], "confidential")
    assert above.status_code == 400 and "clearance" in above.text
    hidden = _import(investigator, "H", b"ref,name\n1,Hidden Zqhidden\n", "restricted")
    assert hidden.status_code == 200

    analyst = site.session("ada")
    page = analyst.get("/victims").text
    assert "Zqhidden" not in page, page[page.index("Zqhidden") - 300:][:400]
    assert "Reza Jaafari" in page and "رضا جعفری" in page
    assert 'id="link-form"' in page and "Not linked yet." in page
    token = csrf_of(analyst, "/victims")
    assert site.session("vic").post("/victims/link", data={
        "csrf_token": csrf_of(site.session("vic"), "/victims")}).status_code == 403
    linked = analyst.post("/victims/link", data={"csrf_token": token, "threshold": "0.9"})
    assert linked.status_code == 200 and 'id="link-report"' in linked.text, linked.text[-800:]

    records = analyst.get("/victims", params={"name": "جعفری"}).text
    person = re.search(r'href="/victims\?person=(\d+)#records"', records)
    assert person, records[-2000:]
    same = analyst.get("/victims", params={"person": person.group(1)}).text
    assert "Reza Jaafari" in same and "رضا جعفری" in same
    record = re.search(r'href="/victims/records/(\d+)"', records).group(1)  # type: ignore[union-attr]
    shown = analyst.get(f"/victims/records/{record}").text
    assert "Same person in other records" in shown and "Reza Jaafari" in shown

    review = analyst.get("/victims/review").text
    assert "Review queue" in review
    decide = analyst.post("/victims/review", data={"csrf_token": token, "a": record,
                                                   "b": str(int(record) + 1),
                                                   "decision": "different", "reason": ""})
    assert decide.status_code == 400 and "reason" in decide.text
    decided = analyst.post("/victims/review", data={
        "csrf_token": token, "a": record, "b": str(int(record) + 1), "decision": "different",
        "reason": "FICTIONAL test: different fathers"})
    assert decided.status_code == 303
    assert "Decision recorded" in analyst.get(decided.headers["location"]).text

    assert "No estimate yet." in site.session("vic").get("/estimate").text
    ran = analyst.post("/estimate", data={"csrf_token": token, "method": "loglinear",
                                          "seed": "0"})
    assert ran.status_code == 303, ran.text[-800:]
    estimate = analyst.get(ran.headers["location"]).text
    assert "Estimated total" in estimate and "Capture histories" in estimate
    # Six people on three lists: no model bounds the total, so there is no average and
    # the chosen model is the estimate, with a warning that says so.
    assert "no model average" in estimate and "Model chosen by AIC" not in estimate
    # list H is restricted: left out without a word about it
    assert "clearance" not in estimate and ">H<" not in estimate
    figure = re.search(r'src="(/estimate/\d+/overlaps\.png)"', estimate).group(1)  # type: ignore[union-attr]
    png = analyst.get(figure)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "sandbox" in png.headers["content-security-policy"]
    svg = analyst.get(figure.replace(".png", ".svg"))
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<script" not in svg.content
    assert analyst.get(figure.replace("overlaps.png", "result.json")).status_code == 404
    assert "Estimated total" in site.session("vic").get("/estimate").text

    restricted_estimate = site.session("ivy")
    assert "Earlier estimates" not in restricted_estimate.get("/estimate").text
