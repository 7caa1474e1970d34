"""Pages under load, as one table: gunicorn with the production settings, wrk from a second process on loopback.

    .venv/bin/python -m bench.web                  # 10,000 users
    .venv/bin/python -m bench.web --users 1000     # or 100000
    .venv/bin/python -m bench.web --json web.json  # the figures for bench.figures to keep and compare

Data: its own database per size, `personaforge_bench_web_<users>` (bench.data; loaded once, kept). Every user has
one parsed CV, 3 personas and 10 knowledge-base facts at every size, so a per-user page can be compared from one
size to the next; 100,000 users then load in about ten minutes. The HNSW indexes are left out: none of these pages
searches by embedding (bench.personas measures that), and they would take longer to build than the rest.

Server: gunicorn as the Dockerfile runs it (2 sync workers), DJANGO_ENV=production, bound to 127.0.0.1. Load: wrk,
2 threads, 50 connections, 10 s per page after a short warm-up; each request comes from the next of 300 logged-in
users (bench/rotate.lua), so the editor opens 300 different personas. Latency percentiles are wrk's own (the Lua
done hook). "hello" is the least a Django view can answer, through the same middleware (bench/urls.py): the ceiling
of this machine; the target for a page is half of its throughput, and p99 under 100 ms.

Apart from the load, each page is asked for through Django's test client on the same database by 40 users, one at a
time: the SQL queries of a request (the highest count seen), which must not change with the number of users, and
the median time of a request alone (no queue, no network: under load, latency is mostly the wait for a worker).
Memory: each gunicorn worker's peak resident set (VmHWM) after the runs.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bench import servers  # noqa: E402
from bench.data import database_url, load, use_bench_database  # noqa: E402
from bench.figures import Figure, table, write_json  # noqa: E402
from bench.wrk import Load, run_wrk  # noqa: E402

SHAPE = {"personas_per_user": 3, "facts_per_user": 10}
PAGES = {
    "hello (ceiling)": "/bench/hello",
    "dashboard": "/dashboard",
    "persona editor": "/persona/{persona}",
    "search": "/search?q=python",
    "upload page": "/upload",
    "API personas": "/api/v1/personas/",
    "API CVs": "/api/v1/cvs/",
    "API knowledge base": "/api/v1/knowledge-base/",
}
CEILING = "hello (ceiling)"
SESSIONS = 300
ALONE_USERS = 40
P99_TARGET_MS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10, help="of load per page")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = measure(users=args.users, seconds=args.seconds, connections=args.connections)
    print(f"\nWeb, {args.users:,} users, {args.connections} connections, {args.seconds:g} s a page")
    print(table(figures))
    if args.json:
        write_json(args.json, figures, users=args.users, connections=args.connections, seconds=args.seconds)


def measure(*, users: int, seconds: float, connections: int) -> list[Figure]:
    from personas.models import Persona

    use_bench_database(f"personaforge_bench_web_{users}")
    load(users=users, **SHAPE, vector_indexes=False)
    people = list(User.objects.order_by("?")[:SESSIONS])
    persona_of = {p.user_id: p.pk for p in Persona.objects.filter(user__in=people).order_by("created_at")}
    paths = {
        (name, user.pk): path.replace("{persona}", str(persona_of[user.pk]))
        for name, path in PAGES.items()
        for user in people
    }
    alone = {name: _alone(name, [(user, paths[name, user.pk]) for user in people[:ALONE_USERS]]) for name in PAGES}

    port = servers.free_port()
    env = servers.bench_env(
        database_url=database_url(), redis_url=settings.CELERY_BROKER_URL, site_url=f"http://127.0.0.1:{port}"
    )
    servers.collect_static(env)
    with tempfile.TemporaryDirectory() as folder:
        users_file = Path(folder) / "users.tsv"
        users_file.write_text("".join(f"{cookie}\t{persona_of[user.pk]}\n" for user, cookie in _sessions(people)))
        with servers.gunicorn(env, port=port) as server:
            base = f"http://127.0.0.1:{port}"
            loads = {}
            for name, path in PAGES.items():
                _check_answers(port, path, users_file)
                log = servers.LOGS / f"wrk-{name.split(' (')[0].replace(' ', '-')}.txt"
                run_wrk(base, path, users_file, connections=10, seconds=2, log=log)  # warm-up
                loads[name] = run_wrk(base, path, users_file, connections=connections, seconds=seconds, log=log)
                print(f"  {name}: {loads[name].requests_per_second:,.0f} requests/s", flush=True)
            memory = [servers.peak_memory_mb(pid) for pid in servers.children(server.pid)]
    return _figures(loads, alone, memory)


def _sessions(people: list) -> list[tuple[User, str]]:
    """A session cookie per user, signed with the key the server runs with (a login is not a page view)."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()  # the bench database's: left by the last run
    cookies, name = [], settings.SESSION_COOKIE_NAME
    with override_settings(SECRET_KEY=servers.SECRET_KEY):
        for user in people:
            client = Client()
            client.force_login(user)
            cookies.append((user, f"{name}={client.cookies[name].value}"))
    return cookies


@dataclass(frozen=True)
class Alone:
    """A page asked for by one user at a time, in this process: no queue, no network."""

    queries: int  # the most SQL queries one request made
    median_ms: float


@override_settings(ROOT_URLCONF="bench.urls", DEBUG=False)
def _alone(name: str, requests: list[tuple[User, str]]) -> Alone:
    """The page for each user given, one after another (after one request to warm up)."""
    counts, times = [], []
    for n, (user, path) in enumerate(requests):
        client = Client()
        client.force_login(user)
        if n == 0:
            client.get(path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (name, path, response.status_code)
        counts.append(len(captured.captured_queries))
    return Alone(queries=max(counts), median_ms=statistics.median(times))


def _check_answers(port: int, path: str, users_file: Path) -> None:
    """A few users' requests answered 200 (wrk counts a redirect to the login page as a success)."""
    for line in users_file.read_text().splitlines()[:3]:
        cookie, persona = line.split("\t")
        server = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        server.request("GET", path.replace("{persona}", persona), headers={"Cookie": cookie})
        response = server.getresponse()
        response.read()
        server.close()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status} (see {servers.LOGS / 'gunicorn.log'})")


def _figures(loads: dict[str, Load], alone: dict[str, Alone], memory: list[float]) -> list[Figure]:
    ceiling = loads[CEILING].requests_per_second
    figures = []
    for name, result in loads.items():
        share, is_page = result.requests_per_second / ceiling, name != CEILING
        figures += [
            Figure(f"web: {name}, requests/s", result.requests_per_second, "req/s"),
            Figure(
                f"web: {name}, share of hello",
                share,
                "share",
                ">= 0.5" if is_page else "",
                share >= 0.5 if is_page else None,
            ),
            Figure(f"web: {name}, p50", result.p50_ms, "ms"),
            Figure(f"web: {name}, p95", result.p95_ms, "ms"),
            Figure(f"web: {name}, p99", result.p99_ms, "ms", f"< {P99_TARGET_MS} ms", result.p99_ms < P99_TARGET_MS),
            Figure(f"web: {name}, SQL queries", alone[name].queries, "queries", "same at every size"),
            Figure(f"web: {name}, one request alone, median", alone[name].median_ms, "ms"),
            Figure(
                f"web: {name}, errors",
                result.failed + result.bad_status,
                "",
                "0",
                result.failed + result.bad_status == 0,
            ),
        ]
    figures.append(Figure("web: gunicorn worker, peak memory", max(memory), "MB"))
    return figures


if __name__ == "__main__":
    main()
