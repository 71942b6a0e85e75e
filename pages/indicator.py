"""Indicator: the trend chart, a one-sentence summary, the series as a table with RAG per period, the definition."""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.charts import alt_text, trend_chart
from kpi.charts import caption as chart_caption
from kpi.formatting import format_diff, format_target, format_value
from kpi.model import POLARITY_WORDS
from kpi.outlook import CHART_KEY
from kpi.outlook import lines as outlook_lines
from kpi.positions import POSITION_RULE
from kpi.rag import rule_text
from pages.ui import chart, demo_banner, direction_label, esc, latest_cards, outlooks, rag_label, series

frame = series()
definitions = frame.drop_duplicates("code")
codes = definitions["code"].tolist()
titles = dict(zip(definitions["code"], definitions["title"]))

wanted = st.query_params.get("code")
index = codes.index(wanted) if wanted in codes else 0
code = st.selectbox("Indicator", codes, index=index, format_func=lambda c: f"{titles[c]} ({c})")
st.query_params["code"] = code

rows = frame[(frame["code"] == code)]
definition = rows.iloc[0]
rows = rows[rows["period"].notna()]
unit, dp = definition["unit"], definition["decimals"]

st.title(esc(definition["title"]))
demo_banner()
st.caption(f"{esc(definition['priority'])} · {POLARITY_WORDS.get(definition['polarity'], '')} · unit: {esc(unit)}")

card = latest_cards().get(code)
if card is not None:
    st.markdown(
        f":{card.rag_badge}-badge[{esc(card.rag_label)}] **{esc(card.value)}** "
        f"{esc(card.period) if card.has_figure else ''} · {esc(card.target_line)} · "
        f"{esc(card.direction_label)}" + "".join(f"  \n{esc(line)}" for line in (card.band, card.place) if line)
    )
    st.markdown(esc(card.summary if card.has_figure else card.no_figures))
    for caveat in card.caveats:
        st.caption(f":material/info: Demo figure: {esc(caveat)}")
    if card.reported_long:
        st.warning(esc(card.reported_long), icon="⚠️")

if rows.empty:
    st.info(
        esc(card.no_figures if card is not None else "There are no figures for this indicator yet."),
        icon=":material/info:",
    )
else:
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        outlook = outlooks().get(code)
        chart(
            ("indicator", code),
            lambda: trend_chart(rows, outlook=outlook),
            width="stretch",
            alt=alt_text(definition["title"], rows, card.summary if card is not None else ""),
        )
        st.caption(esc(chart_caption(rows) + (" " + CHART_KEY if outlook is not None else "")))
    with table_tab:
        table = pd.DataFrame(
            {
                "Period": rows["period"],
                "Actual": [format_value(v, unit, dp) for v in rows["actual"]],
                "Target": [format_target(v, t, unit, dp) for v, t in zip(rows["target"], rows["target_text"])],
                "RAG": [rag_label(r) for r in rows["rag"]],
                "Reported RAG": [rag_label(r) if isinstance(r, str) else "" for r in rows["rag_reported"]],
                "Direction": [
                    direction_label(d, definition["polarity"]) if isinstance(d, str) else "" for d in rows["direction"]
                ],
                "Gap to target": [format_diff(v, unit, dp) for v in rows["gap_to_target"]],
                "Statistical neighbours": [format_value(v, unit, dp) for v in rows["sn_average"]],
                "Rank": [f"{int(r)} of {int(n)}" if pd.notna(r) else "" for r, n in zip(rows["rank"], rows["rank_of"])],
                "Quartile": [q if isinstance(q, str) else "" for q in rows["quartile"]],
                "England": [format_value(v, unit, dp) for v in rows["national"]],
                "Status": rows["status"].fillna(""),
                "Notes": rows["notes"].fillna(""),
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")

said = outlook_lines(outlooks().get(code))
if said:
    st.subheader("Will we hit the target?")
    st.markdown("\n".join(f"- {esc(line)}" for line in said))

st.subheader("Definition")
st.markdown(
    f"- **Code:** {esc(code)}\n"
    f"- **Description:** {esc(definition['description'] or '—')}\n"
    f"- **Polarity:** {POLARITY_WORDS.get(definition['polarity'], '')}\n"
    f"- **Unit:** {esc(unit)}; **frequency:** {esc(definition['frequency'])}; **decimal places:** {int(dp)}\n"
    f"- **RAG rule:** {esc(rule_text(definition['tolerance'], unit))} {esc(POSITION_RULE)}\n"
    f"- **Floor:** {esc(format_value(definition['floor'], unit, dp))}\n"
    f"- **Owner:** {esc(definition['owner'] or '—')}; **source:** {esc(definition['source'] or '—')}"
)
