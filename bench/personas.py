"""Persona pages and search with a lot of data loaded, as one table.

    .venv/bin/python -m bench.personas                # 10,000 users, 50,000 personas, 1,000,000 facts
    .venv/bin/python -m bench.personas --scale 0.1    # a tenth of that, to try it quickly

The data goes into its own database, `personaforge_bench`, on the configured PostgreSQL (loaded once with COPY and
kept for the next run at the same scale). Embeddings are random unit vectors: loading a million through the model
would take hours, and the index's recall does not depend on where the vectors come from.

Each page is requested through Django's test client as a user picked at random, `--requests` times: p50 and p95 in
milliseconds and the SQL queries it made (the most seen), which must not grow with the data. Semantic search is
timed without embedding the query (a cached step, see personaforge.search.query_embedding), and its top 10 are
compared with an exact search over the same user's rows (recall@10).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DATABASE = "personaforge_bench"
DIMENSIONS = settings.EMBEDDING_DIMENSIONS
DEMO = json.loads((ROOT / "personaforge" / "demo" / "alex-morgan.resume.json").read_text())
SKILLS = [line.split("\t")[0] for line in (ROOT / "cvs" / "data" / "skills.tsv").read_text().splitlines()[1:]]
TITLES = ["Backend engineer", "Data consultant", "Freelance UX designer", "Platform engineer", "Product manager",
          "Data analyst", "Frontend developer", "Site reliability engineer", "Technical writer", "ML engineer"]  # fmt: skip


def _use_bench_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()
    for alias in connections:
        connections[alias].settings_dict["NAME"] = DATABASE
    call_command("migrate", verbosity=0)


def _vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _vector_text(vector: np.ndarray) -> str:
    return "[" + ",".join(map(str, vector.round(5).tolist())) + "]"


def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n") for v in row) + "\n")  # fmt: skip
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def load(users: int, personas_per_user: int, facts_per_user: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_user")
        if cursor.fetchone()[0] == users:
            print(f"Data already loaded ({users:,} users).")
            return
        cursor.execute(
            "TRUNCATE accounts_user, personas_persona, personas_personaversion, cvs_knowledgebaseentry CASCADE"
        )
        # Indexes are built once after loading: keeping an HNSW graph up to date row by row is the slow way.
        cursor.execute("DROP INDEX IF EXISTS kb_embedding, persona_embedding, kb_search, persona_search")
    rng, started = np.random.default_rng(7), time.monotonic()
    now = "2026-11-23 10:00:00+00"
    document = json.dumps(DEMO)
    for start in range(0, users, 1000):
        user_rows, persona_rows, version_rows, fact_rows = [], [], [], []
        batch = range(start, min(users, start + 1000))
        persona_vectors = _vectors(len(batch) * personas_per_user, rng)
        fact_vectors = _vectors(len(batch) * facts_per_user, rng)
        for n, i in enumerate(batch):
            user_id = uuid.uuid4()
            user_rows.append((user_id, f"user{i}@bench.example", "!", "pro", "", True, False, False, now, now))
            for p in range(personas_per_user):
                persona_id = uuid.uuid4()
                title = TITLES[(i + p) % len(TITLES)]
                persona_rows.append((persona_id, user_id, title, DEMO["basics"]["summary"], "{python,remote}", document,
                                     "en", 64, _vector_text(persona_vectors[n * personas_per_user + p]), now, now))  # fmt: skip
                version_rows.append(
                    (uuid.uuid4(), persona_id, 1, json.dumps({"title": title}), "", "Created", now, now)
                )
            for f in range(facts_per_user):
                skill = SKILLS[(i * 7 + f) % len(SKILLS)]
                fact_rows.append((uuid.uuid4(), user_id, "skill", f"{skill} {f}" if f >= len(SKILLS) else skill, "cv",
                                  f"Used {skill} at work.", _vector_text(fact_vectors[n * facts_per_user + f]), now, now))  # fmt: skip
        _copy("accounts_user", ["id", "email", "password", "plan", "name", "is_active", "is_staff", "is_superuser",
                                "created_at", "updated_at"], user_rows)  # fmt: skip
        _copy("personas_persona", ["id", "user_id", "title", "summary", "tags", "data", "language", "completeness",
                                   "embedding", "created_at", "updated_at"], persona_rows)  # fmt: skip
        _copy("personas_personaversion", ["id", "persona_id", "number", "snapshot", "name", "change_summary",
                                          "created_at", "updated_at"], version_rows)  # fmt: skip
        _copy("cvs_knowledgebaseentry", ["id", "user_id", "type", "value", "source", "evidence", "embedding",
                                         "created_at", "updated_at"], fact_rows)  # fmt: skip
        print(f"  loaded {batch.stop:,} users ({time.monotonic() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '2GB'")
        cursor.execute("CREATE INDEX kb_search ON cvs_knowledgebaseentry USING gin (search_vector)")
        cursor.execute("CREATE INDEX persona_search ON personas_persona USING gin (search_vector)")
        for name, table in (("persona_embedding", "personas_persona"), ("kb_embedding", "cvs_knowledgebaseentry")):
            cursor.execute(
                f"CREATE INDEX {name} ON {table} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
            )
            print(f"  indexed {table} ({time.monotonic() - started:.0f} s)", flush=True)
        cursor.execute("ANALYZE")


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
    args = parser.parse_args()
    users = int(10_000 * args.scale)
    _use_bench_database()
    load(users, personas_per_user=5, facts_per_user=100)

    from accounts.models import User
    from personaforge import search
    from personas.models import Persona

    people = list(User.objects.order_by("?")[: args.requests])
    persona_of = {p.user_id: p.pk for p in Persona.objects.filter(user__in=people)}
    clients, state = {}, {"i": 0}
    for person in people:  # logged in before timing: a login is not a page view
        clients[person.pk] = Client()
        clients[person.pk].force_login(person)
    query = _vectors(1, np.random.default_rng(11))[0].tolist()
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
    print(f"\n{users:,} users, {Persona.objects.count():,} personas, "
          f"{connection.cursor().execute('SELECT count(*) FROM cvs_knowledgebaseentry').fetchone()[0]:,} facts")  # fmt: skip
    print(f"{'page':22} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, request in pages.items():
        _time(request, 5)  # warm caches and connections
        p50, p95, count = _time(request, args.requests)
        print(f"{name:22} {p50:8.1f} {p95:8.1f} {count:8d}")
        if os.environ.get("BENCH_SHOW_QUERIES"):
            with CaptureQueriesContext(connection) as captured:
                request()
            print("\n".join("    " + q["sql"][:150] for q in captured.captured_queries))
    # (a logged-in request also reads the session and the user: those are in the count)
    print(f"{'recall@10 (semantic)':22} {_recall(people, query):8.3f}")


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
                [user.pk, _vector_text(np.array(query))],
            )
            exact = [row[0] for row in cursor.fetchall()]
        found.append(len(set(got) & set(exact)) / max(1, len(exact)))
    return statistics.mean(found)


if __name__ == "__main__":
    main()
