"""Any authority's national picture: its profile, its region, its neighbours, every LA, and tables of your own.

Each view is one named query (sql/queries/national_*.sql) for every LA at once, then small pure
functions that pick one authority out of it, so switching authority is a filter, not a query.
Figures follow DfE's LAIT as kpi.benchmark does (neighbour mean of those with data; rank 1 best,
ties share the lowest rank; quartile bands from all LAs' values, A best); ratings against a
target by position use kpi.positions, as a plan's own position targets do.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kpi import audit, benchmark, trend
from kpi.benchmark import ENGLAND, SN_MODEL
from kpi.cards import Card, cards
from kpi.errors import UserError
from kpi.model import POLARITY_WORDS, has_value, is_missing
from kpi.positions import parse_position, rate_position
from kpi.store import Store

# The dashboard's default profile: the measures a school-improvement service reports, by topic
# (LAIT "Short Desc" names from DfE's data dictionary). A council can replace the targets.
PROFILE_DEFAULT = (
    ("Early years", ("FSP_NEW_GOODDEV", "%_2yr_olds")),
    ("Key stage 2", ("KS2RWM_Expected_STD", "KS2RWM_Higher_STD", "DAP_NEW_KS2_RWM")),
    ("Key stage 4", ("AVG_Attain8_Score", "AVG_Prog8_Score", "EngMaths9-4", "DAP_KS4_ATT8")),
    ("Absence", ("TotAbs", "TotPerAbNew")),
    ("Exclusions", ("TotFixedEx", "TotPermEx")),
    ("SEND", ("SEN_EHC_Excpt_20wks", "SEN_Stat_AVG_Attain8_Score")),
    ("Children in need", ("CIN_KS2_ExpStd_RWM", "CINPermAbsent_3Term")),
    ("Looked after children", ("LAC_KS2_ExpStd_RWM", "LAC_KS4_AVG_Attain8", "LACStable_2016on", "CareLeaverEET")),
)
DEFAULT_TARGET = "at or better than the neighbour average"
# Councils replaced by local government reorganisation (2019-2023): kept for their history, not offered as home.
FORMER_LAS = ("835", "836", "837", "909", "928")


class NationalError(UserError, ValueError):
    """A choice the national data cannot answer (unknown LA, measure or target); the message says what to do."""


# -- who and what ------------------------------------------------------------------------------
def las(store: Store) -> pd.DataFrame:
    """The 153 current LAs (area_code, name, region_code, region_name), by name."""
    areas = store.query("dfe_areas")
    names = dict(zip(areas["area_code"], areas["name"]))
    frame = areas[(areas["kind"] == "la") & ~areas["area_code"].isin(FORMER_LAS)].copy()
    frame["region_name"] = frame["region_code"].map(names)
    return frame[["area_code", "name", "region_code", "region_name"]].sort_values("name").reset_index(drop=True)


def area_names(store: Store) -> dict[str, str]:
    """Every LA's, region's and England's name by code."""
    areas = store.query("dfe_areas")
    return dict(zip(areas["area_code"], areas["name"]))


def models(store: Store) -> pd.DataFrame:
    """The neighbour models held (model, title, las), the default first."""
    return store.query("national_models")


def model_title(models_frame: pd.DataFrame, model: str) -> str:
    hit = models_frame.loc[models_frame["model"] == model, "title"]
    return str(hit.iloc[0]) if len(hit) else "DfE statistical neighbours"


def neighbours(store: Store, model: str = SN_MODEL) -> pd.DataFrame:
    """Every LA's neighbours in a model: area_code, neighbour_code, position, closeness, neighbour_name."""
    return store.query("national_neighbours", model=model)


def measures(store: Store) -> pd.DataFrame:
    """Every DfE measure with its dictionary metadata and years held."""
    return store.query("national_measures")


def resolve_la(la_frame: pd.DataFrame, asked, default: str) -> tuple[str, str | None]:
    """(LA code to show, a warning or None): an unknown ?la= falls back to the default, saying so."""
    codes = set(la_frame["area_code"])
    text = None if is_missing(asked) else str(asked).strip()
    if text and text in codes:
        return text, None
    if text:
        by_name = la_frame[la_frame["name"].str.lower() == text.lower()]
        if len(by_name):
            return str(by_name["area_code"].iloc[0]), None
    fallback = default if default in codes else str(la_frame["area_code"].iloc[0])
    return fallback, (
        f"“{text}” is not a local authority in DfE's data; showing "
        f"{la_frame.set_index('area_code').loc[fallback, 'name']} instead."
        if text
        else None
    )


# -- the profile ---------------------------------------------------------------------------------
def profile_choice(store: Store) -> pd.DataFrame:
    """The profile's measures in order (measure, topic, target_text): the council's choice, else the default set."""
    chosen = store.query("profile_measures")
    if chosen.empty:
        rows = [(m, topic, DEFAULT_TARGET) for topic, group in PROFILE_DEFAULT for m in group]
        chosen = pd.DataFrame(
            [(m, t, i, x) for i, (m, t, x) in enumerate(rows)],
            columns=["measure", "topic", "sort_order", "target_text"],
        )
    held = set(store.query("dfe_measure_names")["measure"])
    return chosen[chosen["measure"].isin(held)].reset_index(drop=True)


def profile_figures(store: Store, la: str, measure_list, model: str = SN_MODEL) -> pd.DataFrame:
    """The authority's LAIT figures for each measure, every year: one query (kpi.benchmark.figures, the one
    implementation of rank, quartile and neighbour average), cached by the page per LA and data version."""
    return benchmark.figures(store, None, la, model=model, measures=list(measure_list))


def latest_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Each measure's latest year with an England figure (the year DfE has published), with the year before."""
    frame = figures.sort_values(["measure", "end_date", "start_date"])
    frame = frame.assign(previous_label=frame.groupby("measure")["label"].shift())
    published = frame[frame["england"].notna() | frame["value"].notna()]
    return published.groupby("measure", sort=False).tail(1).set_index("measure")


def set_profile_targets(store: Store, targets: dict[str, str], user: str) -> int:
    """Save the council's target by position for profile measures; every one is checked before any is written."""
    choice = profile_choice(store)
    known = set(choice["measure"])
    for measure, text in targets.items():
        if measure not in known:
            raise NationalError(f"{measure} is not one of the profile's measures.")
        if parse_position(text) is None:
            raise NationalError(
                f"“{text}” is not a target by position. Write, for example, “quartile A”, "
                "“top 10 nationally”, “top 3 of neighbours”, “at or better than England” or "
                "“in line with the neighbour average”."
            )
    merged = choice.copy()
    old = dict(zip(merged["measure"], merged["target_text"]))
    merged["target_text"] = [
        parse_position(targets[m]).text if m in targets else t for m, t in zip(merged["measure"], merged["target_text"])
    ]
    changed = {m: {"old": old[m], "new": t} for m, t in zip(merged["measure"], merged["target_text"]) if old[m] != t}
    if not changed:
        return 0
    with store.transaction() as cur:
        cur.execute("DELETE FROM profile_measures")
        cur.register("profile_rows", merged[["measure", "topic", "sort_order", "target_text"]])
        cur.execute("INSERT INTO profile_measures SELECT measure, topic, sort_order, target_text FROM profile_rows")
        cur.unregister("profile_rows")
        audit.record(cur, user, "profile-targets", changed)
    return len(changed)


def _amber_band(thresholds) -> float | None:
    """The profile's amber band for a comparator target: a quarter of the spread between the lower and upper
    quartiles of all LAs, so it suits a percentage, an Attainment 8 score and a Progress 8 score alike."""
    if thresholds is None or len(thresholds) != 3:
        return None
    return round((float(thresholds[2]) - float(thresholds[0])) / 4, 6) or None


def profile_rows(
    figures: pd.DataFrame,
    choice: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    model_name: str,
    names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per profile measure for one LA (from profile_figures), shaped like an assessed indicator row,
    so kpi.cards words it and kpi.positions rates it exactly as a plan's own targets by position."""
    mine = latest_rows(figures)
    about = catalogue.set_index("measure")
    out = []
    for item in choice.itertuples(index=False):
        if item.measure not in mine.index or item.measure not in about.index:
            continue
        r, m = mine.loc[item.measure].to_dict(), about.loc[item.measure].to_dict()
        polarity = r["polarity"] if r["polarity"] in ("higher", "lower") else None
        raw = r["thresholds"]
        thresholds = [float(t) for t in raw] if hasattr(raw, "__len__") and len(raw) == 3 else None
        unit = m["unit"] if isinstance(m["unit"], str) else ""
        decimals = None if is_missing(m["decimals"]) else int(m["decimals"])
        row = {
            "code": item.measure,
            "measure": item.measure,
            "priority": item.topic,
            "topic": item.topic,
            "title": m["title"] or item.measure,
            "unit": unit,
            "decimals": decimals,
            "polarity": polarity or "none",
            "period": r["label"],
            "end_date": r["end_date"],
            "previous_period": r["previous_label"],
            "actual": r["value"],
            "previous_actual": r["previous"],
            "change": None
            if is_missing(r["value"]) or is_missing(r["previous"])
            else round(r["value"] - r["previous"], 10),
            "direction": trend.direction(r["previous"], r["value"], polarity, decimals) if polarity else None,
            "rank": r["rank"],
            "rank_of": r["rank_of"],
            "quartile": r["quartile"] if isinstance(r["quartile"], str) else None,
            "quartile_thresholds": thresholds,
            "sn_average": r["sn_average"],
            "sn_n": r["sn_n"],
            "sn_rank": r["sn_rank"],
            "sn_rank_of": r["sn_rank_of"],
            "sn_model": model_name,
            "national": r["england"],
            "region": r["region"],
            "region_name": (names or {}).get(r["region_code"], "Region"),
            "target": None,
            "target_text": item.target_text,
            "tolerance": _amber_band(thresholds),
            "dfe_measure": item.measure,
        }
        for gap, other in (("gap_to_sn", "sn_average"), ("gap_to_national", "national")):
            row[gap] = None if is_missing(row["actual"]) or is_missing(row[other]) else row["actual"] - row[other]
        position = parse_position(item.target_text)
        if is_missing(row["actual"]):
            rag, reason = "no_data", f"No figure for {row['period']} (missing or suppressed)."
        elif polarity is None:
            rag, reason = "no_target", "This measure has no better direction, so it has no target."
        elif position is None:
            rag, reason = "no_target", "No target by position is set."
        else:
            rating = rate_position(position, row, polarity, row["tolerance"], unit, decimals)
            rag, reason = rating.rag, rating.reason
        row.update(rag=rag, rag_reason=reason)
        out.append(row)
    return pd.DataFrame(out)


def profile_cards(rows: pd.DataFrame) -> list[Card]:
    """The profile's cards, worded by kpi.cards like every other tile."""
    return cards(rows)


# -- one measure, every area, every year ---------------------------------------------------------
def values(store: Store, measure_list) -> pd.DataFrame:
    """Every LA's, region's and England's value of the measures, every year, with each LA's rank that year."""
    return store.query("national_values", measures=list(measure_list))


def region_table(frame: pd.DataFrame, la_frame: pd.DataFrame, region_code: str, year: str) -> pd.DataFrame:
    """The region's LAs in one year, best first (Area code, LA, Value, National rank), then the region and England."""
    year_rows = frame[frame["label"] == year]
    members = set(la_frame.loc[la_frame["region_code"] == region_code, "area_code"])
    las_rows = year_rows[year_rows["area_code"].isin(members)].sort_values(["rank", "name"], na_position="last")
    extra = year_rows[year_rows["area_code"].isin([region_code, ENGLAND])].sort_values("kind", ascending=False)
    both = pd.concat([las_rows, extra], ignore_index=True)
    return pd.DataFrame(
        {
            "Area code": both["area_code"],
            "Area": both["name"],
            "Value": both["value"].astype("float64"),
            "National rank": both["rank"].astype("Int64"),
        }
    )


def regions_over_time(frame: pd.DataFrame) -> pd.DataFrame:
    """Every region and England, one column per year (rows in name order, England last)."""
    rows = frame[frame["kind"].isin(["region", "england"])]
    rows = rows[~rows["name"].str.startswith("London (")]  # Inner and Outer London are shown within London
    order = rows.drop_duplicates("label")["label"].tolist()
    wide = rows.pivot_table(index=["kind", "name"], columns="label", values="value", aggfunc="first")
    wide = wide.reindex(columns=order).reset_index().sort_values(["kind", "name"], ascending=[False, True])
    return wide.drop(columns="kind").rename(columns={"name": "Area"}).reset_index(drop=True)


def all_las_table(frame: pd.DataFrame, la_frame: pd.DataFrame) -> pd.DataFrame:
    """Every current LA across every year (a column per year), with the latest change from the year before
    and the latest national rank; sorted best first."""
    rows = frame[frame["kind"] == "la"]
    rows = rows[rows["area_code"].isin(set(la_frame["area_code"]))]
    order = frame.drop_duplicates("label")["label"].tolist()
    if not order:
        return pd.DataFrame()
    wide = rows.pivot_table(index="area_code", columns="label", values="value", aggfunc="first")
    wide = wide.reindex(index=la_frame["area_code"], columns=order)  # LAs without figures too, as blanks
    latest = next((y for y in reversed(order) if y in wide and wide[y].notna().any()), order[-1])
    earlier = order[: order.index(latest)]
    before = earlier[-1] if earlier else None
    ranks = rows[rows["label"] == latest].set_index("area_code")["rank"]
    names = la_frame.set_index("area_code")
    out = pd.DataFrame(
        {
            "Area code": wide.index,
            "LA": names.reindex(wide.index)["name"].values,
            "Region": names.reindex(wide.index)["region_name"].values,
        }
    )
    for year in order:
        out[year] = wide[year].astype("float64").values
    out[f"Change {before} to {latest}" if before else "Change"] = (
        (wide[latest] - wide[before]).astype("float64").values if before else None
    )
    out[f"Rank {latest}"] = ranks.reindex(wide.index).astype("Int64").values
    out = out.sort_values([f"Rank {latest}", "LA"], na_position="last").reset_index(drop=True)
    out.attrs.update(latest=latest, previous=before)
    return out


def neighbour_series(frame: pd.DataFrame, la: str, group: list[str]) -> pd.DataFrame:
    """The LA, each neighbour, their average and England over time, long: label, end_date, series, value."""
    rows = frame[frame["area_code"].isin([la, *group, ENGLAND])]
    long = pd.DataFrame(
        {
            "label": rows["label"],
            "end_date": rows["end_date"],
            "area_code": rows["area_code"],
            "series": rows["name"],
            "value": rows["value"].astype("float64"),
        }
    )
    avg = (
        frame[frame["area_code"].isin(group)].groupby(["label", "end_date"], as_index=False, sort=False)["value"].mean()
    )
    avg = avg.assign(area_code="sn", series="Neighbour average")
    return pd.concat([long, avg], ignore_index=True).sort_values(["end_date", "series"]).reset_index(drop=True)


# -- create your own -----------------------------------------------------------------------------
PRESETS = {"neighbours": "My neighbours", "region": "My region", "all": "All LAs"}


def preset_areas(preset: str, la: str, la_frame: pd.DataFrame, groups: pd.DataFrame) -> list[str]:
    """The LAs a preset means for an authority: it and its neighbours, its region's LAs, or every LA."""
    if preset == "neighbours":
        return [la, *groups.loc[groups["area_code"] == la, "neighbour_code"].tolist()]
    if preset == "region":
        region = la_frame.loc[la_frame["area_code"] == la, "region_code"]
        return la_frame.loc[la_frame["region_code"] == region.iloc[0], "area_code"].tolist() if len(region) else [la]
    if preset == "all":
        return la_frame["area_code"].tolist()
    raise NationalError(f"Unknown preset {preset}; choose one of {', '.join(PRESETS)}.")


def _end_year(end_date) -> int:
    return pd.Timestamp(end_date).year


def custom_table(
    frame: pd.DataFrame, areas: list[str], first: int, last: int, *, england: bool = True, titles: dict | None = None
) -> pd.DataFrame:
    """Long rows of the chosen areas (plus England) by measure and year, for years ending first..last:
    Measure, Title, Area code, Area, Year, Value, National rank. Measures in the order of `titles`."""
    wanted = [*areas, *([ENGLAND] if england else [])]
    rows = frame[frame["area_code"].isin(wanted)]
    ends = rows["end_date"].map(_end_year)
    rows = rows[(ends >= first) & (ends <= last)]
    order = {a: i for i, a in enumerate(wanted)}
    measure_order = {m: i for i, m in enumerate(titles or {})}
    rows = rows.assign(
        _o=rows["area_code"].map(order), _m=rows["measure"].map(measure_order).fillna(len(measure_order))
    )
    rows = rows.sort_values(["_m", "measure", "_o", "end_date"])
    return pd.DataFrame(
        {
            "Measure": rows["measure"],
            "Title": rows["measure"].map(titles or {}).fillna(rows["measure"]),
            "Area code": rows["area_code"],
            "Area": rows["name"],
            "Year": rows["label"],
            "Value": rows["value"].astype("float64"),
            "National rank": rows["rank"].astype("Int64"),
        }
    ).reset_index(drop=True)


def custom_wide(long: pd.DataFrame) -> pd.DataFrame:
    """The long table as people read it: a row per area and measure, a column per year."""
    if long.empty:
        return long
    years = long.drop_duplicates("Year")["Year"].tolist()
    wide = (
        long.pivot_table(
            index=["Measure", "Title", "Area code", "Area"], columns="Year", values="Value", aggfunc="first", sort=False
        )
        .reindex(columns=years)
        .reset_index()
    )
    wide.columns.name = None
    return wide


def year_span(frame: pd.DataFrame) -> tuple[int, int]:
    ends = frame["end_date"].map(_end_year)
    return (int(ends.min()), int(ends.max())) if len(ends) else (date.today().year, date.today().year)


# -- metadata and the latest-data note -----------------------------------------------------------
def _when(text) -> str:
    if is_missing(text) or not str(text).strip():
        return ""
    try:
        return f"{date.fromisoformat(str(text)):%B %Y}"
    except ValueError:
        return str(text)


def metadata(row: dict) -> list[tuple[str, str]]:
    """(label, text) pairs for a measure's metadata panel, leaving out what the dictionary does not give."""
    polarity = row.get("polarity")
    pairs = [
        ("Measure", f"{row['title']} ({row['measure']})"),
        ("Topic", row.get("topic") or ""),
        ("Description", row.get("description") or ""),
        ("Methodology", row.get("methodology") or ""),
        ("Source", row.get("source") or ""),
        ("Link", row.get("source_url") or ""),
        ("Polarity", POLARITY_WORDS.get(polarity if polarity in ("higher", "lower") else "none")),
        ("Unit", row.get("unit") or ""),
        (
            "Years held",
            f"{row['first_year']} to {row['latest_year']} ({int(row['years'])} years)"
            if has_value(row.get("years")) and row.get("years")
            else "",
        ),
        ("Last updated by DfE", _when(row.get("last_update"))),
        ("Next update", _when(row.get("next_update"))),
    ]
    return [(k, str(v)) for k, v in pairs if v and not is_missing(v)]


def edition(store: Store) -> dict | None:
    rows = store.query("national_edition")
    return None if rows.empty else rows.iloc[0].to_dict()


def latest_data_note(store: Store, measure_frame: pd.DataFrame | None = None) -> str:
    """What the national data holds, in one sentence: edition, measures, latest years, when and how it was loaded."""
    info = edition(store)
    frame = measures(store) if measure_frame is None else measure_frame
    if info is None or frame.empty:
        return "No national data is loaded."
    with_years = frame[frame["years"] > 0]
    newest = with_years.sort_values("latest_year").tail(1)
    loaded = pd.Timestamp(info["loaded_at"])
    origin = str(info["origin"])
    where = (
        "the built-in snapshot"
        if origin == "built-in snapshot"
        else origin
        if origin.startswith("http")
        else "DfE's files, by an administrator"
    )  # never a server path
    return (
        f"National data: {info['edition']}. {len(with_years)} measures; latest year held: "
        f"{newest['latest_year'].iloc[0] if len(newest) else '—'}. Loaded {loaded:%d %B %Y} from {where}."
    )


ATTRIBUTION = (
    "Source: Department for Education, Local Authority Interactive Tool (LAIT). Contains public sector "
    "information licensed under the Open Government Licence v3.0."
)
