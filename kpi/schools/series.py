"""School-based figures for the indicators that name a catalogue entry, shaped like DfE's, so one series takes both.

Each linked indicator is computed as at the end of every period it has (its targets' and actuals'
periods), for every LA, so its rank, quartile and neighbour average come out as for a DfE measure.
"""

from __future__ import annotations

import pandas as pd

from kpi.benchmark import SN_MODEL
from kpi.schools.catalogue import parse_link
from kpi.schools.measures import all_figures, select
from kpi.store import Store


def indicator_school_figures(store: Store, area: str) -> pd.DataFrame:
    """Rows like indicator_dfe_figures' (plus school_measure, school_n, school_not_judged); empty when none is linked."""
    linked = store.query("school_linked_periods", area=area)
    if linked.empty:
        return pd.DataFrame()
    links = {spec: parse_link(spec) for spec in linked["school_measure"].unique()}
    linked["polarity"] = linked["school_measure"].map({s: link.measure.polarity for s, link in links.items()})
    figures = all_figures(store, linked["end_date"].tolist())
    values = []
    for spec, link in links.items():
        rows = select(figures, link)[["as_at", "area", "kind", "value", "schools", "not_judged"]]
        values.append(rows.assign(school_measure=spec))
    frame = pd.concat(values, ignore_index=True)
    frame["as_at"] = pd.to_datetime(frame["as_at"])
    return store.query(
        "indicator_school_figures", frames={"school_linked": linked, "school_values": frame}, model=SN_MODEL
    )
