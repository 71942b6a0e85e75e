"""The demo's words are a council reader's: documents named by title, never the project's 'seed' shorthand."""

import re

from kpi.store import Store


def test_no_text_a_reader_sees_speaks_of_seeds(demo_db):
    store = Store(demo_db)
    try:
        cur = store.cursor()
        texts = {
            f"{table}.{column}": [
                row[0]
                for row in cur.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()
            ]
            for table, column in (
                ("indicators", "description"),
                ("indicators", "source"),
                ("indicators", "title"),
                ("observations", "note"),
                ("plans", "description"),
                ("priorities", "title"),
            )
        }
    finally:
        store.close()
    assert sum(map(len, texts.values())) > 50
    found = {
        where: [t for t in values if re.search(r"\bseeds?\b", str(t), re.IGNORECASE)] for where, values in texts.items()
    }
    assert not any(found.values()), found
