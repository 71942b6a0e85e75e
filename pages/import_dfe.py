"""Import DfE data (admin): LAIT's national file, the neighbour model and the data dictionary, from uploads.

Does exactly what `python -m kpi import-dfe` does, for people without a terminal. The
uploads are written to a temporary directory (DuckDB and openpyxl read files, not bytes)
that is removed as soon as the import ends, whether it worked or not. Errors are shown as
plain sentences: a stack trace helps nobody at this screen and can reveal server paths.
"""

import re
import tempfile
from pathlib import Path

import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.dfe import DfeImportError, import_dfe, import_summary
from kpi.store import StoreError
from pages.ui import PAGE_FILES, current_user, esc, require_role, store

require_role("admin", "import DfE data")

MAX_MB = 200  # LAIT's parquet file is about 2 MB, its CSV form a few tens of MB; uploads are held in memory

st.title("Import DfE data")
st.markdown(
    "Load DfE's **Local Authority Interactive Tool (LAIT)** national data and the **statistical-neighbour** "
    "model, so the Compare page and indicators linked to a DfE measure can show neighbour averages, England, "
    "rank and quartile. Each import replaces the DfE figures loaded before; your own indicators and returns "
    "are not touched."
)
st.caption(
    "From a terminal the same import is: python -m kpi import-dfe --db PATH --lait FILE --neighbours FILE "
    "[--dictionary FILE] --home LA_CODE"
)


def _saved(folder: Path, uploaded, fallback: str) -> Path:
    """Write an upload under a harmless name that keeps its extension (the readers go by it)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(uploaded.name).stem).strip("._") or fallback
    path = folder / f"{stem[:80]}{Path(uploaded.name).suffix.lower()}"
    path.write_bytes(uploaded.getvalue())
    return path


def _plain(message: str) -> str:
    """The message with the temporary folder taken out, so it names the file as the user chose it."""
    return re.sub(r"/\S*kpi-dfe-[^/\s]+/", "", message)


db = store()
with st.form("import-dfe"):
    lait = st.file_uploader(
        "LAIT national file (bds_long_0.parquet, or the same data as CSV)",
        type=["parquet", "csv"],
        max_upload_size=MAX_MB,
    )
    neighbours = st.file_uploader(
        "Statistical neighbours (DfE's workbook, e.g. sn_may_2025.xlsx, or the wide CSV)",
        type=["xlsx", "csv"],
        max_upload_size=MAX_MB,
    )
    dictionary = st.file_uploader(
        "LAIT data dictionary (optional: gives each measure's title, polarity and "
        "decimals; without it measures keep what an earlier import gave them)",
        type=["csv"],
        max_upload_size=MAX_MB,
    )
    home = st.text_input(
        "Home authority: its DfE LA number",
        value=db.home_area(),
        max_chars=4,
        help="The three-digit number DfE uses, e.g. 886 for Kent.",
    )
    submitted = st.form_submit_button("Import", type="primary")

if not submitted:
    st.stop()
home = home.strip()
missing = [
    what for what, f in (("the LAIT national file", lait), ("the statistical-neighbour file", neighbours)) if f is None
]
if missing:
    st.error(f"Choose {' and '.join(missing)} first.", icon="⛔")
    st.stop()
if not re.fullmatch(r"\d{3,4}", home):
    st.error("The home authority must be a DfE LA number of three or four digits, e.g. 886 for Kent.", icon="⛔")
    st.stop()

summary, problem = None, None
with st.spinner("Importing… the full national file takes a few seconds."):
    try:
        with tempfile.TemporaryDirectory(prefix="kpi-dfe-") as folder:
            folder = Path(folder)
            summary = import_dfe(
                db,
                _saved(folder, lait, "lait"),
                _saved(folder, neighbours, "neighbours"),
                _saved(folder, dictionary, "dictionary") if dictionary else None,
                home=home,
                user=current_user(),
            )
    except DfeImportError as exc:
        # the message names the temporary copy; show the uploaded file's own name instead
        problem = _plain(str(exc)) + " Nothing was changed."
    except StoreError as exc:
        problem = f"{exc} Nothing was changed."
    except Exception as exc:  # noqa: BLE001 - anything else: a plain sentence, never a traceback
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        problem = f"The import failed and nothing was changed ({_plain(first_line)[:300]})."

if problem:
    st.error(esc(problem), icon="⛔")
    st.stop()

st.cache_data.clear()  # every cached read is keyed on the data version, but free the old entries now
st.success(esc(import_summary(summary)), icon="✅")
if not summary["dictionary"]:
    st.info(
        "No data dictionary was given, so measures new to this database have no polarity yet: they get no "
        "rank or quartile until a dictionary is imported.",
        icon="ℹ️",
    )
st.page_link(
    PAGE_FILES["compare"],
    label="Open the Compare page",
    icon=":material/compare_arrows:",
    query_params={"la": summary["home"]},
)
