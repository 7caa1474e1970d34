"""Fetching a job posting from a link the user gave, safely: the server makes the request, so the link must not reach
inside our own network.

Only http and https; every address a host resolves to must be public (checked when connecting, on every redirect,
so a name cannot resolve to a public address for the check and a private one for the request); at most 5
redirects; 5 s to connect and 15 s in all; at most 5 MB read; only HTML or PDF. Each refusal says why in words a
user understands.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import connection

MAX_REDIRECTS = 5
WEB_PORTS = (80, 443, 8080, 8443)
CONNECT_SECONDS = 5.0
TOTAL_SECONDS = 15.0
MAX_BYTES = 5 * 1024 * 1024
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf"}
TOO_LARGE = f"This page is over {MAX_BYTES // (1024 * 1024)} MB, far larger than any job posting."
USER_AGENT = "PersonaForge/1.0 (job posting import; one request per link a user gives)"

Resolver = Callable[..., list[tuple[Any, ...]]]


class FetchRefused(Exception):
    """The link was not fetched, or not kept; the message says why, for the user."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    kind: str  # "html" or "pdf"
    body: bytes
    charset: str  # from the Content-Type header, "" when it gave none


def fetch(url: str, *, resolve: Resolver = socket.getaddrinfo, seconds: float = TOTAL_SECONDS) -> Fetched:
    """The page at `url`, or FetchRefused. `resolve`: how host names become addresses (socket.getaddrinfo)."""
    deadline = time.monotonic() + seconds
    manager = _manager(resolve)
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url)
        response = _request(manager, url, deadline)
        if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            response.release_conn()
            url = urljoin(url, response.headers["Location"])
            continue
        try:
            return _read(response, url, deadline)
        finally:
            response.release_conn()
    raise FetchRefused(f"This link redirects more than {MAX_REDIRECTS} times, so it was not followed to the end.")


def check_url(url: str) -> None:
    """FetchRefused for what is not an http(s) address of a named host (before anything is sent)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError:
        raise FetchRefused("This is not a web address we can read.") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("Only web addresses starting with http:// or https:// can be fetched.")
    if not parts.hostname:
        raise FetchRefused("This web address has no host name.")
    if parts.username or parts.password:
        raise FetchRefused("Web addresses with a user name or password in them are not fetched.")


def _request(manager: urllib3.PoolManager, url: str, deadline: float) -> urllib3.BaseHTTPResponse:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused("The site took too long to answer.")
    try:
        return manager.request(
            "GET",
            url,
            preload_content=False,
            redirect=False,
            retries=False,
            timeout=urllib3.Timeout(connect=min(CONNECT_SECONDS, left), read=left),
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/pdf"},
        )
    except AddressRefused as refused:
        raise FetchRefused(str(refused)) from None
    except urllib3.exceptions.NameResolutionError:
        raise FetchRefused("No site answers to this address: check the link for typos.") from None
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise FetchRefused("The site took too long to answer.") from None
    except urllib3.exceptions.SSLError:
        raise FetchRefused("The site's secure connection could not be verified, so it was not read.") from None
    except (urllib3.exceptions.HTTPError, OSError, ValueError, UnicodeError):
        raise FetchRefused("The site could not be reached.") from None


def _read(response: urllib3.BaseHTTPResponse, url: str, deadline: float) -> Fetched:
    if response.status >= 400:
        raise FetchRefused(f"The site answered with an error ({response.status}); the posting may have closed.")
    mime, _, params = (response.headers.get("Content-Type") or "").partition(";")
    kind = CONTENT_TYPES.get(mime.strip().lower())
    if kind is None:
        raise FetchRefused("This link is not a web page or a PDF, so there is no posting to read in it.")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchRefused(TOO_LARGE)
    chunks, size = [], 0
    try:
        # read1 returns what has arrived, so a site sending a byte at a time still meets the deadline below.
        while chunk := response.read1(64 * 1024):
            size += len(chunk)
            if size > MAX_BYTES:
                raise FetchRefused(
                    f"This page is over {MAX_BYTES // (1024 * 1024)} MB, far larger than any job posting."
                )
            if time.monotonic() > deadline:
                raise FetchRefused("The site took too long to send the page.")
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError):
        raise FetchRefused("The site stopped sending the page halfway; try again later.") from None
    charset = next((p.split("=", 1)[1].strip().strip('"') for p in params.split(";") if "charset=" in p.lower()), "")
    return Fetched(url=url, kind=kind, body=b"".join(chunks), charset=charset)


class AddressRefused(ValueError):
    """A host that resolves to an address inside a private network (or ours)."""


def _public_addresses(host: str, port: int, resolve: Resolver) -> list[str]:
    """The host's addresses, all of them public, or AddressRefused."""
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise urllib3.exceptions.NameResolutionError(host, None, socket.gaierror()) from None  # type: ignore[arg-type]
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise AddressRefused("No site answers to this address: check the link for typos.")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not _public(ip) and not (ip.is_loopback and _test_port(port)):
            raise AddressRefused("This address points inside a private network and cannot be fetched.")
    if port not in WEB_PORTS and not _test_port(port):  # not a way to probe other services on public hosts
        raise AddressRefused("Only web pages on the usual web ports (80, 443, 8080, 8443) are fetched.")
    return addresses


# IPv6 ranges that carry an IPv4 address inside (NAT64, IPv4-compatible, 6to4, Teredo), which Python may call
# global: the IPv4 address inside could be a private one.
_EMBEDDING = [ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "2002::/16", "2001::/32")]


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped.is_global
        if any(ip in network for network in _EMBEDDING):
            return False
    return ip.is_global


def _test_port(port: int | None) -> bool:
    """The port of the test suite's own server on loopback (JOB_FETCH_TEST_PORTS); never in production."""
    return port in settings.JOB_FETCH_TEST_PORTS and not settings.PRODUCTION


def _manager(resolve: Resolver) -> urllib3.PoolManager:
    """A pool whose connections check every address they connect to (see _public_addresses)."""

    def new_conn(self: HTTPConnection) -> socket.socket:
        addresses = _public_addresses(self._dns_host, self.port, resolve)
        try:
            return connection.create_connection((addresses[0], self.port), self.timeout)
        except TimeoutError:
            raise urllib3.exceptions.ConnectTimeoutError(self, "connect timed out") from None

    checked_http = type("CheckedHTTPConnection", (HTTPConnection,), {"_new_conn": new_conn})
    checked_https = type("CheckedHTTPSConnection", (HTTPSConnection,), {"_new_conn": new_conn})
    manager = urllib3.PoolManager(num_pools=2, maxsize=1)
    manager.pool_classes_by_scheme = {
        "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": checked_http}),
        "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": checked_https}),
    }
    return manager
