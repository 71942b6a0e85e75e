"""import-schools: every school file in one transaction, with provenance and an audit row.

Files are recognised by their columns (kpi.schools.shapes), read as published into staging
tables, checked all together (every problem names file, row and column; nothing is written
when there is any), then merged: the register upserted (the newest edition's details win),
inspections as events keyed on (school, start date, graded), results per school and year. A
file whose exact bytes were imported before is skipped, so importing it again changes nothing;
a newer Ofsted file adds its new inspections to those already held, so history accumulates.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd

from kpi import audit
from kpi.schools.files import (
    SchoolFile,
    SchoolImportError,
    edition_of,
    load_raw,
    recognised,
    results_year_of,
)
from kpi.store import ROOT, run, sql_text

LA_LIST = ROOT / "data" / "schools" / "las.csv"
MAX_PROBLEMS = 25


def known_las() -> pd.DataFrame:
    """England's LAs (DfE's old three-digit codes, abolished ones included) with their region's DfE number."""
    return pd.read_csv(LA_LIST, dtype=str)


def stage_known_las(cur) -> None:
    """Temp table known_las: the built-in list and the LAs the store already holds."""
    cur.register("known_las_frame", known_las())
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE known_las AS SELECT la_code, name, region_code FROM known_las_frame "
        "UNION SELECT area_code, name, region_code FROM areas WHERE kind = 'la'"
    )
    cur.unregister("known_las_frame")


def import_schools(store, files: list[SchoolFile], user: str = "system") -> dict:
    """Import the files; returns a summary. Raises SchoolImportError (with .problems) and writes nothing on bad input."""
    started = time.perf_counter()
    files = [recognised(f) for f in files]
    held = set(store.query("school_import_hashes")["sha256"])
    fresh, seen = [], set()
    for f in files:
        if f.sha256 not in held and f.sha256 not in seen:
            fresh.append(f)
            seen.add(f.sha256)
    summary = {
        "files": [{"file": f.name, "kind": f.shape.kind, "new": f in fresh} for f in files],
        "schools_new": 0,
        "inspections_new": 0,
        "results_new": 0,
    }
    if not fresh:
        summary["seconds"] = round(time.perf_counter() - started, 3)
        return summary
    with store.transaction() as cur, tempfile.TemporaryDirectory() as scratch:
        run(cur, "school_import_setup")
        stage_known_las(cur)
        listing = []
        for file_id, f in enumerate(fresh, start=1):
            rows = load_raw(cur, f, Path(scratch))
            edition = edition_of(f.name)
            if f.shape.kind == "ofsted_outcomes" and edition is None:
                edition = cur.execute('SELECT max(school_date("Publication date")) FROM school_raw').fetchall()[0][0]
            run(
                cur,
                f"school_read_{f.shape.kind}",
                file=f.name,
                file_id=file_id,
                edition=edition,
                results_year=results_year_of(f.name),
            )
            listing.append((file_id, f.name, f.sha256, f.shape.kind, edition, rows))
        problems = cur.execute(sql_problems()).fetchall()
        if problems:
            lines = [
                f"{file} row {row}, column {col}: {_shown(value)} {message}."
                for file, row, col, value, message in problems[:MAX_PROBLEMS]
            ]
            if len(problems) > MAX_PROBLEMS:
                lines.append(f"... and {len(problems) - MAX_PROBLEMS} more problems.")
            raise SchoolImportError(
                f"Nothing was imported: {len(problems)} problem{'s' if len(problems) > 1 else ''} to fix first.", lines
            )
        before = _counts(cur)
        cur.register(
            "n_files_frame",
            pd.DataFrame(listing, columns=["file_id", "file_name", "sha256", "kind", "edition", "rows_read"]),
        )
        run(cur, "school_import_write", user=user or "system")
        run(cur, "school_areas")
        after = _counts(cur)
        summary.update(
            {
                "schools_new": after[0] - before[0],
                "inspections_new": after[1] - before[1],
                "results_new": after[2] - before[2],
                "schools": after[0],
                "inspections": after[1],
                "results": after[2],
            }
        )
        audit.record(
            cur,
            user or "system",
            "import-schools",
            {
                "files": [{"file": n, "kind": k, "edition": e, "rows": r} for _, n, _, k, e, r in listing],
                **{k: summary[k] for k in ("schools_new", "inspections_new", "results_new")},
            },
        )
        cur.unregister("n_files_frame")
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary


def sql_problems() -> str:
    return sql_text("school_import_problems")


def _shown(value) -> str:
    if value is None or str(value).strip() == "":
        return "(blank)"
    text = str(value)
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'


def _counts(cur) -> tuple[int, int, int]:
    return cur.execute(
        "SELECT (SELECT count(*) FROM schools), (SELECT count(*) FROM school_inspections), "
        "(SELECT count(*) FROM school_results)"
    ).fetchall()[0]


def import_paths(store, paths, user: str = "system") -> dict:
    from kpi.schools.files import from_path

    if not paths:
        raise SchoolImportError("Give at least one school file to import.")
    return import_schools(store, [from_path(p) for p in paths], user=user)
