"""Run the benchmarks and print a table: python -m bench [NAME ...] (names match bench_NAME.py)."""

import argparse
import importlib
import os
import pkgutil
import sys
import time
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
    from bench.db import benchmark_database, fresh

    modules = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    if args.names:
        modules = [m for m in modules if m.removeprefix("bench_") in args.names]
    rows = []
    with benchmark_database():
        for name in modules:
            fresh()
            started = time.perf_counter()
            module = importlib.import_module(f"bench.{name}")
            try:
                rows.extend(module.run(args))
            except Exception as error:  # One broken benchmark must not hide the others' figures.
                rows.append({"benchmark": name, "measure": "ERROR", "value": repr(error)[:60], "unit": ""})
            print(f"# {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print_table(rows)


def print_table(rows):
    from django.db import connection

    headers = ["benchmark", "measure", "value", "unit", "queries", "target"]
    table = [[str(row.get(h, "")) for h in headers] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
    print(f"\nDatabase: {connection.vendor}")
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in table:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    if not rows:
        print("(no benchmarks yet)")


if __name__ == "__main__":
    main()
