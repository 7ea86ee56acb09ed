"""Time `formloket validate` on N synthetic products against a bare yaml.safe_load of the same files.

    .venv/bin/python benchmarks/validate.py            # 500 products of about 20 questions
    .venv/bin/python benchmarks/validate.py -n 2000 --fields 40 --upl ../shared/data/upl.json

Runs the pipeline in-process (best of 3), so the figure is the work itself, not Python's start-up.
The floor is what reading the same YAML costs at all: PyYAML's safe_load (pure Python, what most
projects call), and the same with libyaml (the fastest PyYAML can parse). Target: under 1 s for
500 products on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write_products  # noqa: E402
from generator import pipeline  # noqa: E402
from generator.load import load_document  # noqa: E402
from generator.validate import validate_document  # noqa: E402


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=500, help="number of products (default 500)")
    parser.add_argument("--fields", type=int, default=20, help="questions per product (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--upl", help="UPL list, to include the UPL rule")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_products(Path(tmp) / "forms", n=args.n, fields=args.fields)
        names = [str(p) for p in paths]
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.n} products, {args.fields} questions each, {size / 1e6:.1f} MB of YAML")

        result = pipeline.load_products([str(Path(tmp) / "forms")], upl_path=args.upl)
        if result.problems:
            print(f"synthetic products are not clean: {len(result.problems)} problems, first: {result.problems[0]}")
            return 1

        whole = best_of(args.repeat, lambda: pipeline.load_products(names, upl_path=args.upl))
        parallel_from = pipeline.PARALLEL_FROM
        pipeline.PARALLEL_FROM = 10**9  # the same work in one process, for comparison
        one_process = best_of(args.repeat, lambda: pipeline.load_products(names, upl_path=args.upl))
        pipeline.PARALLEL_FROM = parallel_from

        def load_only():
            with pipeline._no_cyclic_gc():
                return [load_document(n) for n in names]

        loading = best_of(args.repeat, load_only)
        documents = load_only()
        schema = best_of(args.repeat, lambda: [validate_document(d) for d in documents])

        def safe_load(loader):
            def work():
                for name in names:
                    with open(name, encoding="utf-8") as handle:
                        yaml.load(handle, Loader=loader)
            return work

        floor_c = best_of(args.repeat, safe_load(getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        floor = best_of(1, safe_load(yaml.SafeLoader))

    print(f"formloket validate (load_products):  {whole:6.2f} s  ({whole / args.n * 1000:.2f} ms per product,"
          f" {os.cpu_count()} cores)")
    print(f"the same in one process:             {one_process:6.2f} s, of which")
    print(f"  loading YAML:                      {loading:6.2f} s")
    print(f"  JSON Schema:                       {schema:6.2f} s")
    print(f"  rules and model (the rest):        {max(one_process - loading - schema, 0):6.2f} s")
    print(f"floor: yaml.safe_load (pure Python): {floor:6.2f} s  -> formloket takes {whole / floor:.2f}x the floor")
    print(f"floor: yaml.load with CSafeLoader:   {floor_c:6.2f} s  -> formloket takes {whole / floor_c:.2f}x")
    target = 1.0 * args.n / 500
    print(f"target {target:.2f} s: {'met' if whole < target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
