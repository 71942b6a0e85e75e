"""A year label that is not a period (LAIT's "0") is a label, not an error; figures under an unreadable one are named."""

import csv

from kpi.dfe import import_dfe, import_summary
from kpi.store import Store


def _import(tmp_path, rows):
    with (tmp_path / "lait.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"])
        for measure, year, value in rows:
            for code, name in (("886", "Kent"), ("887", "Medway"), ("970", "England")):
                w.writerow([measure, measure, year, name, value, code, "South East" if code != "970" else "NA"])
    with (tmp_path / "sn.csv").open("w", newline="") as f:
        csv.writer(f).writerows([["LA num", "LA Name", "SN1", "SN1P"], ["886", "Kent", "887", "Close"]])
    store = Store(tmp_path / "kpi.duckdb")
    try:
        return import_dfe(store, tmp_path / "lait.csv", tmp_path / "sn.csv", None, home="886")
    finally:
        store.close()


def test_a_label_with_no_figures_is_kept_out_of_the_charts_without_a_warning(tmp_path):
    s = _import(tmp_path, [("CIN", "2023", "12"), ("CIN", "0", "-")])
    assert (s["skipped_rows"], s["skipped_labels"]) == (0, [])
    assert (s["empty_rows"], s["empty_labels"]) == (3, ["0"])
    words = import_summary(s)
    assert "Skipped" not in words
    assert '3 rows under the year label "0" hold no figures, as in LAIT' in words


def test_figures_under_an_unreadable_label_are_named_with_how_to_fix(tmp_path):
    s = _import(tmp_path, [("CIN", "2023", "12"), ("CIN", "twenty", "7")])
    assert (s["skipped_rows"], s["skipped_labels"], s["empty_rows"]) == (3, ["twenty"], 0)
    assert 'Skipped 3 rows whose year could not be read ("twenty"): write the year as DfE does' in import_summary(s)
