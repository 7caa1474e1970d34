"""A bench database holding many users, loaded with COPY once and kept for the next run at the same size.

Used by bench.personas and bench.web, after Django is set up. Rows are made as model instances and written with
every column the model has, so a column added later gets its default here too. Embeddings are random unit vectors
(loading a million through the model would take hours; the index does not care where they come from), recorded as
made by the current embedder so that search reads them and a worker does not make them again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections, models

from personaforge.env import database_url_of

ROOT = Path(__file__).resolve().parent.parent
DIMENSIONS = settings.EMBEDDING_DIMENSIONS
DEMO = json.loads((ROOT / "personaforge" / "demo" / "alex-morgan.resume.json").read_text())
SKILLS = [line.split("\t")[0] for line in (ROOT / "cvs" / "data" / "skills.tsv").read_text().splitlines()[1:]]
TITLES = [
    "Backend engineer",
    "Data consultant",
    "Freelance UX designer",
    "Platform engineer",
    "Product manager",
    "Data analyst",
    "Frontend developer",
    "Site reliability engineer",
    "Technical writer",
    "ML engineer",
]
# A CV's text as the parser leaves it: the demo profile written out, about two pages' worth.
CV_TEXT = "\n".join(
    [DEMO["basics"]["name"], DEMO["basics"]["summary"]]
    + [f"{job['position']} at {job['name']}. {' '.join(job.get('highlights', []))}" for job in DEMO["work"]] * 3
)
BATCH = 1000  # users per round of COPY


def use_bench_database(name: str) -> None:
    """Point every connection of this process at the named database (made and migrated if need be)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    for alias in connections:
        connections[alias].settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)


def database_url() -> str:
    """The current database as a URL, for the processes a bench starts (gunicorn, Celery)."""
    return database_url_of(connection.settings_dict)


def loaded(*, users: int, personas_per_user: int, facts_per_user: int) -> bool:
    with connection.cursor() as cursor:
        counts = []
        for table in ("accounts_user", "personas_persona", "cvs_knowledgebaseentry"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts.append(cursor.fetchone()[0])
    return counts == [users, users * personas_per_user, users * facts_per_user]


def load(
    *, users: int, personas_per_user: int, facts_per_user: int, cvs_per_user: int = 1, vector_indexes: bool = True
) -> None:
    """Users on the Pro plan, each with parsed CVs, personas (one version each) and knowledge-base facts.

    `vector_indexes=False` leaves out the HNSW indexes, which take longer to build than everything else: only for
    benches that make no query by embedding.
    """
    if loaded(users=users, personas_per_user=personas_per_user, facts_per_user=facts_per_user):
        print(f"Data already loaded ({users:,} users).")
        return
    from accounts.models import Plan, User
    from cvs.models import CV, CVStatus, KnowledgeBaseEntry
    from llm.vectors import current_embedder
    from personas.models import Persona, PersonaVersion

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_user CASCADE")
        # Indexes are built once after loading: keeping an HNSW graph up to date row by row is the slow way.
        cursor.execute("DROP INDEX IF EXISTS kb_embedding, persona_embedding, kb_search, persona_search, cv_search")
    rng, started, embedder = np.random.default_rng(7), time.monotonic(), current_embedder()
    now = datetime(2026, 11, 23, 10, tzinfo=UTC)
    stamps = {"created_at": now, "updated_at": now}
    for start in range(0, users, BATCH):
        batch = range(start, min(users, start + BATCH))
        people = [User(email=f"user{i}@bench.example", password="!", plan=Plan.PRO, **stamps) for i in batch]
        cvs = [
            CV(
                user=person,
                filename=f"cv-{n}.pdf",
                content_type="application/pdf",
                size=40_000,
                raw_text=CV_TEXT,
                parsed_json=DEMO,
                status=CVStatus.PARSED,
                **stamps,
            )
            for person in people
            for n in range(cvs_per_user)
        ]
        personas = [
            Persona(
                user=person,
                title=TITLES[(i + p) % len(TITLES)],
                summary=DEMO["basics"]["summary"],
                tags=["python", "remote"],
                data=DEMO,
                completeness=64,
                worked_on_at=now,
                embedded_by=embedder,
                embedding=vector,
                **stamps,
            )
            for i, person in zip(batch, people, strict=True)
            for p, vector in zip(range(personas_per_user), random_vectors(personas_per_user, rng), strict=True)
        ]
        versions = [
            PersonaVersion(persona=persona, number=1, snapshot=persona.snapshot(), change_summary="Created", **stamps)
            for persona in personas
        ]
        facts = [
            KnowledgeBaseEntry(
                user=person,
                type="skill",
                value=_fact_value(i, f),
                source="cv",
                evidence=f"Used {SKILLS[(i * 7 + f) % len(SKILLS)]} at work.",
                embedded_by=embedder,
                embedding=vector,
                **stamps,
            )
            for i, person in zip(batch, people, strict=True)
            for f, vector in zip(range(facts_per_user), random_vectors(facts_per_user, rng), strict=True)
        ]
        for model, rows in (
            (User, people),
            (CV, cvs),
            (Persona, personas),
            (PersonaVersion, versions),
            (KnowledgeBaseEntry, facts),
        ):
            _copy(model, rows)
        print(f"  loaded {batch.stop:,} users ({time.monotonic() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '2GB'")
        for name, table in (
            ("kb_search", "cvs_knowledgebaseentry"),
            ("persona_search", "personas_persona"),
            ("cv_search", "cvs_cv"),
        ):
            cursor.execute(f"CREATE INDEX {name} ON {table} USING gin (search_vector)")
        for name, table in (("persona_embedding", "personas_persona"), ("kb_embedding", "cvs_knowledgebaseentry")):
            if not vector_indexes:
                break
            cursor.execute(
                f"CREATE INDEX {name} ON {table} USING hnsw (embedding vector_cosine_ops)"
                " WITH (m = 16, ef_construction = 64)"  # as the models declare them
            )
            print(f"  indexed {table} ({time.monotonic() - started:.0f} s)", flush=True)
        cursor.execute("VACUUM ANALYZE")


def random_vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


_VECTOR_FORMAT = "[" + ",".join(["%.5f"] * DIMENSIONS) + "]"


def vector_text(vector: np.ndarray) -> str:
    return _VECTOR_FORMAT % tuple(vector.tolist())  # one formatting call in C: a million of these add up


def _fact_value(i: int, f: int) -> str:
    skill = SKILLS[(i * 7 + f) % len(SKILLS)]
    return f"{skill} {f}" if f >= len(SKILLS) else skill


def _copy(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Every stored column of the model (generated ones are the database's), each value prepared as Django would."""
    fields = [field for field in model._meta.concrete_fields if not getattr(field, "generated", False)]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as out:
        for row in rows:
            out.write_row([_prepared(field, row) for field in fields])


def _prepared(field: models.Field, row: models.Model) -> object:
    value = getattr(row, field.attname)
    if isinstance(value, np.ndarray):  # an embedding: as text, faster than pgvector's own conversion
        return vector_text(value)
    return field.get_db_prep_save(value, connection)
