"""Settings read from the environment; production refuses to start without a secret and passes check --deploy.

Each case runs in a fresh interpreter, so settings modules are imported exactly as a server would.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEAN = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "VAR_DIR"))}


def python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**CLEAN, "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(module, *names, **env):
    code = (
        f"import json, config.settings.{module} as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    result = python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    result = python("import config.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set in production." in result.stderr


def test_production_starts_with_a_secret_key_and_takes_its_hosts_from_the_environment():
    found = settings_of(
        "production",
        "DEBUG",
        "ALLOWED_HOSTS",
        "SECRET_KEY",
        DJANGO_SECRET_KEY="s" * 60,
        DJANGO_ALLOWED_HOSTS="trainingen.example.org, www.trainingen.example.org",
    )
    assert found == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["trainingen.example.org", "www.trainingen.example.org"],
        "SECRET_KEY": "s" * 60,
    }


def test_check_deploy_reports_nothing():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={
            **CLEAN,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "trainingen.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_sqlite_under_var_by_default_and_postgres_from_database_url(tmp_path):
    default = settings_of("base", "DATABASES", VAR_DIR=str(tmp_path))["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(tmp_path / "db.sqlite3")
    given = settings_of("base", "DATABASES", DATABASE_URL="postgres://covenant:geheim@db.internal:5433/trainingen")
    db = given["DATABASES"]["default"]
    assert (db["ENGINE"], db["NAME"], db["HOST"], db["PORT"], db["USER"]) == (
        "django.db.backends.postgresql",
        "trainingen",
        "db.internal",
        5433,
        "covenant",
    )


def test_orm_broker_by_default_and_redis_from_redis_url():
    plain = settings_of("base", "Q_CLUSTER", "CACHES")
    assert plain["Q_CLUSTER"]["orm"] == "default" and "redis" not in plain["Q_CLUSTER"]
    assert "Redis" not in plain["CACHES"]["default"]["BACKEND"]
    redis = settings_of("base", "Q_CLUSTER", "CACHES", REDIS_URL="redis://127.0.0.1:6379/3")
    assert redis["Q_CLUSTER"]["redis"] == "redis://127.0.0.1:6379/3" and "orm" not in redis["Q_CLUSTER"]
    assert redis["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }


def test_production_mail_goes_over_smtp_from_the_environment():
    mailer = settings_of(
        "production",
        "MAILERS",
        DJANGO_SECRET_KEY="s" * 60,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
    )["MAILERS"]["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (mailer["OPTIONS"]["host"], mailer["OPTIONS"]["port"], mailer["OPTIONS"]["use_tls"]) == (
        "smtp.example.org",
        587,
        True,
    )


def test_development_mail_is_written_to_var_mail(tmp_path):
    code = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('Uw inschrijving', 'Tot ziens in Zwolle.', None, ['deelnemer@example.org'])"
    )
    result = python(code, DJANGO_SETTINGS_MODULE="config.settings.dev", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    assert "Subject: Uw inschrijving" in files[0].read_text()
