"""Highlight report: per priority, reds and ambers with commentary and overdue actions first, then the rest,
then milestones; and the board pack (PDF or PowerPoint) to download, made from the same model."""
from datetime import date

import pandas as pd
import streamlit as st

from kpi.formatting import format_target, format_value
from kpi.highlight import ACROSS_PLAN, default_plan, period_choices, plan_label, plans, risk_matrix
from kpi.reports import build_pack
from kpi.reports.pdf import write_pdf
from kpi.reports.pptx import write_pptx
from kpi.risks import since_words
from pages.risk_view import show_exceptions, show_matrix, since_param
from pages.ui import PAGE_FILES, demo_banner, direction_label, esc, highlight, rag_label, series, store, user_errors

st.title("Highlight report")
demo_banner()
s = store()
known = plans(s)
if known.empty:
    st.info("There are no plans yet. Upload a return with plans and priorities first.")
    st.stop()
codes = known["plan_code"].tolist()
titles = {r["plan_code"]: plan_label(r) for r in known.to_dict("records")}
params = st.query_params
wanted = params.get("plan") if params.get("plan") in codes else default_plan(s)
choices = ["Latest figures"] + period_choices(series())[::-1]
cols = st.columns([3, 2, 2, 2])
plan = cols[0].selectbox("Plan", codes, index=codes.index(wanted), format_func=lambda c: titles.get(c) or c)
period_choice = cols[1].selectbox("Figures as at", choices,
                                  index=choices.index(params["period"]) if params.get("period") in choices else 0)
as_of = cols[2].date_input("Actions and milestones as at", value=date.today(), format="DD/MM/YYYY")
since = cols[3].date_input("Last board (for rising risks)", value=since_param(params.get("since")),
                           format="DD/MM/YYYY", help="Blank: each risk's score is compared with its previous review.")
period = None if period_choice == "Latest figures" else period_choice
st.query_params.update({"plan": plan, **({"period": period} if period else {})})
if not period:
    st.query_params.pop("period", None)


def _pack_bytes(kind: str) -> bytes:
    """Made only when a download button is pressed (on its own thread), from the same model as this page."""
    pack = build_pack(s, plan=plan, period=period, as_of=as_of, since=since)
    return write_pdf(pack) if kind == "pdf" else write_pptx(pack)


name = f"board-pack-{plan}-{(period or 'latest').replace('/', '-').replace(' ', '-')}"
dl = st.columns([2, 2, 2, 1])
dl[0].download_button("Board pack (PDF)", data=lambda: _pack_bytes("pdf"), file_name=f"{name}.pdf",
                      mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore")
dl[1].download_button("Board pack (PowerPoint)", data=lambda: _pack_bytes("pptx"), file_name=f"{name}.pptx",
                      mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      icon=":material/slideshow:", on_click="ignore")
dl[2].page_link(PAGE_FILES["present"], label="Present this plan", icon=":material/co_present:",
                query_params={"plan": plan, **({"period": period} if period else {}),
                              **({"since": since.isoformat()} if since else {})})

with user_errors():
    reports = highlight(plan, period, as_of, since)
show_matrix(risk_matrix(s, plan), since_words(since))


def _indicator_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{"Indicator": r["title"], "Period": r.get("period") or "—",
                          "Actual": format_value(r.get("actual"), r["unit"], r["decimals"]),
                          "Target": format_target(r.get("target"), r.get("target_text"), r["unit"], r["decimals"]),
                          "RAG": rag_label(r["rag"]), "Direction": direction_label(r.get("direction"), r["polarity"])}
                         for r in rows])


def _lines(rows: list[dict], milestone: bool = False) -> pd.DataFrame:
    if milestone:
        return pd.DataFrame([{"Milestone": m["title"], "Target": m.get("target_text") or "", "Due": m.get("due_date"),
                              "Status": m["status"] + (" (late)" if m.get("late") else "")} for m in rows])
    return pd.DataFrame([{"Action": a["description"], "Owner": a.get("owner") or "", "Due": a.get("due_date"),
                          "Status": a["status"] + (" (overdue)" if a.get("overdue") else "")} for a in rows])


date_col = {"Due": st.column_config.DateColumn("Due", format="D MMM YYYY")}
for report in reports:
    if report.is_empty:
        continue
    flag = " — by exception" if report.has_exceptions else ""
    st.subheader(esc(report.title) + flag, divider="gray")
    if report.exceptions or report.overdue_actions:
        for row in report.exceptions:
            with st.container(border=True):
                st.markdown(f"**{esc(rag_label(row['rag']))} · {esc(row['title'])}** — "
                            f"{esc(format_value(row.get('actual'), row['unit'], row['decimals']))} in {esc(row.get('period'))}, "
                            f"target {esc(format_value(row.get('target'), row['unit'], row['decimals']))}")
                if row.get("commentary"):
                    st.markdown(f"Commentary ({esc(row.get('commentary_author'))}): {esc(row['commentary'])}")
                else:
                    st.warning("No commentary for this period.", icon=":material/warning:")
                    st.page_link(PAGE_FILES["commentary"], label="Write the commentary", icon=":material/edit_note:",
                                 query_params={"code": row["code"]})
        if report.overdue_actions:
            st.markdown("**Overdue actions**")
            st.dataframe(_lines(report.overdue_actions), hide_index=True, column_config=date_col)
    elif report.priority_code:
        st.success("No red or amber indicators and no overdue actions.", icon=":material/check_circle:")
    show_exceptions(report.risks)
    if report.others:
        st.markdown("**Other indicators**")
        st.dataframe(_indicator_table(report.others), hide_index=True)
    if report.actions:
        st.markdown("**Actions**" if report.title != ACROSS_PLAN else "**Actions across the plan**")
        st.dataframe(_lines(report.actions), hide_index=True, column_config=date_col)
    if report.milestones:
        st.markdown("**Milestones**")
        st.dataframe(_lines(report.milestones, milestone=True), hide_index=True, column_config=date_col)
