"""Whose data a request changed: every row that belongs to a user, hashed per table and owner in one query, and
PostgreSQL's count of rows written so far in the transaction, so the hashes are taken again only after a write."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model

# A row belongs to the user its "user" or "owner" field names, else to the owner of the first row it points at
# (a persona's version is its persona's user's). Where that first row is the wrong one, the path is written here.
OWNER_PATHS = {
    "personas.TeamShare": "persona__user",  # a share is of a member's persona; the lead who made it comes second
    "accounts.EmailPreference": "email",  # by address: an invitation's address may have no account
    "accounts.SentEmail": "to",
}
BY_EMAIL = {"email", "to"}


def rows_by_owner(users: Iterable[Model]) -> dict[tuple[str, str], str]:
    """(table, owner's id or address) -> a hash of the owner's rows in that table, for these users."""
    users = list(users)
    selects, params = [], []
    for model, path in owned_models():
        keys = [user.email for user in users] if path in BY_EMAIL else [user.pk for user in users]  # type: ignore[attr-defined]
        owned = model._base_manager.filter(**{f"{path}__in": keys}).values_list("pk", path)
        owned_sql, owned_params = owned.query.sql_with_params()
        table, pk = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
        selects.append(
            f"SELECT %s, o.owner::text, md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} t "
            f"JOIN ({owned_sql}) AS o(pk, owner) ON t.{pk} = o.pk GROUP BY o.owner"
        )
        params += [model._meta.label, *owned_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return {(table, owner): digest for table, owner, digest in cursor.fetchall()}


def writes_so_far() -> int:
    """Rows inserted, updated or deleted in the tables of users' data so far in this transaction."""
    tables = [model._meta.db_table for model, _ in owned_models()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables "
            "WHERE relid = ANY(%s::regclass[])",
            [tables],
        )
        return int(cursor.fetchone()[0])


def references(*, of: Model, to: Model) -> list[str]:
    """Where rows of one user's point at rows of another's ("personas.Persona.base_cv")."""
    found = []
    owners = dict(owned_models())
    for model, path in owned_models():
        for link in model._meta.concrete_fields:
            target = owners.get(link.related_model) if link.is_relation else None  # type: ignore[arg-type]
            if target is None or path in BY_EMAIL or target in BY_EMAIL or link.name == path.split("__")[0]:
                continue
            pointing = model._base_manager.filter(**{path: of.pk, f"{link.name}__{target}": to.pk})
            if pointing.exists():
                found.append(f"{model._meta.label}.{link.name}")
    return found


@cache
def owned_models() -> list[tuple[type[Model], str]]:
    """Every table whose rows belong to users, with the lookup from a row to its user."""
    found = [(model, _owner_path(model, seen=())) for model in apps.get_models() if not model._meta.proxy]
    return [(model, path) for model, path in found if path]


def _owner_path(model: type[Model], *, seen: tuple[type[Model], ...]) -> str | None:
    user_model = get_user_model()
    if model is user_model:
        return "pk"
    if model._meta.label in OWNER_PATHS:
        return OWNER_PATHS[model._meta.label]
    links = [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]
    for link in links:
        if link.related_model is user_model and link.name in ("user", "owner"):
            return link.name
    for link in links:
        if link.related_model not in (user_model, model, *seen):
            inner = _owner_path(link.related_model, seen=(*seen, model))  # type: ignore[arg-type]
            if inner and inner not in BY_EMAIL:
                return f"{link.name}__{inner}"
    return None
