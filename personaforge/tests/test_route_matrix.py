"""Every route of ours, as the owner, an outsider, a teammate, the team lead, staff and anonymously: the status each
gets is the one route_matrix.py expects, nobody but the route's principal reads the owner's data (no secret string
of theirs in a response) and nobody else's request changes anyone else's data (see db_rows.py).

The list of routes comes from the URL resolver, so a new route fails here until the matrix says who may use it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from django.core.cache import cache as throttle_counts
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from personaforge.tests.db_rows import references, rows_by_owner, writes_so_far
from personaforge.tests.route_matrix import EXCLUDED, NAMING_THE_OWNERS, ROUTES, Expect, Naming
from personaforge.tests.route_world import ACTORS, MAY_READ, SECRETS, World, build_world
from personaforge.tests.routes import Route, all_routes

pytestmark = pytest.mark.django_db
WRITES = ("POST", "PUT", "PATCH", "DELETE")
# Where the owner reads each of their secrets (see route_world.SECRETS).
SEEN_ON = {
    "persona": "dashboard",
    "shared": "dashboard",
    "cv": "dashboard",
    "fact": "knowledge",
    "job": "jobs",
    "application": "apply",
    "letter": "apply",
    "template": "template_list",
    "token": "account",
    "notice": "dashboard",
    "import": "job_import_review",
    "email": "account",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    """Built once, in a transaction rolled back after the module; each test runs (and rolls back) inside it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _no_worker_to_wait_for(monkeypatch):
    """No Celery worker runs here: /healthz need not wait a second for one to answer, six times over."""
    monkeypatch.setattr("personaforge.health.check_worker", lambda: False)


@pytest.fixture(scope="module")
def clients(world: World, django_db_blocker) -> dict[str, Client]:
    """Logged in once: their sessions are rows of the module's transaction, which every test keeps."""
    clients = {actor: Client() for actor in ACTORS}
    with django_db_blocker.unblock():
        for actor, user in world.users.items():
            clients[actor].force_login(user)
    return clients


@pytest.fixture(scope="module")
def rows_at_start(world: World, clients: dict[str, Client], django_db_blocker) -> dict[tuple[str, str], str]:
    """Everyone's rows as each test finds them (each rolls back to here): taken once, not before every test."""
    with django_db_blocker.unblock():
        return rows_by_owner(world.users.values())


@cache
def _ours() -> dict[str, Route]:
    return {route.name: route for route in all_routes() if _excluded_because(route) is None}


def _excluded_because(route: Route) -> str | None:
    return EXCLUDED.get(route.namespace.split(":")[0]) or EXCLUDED.get(route.module.split(".")[0])


def test_every_route_of_ours_is_in_the_matrix():
    ours = [route for route in all_routes() if _excluded_because(route) is None]
    assert [route.pattern for route in ours if not route.name] == [], "name every route, so the matrix can list it"
    names, listed = {route.name for route in ours}, {key.partition("#")[0] for key in ROUTES}
    assert sorted(names - listed) == [], "new routes: say in route_matrix.py who may use them"
    assert sorted(listed - names) == [], "routes no longer there: take them out of route_matrix.py"


def test_the_admin_is_for_staff_only(clients):
    for actor in ("owner", "lead", "anonymous"):
        response = clients[actor].get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), actor
    assert clients["staff"].get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("key", sorted(ROUTES))
def test_each_route_answers_each_actor_as_the_matrix_says(key, world, clients, rows_at_start):
    name, expect = key.partition("#")[0], ROUTES[key]
    route, url = _ours()[name], reverse(name, kwargs=_resolve(world, expect.kwargs))
    allowed = _allowed_methods(clients[expect.principal or "outsider"], url, expect)
    problems = []
    owned, writes = rows_at_start, writes_so_far()
    for actor in ACTORS:
        throttle_counts.clear()  # the actors share one client address, and the API's throttles count per address
        trusted = expect.link or actor == expect.principal
        for method in ["GET"] if trusted else ["GET", *(m for m in WRITES if m in allowed)]:
            response = _send(clients[actor], method, url, route, expect, world)
            where = f"{key}: {actor} {method}"
            problems += _wrong_answer(response, where, _expected(route, expect, actor, method, allowed), actor, expect)
            if writes_so_far() != writes:  # something was written: whose?
                now, writes = rows_by_owner(world.users.values()), writes_so_far()
                if not trusted and (changed := _changed(owned, now, actor, world)):
                    problems.append(f"{where} changed {', '.join(changed)}")
                owned = now
    if expect.link:
        problems += _forged_links_fail(name, world, clients, expect)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("naming", NAMING_THE_OWNERS, ids=lambda naming: naming.route)
def test_naming_the_owners_objects_from_ones_own(naming: Naming, world, clients, rows_at_start):
    route, expect = _ours()[naming.route], Expect(body=naming.body, query=naming.query)
    url = reverse(naming.route, kwargs=_resolve(world, naming.kwargs))
    response = _send(clients[naming.actor], naming.method, url, route, expect, world)
    assert response.status_code == naming.status
    assert _leaked(response, naming.actor) == []
    assert _changed(rows_at_start, rows_by_owner(world.users.values()), naming.actor, world) == []
    assert references(of=world.users[naming.actor], to=world.users["owner"]) == []


@pytest.mark.parametrize(("secret", "name"), SEEN_ON.items())
def test_the_owner_sees_each_secret_somewhere(secret: str, name: str, world, clients):
    """So that no secret missing from another actor's page is missing only because no page shows it."""
    expect = ROUTES[name]
    url = reverse(name, kwargs=_resolve(world, expect.kwargs))
    response = clients["owner"].get(url, _resolve(world, expect.query))
    assert SECRETS[secret] in response.content.decode()


def _wrong_answer(response: HttpResponse, where: str, wanted: int, actor: str, expect: Expect) -> list[str]:
    problems = []
    if response.status_code != wanted:
        problems.append(f"{where} answered {response.status_code}, expected {wanted}")
    elif wanted == 302 and actor == "anonymous" and "/login/" not in response["Location"]:
        problems.append(f"{where} redirected to {response['Location']}, not to a login page")
    if leaked := _leaked(response, actor, shown=expect.reveals):
        problems.append(f"{where} shows the owner's {', '.join(leaked)}")
    return problems


def _expected(route: Route, expect: Expect, actor: str, method: str, allowed: set[str]) -> int:
    if actor == "anonymous" and not expect.public:
        return 401 if route.is_api else 302
    if method not in allowed:
        return 405
    named = (expect.get if method == "GET" else expect.write).get(actor)
    if named is None and actor != expect.principal:
        named = (expect.get if method == "GET" else expect.write).get("*")
    if named is not None:
        return named[method] if isinstance(named, dict) else named
    if method == "GET" and (actor == expect.principal or expect.link or not expect.kwargs):
        return 200  # the principal's; or a list or form of the actor's own
    if not expect.kwargs:
        raise AssertionError(f"{route.name}: say in route_matrix.py what {actor}'s {method} answers")
    return 404


def _allowed_methods(client: Client, url: str, expect: Expect) -> set[str]:
    """The methods the route says it allows (in the Allow header of its answer to OPTIONS)."""
    response = client.options(url, headers=_headers(expect))
    assert "Allow" in response, f"{url} does not say which methods it allows: restrict them (require_GET...)"
    return {method.strip() for method in response["Allow"].split(",")} & {"GET", *WRITES}


def _send(client: Client, method: str, url: str, route: Route, expect: Expect, world: World) -> HttpResponse:
    if method == "GET":
        return client.get(url, _resolve(world, expect.query), headers=_headers(expect))
    body = _resolve(world, expect.body)
    if route.is_api:
        return client.generic(method, url, json.dumps(body), content_type="application/json", headers=_headers(expect))
    if method == "POST":
        return client.post(url, body, headers=_headers(expect))
    return client.generic(method, url, headers=_headers(expect))


def _headers(expect: Expect) -> dict[str, str]:
    return {"HX-Request": "true"} if expect.htmx else {}


def _resolve(world: World, value: Any) -> Any:
    """World references ("@persona", "@share.token") as ids and values; everything else as it is."""
    if isinstance(value, dict):
        return {key: _resolve(world, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(world, item) for item in value]
    if not isinstance(value, str) or not value.startswith("@"):
        return value
    name, _, attribute = value[1:].partition(".")
    found = world.users.get(name) or world.objects[name]
    if attribute:
        return getattr(found, attribute)
    return str(found.pk) if hasattr(found, "pk") else found


def _leaked(response: HttpResponse, actor: str, shown: frozenset[str] = frozenset()) -> list[str]:
    if response.streaming:  # a file: only ever handed to someone allowed it (the status says so)
        return []
    body = response.content.decode(errors="replace")
    return [what for what, secret in SECRETS.items() if what not in MAY_READ[actor] | shown and secret in body]


def _changed(before: dict, after: dict, actor: str, world: World) -> list[str]:
    """Whose tables differ, but the actor's own (which a list or a form of their own may change)."""
    names = {key: who for who, user in world.users.items() for key in (str(user.pk), user.email)}
    return sorted(
        f"the {names[owner]}'s {table}"
        for table, owner in before.keys() | after.keys()
        if names[owner] != actor and before.get((table, owner)) != after.get((table, owner))
    )


def _forged_links_fail(name: str, world: World, clients: dict[str, Client], expect: Expect) -> list[str]:
    kwargs = {key: f"{value}forged" for key, value in _resolve(world, expect.kwargs).items()}
    url = reverse(name, kwargs=kwargs)
    return [
        f"{name}: a forged link answered {response.status_code} to {actor}, expected {expect.forged}"
        for actor, client in clients.items()
        if (response := client.get(url)).status_code != expect.forged
    ]
