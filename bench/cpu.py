"""Where the CPU goes under load: user + system seconds of the processes taking part (Linux /proc)."""

import os
import time
from pathlib import Path

# Process kinds, found by a word of their command line.
KINDS = {
    "gunicorn": "config.wsgi:application",
    "task clusters": "qcluster",
    "PostgreSQL": "postgres:",
}


def cpu_seconds(pids):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def processes(word):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if word in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


class CpuSplit:
    """CPU seconds spent by each kind of process (and this one, the clients) between start and stop.

    Processes that end in between lose their seconds: measure while the arrangement runs.
    """

    def __init__(self, kinds=KINDS):
        self.kinds = kinds

    def snapshot(self):
        pids = {kind: processes(word) for kind, word in self.kinds.items()}
        own = os.getpid()
        pids = {kind: [pid for pid in found if pid != own] for kind, found in pids.items()}
        return {**{kind: cpu_seconds(found) for kind, found in pids.items()}, "clients": time.process_time()}

    def __enter__(self):
        self.before = self.snapshot()
        return self

    def __exit__(self, *exc):
        after = self.snapshot()
        self.used = {kind: max(after[kind] - self.before.get(kind, 0), 0) for kind in after}

    def per(self, count):
        """Milliseconds of CPU per unit of work, as "gunicorn 8.0, PostgreSQL 2.2, ..."; and the total."""
        shares = {kind: seconds * 1000 / count for kind, seconds in self.used.items() if seconds}
        return sum(shares.values()), ", ".join(f"{kind} {ms:.1f}" for kind, ms in shares.items())
