"""Persona pages and search with a lot of data loaded, as one table.

    .venv/bin/python -m bench.personas                # 10,000 users, 50,000 personas, 1,000,000 facts
    .venv/bin/python -m bench.personas --scale 0.1    # a tenth of that, to try it quickly

The data goes into its own database, `personaforge_bench`, on the configured PostgreSQL (loaded once with COPY and
kept for the next run at the same scale; see bench.data): each user has a parsed CV, 5 personas and 100 facts.

Each page is requested through Django's test client as a user picked at random, `--requests` times: p50 and p95 in
milliseconds and the SQL queries it made (the most seen), which must not grow with the data. Semantic search is
timed without embedding the query (a cached step, see llm.vectors.query_embedding), and its top 10 are
compared with an exact search over the same user's rows (recall@10).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.data import load, random_vectors, use_bench_database, vector_text  # noqa: E402
from bench.figures import Figure, write_json  # noqa: E402

DATABASE = "personaforge_bench"


def _time(request: Callable[[], object], repeats: int) -> tuple[float, float, int]:
    timings, queries = [], []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            request()
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], max(set(queries), key=queries.count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures to this file (see bench.figures)")
    args = parser.parse_args()
    figures = []
    users = int(10_000 * args.scale)
    use_bench_database(DATABASE)
    load(users=users, personas_per_user=5, facts_per_user=100)

    from accounts.models import User
    from personaforge import search
    from personas.models import Persona

    people = list(User.objects.order_by("?")[: args.requests])
    persona_of = {p.user_id: p.pk for p in Persona.objects.filter(user__in=people)}
    clients, state = {}, {"i": 0}
    for person in people:  # logged in before timing: a login is not a page view
        clients[person.pk] = Client()
        clients[person.pk].force_login(person)
    query = random_vectors(1, np.random.default_rng(11))[0].tolist()
    search.query_embedding = lambda text, *, user: query  # the query's embedding is a cached step, timed elsewhere

    def as_next_user(path: Callable[[User], str]) -> Callable[[], object]:
        def request() -> object:
            user = people[state["i"] % len(people)]
            state["i"] += 1
            response = clients[user.pk].get(path(user))
            assert response.status_code == 200, (response.status_code, path(user))
            return response

        return request

    pages = {
        "dashboard": as_next_user(lambda user: "/dashboard"),
        "persona editor": as_next_user(lambda user: f"/persona/{persona_of[user.pk]}"),
        "search, full text": as_next_user(lambda user: "/search?q=python+payments"),
        "search, semantic": as_next_user(lambda user: "/search?mode=meaning&q=a+backend+job"),
    }
    print(
        f"\n{users:,} users, {Persona.objects.count():,} personas, "
        f"{connection.cursor().execute('SELECT count(*) FROM cvs_knowledgebaseentry').fetchone()[0]:,} facts"
    )
    print(f"{'page':22} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, request in pages.items():
        _time(request, 5)  # warm caches and connections
        p50, p95, count = _time(request, args.requests)
        print(f"{name:22} {p50:8.1f} {p95:8.1f} {count:8d}")
        figures += [
            Figure(f"personas ({users:,} users, test client): {name}, {measure}", value, unit)
            for measure, value, unit in (("p50", p50, "ms"), ("p95", p95, "ms"), ("SQL queries", count, "queries"))
        ]
        if os.environ.get("BENCH_SHOW_QUERIES"):
            with CaptureQueriesContext(connection) as captured:
                request()
            print("\n".join("    " + q["sql"][:150] for q in captured.captured_queries))
    # (a logged-in request also reads the session and the user: those are in the count)
    recall = _recall(people, query)
    print(f"{'recall@10 (semantic)':22} {recall:8.3f}")
    figures.append(Figure(f"personas ({users:,} users, test client): semantic search, recall@10", recall, "recall"))
    if args.json:
        write_json(args.json, figures, users=users)


def _recall(people: list, query: list[float]) -> float:
    """The semantic search's top 10 against an exact search (no index) over the same user's facts."""
    from personaforge.search import semantic_search_for_user

    found = []
    for user in people[:50]:
        got = [match.title for match in semantic_search_for_user(user=user, text="a backend job").facts]
        with connection.cursor() as cursor:
            # "+ 0": an expression no index can serve, so every row of the user's is compared
            cursor.execute(
                "SELECT value FROM cvs_knowledgebaseentry WHERE user_id = %s ORDER BY (embedding <=> %s::vector) + 0 "
                "LIMIT 10",
                [user.pk, vector_text(np.array(query))],
            )
            exact = [row[0] for row in cursor.fetchall()]
        found.append(len(set(got) & set(exact)) / max(1, len(exact)))
    return statistics.mean(found)


if __name__ == "__main__":
    main()
