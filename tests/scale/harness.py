"""Start and stop the production arrangement on loopback: a PostgreSQL database of its own, gunicorn
with several workers, and django-q2 clusters on a Redis broker. Used by the scale test and bench/.

Processes are started in their own process group and stopped by their own id. A django-q2 cluster
gets ONE SIGTERM (a second one makes it hang mid-shutdown); if it has not stopped in time it is
killed, and that counts as a failure of the graceful stop.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SCALE_REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/9")


def redis_answers(url=SCALE_REDIS_URL):
    try:
        import redis

        return bool(redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # Not installed, not running, refused: all mean "no Redis here".
        return False


def scale_database_url(base_url):
    """The base DATABASE_URL with its database name suffixed ``_scale``: a database of its own."""
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "covenant"
    return urlunsplit(parts._replace(path=f"/{name}_scale"))


def admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def recreate_database(url):
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _descendants(pid):
    """Pids of a process's children and their children (gunicorn's workers, a cluster's workers)."""
    try:
        children = (Path(f"/proc/{pid}/task/{pid}/children")).read_text().split()
    except OSError:
        return []
    found = [int(child) for child in children]
    for child in list(found):
        found += _descendants(child)
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Arrangement:
    def __init__(self, database_url, *, workers=3, clusters=2, mail_delay=0.0, cluster_workers=2):
        self.database_url = database_url
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.clusters = clusters
        self.cluster_workers = cluster_workers
        self.tmp = Path(tempfile.mkdtemp(prefix="covenant-scale-"))
        self.mail_dir = self.tmp / "mail"
        self.mail_dir.mkdir()
        self.env = {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings.scale",
            "DATABASE_URL": database_url,
            "REDIS_URL": SCALE_REDIS_URL,
            "SITE_URL": self.base_url,
            "SCALE_MAIL_DIR": str(self.mail_dir),
            "SCALE_MAIL_DELAY": str(mail_delay),
            "Q_CLUSTER_NAME": f"scale{self.port}",
            "Q_WORKERS": str(cluster_workers),
            "DATABASE_CONN_MAX_AGE": "60",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
            "LOG_LEVEL": "WARNING",
        }
        self.web = None
        self.cluster_processes = []

    def manage(self, *args, timeout=300):
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def scenario(self, *args, timeout=120):
        result = subprocess.run(
            [PYTHON, "-m", "tests.scale.scenario", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def flush_redis(self):
        import redis

        redis.from_url(SCALE_REDIS_URL).flushdb()

    def start_web(self):
        log = open(self.tmp / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
        self.web = subprocess.Popen(
            [
                GUNICORN,
                "--pythonpath",
                f"{ROOT / 'site'},{ROOT}",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer: " + (self.tmp / "gunicorn.log").read_text()[-3000:])

    def start_cluster(self):
        log = open(self.tmp / f"qcluster{len(self.cluster_processes)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [PYTHON, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.cluster_processes.append(process)
        return process

    def stop_cluster(self, process, timeout=60):
        """One SIGTERM, then wait; True when it stopped gracefully in time."""
        if process.poll() is not None:
            return True
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            return False

    def stop(self):
        for process in self.cluster_processes:
            self.stop_cluster(process, timeout=30)
        if self.web and self.web.poll() is None:
            os.kill(self.web.pid, signal.SIGTERM)
            try:
                self.web.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.web.pid, signal.SIGKILL)
                self.web.wait(timeout=10)

    def mails(self):
        return sorted(self.mail_dir.glob("*.eml"))

    def settle(self, seconds=180):
        """Wait until the processes have started and the clusters have sent every queued email (the
        scenario's reminders, an earlier scenario's confirmations), so a benchmark after this times
        its own work, not what came before. True when settled in time."""
        import psycopg

        from bench.cpu import cpu_seconds

        pids = [process.pid for process in [self.web, *self.cluster_processes] if process is not None]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            children = []
            for pid in pids:
                children += _descendants(pid)
            before = cpu_seconds(pids + children)
            time.sleep(1)
            busy = cpu_seconds(pids + children) - before
            with psycopg.connect(self.database_url) as connection:
                unsent = connection.execute(
                    "SELECT count(*) FROM participants_outboxemail WHERE status <> 'sent' AND attempts < 8"
                ).fetchone()[0]
            if busy < 0.05 and not unsent:
                return True
        return False

    def logs(self):
        return "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(self.tmp.glob("*.log")))


@contextmanager
def arrangement(base_database_url, **kwargs):
    """A migrated database of its own, gunicorn and the clusters running; everything stopped after."""
    url = scale_database_url(base_database_url)
    recreate_database(url)
    arrangement = Arrangement(url, **kwargs)
    try:
        arrangement.flush_redis()
        arrangement.manage("migrate", "--noinput", "-v0")
        yield arrangement
    finally:
        arrangement.stop()
        drop_database(url)
