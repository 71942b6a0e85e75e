"""The real school files: imported as published, and LA figures checked against counts made by hand from the files."""

from __future__ import annotations

import csv

import pytest

from kpi.schools.importer import import_paths
from kpi.schools.measures import area_figures, schools_json
from kpi.store import Store
from tests.conftest import SHARED

SCHOOLS = SHARED / "data" / "schools"
OFSTED = SCHOOLS / "ofsted" / "State-funded_schools_inspections_and_outcomes_as_at_31_August_2025.csv"
pytestmark = pytest.mark.skipif(not OFSTED.exists(), reason="the school files are not at ../shared/data/schools")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("schools") / "kpi.duckdb")
    files = sorted(p for p in SCHOOLS.rglob("*") if p.suffix in (".csv", ".xlsx"))
    import_paths(s, files, user="test")
    yield s
    s.close()


def ofsted_rows(la: str) -> list[dict]:
    with OFSTED.open(newline="", encoding="utf-8-sig") as f:
        return [r for r in csv.DictReader(f) if r["LAESTAB"].startswith(la)]


def figure(store, measure, as_at, la, **kw):
    return next(r for r in area_figures(store, measure, as_at, **kw) if r["area"] == la)


@pytest.mark.parametrize("la", ["886", "823", "333"])
def test_good_or_outstanding_agrees_with_ofsted_file_counted_by_hand(store, la):
    # By 30 Sep 2025 every inspection in the file (done by 31 August, published by 29 September) counts.
    rows = ofsted_rows(la)
    good = sum(r["Overall effectiveness"] in ("1", "2") for r in rows)
    graded = sum(r["Overall effectiveness"] in ("1", "2", "3", "4") for r in rows)
    got = figure(store, "good_or_outstanding", "2025-09-30", la)
    assert (got["numerator"], got["denominator"]) == (good, graded)
    primary = [r for r in rows if r["Ofsted phase"] == "Primary"]
    got = figure(store, "good_or_outstanding", "2025-09-30", la, phase="primary")
    assert got["numerator"] == sum(r["Overall effectiveness"] in ("1", "2") for r in primary)


def test_schools_in_a_category_agree_with_the_file(store):
    rows = ofsted_rows("886")
    assert figure(store, "in_category", "2025-09-30", "886")["value"] == sum(
        r["Category of concern"] in ("SM", "SWK") for r in rows
    )
    assert figure(store, "in_category", "2025-09-30", "886", category="SM")["value"] == sum(
        r["Category of concern"] == "SM" for r in rows
    )
    assert figure(store, "in_category", "2025-09-30", "970")["value"] == 261  # 169 SM + 92 SWK in the file


def test_england_counts_every_school_in_the_file_once(store):
    schools = schools_json(store, "886", "2025-09-30")
    assert len(schools) == len(ofsted_rows("886"))


def _spine_las() -> dict[str, str]:
    from python_calamine import CalamineWorkbook

    rows = (
        CalamineWorkbook.from_path(str(SCHOOLS / "register" / "england_spine_2017-18.xlsx"))
        .get_sheet_by_index(0)
        .to_python()
    )
    head = rows[0]
    return {str(int(r[head.index("URN")])): str(int(r[head.index("LA")])) for r in rows[1:] if r[0] != ""}


def test_ks2_expected_standard_and_floor_for_kent_2018_by_hand(store):
    las = _spine_las()
    pupils = met = 0.0
    floor_den = below = 0
    with (SCHOOLS / "results" / "ks2_2018.csv").open(newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if las.get(r["URN"]) != "886":
                continue
            try:
                pct, n = float(r["Overall Meet Std"].rstrip("%")), int(r["KS2 Pupils"])
            except ValueError:
                continue
            pupils += n
            met += pct * n / 100
            if n >= 11:
                floor_den += 1
                progress = [
                    float(r[c]) if r[c] not in ("", "SUPP", "NE", "LOWCOV", "NP") else None
                    for c in ("Reading Progress", "Writing Progress", "Maths Progress")
                ]
                low = any(p is not None and p < t for p, t in zip(progress, (-5, -7, -5)))
                below += pct < 65 and low
    got = figure(store, "ks2_expected", "2018-08-31", "886")
    assert got["value"] == pytest.approx(100 * met / pupils, abs=0.01)
    assert got["denominator"] == pupils
    floor = figure(store, "below_floor_ks2", "2018-08-31", "886")
    assert (floor["numerator"], floor["denominator"]) == (below, floor_den)
