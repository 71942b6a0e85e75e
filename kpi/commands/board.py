"""board-pack: the board pack as PDF or PowerPoint, the same content the Board page downloads."""
from __future__ import annotations

import sys
from pathlib import Path

from kpi.commands import add_db, open_db
from kpi.highlight import UnknownPeriod
from kpi.reports import WRITERS, PackError, build_pack, write_pack


def cmd_board_pack(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in WRITERS:
        print(f'{out.name}: the board pack is written as PDF or PowerPoint, so --out must end in .pdf or .pptx.',
              file=sys.stderr)
        return 2
    store = open_db(args)
    try:
        pack = build_pack(store, plan=args.plan, period=args.period)
        write_pack(pack, out)
    except (PackError, UnknownPeriod) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{out}: the file cannot be written ({exc.strerror}). Check the folder exists and you may write to it.",
              file=sys.stderr)
        return 2
    print(f"Wrote {out}: {len(pack.sections)} sections, {len(pack.tiles)} indicators.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("board-pack", help="write the board pack as PDF or PowerPoint")
    add_db(p)
    p.add_argument("--out", required=True, help="FILE.pdf or FILE.pptx")
    p.add_argument("--plan", help="plan code (default: the home authority's plan)")
    p.add_argument("--period", help='period label the figures are "as at", e.g. 2012 (default: latest)')
    p.set_defaults(func=cmd_board_pack)
