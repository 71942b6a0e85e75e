"""Text that cannot break anything: control characters refused with their Sheet!Cell, Infinity refused,
JSON never carries Infinity, and stored text cannot drive the terminal through the command line."""

import json

from kpi.commands import main
from kpi.returns import load_return
from tests.unit.hostile_xlsx import cell, row, sheet, xlsx

INDICATORS = row(
    1, [("A1", "Code"), ("B1", "Title"), ("C1", "Priority"), ("D1", "Polarity"), ("E1", "Unit"), ("F1", "Frequency")]
)
DATA = row(1, [("A1", "Indicator"), ("B1", "Period"), ("C1", "Measure"), ("D1", "Value")])


def tidy(title: str = "Hostile title", value: str = "<v>50</v>") -> bytes:
    """A tidy return as Excel writes it; control characters are escaped as _xHHHH_, as Excel does."""
    ind = INDICATORS + row(
        2, [("A2", "HT-1"), ("B2", title), ("C2", "P1"), ("D2", "higher"), ("E2", "%"), ("F2", "annual")]
    )
    data = (
        DATA
        + '<row r="2">'
        + cell("A2", "HT-1")
        + cell("B2", "2013")
        + cell("C2", "actual")
        + f'<c r="D2">{value}</c></row>'
    )
    return xlsx([("Indicators", sheet(ind)), ("Data", sheet(data))])


def test_control_characters_are_refused_naming_the_cell(demo_store):
    assert load_return(demo_store, tidy(), "r.xlsx", user="o", dry_run=True).ok
    for char in ("\x1b", "\x0b", "\x01", "\x7f", "\x9b"):
        data = tidy(title=f"Title_x{ord(char):04X}_[31m red")
        result = load_return(demo_store, data, "r.xlsx", user="o")
        assert not result.ok, repr(char)
        problem = result.problems[0]
        assert problem.where == "Indicators!B2" and f"U+{ord(char):04X}" in problem.message
    assert demo_store.scalar("SELECT count(*) FROM indicators WHERE code = 'HT-1'") == 0


def test_infinity_is_refused_and_json_never_says_infinity(demo_store, demo_db, capsys):
    for value in ("<v>1E+999</v>", "<v>-1E+999</v>"):
        result = load_return(demo_store, tidy(value=value), "r.xlsx", user="o")
        assert not result.ok and result.problems[0].where == "Data!D2", result.problems
    with demo_store.transaction() as cur:  # a figure stored by an older version, say
        cur.execute(
            "UPDATE observations SET value = 'Infinity'::DOUBLE WHERE indicator_code = 'KS2-L4-EM' "
            "AND measure = 'actual' AND period_key = (SELECT max(period_key) FROM observations "
            "WHERE indicator_code = 'KS2-L4-EM' AND measure = 'actual' AND value IS NOT NULL)"
        )
    assert main(["series", "KS2-L4-EM", "--db", str(demo_db), "--json"]) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    json.loads(out)


def test_escape_sequences_in_stored_text_never_reach_the_terminal(demo_store, demo_db, capsys):
    with demo_store.transaction() as cur:
        cur.execute("UPDATE indicators SET title = 'Evil \x1b]0;owned\x07\x1b[2J title' WHERE code = 'KS2-L4-EM'")
    assert main(["status", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil \\x1b]0;owned\\x07\\x1b[2J title" in out
