"""Batch workers' start-up (not a test): what a worker imports, and a small `hadath batch` whole.

Two figures, each for this tree and for REF's (``git archive``, default main), run in turn
with the same Python, each run a fresh process measured by the kernel (``os.wait4``: user +
system CPU, including the processes it started and waited for), bytecode kept as an
installed package has it:

- imports: what a spawned (or Dask) worker imports before it reads anything: the main
  module's package (``hadath.cli``, as ``hadath batch`` runs), ``hadath.batch.worker`` (to
  unpickle its task) and the pipeline. CPU of that interpreter and the modules loaded.
- batch: ``hadath batch --workers 2 --partition-size 1`` over four one-paragraph files of
  ours, so that start-up is nearly all of it: CPU of the parent and both workers together,
  and the wall time. A worker that starts from a loaded parent (fork) loads nothing.

    .venv/bin/python bench/bench_workers.py [--ref main] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from same_records import HERE, SHARED, unpack

IMPORTS = (
    "import sys\nimport hadath.cli, hadath.batch.worker\nfrom hadath.api import process\n"
    "print(len(sys.modules))"
)
TEXT = (
    "The foreign ministers of Russia and Turkey met in Ankara on Monday and agreed to resume"
    " talks on a ceasefire in Idlib, a spokesman said.\n"
)


def run_once(argv: list[str], package_root: Path, cwd: Path) -> tuple[float, float, str]:
    """(CPU seconds of the run and the processes it waited for, wall seconds, stdout)."""
    env = dict(os.environ, PYTHONPATH=str(package_root), HADATH_SHARED=str(SHARED))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"{argv[1:3]} exited {done.returncode} with {package_root}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="main", help="the revision to compare with (main)")
    ap.add_argument("--runs", type=int, default=5, help="counted runs of each (5)")
    args = ap.parse_args()
    print(f"cpu_count: {os.cpu_count()}; {args.runs} runs of each, in turn; REF = {args.ref}")
    with tempfile.TemporaryDirectory(prefix="hadath-workers-") as tmp:
        root = Path(tmp)
        theirs = unpack(args.ref, root / "ref")
        pages = root / "pages"
        pages.mkdir()
        for i in range(4):
            (pages / f"{i}.txt").write_text(TEXT, encoding="utf-8")

        def batch(n: int) -> list[str]:
            out = str(root / f"out{n}")
            return [sys.executable, "-m", "hadath.cli", "batch", str(pages), "--out", out,
                    "--workers", "2", "--partition-size", "1", "--quiet"]  # fmt: skip

        def imports(_: int) -> list[str]:
            return [sys.executable, "-c", IMPORTS]

        cases = {"imports": imports, "batch": batch}
        for name, argv in cases.items():
            n = 0
            runs: dict[str, list[tuple[float, float, str]]] = {"this tree": [], args.ref: []}
            for i in range(args.runs + 1):  # the first of each: a warm-up (writes bytecode)
                for label, tree in (("this tree", HERE), (args.ref, theirs)):
                    n += 1
                    got = run_once(argv(n), tree, root)
                    if i:
                        runs[label].append(got)
            ours, ref = runs["this tree"], runs[args.ref]
            ratio = statistics.median(a[0] / b[0] for a, b in zip(ours, ref, strict=True))
            for label, found in runs.items():
                cpu = statistics.median(r[0] for r in found)
                wall = statistics.median(r[1] for r in found)
                extra = f", {found[-1][2].strip()} modules" if name == "imports" else ""
                print(f"{name}: {label}: {cpu:.2f} s CPU, {wall:.2f} s wall{extra}")
            print(f"{name}: CPU ratio this tree / {args.ref}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
