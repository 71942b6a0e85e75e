"""Streamlit helpers the national pages share: cached reads, the authority chooser, the model choice, the footer.

Every read is one query for every LA at once, cached on the data version (and the neighbour
model), so choosing another authority filters what is cached instead of querying again.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi import national
from kpi.benchmark import SN_MODEL
from kpi.model import is_missing
from pages.ui.data import store
from pages.ui.text import esc

HOME_KEY = "national_home_la"


def _key():
    s = store()
    return s, str(s.path), s.data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def _las(_db, path: str, version: int) -> pd.DataFrame:
    return national.las(_db)


@st.cache_data(show_spinner=False, max_entries=4)
def _models(_db, path: str, version: int) -> pd.DataFrame:
    return national.models(_db)


@st.cache_data(show_spinner=False, max_entries=8)
def _neighbours(_db, path: str, version: int, model: str) -> pd.DataFrame:
    return national.neighbours(_db, model)


@st.cache_data(show_spinner=False, max_entries=4)
def _measures(_db, path: str, version: int) -> pd.DataFrame:
    return national.measures(_db)


@st.cache_data(show_spinner=False, max_entries=4)
def _names(_db, path: str, version: int) -> dict:
    return national.area_names(_db)


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(_db, path: str, version: int, model: str, la: str, measures: tuple) -> pd.DataFrame:
    """One query per authority, model and data version: a switch back to an authority is instant."""
    return national.profile_figures(_db, la, measures, model)


@st.cache_data(show_spinner=False, max_entries=32)
def _values(_db, path: str, version: int, measures: tuple) -> pd.DataFrame:
    return national.values(_db, measures)


@st.cache_data(show_spinner=False, max_entries=4)
def _note(_db, path: str, version: int) -> str:
    """The "latest data" note: edition, what is held, when and how it was loaded."""
    return national.latest_data_note(_db, national.measures(_db))


def las() -> pd.DataFrame:
    return _las(*_key())


def models() -> pd.DataFrame:
    return _models(*_key())


def neighbours(model: str) -> pd.DataFrame:
    return _neighbours(*_key(), model)


def measures() -> pd.DataFrame:
    return _measures(*_key())


def names() -> dict:
    return _names(*_key())


def profile_figures(model: str, la: str, measure_list) -> pd.DataFrame:
    return _profile(*_key(), model, la, tuple(measure_list))


def values(measure_list) -> pd.DataFrame:
    return _values(*_key(), tuple(measure_list))


def no_national_data() -> bool:
    """Stop the page with a plain message when no DfE data is loaded (only where no snapshot ships)."""
    if las().empty:
        st.info(
            "No DfE national data is loaded. An administrator can load it on the Import DfE data page, or "
            "with python -m kpi update-data.",
            icon="ℹ️",
        )
        st.stop()
    return False


def choose_authority(column=None) -> tuple[str, pd.Series]:
    """The session's home authority: ?la= in the address, else this session's last choice, else the plan's own.

    Any of the current LAs may be chosen; the choice goes back into the address so the view can be shared.
    """
    frame = las()
    default = st.session_state.get(HOME_KEY) or store().home_area()
    code, warning = national.resolve_la(frame, st.query_params.get("la"), default)
    if warning:
        st.warning(esc(warning), icon="⚠️")
    options = frame["area_code"].tolist()
    names = dict(zip(frame["area_code"], frame["name"]))
    where = column or st
    la = where.selectbox(
        "Authority (type to search)",
        options,
        index=options.index(code),
        format_func=lambda a: f"{names.get(a, a)} ({a})",
        help="Makes any authority home for this session. Your own plan's authority stays the default.",
    )
    st.session_state[HOME_KEY] = la
    st.query_params["la"] = la
    return la, frame.set_index("area_code").loc[la]


def choose_model(column=None) -> tuple[str, str]:
    """(model, its name): ?model= in the address, else the default (newest) model."""
    frame = models()
    options = frame["model"].tolist() or [SN_MODEL]
    titles = dict(zip(frame["model"], frame["title"]))
    asked = st.query_params.get("model")
    where = column or st
    model = where.radio(
        "Statistical-neighbour model",
        options,
        index=options.index(asked) if asked in options else 0,
        format_func=lambda m: titles.get(m, m),
        horizontal=True,
        help="DfE's children's services statistical neighbours. Every neighbour figure names its model.",
    )
    st.query_params["model"] = model
    return model, titles.get(model, model)


def latest_note() -> str:
    return _note(*_key())


def footer() -> None:
    """The national data's edition, what it holds, and DfE's Open Government Licence attribution."""
    st.divider()
    st.caption(esc(latest_note()))
    st.caption(esc(national.ATTRIBUTION))


DEFAULT_MEASURE = "KS2RWM_Expected_STD"


def choose_measure(column=None, *, label: str = "Measure (type to search)") -> pd.Series:
    """One DfE measure: ?measure= in the address, else KS2 reading, writing and maths; its metadata row."""
    frame = measures()
    frame = frame[frame["years"] > 0]
    codes = frame["measure"].tolist()
    titles = dict(zip(frame["measure"], frame["title"]))
    asked = st.query_params.get("measure")
    default = asked if asked in codes else DEFAULT_MEASURE if DEFAULT_MEASURE in codes else codes[0]
    where = column or st
    measure = where.selectbox(
        label, codes, index=codes.index(default), format_func=lambda m: f"{titles.get(m) or m} ({m})"
    )
    if asked and asked not in codes:
        st.warning(
            f"The link asked for measure “{esc(asked)}”, which is not in DfE's data; showing {esc(measure)} instead.",
            icon="⚠️",
        )
    st.query_params["measure"] = measure
    return frame.set_index("measure").loc[measure].rename(measure)


def choose_year(labels: list[str], column=None, *, default: str | None = None) -> str:
    """A year of the measure: ?year= in the address, else the latest with data."""
    asked = st.query_params.get("year")
    pick = asked if asked in labels else default if default in labels else labels[-1]
    year = (column or st).selectbox("Year", labels, index=labels.index(pick))
    st.query_params["year"] = year
    return year


def metadata_panel(row: pd.Series, *, expanded: bool = False) -> None:
    """What DfE's dictionary says about a measure, shown beside every view of it."""
    with st.expander(f"About this measure: {esc(row['title'])}", expanded=expanded, icon=":material/info:"):
        for label, text in national.metadata({**row.to_dict(), "measure": row.name}):
            text = " ".join(text.split())
            if label == "Link" and text.startswith("http"):
                st.markdown(f"**{label}:** [{esc(text)}]({text})")
            else:
                st.markdown(f"**{label}:** {esc(text)}")


def chart(chart_spec, *, alt_text: str, stem: str, caption: str | None = None) -> None:
    """A chart with its text alternative, a caption saying how series differ, and SVG and PNG downloads."""
    from kpi import national_charts

    st.altair_chart(chart_spec, width="stretch", alt=alt_text)
    if caption:
        st.caption(esc(caption))
    row = st.container(horizontal=True)
    row.download_button(
        "Chart as SVG",
        lambda: national_charts.to_svg(chart_spec),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        icon=":material/image:",
        on_click="ignore",
        key=f"svg-{stem}",
    )
    row.download_button(
        "Chart as PNG",
        lambda: national_charts.to_png(chart_spec),
        file_name=f"{stem}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key=f"png-{stem}",
    )


def table(frame: pd.DataFrame, *, stem: str, sheet: str = "Data", decimals: int | None = None, height="auto") -> None:
    """A sortable table with CSV and Excel downloads made by kpi.exports (safe against formula injection)."""
    from kpi.exports import csv_bytes, xlsx_bytes

    numbers = {
        c: st.column_config.NumberColumn(format=f"%.{decimals}f" if decimals is not None else None)
        for c in frame.columns
        if pd.api.types.is_float_dtype(frame[c])
    }
    st.dataframe(frame, hide_index=True, width="stretch", height=height, placeholder="—", column_config=numbers)
    row = st.container(horizontal=True)
    row.download_button(
        "Download CSV",
        csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"csv-{stem}",
    )
    row.download_button(
        "Download Excel",
        lambda: xlsx_bytes(frame, sheet_name=sheet),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key=f"xlsx-{stem}",
    )


def file_part(text) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


def unit_and_decimals(row: pd.Series) -> tuple[str | None, int | None]:
    """A measure's unit and decimal places as the formatters take them (None: as DfE gives the figure)."""
    decimals = row.get("decimals")
    unit = row.get("unit")
    return (unit if isinstance(unit, str) else None), (None if is_missing(decimals) else int(decimals))
