"""Many files are checked in worker processes; the outcome must be exactly that of one process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from conftest import REPO_ROOT
from generator import pipeline

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from synthetic import write_products  # noqa: E402


def test_workers_report_the_same_problems_and_products_as_one_process(tmp_path, monkeypatch):
    forms = tmp_path / "forms"
    write_products(forms, n=pipeline.PARALLEL_FROM + 6, fields=8, seed=3)
    files = sorted(forms.glob("*.yaml"))
    # Faults found in a worker (schema, rules) and across files (the same id twice).
    shutil.copy(files[0], forms / "zz-copy.yaml")
    files[1].write_text(files[1].read_text(encoding="utf-8").replace("why:", "whyy:", 1), encoding="utf-8")

    assert pipeline._can_fork(), "the test must exercise the worker processes"
    parallel = pipeline.load_products([str(forms)])
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    serial = pipeline.load_products([str(forms)])

    assert parallel.problems == serial.problems
    messages = [str(p) for p in parallel.problems]
    assert any("unknown key 'whyy'" in m for m in messages)
    assert any(m.startswith(f"{forms / 'zz-copy.yaml'}:") and "is also used by" in m for m in messages)
    assert [d.data for d in parallel.documents] == [d.data for d in serial.documents]


def test_a_clean_set_gives_the_same_products_either_way(tmp_path, monkeypatch):
    forms = tmp_path / "forms"
    write_products(forms, n=pipeline.PARALLEL_FROM + 2, fields=6, seed=5)
    parallel = pipeline.load_products([str(forms)])
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    serial = pipeline.load_products([str(forms)])
    assert not parallel.problems and parallel.products == serial.products
