"""Period labels as officers and DfE files write them -> one canonical Period."""

from datetime import date, datetime
from pathlib import Path

import pytest

from kpi.periods import (
    PERIOD_TYPES,
    Period,
    PeriodError,
    academic_year_label,
    parse_period,
    sort_key,
)

DFE_FILE = Path(__file__).resolve().parents[2].parent / "shared/data/dfe/lait/bds_long_0.parquet"
D = date


def span(value, frequency=None):
    p = parse_period(value, frequency=frequency)
    return p.type, p.start, p.end


# --- bare years -------------------------------------------------------------------------


@pytest.mark.parametrize("year", range(2008, 2017))
def test_seed_years_are_calendar_years(year):
    p = parse_period(str(year))
    assert (p.type, p.start, p.end) == ("year", D(year, 1, 1), D(year, 12, 31))
    assert p.label == str(year) and p.display == str(year) and not p.provisional


@pytest.mark.parametrize("value", [2012, "2012", 2012.0, " 2012 ", "2012.0", "Summer 2012", "summer 2012"])
@pytest.mark.parametrize("frequency", [None, "annual", "financial_year", "quarterly", "monthly", "termly", "nonsense"])
def test_bare_year_is_calendar_year_unless_academic(value, frequency):
    assert span(value, frequency) == ("year", D(2012, 1, 1), D(2012, 12, 31))


@pytest.mark.parametrize("value", [2012, "2012", 2012.0, "Summer 2012"])
def test_bare_year_is_academic_year_ending_that_summer_for_academic_indicators(value):
    p = parse_period(value, frequency="academic_year")
    assert (p.type, p.start, p.end) == ("academic_year", D(2011, 9, 1), D(2012, 8, 31))
    assert p.key == parse_period("2011/12").key
    assert p.display == "2011/12"


def test_numeric_year_label_is_plain_text():
    assert parse_period(2012.0).label == "2012"
    assert parse_period(2012).label == "2012"


# --- academic and financial years -------------------------------------------------------

AY_2012 = ("academic_year", D(2012, 9, 1), D(2013, 8, 31))
FY_2012 = ("financial_year", D(2012, 4, 1), D(2013, 3, 31))
TWO_YEAR_LABELS = [
    "2012/13",
    "2012-13",
    "2012/2013",
    "2012-2013",
    "2012 to 2013",
    "2012 / 13",
    "2012\u201313",
    "2012\u2014 13",
    "\u00a02012/13\u00a0",
    "2012/13 (Rev)",
    "2012-13 (OT)",
]


@pytest.mark.parametrize("label", TWO_YEAR_LABELS + ["AY 2012/13", "ay 2012-13", "Academic year 2012/13"])
def test_academic_year_labels(label):
    assert span(label) == AY_2012
    assert parse_period(label).display == "2012/13"


@pytest.mark.parametrize("label", TWO_YEAR_LABELS)
def test_two_year_labels_are_april_to_march_for_financial_indicators(label):
    assert span(label, "financial_year") == FY_2012


@pytest.mark.parametrize(
    "label",
    ["FY 2012-13", "fy 2012/13", "2012-13 FY", "Financial year 2012/13", "FINANCIAL YEAR 2012-2013", "FY2012-13"],
)
@pytest.mark.parametrize("frequency", [None, "academic_year", "financial_year"])
def test_explicit_financial_year_wins_over_frequency(label, frequency):
    assert span(label, frequency) == FY_2012
    assert parse_period(label, frequency=frequency).display == "2012/13"


def test_explicit_academic_year_wins_over_frequency():
    assert span("AY 2012/13", "financial_year") == AY_2012


def test_century_rollover():
    assert span("1999/00") == ("academic_year", D(1999, 9, 1), D(2000, 8, 31))
    assert parse_period("1999/00").display == "1999/00"


@pytest.mark.parametrize("start, label", [(2012, "2012/13"), (2009, "2009/10"), (1999, "1999/00"), (2099, "2099/00")])
def test_academic_year_label(start, label):
    assert academic_year_label(start) == label


# --- multi-year (DfE averages) ----------------------------------------------------------


@pytest.mark.parametrize(
    "label, first, last",
    [
        ("2014-16", 2014, 2016),
        ("2014-2016", 2014, 2016),
        ("2014 to 2016", 2014, 2016),
        ("2012/15", 2012, 2015),
        ("2015-17", 2015, 2017),
        ("2014\u201316", 2014, 2016),
    ],
)
@pytest.mark.parametrize("frequency", [None, "academic_year", "financial_year"])
def test_multi_year_calendar_spans(label, first, last, frequency):
    p = parse_period(label, frequency=frequency)
    assert (p.type, p.start, p.end) == ("multi_year", D(first, 1, 1), D(last, 12, 31))
    assert p.display == f"{first}-{last % 100:02d}"


def test_multi_year_of_academic_years():
    assert span("2013/14-16/17") == ("multi_year", D(2013, 9, 1), D(2017, 8, 31))
    p = parse_period("2013/14-15/16")
    assert (p.type, p.start, p.end) == ("multi_year", D(2013, 9, 1), D(2016, 8, 31))
    assert p.display == "2013/14-15/16"
    fin = parse_period("2013/14-15/16", frequency="financial_year")
    assert (fin.start, fin.end) == (D(2013, 4, 1), D(2016, 3, 31))
    assert fin.display == "2013/14-15/16"


# --- quarter ends and months ------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Sep 11",
        "Sep-11",
        "Sept 11",
        "September 2011",
        "sep 2011",
        "SEP 11",
        "Sep 2011",
        "Sep.  11",
        "sep/11",
        "30/09/2011",
        "1/9/2011",
        "30/09/11",
        "2011-09-30",
        "2011-09-30 00:00:00",
        "Sep\u00a011",
    ],
)
def test_quarter_end_labels(label):
    p = parse_period(label)
    assert (p.type, p.start, p.end) == ("quarter", D(2011, 7, 1), D(2011, 9, 30))
    assert p.display == "Sep 11"


@pytest.mark.parametrize(
    "label, start, end",
    [
        ("Sep 11", D(2011, 7, 1), D(2011, 9, 30)),
        ("Dec 11", D(2011, 10, 1), D(2011, 12, 31)),
        ("Mar 12", D(2012, 1, 1), D(2012, 3, 31)),
        ("Jun 12", D(2012, 4, 1), D(2012, 6, 30)),
        ("Mar 10", D(2010, 1, 1), D(2010, 3, 31)),
    ],
)
def test_seed_quarter_labels(label, start, end):
    p = parse_period(label)
    assert (p.type, p.start, p.end) == ("quarter", start, end)
    assert p.display == label and p.label == label


@pytest.mark.parametrize(
    "label, start, end",
    [
        ("Feb 12", D(2012, 2, 1), D(2012, 2, 29)),
        ("February 2011", D(2011, 2, 1), D(2011, 2, 28)),
        ("Oct-11", D(2011, 10, 1), D(2011, 10, 31)),
        ("15/01/2012", D(2012, 1, 1), D(2012, 1, 31)),
        ("2012-08-01", D(2012, 8, 1), D(2012, 8, 31)),
    ],
)
def test_other_months_are_months(label, start, end):
    assert span(label) == ("month", start, end)


@pytest.mark.parametrize("frequency", [None, "academic_year", "financial_year", "quarterly", "monthly"])
def test_month_labels_ignore_frequency(frequency):
    assert span("Sep 11", frequency) == ("quarter", D(2011, 7, 1), D(2011, 9, 30))


@pytest.mark.parametrize(
    "value, label, kind",
    [
        (date(2011, 9, 1), "Sep 11", "quarter"),
        (datetime(2011, 9, 30, 0, 0), "Sep 11", "quarter"),
        (datetime(2012, 2, 1), "Feb 12", "month"),
        (date(2009, 12, 31), "Dec 09", "quarter"),
    ],
)
def test_excel_date_cells(value, label, kind):
    p = parse_period(value)
    assert (p.label, p.type) == (label, kind)
    assert p.key == parse_period(label).key


def test_pandas_timestamp_and_numpy_numbers():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    assert parse_period(pd.Timestamp("2011-09-01")).key == parse_period("Sep 11").key
    assert parse_period(np.int64(2012)).key == parse_period("2012").key
    assert parse_period(np.float64(2012.0)).key == parse_period("2012").key


# --- financial quarters -----------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Q2 2012-13",
        "Q2 2012/13",
        "2012-13 Q2",
        "Q2 12/13",
        "q2 2012-2013",
        "Quarter 2 2012-13",
        "quarter 2 2012/13",
        "Q2 FY 2012-13",
        "2012/13 quarter 2",
        "Q2  2012\u201313",
    ],
)
def test_financial_quarter_labels(label):
    p = parse_period(label)
    assert (p.type, p.start, p.end) == ("quarter", D(2012, 7, 1), D(2012, 9, 30))
    assert p.key == parse_period("Sep 12").key
    assert p.display == "Sep 12"


@pytest.mark.parametrize("quarter, same_as", [(1, "Jun 12"), (2, "Sep 12"), (3, "Dec 12"), (4, "Mar 13")])
def test_financial_quarters_run_april_to_march(quarter, same_as):
    assert parse_period(f"Q{quarter} 2012-13").key == parse_period(same_as).key


# --- DfE labels -------------------------------------------------------------------------


def test_provisional_dfe_label():
    p = parse_period("2025 (prov)")
    assert p.provisional and p.key == parse_period("2025").key and p.display == "2025"
    assert parse_period("2025 (provisional)").provisional
    assert parse_period("2025 (Prov)", frequency="academic_year").key == parse_period("2024/25").key


@pytest.mark.parametrize("label", ["2019 (revised)", "2019 (Rev)", "2019 (Final)", "2019  (r)"])
def test_other_bracket_suffixes_are_ignored(label):
    p = parse_period(label)
    assert p.key == parse_period("2019").key and not p.provisional
    assert p.label == " ".join(label.split())


@pytest.mark.parametrize(
    "label, kind", [("2015/16", "academic_year"), ("2014-16", "multi_year"), ("2016-17 (OT)", "academic_year")]
)
def test_dfe_shapes(label, kind):
    assert parse_period(label).type == kind


# --- identity and ordering --------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, frequency",
    [
        ("2012", "2011/12", "academic_year"),
        ("Summer 2012", "2011-12", "academic_year"),
        ("Q2 2012-13", "Sep 12", None),
        ("Sep-11", "September 2011", None),
        ("2012/13", "2012 to 2013", None),
        ("2012-13", "FY 2012/13", "financial_year"),
        ("2014-16", "2014-2016", None),
        ("2025 (prov)", "2025", None),
        ("30/09/2011", "Sep 11", None),
        ("Q4 2012-13", "Mar 13", None),
    ],
)
def test_equivalent_labels_share_a_key(a, b, frequency):
    pa, pb = parse_period(a, frequency=frequency), parse_period(b, frequency=frequency)
    assert pa.key == pb.key and pa.display == pb.display


@pytest.mark.parametrize(
    "a, b", [("2012", "2011/12"), ("2012/13", "FY 2012-13"), ("Sep 12", "Sep 2013"), ("2014-16", "2014-15")]
)
def test_different_spans_have_different_keys(a, b):
    assert parse_period(a).key != parse_period(b).key


def test_key_format_and_types():
    p = parse_period("Sep 11")
    assert p.key == "quarter:2011-07-01:2011-09-30"
    for label in ["2012", "2012/13", "FY 2012-13", "Sep 11", "Feb 11", "2014-16"]:
        assert parse_period(label).type in PERIOD_TYPES


def test_period_is_frozen():
    with pytest.raises(AttributeError):
        parse_period("2012").label = "x"


def test_sort_key_orders_by_end_then_start():
    labels = [
        "Q2 2012-13",
        "2012",
        "Mar 10",
        "Sep 11",
        "2012/13",
        "Dec 11",
        "Jun 12",
        "Mar 12",
        "2014-16",
        "Feb 12",
        "2011-12",
    ]
    ordered = [p.label for p in sorted((parse_period(x) for x in labels), key=sort_key)]
    assert ordered == [
        "Mar 10",
        "Sep 11",
        "Dec 11",
        "Feb 12",
        "Mar 12",
        "Jun 12",
        "2011-12",
        "Q2 2012-13",
        "2012",
        "2012/13",
        "2014-16",
    ]
    year, quarter = parse_period("2012"), parse_period("Dec 12")  # same end: longer span first
    assert sorted([quarter, year], key=sort_key) == [year, quarter]
    assert sort_key(year) == (D(2012, 12, 31), D(2012, 1, 1))


def test_direct_construction():
    p = Period("x", D(2012, 1, 1), D(2012, 12, 31), "year")
    assert p.key == "year:2012-01-01:2012-12-31" and p.display == "2012" and not p.provisional


# --- errors -----------------------------------------------------------------------------

HOW = "Write a year (2012), an academic year (2012/13), a quarter end (Sep 12) or a financial quarter (Q2 2012-13)."


@pytest.mark.parametrize(
    "value, quoted, reason",
    [
        ("Sept twenty", '"Sept twenty"', None),
        ("Q5 2012-13", '"Q5 2012-13"', "Q1 to Q4"),
        ("Q0 2012-13", '"Q0 2012-13"', "Q1 to Q4"),
        ("Q2 2012-14", '"Q2 2012-14"', "one year into the next"),
        ("Feb 30", '"Feb 30"', "Feb 2030"),
        ("Sep 99", '"Sep 99"', "write the year in full"),
        ("31/02/2012", '"31/02/2012"', "does not exist"),
        ("2012-02-30", '"2012-02-30"', "does not exist"),
        ("Smarch 2012", '"Smarch 2012"', "not a month"),
        ("2012/12", '"2012/12"', "second year must come after"),
        ("2013-12", '"2013-12"', "second year must come after"),
        ("1899", '"1899"', "between 1900 and 2100"),
        ("2101", '"2101"', "between 1900 and 2100"),
        ("1899/00", '"1899/00"', "between 1900 and 2100"),
        ("Sep 1850", '"Sep 1850"', "between 1900 and 2100"),
        (1850, '"1850"', "between 1900 and 2100"),
        (2012.5, '"2012.5"', "whole number"),
        ("FY 2012", '"FY 2012"', "2012-13"),
        ("2013/14-15/17", '"2013/14-15/17"', "run into the next"),
        ("2015/16-13/14", '"2015/16-13/14"', "run into the next"),
        ("0", '"0"', None),
        ("Spring 2012", '"Spring 2012"', None),
        ("2012 Q2", '"2012 Q2"', None),
        ("Q2", '"Q2"', None),
        ("twenty twelve", '"twenty twelve"', None),
        (True, '"True"', None),
        (False, '"False"', None),
        ([2012], '"[2012]"', None),
    ],
)
def test_unreadable_labels_explain_how_to_write_them(value, quoted, reason):
    with pytest.raises(PeriodError) as err:
        parse_period(value)
    message = str(err.value)
    assert message.startswith(quoted + " is not a period this tool can read")
    assert message.endswith(HOW)
    if reason:
        assert reason in message
    assert "Traceback" not in message and "\n" not in message


@pytest.mark.parametrize("value", ["", "   ", "\u00a0", None, float("nan")])
def test_blank_values(value):
    with pytest.raises(PeriodError, match="blank") as err:
        parse_period(value)
    assert str(err.value).endswith(HOW)


def test_period_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_period("nonsense")


def test_long_input_is_shortened_in_message():
    with pytest.raises(PeriodError) as err:
        parse_period("x" * 500)
    assert len(str(err.value)) < 250


# --- the real DfE LAIT file -------------------------------------------------------------


def test_every_dfe_lait_year_label_with_data_parses():
    if not DFE_FILE.exists():
        pytest.skip(f"DfE LAIT data not present at {DFE_FILE}")
    pd = pytest.importorskip("pandas")
    df = pd.read_parquet(DFE_FILE, columns=["Years", "Values"])
    values = df["Values"].astype("string").str.strip()
    has_data = (values.notna() & ~values.isin(["-", "", "x", ".."])).groupby(df["Years"]).any()
    assert len(has_data) > 50
    failures = {}
    for label in has_data.index:
        for frequency in (None, "academic_year", "financial_year"):
            try:
                parse_period(label, frequency=frequency)
            except PeriodError as exc:
                failures[label] = str(exc)
    # Only data-less placeholders may be refused: "0" is a row whose values are all "-".
    assert not [label for label in failures if has_data[label]], failures
    assert set(failures) <= {"0"}
