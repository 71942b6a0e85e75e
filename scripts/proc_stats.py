"""What Linux's /proc says about a process: memory and CPU time, for the benchmark scripts."""

from __future__ import annotations

import os
from pathlib import Path


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A /proc/PID/status memory field in MB: VmRSS resident now, VmHWM its peak so far; 0 when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pids) -> float:
    """User plus system CPU time used so far by these processes, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def browser_pids() -> list[int]:
    """Chromium's processes: a load's clients, whose CPU competes with the server's on a small machine."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if "chromium" in (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
