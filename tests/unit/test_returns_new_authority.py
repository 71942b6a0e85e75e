"""A council starts from an empty database and a return: its priorities and plan are made from the names."""

from kpi import figures
from kpi.store import Store
from tests.conftest import tidy_workbook


def test_empty_database_and_one_return_give_a_dashboard(tmp_path):
    from kpi.returns import load_return

    store = Store(tmp_path / "new.duckdb")
    data = tidy_workbook(
        [
            ["KS2-RWM", "2023/24", "actual", 59],
            ["KS2-RWM", "2024/25", "actual", 61],
            ["KS2-RWM", "2024/25", "target", 60],
            ["NEET", "Q2 2024-25", "actual", 4.1],
            ["NEET", "Q2 2024-25", "target", 4.0],
        ],
        indicators=[
            ["KS2-RWM", "KS2 reading, writing and maths", "Key stage 2 attainment", "higher", "%", "academic year"],
            [
                "NEET",
                "Young people not in education, employment or training",
                "Young people",
                "lower",
                "%",
                "quarterly",
            ],
        ],
    )
    result = load_return(store, data, "first.xlsx", user="officer1")
    assert result.ok, [str(p) for p in result.problems]
    latest = {r["code"]: r for r in figures.status(store)}
    assert latest["KS2-RWM"]["priority"] == "Key stage 2 attainment"
    assert (latest["KS2-RWM"]["rag"], latest["KS2-RWM"]["direction"]) == ("green", "improving")
    assert (latest["NEET"]["period"], latest["NEET"]["rag"]) == ("Q2 2024-25", "amber")
    plans = store.query("board_priorities")
    assert set(plans["plan"]) == {"Performance plan"} and len(plans) == 2
    # a second return may name the priority by its title: no duplicate priority is made
    again = tidy_workbook(
        [], indicators=[["KS2-GDS", "KS2 greater depth", "key stage 2 ATTAINMENT", "higher", "%", "academic year"]]
    )
    assert load_return(store, again, "second.xlsx", user="officer1").ok
    assert len(store.query("board_priorities")) == 2


def test_a_plans_figures_go_to_its_own_authority(demo_store):
    """A return naming a Central Bedfordshire indicator stores the figure for Central Bedfordshire (823)."""
    from kpi.returns import load_return

    result = load_return(
        demo_store, tidy_workbook([["CB-KS2-RWM", "2019", "target", "quartile A"]]), "cb.xlsx", user="officer1"
    )
    assert result.ok and result.upload_id
    areas = (
        demo_store.cursor()
        .execute("SELECT DISTINCT area_code FROM observations WHERE indicator_code = 'CB-KS2-RWM'")
        .fetchall()
    )
    assert areas == [("823",)]
