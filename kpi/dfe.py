"""Import DfE's national data: LAIT's long file, its data dictionary and the neighbour model.

DuckDB reads and cleans the national file itself (read_parquet / read_csv): Python only
sees the few hundred distinct year labels, which kpi.periods normalises, and the neighbour
workbook's 160 rows. Everything is written in one store transaction and replaces the
previous DfE rows, so an import is all-or-nothing and running it twice changes nothing.
"""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import datetime
from pathlib import Path

import pandas as pd

from kpi import audit
from kpi.benchmark import FREQUENCY, SN_MODEL
from kpi.errors import UserError
from kpi.periods import PeriodError, parse_period
from kpi.store import run

LAIT_COLUMNS = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number", "Region")
DICTIONARY_COLUMNS = (
    "Measure_short",
    "Measure",
    "Polarity",
    "dps",
    "Year_Type",
    "Description",
    "No_Quartile",
    "Topic",
    "y_axis_name",
    "Methodology",
    "Data Owner (DO) /Supplier and Contact Details",
    "Hyperlink(s)",
    "Last Update",
    "Next Update",
)
NEIGHBOUR_COLUMNS = ["area_code", "neighbour_code", "position", "closeness"]


class DfeImportError(UserError, ValueError):
    """A file that cannot be imported; the message names it and says what is wrong."""


def _readable(path, what: str) -> Path:
    path = Path(path)
    if not path.is_file():
        raise DfeImportError(f"{what} not found: {path}")
    try:
        with path.open("rb") as f:
            f.read(1)
    except OSError as exc:
        raise DfeImportError(f"{what} cannot be read: {path} ({exc.strerror or exc})") from None
    return path


def _is_parquet(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"PAR1"


def _literal(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"


def _encoding(path: Path) -> str:
    """DfE says latin-1, but the published file is UTF-8: take UTF-8 when it decodes."""
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"


def _code(cell) -> str | None:
    """An LA number as text: 886, 886.0 and "886" are all '886'; blanks are None."""
    if cell is None:
        return None
    text = str(cell).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return str(int(float(text)))
    return None


def _sheet_rows(path: Path) -> list[tuple]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    with path.open(newline="", encoding=_encoding(path)) as f:
        return [tuple(r) for r in csv.reader(f)]


def read_neighbours(path) -> list[tuple[str, str, int, str | None]]:
    """(LA, neighbour, position, closeness) from DfE's SN workbook, the clean wide CSV or a snapshot.

    Finds the header row by its SN1/SN_1 column, so the workbook's junk rows above it and
    either layout (LA num ... SN1, SNP / old_la_code ... SN_1, SN_1P) read the same way. A
    parquet file is the long form the built-in snapshot keeps (NEIGHBOUR_COLUMNS).
    """
    path = _readable(path, "Neighbour file")
    if _is_parquet(path):
        try:
            frame = pd.read_parquet(path, columns=NEIGHBOUR_COLUMNS)
        except (OSError, ValueError, KeyError) as exc:
            raise DfeImportError(f"Neighbour file cannot be read: {path} ({exc})") from None
        return [
            (str(a), str(n), int(p), None if pd.isna(c) else str(c))
            for a, n, p, c in frame.itertuples(index=False, name=None)
        ]
    try:
        rows = _sheet_rows(path)
    except Exception as exc:
        raise DfeImportError(f"Neighbour file cannot be read: {path} ({exc})") from None
    names = lambda row: [str(c).strip().lower().lstrip("\ufeff") if c is not None else "" for c in row]
    start = next((i for i, r in enumerate(rows) if any(re.fullmatch(r"sn_?1", h) for h in names(r))), None)
    if start is None:
        raise DfeImportError(
            f"Neighbour file {path.name} has no SN1 column: expected DfE's "
            "statistical-neighbour layout (LA num, ..., SN1, SNP, ..., SN10, SNP)."
        )
    header = names(rows[start])
    code_col = next(
        (i for i, h in enumerate(header) if h in ("la num", "la number", "old_la_code", "la_code", "la code")), 0
    )
    sn_cols = [(int(m.group(1)), i) for i, h in enumerate(header) if (m := re.fullmatch(r"sn_?(\d+)", h))]
    out = []
    for row in rows[start + 1 :]:
        la = _code(row[code_col]) if code_col < len(row) else None
        if la is None:
            continue
        for position, i in sn_cols:
            neighbour = _code(row[i]) if i < len(row) else None
            if neighbour is None:
                continue
            closeness = None
            if i + 1 < len(row) and i + 1 < len(header) and re.fullmatch(r"sn_?(\d+)?p", header[i + 1]):
                closeness = (str(row[i + 1]).strip() or None) if row[i + 1] is not None else None
            out.append((la, neighbour, position, closeness))
    if not out:
        raise DfeImportError(f"Neighbour file {path.name} lists no neighbours.")
    return out


def _columns(cur, table: str) -> set[str]:
    return {r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()}


def _labels(pairs) -> pd.DataFrame:
    """Each distinct (label, year type) as a period; labels that are not periods get none."""
    rows = []
    for label, year_type in pairs:
        try:
            p = parse_period(label, frequency=FREQUENCY.get(year_type))
            rows.append((label, year_type, p.key, p.display, p.start, p.end, p.type))
        except PeriodError:
            rows.append((label, year_type, None, None, None, None, None))
    df = pd.DataFrame(
        rows,
        columns=["label", "year_type", "period_key", "display", "start_date", "end_date", "period_type"],
        dtype=object,
    )
    for col in ("start_date", "end_date"):
        df[col] = pd.to_datetime(df[col])
    return df


def model_title(path) -> str:
    """A neighbour model's name from DfE's file name: sn_may_2025.xlsx -> 'May 2025 model'."""
    match = re.search(
        r"(january|february|march|april|may|june|july|august|september|october|november|december)"
        r"[ _-]*(\d{4})",
        Path(path).stem,
        re.IGNORECASE,
    )
    return f"{match.group(1).capitalize()} {match.group(2)} model" if match else f"model from {Path(path).name}"


def _changes(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> dict:
    """What a load added or removed: measures, and years of measures held before (an empty start adds nothing)."""
    old, new = {}, {}
    for measure, label in before:
        old.setdefault(measure, set()).add(label)
    for measure, label in after:
        new.setdefault(measure, set()).add(label)
    if not old:
        return {"first_load": True, "new_measures": [], "removed_measures": [], "new_years": {}}
    return {
        "first_load": False,
        "new_measures": sorted(set(new) - set(old)),
        "removed_measures": sorted(set(old) - set(new)),
        "new_years": {m: sorted(new[m] - old[m]) for m in sorted(set(new) & set(old)) if new[m] - old[m]},
    }


def import_dfe(
    store,
    lait_path,
    neighbours_path,
    dictionary_path=None,
    home="886",
    user: str = "system",
    *,
    las_path=None,
    model: str = SN_MODEL,
    titles: dict | None = None,
    origin: str | None = None,
    edition: str | None = None,
    action: str = "import-dfe",
) -> dict:
    """Load LAIT's national file, the neighbour model(s) and (optionally) the dictionary; return a summary.

    Replaces all earlier DfE values, years and measures and each given model's neighbour groups;
    areas are upserted (other tables refer to them). Without a dictionary the measures keep
    the attributes an earlier import gave them. las_path (geography/las.csv) adds ONS codes.
    neighbours_path is one file (loaded as `model`) or {model: file} for several models, named
    by `titles` or from the file name. home=None keeps the home authority already set.
    The summary's "changes" say which measures and years are new since the last load.
    """
    started = time.perf_counter()
    lait = _readable(lait_path, "LAIT file")
    files = dict(neighbours_path) if isinstance(neighbours_path, dict) else {model: neighbours_path}
    groups = {m: read_neighbours(f) for m, f in files.items()}
    titles = {m: (titles or {}).get(m) or model_title(f) for m, f in files.items()}
    main_model = model if model in groups else next(iter(groups))
    dictionary = _readable(dictionary_path, "Data dictionary") if dictionary_path else None
    las = _readable(las_path, "LA list") if las_path else None
    home = None if home is None else str(home).strip()

    with store.transaction() as cur:
        before = cur.execute("SELECT measure, label FROM dfe_years").fetchall()
        try:
            if _is_parquet(lait):  # views cannot take parameters: quote the path
                cur.execute(f"CREATE TEMP VIEW dfe_file AS SELECT * FROM read_parquet({_literal(lait)})")
            else:
                run(cur, "dfe_import_read_csv", path=str(lait))
            have = _columns(cur, "dfe_file")
        except Exception as exc:
            raise DfeImportError(f"LAIT file cannot be read: {lait} ({str(exc).splitlines()[0]})") from None
        missing = [c for c in LAIT_COLUMNS if c not in have]
        if missing:
            raise DfeImportError(
                f"LAIT file {lait.name} is not LAIT's long file: it has no "
                f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}."
            )
        run(cur, "dfe_import_source")

        if dictionary:
            try:
                if _is_parquet(dictionary):
                    cur.execute(
                        "CREATE TEMP TABLE dfe_dict_raw AS SELECT *, row_number() OVER () AS dict_row "
                        f"FROM read_parquet({_literal(dictionary)})"
                    )
                else:
                    run(cur, "dfe_import_read_dictionary", path=str(dictionary), encoding=_encoding(dictionary))
            except Exception as exc:
                raise DfeImportError(
                    f"Data dictionary cannot be read: {dictionary} ({str(exc).splitlines()[0]})"
                ) from None
            have = _columns(cur, "dfe_dict_raw")
            if "Measure_short" not in have:
                raise DfeImportError(f"Data dictionary {dictionary.name} has no Measure_short column.")
            for col in DICTIONARY_COLUMNS:
                if col not in have:
                    cur.execute(f'ALTER TABLE dfe_dict_raw ADD COLUMN "{col}" VARCHAR')
            run(cur, "dfe_import_dictionary")
        else:
            cur.execute("CREATE TEMP TABLE dfe_dict AS SELECT * FROM dfe_measures")

        run(cur, "dfe_import_src_labels")
        labels = _labels(cur.execute("SELECT DISTINCT label, year_type FROM dfe_src_labels").fetchall())
        cur.register("dfe_labels", labels)
        run(cur, "dfe_import_src_years")
        duplicates = run(cur, "dfe_import_duplicates").fetchall()
        if duplicates:
            examples = "; ".join(f"{m}: {w}" for m, w in duplicates)
            raise DfeImportError(f"LAIT file {lait.name} names the same figure twice ({examples}).")

        if las:
            run(cur, "dfe_import_ons", path=str(las))
        else:
            cur.execute("CREATE TEMP TABLE dfe_ons (area_code VARCHAR, ons_code VARCHAR)")
        run(cur, "dfe_import_src_areas")
        run(cur, "dfe_import_areas")
        if home is None:
            home = cur.execute("SELECT value FROM meta WHERE key = 'home_area'").fetchone()
            home = home[0] if home else "886"
        kind = cur.execute("SELECT kind FROM areas WHERE area_code = $c", {"c": home}).fetchone()
        if not kind or kind[0] != "la":
            raise DfeImportError(
                f"The home authority {home} is not an LA in {lait.name}; give its DfE number, e.g. 886 for Kent."
            )

        for table in ("dfe_values", "dfe_years", "dfe_measures"):
            cur.execute(f"DELETE FROM {table}")
        run(cur, "dfe_import_periods")
        run(cur, "dfe_import_measures")
        cur.execute("INSERT INTO dfe_years SELECT measure, period_key, label FROM dfe_src_years")
        run(cur, "dfe_import_values")

        for order, (m, rows) in enumerate(groups.items()):
            cur.execute("DELETE FROM area_neighbours WHERE model = $m", {"m": m})
            cur.register("dfe_groups", pd.DataFrame(rows, columns=NEIGHBOUR_COLUMNS))
            cur.execute(
                "INSERT INTO area_neighbours SELECT DISTINCT ON (area_code, neighbour_code) $m, area_code, "
                "neighbour_code, position, closeness FROM dfe_groups ORDER BY area_code, neighbour_code, position",
                {"m": m},
            )
            cur.unregister("dfe_groups")
            cur.execute(
                "INSERT INTO neighbour_models VALUES ($m, $t, $o) ON CONFLICT (model) DO UPDATE "
                "SET title = $t, sort_order = $o",
                {"m": m, "t": titles[m], "o": order},
            )
        cur.execute("INSERT INTO meta VALUES ('home_area', $h) ON CONFLICT (key) DO UPDATE SET value = $h", {"h": home})
        changes = _changes(before, cur.execute("SELECT measure, label FROM dfe_years").fetchall())

        counts = cur.execute(
            "SELECT (SELECT count(*) FROM dfe_measures), (SELECT count(*) FROM dfe_years), "
            "(SELECT count(DISTINCT period_key) FROM dfe_years), (SELECT count(*) FROM dfe_values), "
            "(SELECT count(value) FROM dfe_values), (SELECT sum(n_rows) FROM dfe_src_labels), "
            "(SELECT count(DISTINCT area_code) FROM area_neighbours WHERE model = $m)",
            {"m": main_model},
        ).fetchone()
        kinds = dict(cur.execute("SELECT kind, count(*) FROM dfe_src_areas GROUP BY kind").fetchall())
        unread = cur.execute(
            "SELECT s.label, sum(s.n_rows), sum(s.n_figures) FROM dfe_src_labels s JOIN dfe_labels l ON l.label = s.label "
            "AND l.year_type IS NOT DISTINCT FROM s.year_type WHERE l.period_key IS NULL GROUP BY s.label ORDER BY s.label"
        ).fetchall()
        summary = {
            "measures": counts[0],
            "measure_years": counts[1],
            "periods": counts[2],
            "values": counts[3],
            "values_with_data": counts[4],
            # A year label that is not a period (LAIT's "0") is only a label: with no figures under it (as
            # LAIT shows it, an empty column) nothing is lost; with figures, they are skipped and named.
            "skipped_rows": int(sum(rows for _, rows, figures in unread if figures)),
            "skipped_labels": [label for label, _, figures in unread if figures],
            "empty_rows": int(sum(rows for _, rows, figures in unread if not figures)),
            "empty_labels": [label for label, _, figures in unread if not figures],
            "las": kinds.get("la", 0),
            "regions": kinds.get("region", 0),
            "england": kinds.get("england", 0),
            "neighbour_groups": counts[6],
            "model": main_model,
            "models": titles,
            "home": home,
            "dictionary": dictionary is not None,
            "changes": changes,
        }
        edition = edition or f"{lait.name}" + (f", {dictionary.name}" if dictionary else "")
        cur.execute(
            "INSERT INTO dfe_editions (loaded_at, origin, edition, detail) VALUES ($at, $o, $e, $d)",
            {
                "at": datetime.now().replace(microsecond=0),
                "o": origin or f"files imported by hand ({lait.name})",
                "e": edition,
                "d": json.dumps(
                    {"files": [lait.name, *(Path(f).name for f in files.values())], "changes": changes}, default=str
                ),
            },
        )
        audit.record(cur, user or "system", action, {"lait": lait.name, **summary})
        cur.unregister("dfe_labels")
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary


def import_summary(s: dict) -> str:
    """What an import did, in words: the same sentence on the Import page and from `import-dfe`."""
    measures = f"{s['measures']:,} measure{'' if s['measures'] == 1 else 's'}"
    text = (
        f"Imported {s['values']:,} values ({s['values_with_data']:,} with data) for {measures}, {s['las']} LAs, "
        f"{s['regions']} regions and England; {s['neighbour_groups']} neighbour groups; home authority {s['home']}."
    )
    if s.get("skipped_rows"):
        labels = ", ".join(f'"{label}"' for label in s["skipped_labels"][:5])
        text += (
            f" Skipped {s['skipped_rows']:,} rows whose year could not be read ({labels}): "
            "write the year as DfE does, e.g. 2012/13, and import again."
        )
    if s.get("empty_rows"):
        labels = ", ".join(f'"{label}"' for label in s["empty_labels"][:5])
        text += (
            f" {s['empty_rows']:,} rows under the year label {labels} hold no figures, as in LAIT: "
            "the label is not a year, so no chart shows it."
        )
    return text
