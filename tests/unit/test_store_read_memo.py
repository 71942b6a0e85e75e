"""Small reads are kept until the file changes: no reopening for the same answer, never a stale one."""

import subprocess
import sys

from kpi.store import Store


def _count_opens(store, monkeypatch):
    opened = []
    real = store._open
    monkeypatch.setattr(store, "_open", lambda **kw: opened.append(1) or real(**kw))
    return opened


def test_the_same_read_opens_the_file_once(demo_store, monkeypatch):
    demo_store.query("board_priorities")
    opened = _count_opens(demo_store, monkeypatch)
    for _ in range(5):
        plans = demo_store.query("board_priorities")
    assert opened == [] and len(plans) > 0


def test_a_write_in_this_process_is_read_at_once(demo_store):
    before = demo_store.query("meta_value", key="home_area")["value"].iloc[0]
    with demo_store.transaction() as cur:
        cur.execute("UPDATE meta SET value = '999' WHERE key = 'home_area'")
    assert before == "886" and demo_store.home_area() == "999"


def test_a_write_by_another_process_is_read_at_once(demo_db):
    store = Store(demo_db)
    try:
        assert store.home_area() == "886"
        code = (
            f"from kpi.store import Store\ns = Store({str(demo_db)!r})\nwith s.transaction() as cur:\n"
            "    cur.execute(\"UPDATE meta SET value = '887' WHERE key = 'home_area'\")\ns.close()"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
        assert store.home_area() == "887"
    finally:
        store.close()


def test_a_caller_changing_its_frame_does_not_change_the_next_answer(demo_store):
    first = demo_store.query("board_priorities")
    first.loc[:, "plan"] = "changed"
    assert (demo_store.query("board_priorities")["plan"] != "changed").all()
