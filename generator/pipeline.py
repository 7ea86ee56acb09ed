"""From paths on the command line to validated products, or to every problem found on the way.

    find files -> load (YAML) -> JSON Schema -> rules per file -> rules across files -> model

Each stage returns problems as values; all files go through every stage they can reach, so one run
reports everything at once. The model is built only when nothing is wrong, because renderers trust
it. A user's mistake never raises; a bug in formloket still does (and shows its traceback).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

import yaml

from generator.load import Document, load_document
from generator.model import Product
from generator.problems import Problem
from generator.validate import validate_document

#: File name endings of product definitions.
DEFINITION_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    products: list[Product] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file looked at, for the summary line

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def load_products(
    paths: list[str], *, upl_path: str | None = None, meanwhile: Callable[[], object] | None = None,
) -> LoadResult:
    """``meanwhile``: work for this process while worker processes check the files (a build
    compiles its templates there), so it costs no time of its own; called once in any case."""
    with _no_cyclic_gc():
        return _load_products(paths, upl_path, meanwhile)


def start_loading(paths: list[str], *, upl_path: str | None = None) -> None:
    """Start checking the definitions now and return at once: the next ``load_products`` with the
    same paths and UPL list takes the results over. ``formloket build`` calls this before it loads
    MkDocs, so that worker processes read the files meanwhile (on 500 products, a third of a second
    in which one core would otherwise wait)."""
    cancel_started_loading()
    global _started
    _started = _begin(paths, upl_path)


def cancel_started_loading() -> None:
    """Stop the workers of a ``start_loading`` that no ``load_products`` took over."""
    global _started
    if _started is not None:
        _started.checks.close()
        _started = None


@dataclass
class _Begun:
    """Stages 1 and 2 done and stage 3 under way: what ``start_loading`` leaves for ``load_products``."""

    key: tuple
    files: list[str]
    problems: list[Problem]
    checks: _Checks


_started: _Begun | None = None


def _begin(paths: list[str], upl_path: str | None) -> _Begun:
    problems: list[Problem] = []

    # Stage 1: which files. A folder means every definition directly in it.
    files, finding_problems = find_definition_files(paths)
    problems.extend(finding_problems)

    # Stage 2: the UPL list, if one is given: a broken list is reported like any other file.
    upl = None
    if upl_path:
        upl = _load_upl(upl_path)
        if isinstance(upl, Problem):
            problems.append(upl)
            upl = None

    # Stage 3 starts: each file parsed and checked on its own (over the machine's cores for many files).
    return _Begun(_key(paths, upl_path), files, problems, _Checks(files, upl))


def _key(paths: list[str], upl_path: str | None) -> tuple:
    # The paths as given, not resolved: they are what messages show.
    return tuple(paths), upl_path


def _load_products(paths: list[str], upl_path: str | None, meanwhile: Callable[[], object] | None) -> LoadResult:
    global _started
    if _started is not None and _started.key == _key(paths, upl_path):
        begun, _started = _started, None
    else:
        cancel_started_loading()
        begun = _begin(paths, upl_path)
    result = LoadResult(files=begun.files, problems=begun.problems)
    if meanwhile:
        meanwhile()

    # Stage 3: the model of each file that is clean on its own is built as its result comes in,
    # while the workers check the next files; it is kept only if the whole set turns out clean
    # (stage 5).
    schema_valid: list[Document] = []
    models: list[Product] = []
    all_clean = True
    for document, schema_ok, problems in begun.checks:
        result.problems.extend(problems)
        all_clean = all_clean and document is not None and schema_ok and not any(p.is_error for p in problems)
        if document is None:
            continue
        result.documents.append(document)
        if schema_ok:
            schema_valid.append(document)
        if all_clean:
            models.append(Product.from_dict(document.data, source=document.path, version=document.version))

    # Stage 4: rules between files (the same product id twice), on the files whose shape is known.
    result.problems.extend(_check_documents(schema_valid))

    # By place; stable, so problems at one place stay in the order their stage found them.
    result.problems.sort(key=lambda p: (p.file, p.line, p.column))

    # Stage 5: the model, only from a clean set: renderers never see a half-valid product.
    if not result.has_errors:
        result.products = models
    return result


#: (document, passed the schema, problems)
FileCheck = tuple["Document | None", bool, list[Problem]]

#: Below this many files a process pool costs more than it saves (measured: forking two workers
#: and sending results back takes about 0.1 s).
PARALLEL_FROM = 64
#: Files per task sent to a worker: small enough that the workers finish together and results
#: arrive steadily (the models are built from them meanwhile), large enough to keep the traffic low.
CHUNK = 16


def _check_file(path: str, upl) -> FileCheck:
    """Load one file, check it against the schema and, if its shape is right, the rules.

    The node tree is large (an object per key, value and mark); after the checks only the rules
    across files still need it, and they concern the product id. Keeping just that entry lets the
    trees go as soon as each file is done instead of piling up for the whole run.
    """
    loaded = load_document(path)
    if isinstance(loaded, list):
        return None, False, loaded
    problems = validate_document(loaded)
    schema_ok = not problems
    if schema_ok:
        problems = _check_document(loaded, upl)
    return replace(loaded, root=_id_only(loaded.root)), schema_ok, problems


class _Checks:
    """Each file's check, in the order of ``paths``, as soon as it is done: in worker processes
    when there are many files (they start at once), else in this process as they are asked for."""

    def __init__(self, paths: list[str], upl):
        self._pool = None
        workers = min(os.cpu_count() or 1, 8)
        if len(paths) < PARALLEL_FROM or workers < 2 or not _can_fork():
            self._results = (_check_file(path, upl) for path in paths)
            return
        _rules_module()  # imported once here rather than in every worker
        global _worker_upl
        _worker_upl = upl  # inherited by the forked workers: the UPL list is not sent per file
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        chunk = max(1, min(CHUNK, len(paths) // (workers * 4)))
        self._results = self._pool.map(_check_file_in_worker, paths, chunksize=chunk)  # the workers start here

    def __iter__(self) -> Iterator[FileCheck]:
        try:
            yield from self._results
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_worker_upl = None


def _check_file_in_worker(path: str) -> FileCheck:
    with _no_cyclic_gc():
        return _check_file(path, _worker_upl)


def _id_only(root: yaml.Node) -> yaml.Node:
    entries = []
    if isinstance(root, yaml.MappingNode):
        entries = [(_plain(k), _plain(v)) for k, v in root.value if getattr(k, "value", None) == "id"]
    mark = _mark(root.start_mark)
    return yaml.MappingNode("tag:yaml.org,2002:map", entries, mark, mark)


def _plain(node: yaml.Node) -> yaml.Node:
    value = node.value if isinstance(node, yaml.ScalarNode) else []
    return yaml.ScalarNode(node.tag, value, _mark(node.start_mark), _mark(node.end_mark))


def _mark(mark) -> yaml.Mark:
    """libyaml's marks are not picklable; a plain Mark with the same place is."""
    return yaml.Mark(mark.name, mark.index, mark.line, mark.column, None, None)


def _can_fork() -> bool:
    """Forking a process that runs other threads (mkdocs serve) can deadlock it: then stay serial."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@contextmanager
def _no_cyclic_gc():
    """Pause Python's cycle collector while the node trees are built: hundreds of thousands of
    small objects without a cycle among them, which the collector would walk again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def find_definition_files(paths: list[str]) -> tuple[list[str], list[Problem]]:
    """Files named on the command line as given; folders expanded to their definitions, sorted."""
    files: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                os.path.normpath(os.path.join(path, name))
                for name in os.listdir(path)
                if name.endswith(DEFINITION_SUFFIXES) and not name.startswith(".")
                and os.path.isfile(os.path.join(path, name))
            )
            if not found:
                problems.append(Problem(path, 0, 0, "", "no product definitions (.yaml files) in this folder"))
            files.extend(found)
        else:
            files.append(os.path.normpath(path))  # a missing file is reported by the loader
    # The same file named twice (forms and ./forms/x.yaml) is checked once.
    return list(dict.fromkeys(files)), problems


# Engineer B's rules and UPL modules are written in parallel; until they exist the pipeline runs the
# schema stages only. An ImportError from *inside* those modules is a bug and is not hidden.


def _check_document(document: Document, upl) -> list[Problem]:
    rules = _rules_module()
    return rules.check_document(document, upl=upl) if rules else []


def _check_documents(documents: list[Document]) -> list[Problem]:
    rules = _rules_module()
    return rules.check_documents(documents) if rules else []


def _load_upl(path: str):
    try:
        from generator.upl import load_upl
    except ModuleNotFoundError as error:
        if error.name != "generator.upl":
            raise
        return None
    return load_upl(path)


def _rules_module():
    try:
        import generator.rules as rules
    except ModuleNotFoundError as error:
        if error.name != "generator.rules":
            raise
        return None
    return rules
