"""Run the benchmarks and print a table: python -m bench [NAME ...] (names match bench_NAME.py).

Exits with status 1 when a benchmark crashed or a figure missed its target; the table's ``result``
column says which (``ERROR``, ``MISSED``), so `make bench` fails as a test would.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    # WhiteNoise warns that static files are not collected; benchmarks serve no static files.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import django

    django.setup()
    from bench.db import benchmark_database, database_description, fresh

    modules = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    if args.names:
        modules = [m for m in modules if m.removeprefix("bench_") in args.names]
    if not modules:
        parser.error(f"no benchmark called {' or '.join(args.names)}")
    rows = []
    with benchmark_database():
        database = database_description()
        for name in modules:
            fresh()
            started = time.perf_counter()
            try:
                module = importlib.import_module(f"bench.{name}")
                rows.extend(module.run(args))
            except Exception as error:  # One broken benchmark must not hide the others' figures.
                traceback.print_exc()
                rows.append(
                    {"benchmark": name, "measure": "crashed", "value": repr(error)[:80], "unit": "", "result": ERROR}
                )
            print(f"# {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print_table(rows, database)
    failed = [row for row in rows if result(row) in (ERROR, MISSED)]
    if failed:
        print(f"\n{len(failed)} figure(s) failed: " + "; ".join(f"{r['benchmark']}: {r['measure']}" for r in failed))
    return 1 if failed else 0


ERROR, MISSED, OK = "ERROR", "MISSED", "ok"


def result(row):
    """A row's verdict: a benchmark sets ``met`` (True/False) on every figure that has a target."""
    if "result" in row:
        return row["result"]
    if row.get("met") is None:
        return ""
    return OK if row["met"] else MISSED


def print_table(rows, database):
    headers = ["benchmark", "measure", "value", "unit", "queries", "target", "result"]
    table = [[str(result(row) if h == "result" else row.get(h, "")) for h in headers] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
    print(f"\nDatabase: {database}")
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in table:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    if not rows:
        print("(no benchmarks yet)")


if __name__ == "__main__":
    sys.exit(main())
