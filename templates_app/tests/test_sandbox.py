"""A user's template cannot reach the server, loop forever, recurse forever or build a huge document."""

import pytest

from templates_app.sandbox import TemplateRefused, check_syntax, render_untrusted

CONTEXT = {"basics": {"name": "<b>Ana</b>"}, "sections": []}


def test_a_template_renders_the_persona_with_markup_escaped():
    assert render_untrusted("Hello {{ basics.name }}", CONTEXT) == "Hello &lt;b&gt;Ana&lt;/b&gt;"


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "Not allowed"),
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "Not allowed"),
        ("{{ basics.__class__.__init__.__globals__ }}", "Not allowed"),
        ("{% for i in range(10**9) %}x{% endfor %}", "Not allowed"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself too deeply"),
        ("{{ 'x' * 1000000000 }}", "larger than a document may be"),
        ("{{ [1] * 10**9 }}", "larger than a document may be"),
        ("{{ 2 ** 100000 }}", "Powers above 64"),
        ("{% for i in range(100000) %}{{ 'y' * 100 }}{% endfor %}", "longer than 2,000,000 characters"),
        ("{% for %}", "Line 1"),
    ],
    ids=[
        "class-walk",
        "globals-os",
        "data-globals",
        "huge-range",
        "recursive-macro",
        "string-times",
        "list-times",
        "power",
        "huge-output",
        "syntax",
    ],
)
def test_hostile_templates_are_refused_with_a_clear_error(source, says):
    with pytest.raises(TemplateRefused, match=says):
        render_untrusted(source, CONTEXT)


def test_a_loop_that_never_ends_is_stopped_on_time():
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateRefused, match=r"took longer than 0\.5 seconds"):
        render_untrusted(source, CONTEXT, seconds=0.5)


def test_a_template_longer_than_allowed_is_refused_before_it_runs():
    with pytest.raises(TemplateRefused, match="at most"):
        check_syntax("x" * 200_000)
