"""board-pack: the board pack as PDF or PowerPoint, the same content the Board page downloads."""

from __future__ import annotations

import argparse
from pathlib import Path

from kpi.commands import Refused, add_db, open_db
from kpi.reports import WRITERS, build_pack, write_pack


def cmd_board_pack(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in WRITERS:
        raise Refused(
            f"{out.name}: the board pack is written as PDF or PowerPoint, so --out must end in .pdf or .pptx."
        )
    pack = build_pack(open_db(args, read_only=True), plan=args.plan, period=args.period, since=args.since)
    try:
        write_pack(pack, out, slides=args.slides)
    except OSError as exc:
        raise Refused(
            f"{out}: the file cannot be written ({exc.strerror}). Check the folder exists and you may write to it."
        ) from None
    print(f"Wrote {out}: {len(pack.sections)} sections, {len(pack.tiles)} indicators.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("board-pack", help="write the board pack as PDF or PowerPoint")
    add_db(p)
    p.add_argument("--out", required=True, help="FILE.pdf or FILE.pptx")
    p.add_argument("--plan", help="plan code (default: the home authority's plan)")
    p.add_argument("--period", help='period label the figures are "as at", e.g. 2012 (default: latest)')
    p.add_argument(
        "--since",
        type=_day,
        help="the last board's date (DD/MM/YYYY or YYYY-MM-DD): risks whose score "
        "rose since then are shown (default: since each risk's previous review)",
    )
    p.add_argument(
        "--slides",
        choices=("priority", "indicator"),
        default="priority",
        help="PowerPoint: one slide per priority (default), or per priority its tiles and then one slide "
        "per indicator with its chart",
    )
    p.set_defaults(func=cmd_board_pack)


def _day(text: str):
    from kpi.returns.commentary_sheets import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
