"""PDF budget: ``build_pdfs`` on synthetic products, cold and warm, against bare WeasyPrint.

    .venv/bin/python benchmarks/pdf.py [--n 500] [--fields 20] [--jobs CORES] [--keep DIR]

- T_bare: the same print HTML, same stylesheets and options, written by WeasyPrint one after the
  other in this process (no fix-ups, no cache, no pool); T_bare / cores is what perfect
  parallelism would give.
- T_cold: ``build_pdfs(..., jobs=cores)`` with an empty cache (print HTML, hashing, the pool, the
  fix-ups and copying included). Budget: T_cold <= 1.2 x T_bare / cores.
- T_warm: ``build_pdfs`` again with nothing changed: every PDF comes from the cache.
- Sizes: median and largest PDF. Budget: median <= 100 KB.

Exit status 1 when a budget is missed. The machine is shared: run it when it is quiet, and read the
figures with that in mind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write_products  # noqa: E402
from generator import pdf_cache  # noqa: E402
from generator.pipeline import load_products  # noqa: E402
from generator.render import pdf  # noqa: E402

RATIO_BUDGET = 1.2
SIZE_BUDGET = 100 * 1024


def bare_weasyprint(htmls: list[str], font_css: str) -> float:
    """Seconds for WeasyPrint alone to write every PDF, sequentially, after one warm-up render."""
    from weasyprint import HTML

    stylesheets, fonts = pdf._stylesheets_for(font_css)

    def write(html: str) -> bytes:
        return HTML(string=html, base_url=str(pdf.STATIC_DIR)).write_pdf(
            stylesheets=stylesheets, font_config=fonts, **pdf.WEASYPRINT_OPTIONS
        )

    write(htmls[0])  # imports, font loading: paid once by every worker of build_pdfs too
    start = time.perf_counter()
    for html in htmls:
        write(html)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of synthetic products (default: 500)")
    parser.add_argument("--fields", type=int, default=20, help="questions per product (default: 20)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: every core)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp dir)")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="formloket-pdf-bench-"))
    try:
        for name in ("forms", "site", "cache"):
            shutil.rmtree(work / name, ignore_errors=True)
        write_products(work / "forms", n=args.n, fields=args.fields, seed=0)
        loaded = load_products([str(work / "forms")])
        if loaded.has_errors:
            sys.exit(f"the synthetic products have errors: {loaded.problems[:3]}")
        products = [p for p in loaded.products if pdf.has_pdf(p)]
        font_css, _ = pdf_cache.fields_font_css(work / "cache")
        htmls = [pdf.render_print_html(p) for p in products]

        t_bare = bare_weasyprint(htmls, font_css)
        ideal = t_bare / args.jobs

        def report_progress(done: int, total: int, _product_id: str) -> None:
            if done % 50 == 0 or done == total:
                print(f"  {done}/{total} PDFs", file=sys.stderr)

        start = time.perf_counter()
        cold = pdf.build_pdfs(products, work / "site", cache_dir=work / "cache", jobs=args.jobs,
                              progress=report_progress)
        t_cold = time.perf_counter() - start
        start = time.perf_counter()
        warm = pdf.build_pdfs(products, work / "site", cache_dir=work / "cache", jobs=args.jobs)
        t_warm = time.perf_counter() - start

        assert not any(i.from_cache for i in cold.values()) and all(i.from_cache for i in warm.values())
        sizes = [info.size_bytes for info in cold.values()]
        ratio = t_cold / ideal
        median = statistics.median(sizes)
        print(f"{len(products)} synthetic products, {args.fields} questions each, {args.jobs} processes "
              f"({os.cpu_count()} cores)")
        print(f"T_bare (WeasyPrint alone, sequential): {t_bare:.2f} s ({t_bare / len(products) * 1000:.0f} ms per PDF)")
        print(f"T_bare / {args.jobs}: {ideal:.2f} s")
        print(f"T_cold (build_pdfs, empty cache): {t_cold:.2f} s")
        print(f"ratio T_cold / (T_bare / {args.jobs}): {ratio:.2f} (budget {RATIO_BUDGET})")
        print(f"T_warm (build_pdfs, nothing changed): {t_warm:.2f} s, {len(warm)} from the cache")
        print(f"size: median {median / 1024:.1f} KB, largest {max(sizes) / 1024:.1f} KB (budget: median "
              f"{SIZE_BUDGET // 1024} KB)")
        return 0 if ratio <= RATIO_BUDGET and median <= SIZE_BUDGET else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
