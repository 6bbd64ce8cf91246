"""Start-up (not a test): CPU time and peak memory of ``hadath read`` on one small file.

Writes two one-paragraph files of ours (English, Arabic) into a temporary folder, unpacks
REF's tree there (``git archive``, as ``same_records.py`` does), and runs ``python -m
hadath.cli read FILE`` with this tree's package and with REF's, in turn (A B A B ..., after
one warm-up run of each that also compiles REF's bytecode), with the same Python. Each run's
CPU time (user + system) and peak RSS are the kernel's accounting of the finished child
(``os.wait4``). Prints the median of each, and the median of the pair ratios (this tree /
REF), which holds better than the figures when the machine's speed drifts.

The runs keep the bytecode the warm-up wrote (``__pycache__``), as an installed package has
it: ``PYTHONDONTWRITEBYTECODE`` is dropped from the runs' environment, else every run compiles
every module again (0.15 s to 0.2 s here). ``--no-bytecode`` keeps the environment as it is.

    .venv/bin/python bench/bench_startup.py [--ref main] [--runs 7] [--lang en,ar] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from same_records import HERE, SHARED, unpack

TEXTS = {
    "en": "The foreign ministers of Russia and the United States met in Geneva on Monday and "
    "agreed to resume talks on a ceasefire in Syria, a spokesman said.\n",
    "ar": "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي في جنيف يوم الاثنين، واتفقا "
    "على استئناف المحادثات بشأن وقف إطلاق النار في سوريا، حسب ما قال متحدث.\n",
}


def run_once(
    package_root: Path, path: Path, cwd: Path, *, bytecode: bool = True
) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MiB) of one ``hadath read path``."""
    env = dict(os.environ, PYTHONPATH=str(package_root), HADATH_SHARED=str(SHARED))
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "hadath.cli", "read", str(path)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"hadath read exited {proc.returncode} with {package_root}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the revision to compare with (main)")
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each (7)")
    parser.add_argument("--lang", default="en,ar", help="which files: en, ar or both (en,ar)")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE if it is set (every run then compiles the sources)",
    )
    args = parser.parse_args()
    bytecode = not args.no_bytecode or "PYTHONDONTWRITEBYTECODE" not in os.environ
    print(
        f"cpu_count: {os.cpu_count()}; {args.runs} runs of each, in turn; REF = {args.ref};"
        f" {'bytecode kept' if bytecode else 'sources compiled at every run'}"
    )
    if "HADATH_LEARNED" in os.environ:
        print(f"HADATH_LEARNED={os.environ['HADATH_LEARNED']}")
    with tempfile.TemporaryDirectory(prefix="hadath-startup-") as tmp:
        root = Path(tmp)
        theirs = unpack(args.ref, root / "ref")
        for lang in args.lang.split(","):
            path = root / f"small_{lang}.txt"
            path.write_text(TEXTS[lang], encoding="utf-8")
            run_once(HERE, path, root, bytecode=bytecode)
            run_once(theirs, path, root, bytecode=bytecode)
            ours_runs, theirs_runs = [], []
            for _ in range(args.runs):
                ours_runs.append(run_once(HERE, path, root, bytecode=bytecode))
                theirs_runs.append(run_once(theirs, path, root, bytecode=bytecode))
            cpu = statistics.median(c for c, _ in ours_runs)
            ref_cpu = statistics.median(c for c, _ in theirs_runs)
            rss = statistics.median(r for _, r in ours_runs)
            ref_rss = statistics.median(r for _, r in theirs_runs)
            ratio = statistics.median(
                a[0] / b[0] for a, b in zip(ours_runs, theirs_runs, strict=True)
            )
            spread = f"{min(c for c, _ in ours_runs):.2f}-{max(c for c, _ in ours_runs):.2f}"
            print(
                f"{lang}: this tree {cpu:.2f} s CPU (runs {spread}), {rss:.0f} MiB peak; "
                f"{args.ref} {ref_cpu:.2f} s, {ref_rss:.0f} MiB; CPU ratio {ratio:.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
