"""Rendering a template a user wrote: Jinja's sandbox, in a child process with a clock, a memory cap and a size cap.

The sandbox keeps a template away from Python's internals (no `__class__`, `__globals__`, no unsafe calls) and is
handed plain JSON-like data only, so there is nothing of the server to reach. What the sandbox cannot stop — a loop
of loops, a macro that calls itself, a string doubled until memory runs out — the child process can: it is killed
when its time is up, its address space is capped, and it stops writing past the size limit. A fork costs a few
milliseconds; our own built-in templates skip it (`render_trusted`).
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, Undefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_SECONDS = 3.0
MAX_OUTPUT_CHARS = 2_000_000  # a ten-page CV as HTML is about 100,000
MAX_EXTRA_MEMORY = 512 * 1024 * 1024  # the child may grow this far beyond the parent's address space
MAX_SOURCE_CHARS = 100_000


class TemplateRefused(Exception):
    """A template that cannot be rendered, with a message the author can act on."""


class _Environment(SandboxedEnvironment):
    """Also refuses arithmetic that would build something huge in one step (`"x" * 10**9`, `9 ** 9 ** 9`)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 64:
            raise SecurityError("Powers above 64 are not allowed in templates.")
        if operator == "*" and _size(left) * _size(right) > MAX_OUTPUT_CHARS:
            raise SecurityError("This multiplication would build a value larger than a document may be.")
        if operator == "+" and _size(left) + _size(right) > MAX_OUTPUT_CHARS:
            raise SecurityError("This would build a value larger than a document may be.")
        return super().call_binop(context, operator, left, right)


def _size(value: Any) -> int:
    if isinstance(value, str | list | tuple):
        return len(value)
    return abs(value) if isinstance(value, int) and not isinstance(value, bool) else 1


def environment(*, autoescape: bool) -> SandboxedEnvironment:
    return _Environment(autoescape=autoescape, undefined=Undefined, trim_blocks=True, lstrip_blocks=True)


def check_syntax(source: str, *, autoescape: bool = True) -> None:
    """TemplateRefused with the line of the first syntax error, if any."""
    if len(source) > MAX_SOURCE_CHARS:
        raise TemplateRefused(f"A template may be at most {MAX_SOURCE_CHARS:,} characters long.")
    try:
        environment(autoescape=autoescape).parse(source)
    except TemplateSyntaxError as error:
        raise TemplateRefused(f"Line {error.lineno}: {error.message}") from None


def render_trusted(source: str, context: dict[str, Any], *, autoescape: bool = True) -> str:
    """Render one of our own templates, in this process (still sandboxed: the data is the user's)."""
    try:
        return _render(source, context, autoescape=autoescape)
    except Exception as error:
        raise TemplateRefused(message_for(error)) from None


def render_untrusted(
    source: str, context: dict[str, Any], *, autoescape: bool = True, seconds: float = MAX_SECONDS
) -> str:
    """Render a template a user wrote, in a child process that is killed when its time is up."""
    check_syntax(source, autoescape=autoescape)
    html = run_bounded(
        lambda: _render(source, context, autoescape=autoescape).encode(),
        seconds=seconds,
        too_long=f"The template took longer than {seconds:g} seconds and was stopped (a loop too long?).",
    )
    return html.decode()


def run_bounded(work: Callable[[], bytes], *, seconds: float, too_long: str) -> bytes:
    """What `work` returns, computed in a forked child with a clock, a CPU limit and a memory cap.

    For work whose cost a user's input decides (their template, the document it makes). TemplateRefused with
    `too_long` when the time is up, or with the reason the work gave up.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, write the answer, and leave without running the parent's cleanup
        os.close(reader)
        _child(writer, work, cpu_seconds=math.ceil(seconds))
    os.close(writer)
    try:
        answer = _read_until(reader, deadline=time.monotonic() + seconds)
    finally:
        os.close(reader)
        _reap(pid)
    if answer is None:
        raise TemplateRefused(too_long)
    return payload_of(answer)


def payload_of(answer: bytes) -> bytes:
    """What a child answered; TemplateRefused with its reason, or when the answer is not whole."""
    status, size, payload = answer[:1], int.from_bytes(answer[1:_HEADER], "big"), answer[_HEADER:]
    if len(answer) < _HEADER or len(payload) != size:
        # Nothing, or half an answer: the child died while working or writing (out of memory, or of CPU time).
        raise TemplateRefused("The template used more memory or time than a document may and was stopped.")
    if status == _DONE:
        return payload
    raise TemplateRefused(payload.decode(errors="replace"))


# An answer is a status byte, the payload's length in 8 bytes, then the payload: a child killed while writing
# leaves an answer shorter than it says, never one that passes for whole.
_DONE, _REFUSED = b"+", b"-"
_HEADER = 9


def _child(writer: int, work: Callable[[], bytes], *, cpu_seconds: int) -> None:
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _address_space() + MAX_EXTRA_MEMORY
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))  # past it: SIGXCPU, then SIGKILL
        try:
            status, payload = _DONE, work()
        except Exception as error:
            status, payload = _REFUSED, message_for(error).encode()
        answer = status + len(payload).to_bytes(_HEADER - 1, "big") + payload
        view = memoryview(answer)
        while view:
            view = view[os.write(writer, view) :]
    finally:
        os._exit(0)


def _render(source: str, context: dict[str, Any], *, autoescape: bool) -> str:
    template = environment(autoescape=autoescape).from_string(source)
    parts, size = [], 0
    for part in template.generate(context):
        size += len(part)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(f"The document would be longer than {MAX_OUTPUT_CHARS:,} characters.")
        parts.append(part)
    return "".join(parts)


def message_for(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "The template calls itself too deeply (a macro that never stops?)."
    if isinstance(error, MemoryError):
        return "The template used more memory than a document may and was stopped."
    if isinstance(error, SecurityError):
        return f"Not allowed in a template: {error}"
    if isinstance(error, TemplateSyntaxError):
        return f"Line {error.lineno}: {error.message}"
    if isinstance(error, OverflowError):
        return f"Not allowed in a template: {error}"
    if isinstance(error, TemplateRefused):
        return str(error)
    if isinstance(error, TemplateError | ValueError | TypeError | LookupError | ArithmeticError):
        return f"The template could not be rendered: {error}"
    return f"The template could not be rendered ({type(error).__name__})."


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _read_until(reader: int, *, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([reader], [], [], left)[0]:
            return None
        chunk = os.read(reader, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # gone already
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
