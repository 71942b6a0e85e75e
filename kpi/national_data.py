"""DfE's national data built in: the snapshot under data/dfe/, and refreshing it from DfE's published files.

The snapshot is written by scripts/snapshot_dfe.py from DfE's official files (LAIT's long file,
both statistical-neighbour workbooks and the data dictionary): parquet, only the columns the
product reads, zstd-compressed, with a manifest naming the edition. A new database loads it, so
every authority's comparisons work before anyone imports anything. `update_data` reloads from
the official files (a folder, or a web address holding them under DfE's published names) through
the same import, so a refresh can never read differently from the snapshot. It replaces DfE's
figures only: a council's own returns, plans, targets, home authority and profile choices stay.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import duckdb

from kpi.dfe import LAIT_COLUMNS, DfeImportError, _encoding, import_dfe, read_neighbours
from kpi.store import ROOT, Store

SNAPSHOT_DIR = ROOT / "data" / "dfe"
MANIFEST = "edition.json"
# DfE publishes LAIT's files in the tool's repository; update-data reads them from there by default.
PUBLISHED_URL = (
    "https://raw.githubusercontent.com/dfe-analytical-services/local-authority-interactive-tool/main/01_data/02_prod/"
)
# What each official file is called where DfE publishes it, and in the snapshot.
OFFICIAL = {
    "lait": "bds_long_0.parquet",
    "dictionary": "lait_data_dictionary.csv",
    "dfe_sn": "sn_may_2025.xlsx",
    "dfe_sn_2021": "sn_april_2021.xlsx",
}
SNAPSHOT = {
    "lait": "lait.parquet",
    "dictionary": "dictionary.parquet",
    "dfe_sn": "neighbours_may_2025.parquet",
    "dfe_sn_2021": "neighbours_april_2021.parquet",
}
MODELS = {"dfe_sn": "May 2025 model", "dfe_sn_2021": "April 2021 model"}  # the first is the default model
DICTIONARY_KEEP = (
    "Measure_short",
    "Measure",
    "Topic",
    "Polarity",
    "y_axis_name",
    "dps",
    "Year_Type",
    "No_Quartile",
    "Description",
    "Methodology",
    "Data Owner (DO) /Supplier and Contact Details",
    "Hyperlink(s)",
    "Last Update",
    "Next Update",
)
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
MAX_DOWNLOAD = 200 * 1024 * 1024


class UpdateError(DfeImportError):
    """The official files could not be fetched or read; the message says which and what to do."""


# -- writing the snapshot (scripts/snapshot_dfe.py) ------------------------------------------
def _q(path: Path) -> str:
    return "'" + str(Path(path).resolve()).replace("'", "''") + "'"


def _excel_ordinal(text) -> int | None:
    try:
        serial = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return (date(1899, 12, 30).toordinal() + serial) if 20000 <= serial <= 80000 else None


def edition_of(dictionary_csv: Path, lait: Path) -> dict:
    """What the files say about their edition: the latest 'Last Update' in the dictionary and the latest year."""
    con = duckdb.connect()
    try:
        updates = [
            r[0]
            for r in con.execute(
                f'SELECT "Last Update" FROM read_csv({_q(dictionary_csv)}, all_varchar = true, header = true, '
                f"encoding = '{_encoding(dictionary_csv)}')"
            ).fetchall()
        ]
        years = con.execute(f'SELECT count(*), count(DISTINCT "Short Desc") FROM read_parquet({_q(lait)})').fetchone()
    finally:
        con.close()
    serials = [o for o in (_excel_ordinal(u) for u in updates) if o]
    latest = date.fromordinal(max(serials)).isoformat() if serials else None
    return {"dictionary_last_update": latest, "lait_rows": years[0], "lait_measures": years[1]}


def write_snapshot(source: Path, out: Path = SNAPSHOT_DIR) -> dict:
    """Write the compact snapshot of the official files in `source` (named as DfE publishes them) to `out`."""
    source, out = Path(source), Path(out)
    files = {key: source / name for key, name in OFFICIAL.items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise UpdateError("Missing DfE files: " + ", ".join(missing))
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        cols = ", ".join(f'"{c}"' for c in LAIT_COLUMNS)
        con.execute(
            f"COPY (SELECT {cols} FROM read_parquet({_q(files['lait'])})) TO {_q(out / SNAPSHOT['lait'])} "
            "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)"
        )
        read = (
            f"read_csv({_q(files['dictionary'])}, all_varchar = true, header = true, "
            f"encoding = '{_encoding(files['dictionary'])}')"
        )
        have = {d[0] for d in con.execute(f"SELECT * FROM {read} LIMIT 0").description}
        keep = ", ".join(f'"{c}"' if c in have else f'NULL::VARCHAR AS "{c}"' for c in DICTIONARY_KEEP)
        con.execute(
            f"COPY (SELECT {keep} FROM {read}) TO {_q(out / SNAPSHOT['dictionary'])} "
            "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)"
        )
        import pandas as pd

        for model in MODELS:
            frame = pd.DataFrame(
                read_neighbours(files[model]), columns=["area_code", "neighbour_code", "position", "closeness"]
            )
            con.register("groups", frame)
            con.execute(
                f"COPY (SELECT * FROM groups ORDER BY area_code, position) TO {_q(out / SNAPSHOT[model])} "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            con.unregister("groups")
    finally:
        con.close()
    manifest = {
        "publisher": "Department for Education",
        "dataset": "Local Authority Interactive Tool (LAIT): national data, statistical neighbours, data dictionary",
        "published_at": PUBLISHED_URL,
        "files": {SNAPSHOT[k]: OFFICIAL[k] for k in OFFICIAL},
        "models": MODELS,
        **edition_of(files["dictionary"], files["lait"]),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }
    manifest["edition"] = edition_words(manifest)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {**manifest, "bytes": sum((out / n).stat().st_size for n in SNAPSHOT.values())}


def edition_words(manifest: dict) -> str:
    """'LAIT data as published by DfE, dictionary updated March 2026; neighbours: May 2025 and April 2021 models'."""
    when = manifest.get("dictionary_last_update")
    updated = f", data dictionary last updated {date.fromisoformat(when):%B %Y}" if when else ""
    models = " and ".join(manifest.get("models", MODELS).values())
    return f"DfE LAIT data{updated}; statistical neighbours: {models}"


# -- loading ------------------------------------------------------------------------------------
def snapshot_manifest(folder: Path | None = None) -> dict | None:
    """The built-in snapshot's edition.json, or None when the project ships none."""
    path = Path(folder or SNAPSHOT_DIR) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def load_snapshot(store: Store, folder: Path | None = None, user: str = "system") -> dict:
    """Load the built-in snapshot into the store (one transaction); the home authority is kept."""
    folder = Path(folder or SNAPSHOT_DIR)
    manifest = snapshot_manifest(folder)
    if manifest is None:
        raise DfeImportError(f"The built-in national data is missing ({folder / MANIFEST}).")
    return import_dfe(
        store,
        folder / SNAPSHOT["lait"],
        {m: folder / SNAPSHOT[m] for m in MODELS},
        folder / SNAPSHOT["dictionary"],
        home=None,
        user=user,
        titles=MODELS,
        origin="built-in snapshot",
        edition=manifest["edition"],
        action="load-national-snapshot",
    )


def has_national_data(store: Store) -> bool:
    return bool(store.scalar("SELECT count(*) FROM dfe_measures"))


def load_snapshot_if_empty(store: Store) -> bool:
    """A database without DfE figures gets the built-in snapshot (when the project ships one)."""
    if has_national_data(store) or snapshot_manifest() is None:
        return False
    load_snapshot(store)
    return True


# -- refreshing from DfE's published files --------------------------------------------------------
def _is_url(source: str) -> bool:
    return urllib.parse.urlparse(str(source)).scheme in ("http", "https")


def _download(url: str, target: Path) -> None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as f:
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
                if size > MAX_DOWNLOAD:
                    raise UpdateError(f"{url} is larger than {MAX_DOWNLOAD // 1048576} MB; that is not LAIT's file.")
                f.write(chunk)
    except urllib.error.HTTPError as exc:
        raise UpdateError(
            f"{url} could not be downloaded (HTTP {exc.code}). Check the address holds DfE's files "
            f"under their published names ({', '.join(OFFICIAL.values())})."
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(
            f"{url} could not be downloaded ({reason}). Without internet access, download the files "
            "by hand and run update-data --from FOLDER."
        ) from None


def fetch_official(source: str, into: Path) -> dict[str, Path]:
    """The official files from a folder (read in place) or a base web address (downloaded into `into`)."""
    if _is_url(source):
        base = source if source.endswith("/") else source + "/"
        paths = {}
        for key, name in OFFICIAL.items():
            paths[key] = Path(into) / name
            _download(urllib.parse.urljoin(base, urllib.parse.quote(name)), paths[key])
        if paths["lait"].read_bytes()[:4] != b"PAR1":
            raise UpdateError(
                f"{base}{OFFICIAL['lait']} is not a parquet file (a Git LFS pointer or an error "
                "page?). Download LAIT's files by hand and run update-data --from FOLDER."
            )
        return paths
    folder = Path(source)
    if not folder.is_dir():
        raise UpdateError(f"{source} is neither a folder nor a web address.")
    paths = {key: folder / name for key, name in OFFICIAL.items()}
    missing = [name for key, name in OFFICIAL.items() if not paths[key].is_file()]
    if missing:
        raise UpdateError(
            f"{folder} lacks {', '.join(missing)}: it should hold DfE's LAIT files under their published names."
        )
    return paths


def update_data(store: Store, source: str = PUBLISHED_URL, user: str = "system") -> dict:
    """Reload DfE's national data from the official files; returns the import summary with what changed."""
    tmp = Path(tempfile.mkdtemp(prefix="kpi-dfe-"))
    try:
        paths = fetch_official(str(source), tmp)
        manifest = {"models": MODELS, **edition_of(paths["dictionary"], paths["lait"])}
        origin = str(source) if _is_url(str(source)) else str(Path(source).resolve())
        return import_dfe(
            store,
            paths["lait"],
            {m: paths[m] for m in MODELS},
            paths["dictionary"],
            home=None,
            user=user,
            titles=MODELS,
            origin=origin,
            edition=edition_words(manifest),
            action="update-data",
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
