import pytest


@pytest.fixture
def store(demo_store):
    """The demo database, fresh for each test (a copy of one built per session)."""
    return demo_store


@pytest.fixture(scope="session")
def demo_pack(demo_db_template, tmp_path_factory):
    """The demo's board pack with charts and one commentary, as PDF and both PowerPoint layouts, made once:
    (pack, folder holding pack.pdf, pack.pptx and indicator.pptx)."""
    import shutil
    from datetime import date

    from kpi.commentary import record_commentary
    from kpi.reports import build_pack, write_pack
    from kpi.store import Store

    out = tmp_path_factory.mktemp("demo-pack")
    shutil.copy(demo_db_template, out / "demo.duckdb")
    store = Store(out / "demo.duckdb")
    record_commentary(store, "GAP-FSM-KS4", "academic_year:2011-09-01:2012-08-31", DEMO_COMMENTARY, user="ann")
    pack = build_pack(store, as_of=date(2014, 4, 1))
    write_pack(pack, out / "pack.pdf")
    write_pack(pack, out / "pack.pptx")
    write_pack(pack, out / "indicator.pptx", slides="indicator")
    store.close()
    return pack, out


DEMO_COMMENTARY = "Gap widened in two districts."
