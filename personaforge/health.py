"""What /healthz reports: can we reach the database, the broker, and is a worker listening?"""

from __future__ import annotations

from django.db import connection

from personaforge.celery import app


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def check_broker() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def check_worker() -> bool:
    try:
        return bool(app.control.ping(timeout=1.0))
    except Exception:
        return False


def health_report() -> dict[str, str]:
    broker_up = check_broker()
    return {
        "database": "ok" if check_database() else "down",
        "broker": "ok" if broker_up else "down",
        # no broker, no way to ask the workers
        "worker": "ok" if broker_up and check_worker() else "down",
    }
