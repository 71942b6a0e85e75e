"""python -m kpi: the command line. A thin layer over the library; see kpi/commands/."""

from kpi.commands import main

if __name__ == "__main__":
    raise SystemExit(main())
