"""Peak memory (not a test): the corpus in one process, and 200 MB inputs refused or streamed.

Each scenario runs in a fresh Python process and reports its peak RSS; the
baseline, measured the same way, is a process that only loads the Context.

  corpus       read_many over the 601 corpus articles (whole pipeline)
  big-text     a 200 MB generated text file: must be refused, RSS stays near the baseline
  big-jsonl    a 200 MB generated JSON Lines file: every line read by the readers
               (streamed), the first --docs through the pipeline, and the batch plan
  long-line    one 200 MB JSON line: the batch worker refuses it without loading it

    .venv/bin/python bench/bench_memory.py [--docs 300] [--mb 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import hadath

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
# Our own sentence, repeated to make big inputs.
SENTENCE = "قال وزير الخارجية إن المحادثات مع الوفد الزائر كانت بناءة ومفيدة للطرفين. "


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scenario(name: str, path: str, docs: int) -> dict[str, object]:
    """Runs inside the child process."""
    from hadath.context import default_context

    default_context().warm()
    out: dict[str, object] = {"scenario": name}
    t = time.perf_counter()
    if name == "corpus":
        from hadath import read_many

        out["records"] = sum(1 for r in read_many([path]) if r.record is not None)
    elif name == "big-text":
        from hadath import read_many

        results = list(read_many([path]))
        out["refused"] = results[0].error is not None
        out["reason"] = str(results[0].error)[-90:]
    elif name == "big-jsonl":
        from hadath import read_many
        from hadath.batch import make_plan
        from hadath.readers import iter_inputs

        out["read_by_readers"] = sum(1 for item in iter_inputs([path]) if item.doc is not None)
        out["after_readers_mb"] = round(peak_mb())
        n = 0
        for r in read_many([path]):
            n += r.record is not None
            if n >= docs:
                break
        out["through_pipeline"] = n
        out["after_pipeline_mb"] = round(peak_mb())
        plan = make_plan([path], partition_size=100)
        out["partitions_planned"] = len(plan.tasks)
    elif name == "long-line":
        from hadath.batch.plan import make_plan
        from hadath.batch.worker import bare_documents

        plan = make_plan([path], partition_size=1)
        errors = [e for _, _, e in bare_documents(plan.tasks[0].slices)]
        out["refused"] = errors[0] is not None
        out["reason"] = str(errors[0])[-90:]
    out["seconds"] = round(time.perf_counter() - t, 1)
    out["peak_rss_mb"] = round(peak_mb())
    return out


def run_child(name: str, path: str, docs: int) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", name, "--path", path, "--docs", str(docs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"scenario": name, "error": proc.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def make_big_text(path: Path, mb: int) -> None:
    block = (SENTENCE * 200 + "\n") * 50
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < mb * 1_000_000:
            fh.write(block)


def make_big_jsonl(path: Path, mb: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < mb * 1_000_000:
            text = f"خبر رقم {i}\n\n" + SENTENCE * 20
            fh.write(json.dumps({"id": f"g{i}", "text": text}, ensure_ascii=False) + "\n")
            i += 1


def make_long_line(path: Path, mb: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"id": "huge", "text": "')
        chunk = SENTENCE * 1000
        while fh.tell() < mb * 1_000_000:
            fh.write(chunk)
        fh.write('"}\n')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300, help="big-jsonl lines through the pipeline")
    ap.add_argument("--mb", type=int, default=200, help="size of the generated inputs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(scenario(args.child, args.path, args.docs), ensure_ascii=False))
        return

    print(f"cpu_count: {os.cpu_count()}")
    print("hadath:", hadath.__file__, "(compiled)" if hadath.compiled() else "(pure Python)")
    with tempfile.TemporaryDirectory() as tmp:
        base_file = Path(tmp) / "tiny.txt"
        base_file.write_text(SENTENCE, encoding="utf-8")
        baseline = run_child("big-text", str(base_file), 0)  # loads the context, reads 1 line
        base_mb = float(str(baseline.get("peak_rss_mb", 0)))
        print(f"baseline (context loaded, one tiny text): {base_mb:.0f} MB")
        corpus = str(SHARED / "corpus" / "arabic_news_sample.jsonl")
        text, jsonl, line = (Path(tmp) / n for n in ("big.txt", "big.jsonl", "line.jsonl"))
        make_big_text(text, args.mb)
        make_big_jsonl(jsonl, args.mb)
        make_long_line(line, args.mb)
        for name, path in (
            ("corpus", corpus),
            ("big-text", str(text)),
            ("big-jsonl", str(jsonl)),
            ("long-line", str(line)),
        ):
            r = run_child(name, path, args.docs)
            peak = float(str(r.get("peak_rss_mb", "nan")))
            print(f"{name}: peak {peak:.0f} MB ({peak / base_mb:.2f}x baseline) {r}")


if __name__ == "__main__":
    main()
