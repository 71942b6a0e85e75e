"""Highlight report: per priority, reds and ambers with commentary and overdue actions first, then the rest,
then milestones; and the board pack (PDF or PowerPoint) to download, made from the same model."""

import pandas as pd
import streamlit as st

import pages.ui  # noqa: F401  (first: see pages/ui/links.py, import_page_modules)
from kpi.cards import card
from kpi.formatting import format_day
from kpi.highlight import ACROSS_PLAN, default_plan, period_choices, plan_as_of, plan_label, plans, risk_matrix
from kpi.reports import build_pack
from kpi.reports.pdf import write_pdf
from kpi.reports.pptx import write_pptx
from kpi.risks import since_words
from pages.risk_view import show_exceptions, show_matrix, since_param
from pages.ui import PAGE_FILES, demo_banner, esc, highlight, outlooks_at, series, store, user_errors
from pages.ui.ahead import make_ahead

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
period_choice = cols[1].selectbox(
    "Figures as at", choices, index=choices.index(params["period"]) if params.get("period") in choices else 0
)
# Actions are judged as at the plan's own date by default (kpi.highlight.plan_as_of), so a 2013-14 plan is not
# all overdue when read later; the key follows the plan so choosing another plan takes that plan's date.
as_of = cols[2].date_input(
    "Actions and milestones as at",
    value=plan_as_of(s, plan),
    format="DD/MM/YYYY",
    key=f"as-of-{plan}",
    help="Defaults to today, or to the plan's last due date once it has ended.",
)
since = cols[3].date_input(
    "Last board (for rising risks)",
    value=since_param(params.get("since")),
    format="DD/MM/YYYY",
    help="Blank: each risk's score is compared with its previous review.",
)
period = None if period_choice == "Latest figures" else period_choice
st.query_params.update({"plan": plan, **({"period": period} if period else {})})
if not period:
    st.query_params.pop("period", None)


@st.cache_data(show_spinner="Making the board pack…", max_entries=8)
def _pack(_store, version: int, plan, period, as_of, since, kind: str, slides: str) -> bytes:
    """From the figures and highlight report this page already holds (cached per data version)."""
    pack = build_pack(
        _store,
        plan=plan,
        period=period,
        as_of=as_of,
        since=since,
        series=series(),
        reports=highlight(plan, period, as_of, since),
        found=outlooks_at(period),
    )
    return write_pdf(pack) if kind == "pdf" else write_pptx(pack, slides=slides)


def _pack_bytes(kind: str) -> bytes:
    """What a download button gives, made on its own thread from the same model as this page; the PDF (whose
    key ignores the slide layout) is usually made ahead, at the end of this page, by this same call."""
    return _pack(s, s.data_version(), plan, period, as_of, since, kind, "priority" if kind == "pdf" else slides)


name = f"board-pack-{plan}-{(period or 'latest').replace('/', '-').replace(' ', '-')}"
dl = st.columns([2, 2, 2, 2])
slides = dl[3].selectbox(
    "PowerPoint slides",
    ["priority", "indicator"],
    format_func={"priority": "One per priority", "indicator": "One per indicator"}.get,
)
dl[0].download_button(
    "Board pack (PDF)",
    data=lambda: _pack_bytes("pdf"),
    file_name=f"{name}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
dl[1].download_button(
    "Board pack (PowerPoint)",
    data=lambda: _pack_bytes("pptx"),
    file_name=f"{name}.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
    on_click="ignore",
)
dl[2].page_link(
    PAGE_FILES["present"],
    label="Present this plan",
    icon=":material/co_present:",
    query_params={
        "plan": plan,
        **({"period": period} if period else {}),
        **({"since": since.isoformat()} if since else {}),
    },
)

with user_errors():
    reports = highlight(plan, period, as_of, since)
show_matrix(risk_matrix(s, plan), since_words(since))


held = series()  # one cached read for every card below (each call would unpickle the frame again)


def _indicator_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Indicator": c.title,
                "Period": c.period,
                "Actual": c.value,
                "Target": c.target_cell,
                "RAG": c.rag_label,
                "Direction": c.direction_label,
            }
            for c in (card(r, held) for r in rows)
        ]
    )


def _lines(rows: list[dict], milestone: bool = False) -> pd.DataFrame:
    if milestone:
        return pd.DataFrame(
            [
                {
                    "Milestone": m["title"],
                    "Target": m.get("target_text") or "",
                    "Due": format_day(m.get("due_date")),
                    "Status": m["status"] + (" (late)" if m.get("late") else ""),
                }
                for m in rows
            ]
        )
    return pd.DataFrame(
        [
            {
                "Action": a["description"],
                "Owner": a.get("owner") or "",
                "Due": format_day(a.get("due_date")),
                "Status": a["status"] + (" (overdue)" if a.get("overdue") else ""),
            }
            for a in rows
        ]
    )


# Tables show every word (st.table wraps), so no column is cut off.
for report in reports:
    if report.is_empty:
        continue
    flag = " — by exception" if report.has_exceptions else ""
    st.subheader(esc(report.title) + flag, divider="gray", anchor=False)
    if report.exceptions or report.overdue_actions:
        for row in report.exceptions:
            c = card(row, held)
            with st.container(border=True):
                lines = [
                    f"**{esc(c.rag_label)} · {esc(c.title)}** — {esc(c.value)} in {esc(c.period)} · "
                    f"{esc(c.target_line)} · {esc(c.direction_label)}"
                ]
                lines += [esc(line) for line in (c.band, c.place, c.reported) if line]
                lines += [f":material/info: Demo figure: {esc(caveat)}" for caveat in c.caveats]
                st.markdown("  \n".join(lines))
                if row.get("commentary"):
                    by = f" ({esc(row['commentary_author'])})" if row.get("commentary_author") else ""
                    st.markdown(f"Commentary{by}: {esc(row['commentary'])}")
                else:
                    st.warning("No commentary for this period.", icon=":material/warning:")
                    st.page_link(
                        PAGE_FILES["commentary"],
                        label=f"Write the commentary: {esc(c.title)}",
                        icon=":material/edit_note:",
                        query_params={"code": row["code"]},
                    )
        if report.overdue_actions:
            st.markdown("**Overdue actions**")
            st.table(_lines(report.overdue_actions), hide_index=True)
    elif report.priority_code:
        st.success("No red or amber indicators and no overdue actions.", icon=":material/check_circle:")
    show_exceptions(report.risks)
    if report.others:
        st.markdown("**Other indicators**")
        st.table(_indicator_table(report.others), hide_index=True)
    if report.actions:
        st.markdown("**Actions**" if report.title != ACROSS_PLAN else "**Actions across the plan**")
        st.table(_lines(report.actions), hide_index=True)
    if report.milestones:
        st.markdown("**Milestones**")
        st.table(_lines(report.milestones, milestone=True), hide_index=True)

# Last, once the page is drawn: the PDF is made on its own thread, so the press that usually follows gets it
# at once, and a press before it is ready waits only for the rest (pages/ui/ahead.py).
make_ahead(("board pack", str(s.path), s.data_version(), plan, period, as_of, since), lambda: _pack_bytes("pdf"))
