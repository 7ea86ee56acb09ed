"""The one Jinja environment every renderer uses.

Autoescape is on for every template, so a string from a definition can never become markup, and
``StrictUndefined`` makes a missing value fail the build instead of printing nothing.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from types import FunctionType

import markupsafe
from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template
from jinja2.bccache import Bucket
from jinja2.runtime import Context, Macro
from generator.render import compact_markup
from generator.render.compact_markup import as_markup
from generator.render.markdown import markdown_filter

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def format_euro(amount: float | None, lang: str = "nl") -> str:
    """12.5 -> '€ 12,50' (nl) or '€12.50' (en); 0 -> 'Gratis'/'Free'."""
    if amount is None:
        return ""
    if amount == 0:
        return "Gratis" if lang == "nl" else "Free"
    if lang == "nl":
        whole, cents = f"{amount:,.2f}".split(".")
        return f"€ {whole.replace(',', '.')},{cents}"
    return f"€{amount:,.2f}"


def format_size(size_bytes: int, lang: str = "nl") -> str:
    """Size of a download as people read it: '84 kB', '1,2 MB'."""
    if size_bytes < 1_000_000:
        return f"{max(1, round(size_bytes / 1000))} kB"
    megabytes = f"{size_bytes / 1_000_000:.1f}"
    return f"{megabytes.replace('.', ',') if lang == 'nl' else megabytes} MB"


#: markupsafe's escaping of a str, in C (what ``markupsafe.escape`` calls); None if a later
#: markupsafe moves it, and then ``escape`` does it all.
_escape_str = getattr(markupsafe, "_escape_inner", None)


def quick_escape(value: object) -> markupsafe.Markup:
    """``markupsafe.escape``, quicker for what templates print most: a Markup (a macro's output)
    comes back as it is instead of copied, and a str is escaped in C and wrapped without going
    through Markup's constructor in Python. Autoescape prints every ``{{ ... }}`` through it, some
    thousand times an e-form page."""
    kind = type(value)
    if kind is markupsafe.Markup:
        return value
    if kind is str and _escape_str is not None:
        return as_markup(markupsafe.Markup, _escape_str(value))
    return markupsafe.escape(value)


class QuickCalls(Context):
    """Every call in a template (a macro, ``t("key")``) goes through ``Context.call``, which first
    asks the callable whether it wants the context passed in (``@pass_context`` and the like). An
    e-form page makes a few hundred calls, nearly all to macros and plain functions, which never
    do: those are called straight away (a tenth off the e-form's rendering). Anything else goes
    the usual way."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own names, so keywords never clash
        kind = type(__obj)
        if kind is Macro or (kind is FunctionType and not hasattr(__obj, "jinja_pass_arg")):
            if kwargs:
                kwargs.pop("_block_vars", None)
                kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Context.call does: an iterator's end must not end the page
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


class QuickEscapeTemplate(Template):
    """A template that prints through ``quick_escape``: Jinja's compiled code looks ``escape`` up
    in the template's module globals, which this sets once the code is loaded."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = quick_escape
        return template


#: What the compiled templates depend on besides their text: this module and the rewrite.
_ENVIRONMENT_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + Path(compact_markup.__file__).read_bytes()).hexdigest()


class KeptTemplates(FileSystemBytecodeCache):
    """Compiled templates kept between runs: compiling the e-form's and the catalogue's templates
    took a quarter of a second of every build. Jinja's own cache, in its own folder (per user,
    in the temporary folder; it refuses a folder another user could write to). Each entry holds
    the SHA-1 of its template's source and the Jinja and Python versions, and a stale one is
    compiled again. A cache that cannot be read or written is no cache, never a failed build."""

    def get_source_checksum(self, source: str) -> str:
        # Jinja knows the template's text, not what our environment makes of it (its options, the
        # CompactAttributes rewrite): entries from another version of those must not be used.
        return super().get_source_checksum(source + _ENVIRONMENT_VERSION)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry (marshal raises EOFError, ValueError, TypeError)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def kept_templates(directory: str | None = None) -> BytecodeCache | None:
    """The cache of compiled templates in ``directory`` (default: Jinja's), or None when there is
    no safe place for one."""
    try:
        return KeptTemplates(directory)
    except (OSError, RuntimeError):  # Jinja raises RuntimeError for a folder it finds unsafe
        return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    return new_environment(kept_templates())


def new_environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    """A new environment with our settings and filters; the renderers share ``environment()``."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        bytecode_cache=bytecode_cache,
        # The templates are formloket's own, not the site's: they do not change while it runs, so
        # Jinja need not look at each file's time again every time a page asks for a template.
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[compact_markup.CompactAttributes],
    )
    env.template_class = QuickEscapeTemplate
    env.context_class = QuickCalls
    env.filters["markdown"] = markdown_filter
    env.filters["euro"] = format_euro
    env.filters["filesize"] = format_size
    env.filters["attrs"] = compact_markup.html_attributes
    env.filters["attribute_value"] = compact_markup.attribute_value
    env.filters["id_value"] = compact_markup.id_value
    return env


def compile_templates(*folders: str) -> None:
    """Compile every template in ``folders`` now; the environment keeps them. Worker processes
    forked afterwards inherit them compiled, instead of each compiling its own."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        if name.split("/", 1)[0] in folders:
            env.get_template(name)
