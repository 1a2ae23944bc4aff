"""Lighthouse on an event page, mobile profile (its default): accessibility 100, performance >= 95.

Production-like: a fresh demo (seed_demo) on a database file, static files collected and compressed
(WhiteNoise, as in production), gunicorn with config.settings.bench, Debian's Chromium. Lighthouse
is pinned (12.2.3, on Node 20) and installed from npm beside the project, never needed to run or test
the site: `make lighthouse` installs it in var/lighthouse/ (or set LIGHTHOUSE to its command).
Without it the row says how to install it instead of a figure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
VERSION = "12.2.3"
TARGETS = {"accessibility": 100, "performance": 95}
FLAGS = ["--chrome-flags=--headless --no-sandbox --disable-gpu", "--only-categories=performance,accessibility"]


def lighthouse():
    found = os.environ.get("LIGHTHOUSE") or ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    return str(found) if Path(found).exists() or shutil.which(str(found)) else None


def chromium():
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def wait_for(url):
    for _ in range(150):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def run(args):
    command = lighthouse()
    if command is None or not Path(chromium()).exists():
        return [
            {
                "benchmark": "lighthouse",
                "measure": "event page, mobile",
                "value": "skipped",
                "unit": "no Lighthouse or Chromium: make lighthouse",
            }
        ]
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/lighthouse.sqlite3",
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "BENCH_STATIC_ROOT": f"{folder}/static",
            "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
        }
        env.pop("REDIS_URL", None)
        for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed_demo"]):
            subprocess.run([PY, "manage.py", *step], cwd=ROOT, env=env, check=True, capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                *("config.wsgi:application", "--pythonpath", "site", "--bind", f"127.0.0.1:{port}"),
                *("--workers", "2", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            listing = wait_for(base + "/agenda/?open=on")
            path = re.search(r'class="event-card[^"]*">\s*<h3[^>]*><a[^>]*href="([^"]+)"', listing)[1]
            out = subprocess.run(
                [
                    command,
                    base + path,
                    "--output=json",
                    "--quiet",
                    f"--chrome-path={chromium()}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                    "--only-categories=performance,accessibility",
                ],
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = json.loads(out.stdout)
    rows = []
    for category, target in TARGETS.items():
        score = round(100 * report["categories"][category]["score"])
        rows.append(
            {
                "benchmark": "lighthouse",
                "measure": f"{category}, event page, mobile (Lighthouse {report.get('lighthouseVersion', VERSION)})",
                "value": score,
                "unit": "score",
                "target": f">= {target}",
                "met": score >= target,
            }
        )
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        rows.append(
            {
                "benchmark": "lighthouse",
                "measure": f"{audit} (simulated mobile)",
                "value": report["audits"][audit]["displayValue"],
                "unit": "",
            }
        )
    return rows


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
