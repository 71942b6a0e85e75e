"""A plan's indicator computed from schools: its link to a catalogue entry (indicators.school_measure)."""

from __future__ import annotations

import pandas as pd

from kpi import audit
from kpi.schools.catalogue import CatalogueError, parse_link
from kpi.store import Store


def link_indicator(store: Store, code: str, spec: str | None, *, user: str) -> str:
    """Link (or with spec None/"none" unlink) one indicator; audited. Returns a one-line summary."""
    row = store.query("school_indicator_link", code=code)
    if row.empty:
        raise CatalogueError(f'There is no indicator "{code}". Its code is in the Indicator page\'s address (?code=).')
    real_code, old = row.iloc[0]["code"], row.iloc[0]["school_measure"]
    new = None if spec is None or str(spec).strip().lower() in ("", "none") else parse_link(spec).spec
    old = None if pd.isna(old) else old
    if new == old:
        return f"No change: {real_code} is {'computed from ' + new if new else 'not computed from schools'}."
    with store.transaction() as cur:
        cur.execute("UPDATE indicators SET school_measure = $m WHERE code = $c", {"m": new, "c": real_code})
        audit.record(cur, user, "school-measure", {"indicator": real_code, "old": old, "new": new})
    return f"{real_code} is now {'computed from ' + new if new else 'typed in returns only'}."


def link_many(cur, links: dict[str, str]) -> None:
    """Inside a caller's transaction: set several links at once (the demo's)."""
    for code, spec in links.items():
        cur.execute(
            "UPDATE indicators SET school_measure = $m WHERE code = $c AND school_measure IS DISTINCT FROM $m",
            {"m": parse_link(spec).spec, "c": code},
        )
