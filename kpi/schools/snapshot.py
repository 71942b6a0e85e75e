"""The built-in school data: a compact parquet snapshot of the official files under data/schools/.

`write_snapshot` imports the official files into a scratch database through the same importer
as `import-schools`, then writes only the columns the product reads. `load_snapshot` puts it
into an empty store (the demo's first start, init-demo), so the quick start shows school-based
figures without the official files. The snapshot's provenance rows keep each file's name,
edition and hash, so importing the same official file later changes nothing.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from kpi import audit
from kpi.store import ROOT, Store, run

SNAPSHOT_DIR = ROOT / "data" / "schools"
TABLES = {
    "school_imports": "import_id, file_name, sha256, kind, edition, rows_read",
    "schools": "urn, laestab, la_code, name, phase, school_type, governance, academy_kind, trust, open_date, "
    "close_date, pupils, state_funded, predecessor_urn, edition, import_id",
    "school_listings": "urn, import_id",
    "school_inspections": "urn, start_date, graded, published, overall, not_judged, category, category_known, "
    "inspection_type, outcome, import_id",
    "school_results": "urn, stage, year_end, pupils, rwm_expected, reading_progress, writing_progress, maths_progress, "
    "attainment8, progress8, eng_maths_5, import_id",
}


def _literal(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"


def available(folder: Path = SNAPSHOT_DIR) -> bool:
    return all((folder / f"{t}.parquet").is_file() for t in TABLES)


def editions(folder: Path = SNAPSHOT_DIR) -> list[dict]:
    """What the snapshot was made from: one entry per official file (name, kind, edition)."""
    path = folder / "editions.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def write_snapshot(files, scratch_db: Path | None = None, folder: Path = SNAPSHOT_DIR) -> str:
    """Import the official files into a scratch store and write the snapshot; returns a summary line."""
    from kpi.schools.importer import import_paths

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(scratch_db or Path(scratch) / "snapshot.duckdb")
        try:
            import_paths(store, [Path(f) for f in files], user="snapshot")
            cur = store.cursor()
            try:
                for table, columns in TABLES.items():
                    target = folder / f"{table}.parquet"
                    cur.execute(
                        f"COPY (SELECT {columns} FROM {table} ORDER BY ALL) TO {_literal(target)} "
                        "(FORMAT parquet, COMPRESSION zstd)"
                    )
                rows = cur.execute(
                    "SELECT file_name, kind, CAST(edition AS VARCHAR), rows_read FROM school_imports ORDER BY import_id"
                ).fetchall()
            finally:
                cur.close()
        finally:
            store.close()
    (folder / "editions.json").write_text(
        json.dumps([{"file": f, "kind": k, "edition": e, "rows": r} for f, k, e, r in rows], indent=1) + "\n",
        encoding="utf-8",
    )
    size = sum((folder / f"{t}.parquet").stat().st_size for t in TABLES)
    return f"Snapshot of {len(rows)} files written to {folder.name}/: {size / 1048576:.1f} MB."


def load_snapshot(store: Store, user: str = "demo", folder: Path = SNAPSHOT_DIR) -> bool:
    """Load the snapshot into a store that holds no schools yet; False (and nothing written) otherwise."""
    from kpi.schools.importer import stage_known_las

    if not available(folder) or store.scalar("SELECT count(*) FROM schools"):
        return False
    with store.transaction() as cur:
        for table, columns in TABLES.items():
            source = f"read_parquet({_literal(folder / (table + '.parquet'))})"
            if table == "school_imports":  # provenance: who loaded the snapshot, and when
                cur.execute(
                    f"INSERT INTO school_imports ({columns}, user_name, loaded_at) SELECT {columns}, $u, "
                    f"current_localtimestamp() FROM {source}",
                    {"u": user},
                )
            else:
                cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {source}")
        stage_known_las(cur)
        run(cur, "school_areas")
        audit.record(cur, user, "import-schools", {"snapshot": [e["file"] for e in editions(folder)]})
    return True
