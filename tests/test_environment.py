"""The Jinja environment every renderer shares: autoescape prints through ``quick_escape``, which
must escape exactly as markupsafe does."""

from __future__ import annotations

import markupsafe
from hypothesis import given, strategies as st
from markupsafe import Markup

from generator.render.environment import environment, kept_templates, new_environment, quick_escape


class Shown:
    def __html__(self):
        return "<b>as it is</b>"


@given(st.text())
def test_quick_escape_escapes_text_as_markupsafe_does(text):
    for value in (text, text + "<&>\"'", Markup(text)):
        escaped = quick_escape(value)
        assert escaped == markupsafe.escape(value)
        assert type(escaped) is Markup


def test_quick_escape_of_other_values():
    for value in (12, 2.5, None, True, Shown(), ["<a>"], Markup("<i>ok</i>")):
        assert quick_escape(value) == markupsafe.escape(value)
        assert type(quick_escape(value)) is Markup


def test_templates_print_through_quick_escape_also_from_the_cache(tmp_path):
    source = "{{ text }}|{{ safe }}"
    values = {"text": "<script>alert('x')</script> & \"q\"", "safe": Markup("<em>ja</em>")}
    printed = new_environment().from_string(source).render(**values)
    assert printed == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;q&#34;|<em>ja</em>"
    template = environment().get_template("catalogue/accessibility.html")
    assert template.root_render_func.__globals__["escape"] is quick_escape
    cached = new_environment(kept_templates(str(tmp_path)))
    cached.get_template("catalogue/accessibility.html")
    again = new_environment(kept_templates(str(tmp_path))).get_template("catalogue/accessibility.html")
    assert again.root_render_func.__globals__["escape"] is quick_escape


def test_calls_from_templates_keep_their_meaning():
    from jinja2 import pass_context, pass_environment

    @pass_context
    def with_context(context, suffix):
        return context["name"] + suffix

    @pass_environment
    def with_environment(env, value):
        return f"{type(env).__name__}:{value}"

    def plain(value, *, twice=False):
        return value * 2 if twice else value

    def stops():
        raise StopIteration

    source = ("{% macro box(x) %}[{{ x }}]{% endmacro %}{% macro wrap(x) %}[{{ x }}{{ caller() }}]{% endmacro %}"
              "{{ box(1) }}{% call wrap(2) %}+{% endcall %}|{{ with_context('!') }}|{{ with_environment(3) }}"
              "|{{ plain('a', twice=True) }}|{{ stops() is undefined }}")
    values = {"name": "Jan", "with_context": with_context, "with_environment": with_environment,
              "plain": plain, "stops": stops}
    assert new_environment().from_string(source).render(**values) == "[1][2+]|Jan!|Environment:3|aa|True"
