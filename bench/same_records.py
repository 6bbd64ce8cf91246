"""Are the records of this tree byte-identical to another revision's? (not a test: a check)

Writes a set of inputs synthesised from ``$HADATH_SHARED`` into a temporary folder (never
into the project): Arabic corpus and pool articles as JSON Lines, English documents of
PLOVER gold sentences, the shared HTML pages and the bundled samples, and a few long
documents (corpus articles joined to 100 kB .. 450 kB, Arabic and English) for the paths a
long page takes. Then runs ``hadath read`` over them with this tree's package and with
REF's (``git archive REF`` unpacked into the same temporary folder, run with the same
Python), and compares the outputs byte for byte, naming the first record that differs.

    .venv/bin/python bench/same_records.py [--ref main] [--articles 300] [--long 450000]

Exit status 0 when every output is identical, 1 when one differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HADATH_SHARED", HERE.parent / "shared"))


def corpus_lines(name: str, limit: int) -> list[str]:
    """The first ``limit`` non-empty lines of a corpus JSON Lines file."""
    out: list[str] = []
    with (SHARED / "corpus" / name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(line.rstrip("\n"))
                if len(out) == limit:
                    break
    return out


def plover_sentences() -> list[str]:
    """The English sentences of the PLOVER gold standard records."""
    path = SHARED / "ref" / "PLOVER" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r["text"] for r in records if r.get("language") == "en" and r.get("text")]


def joined(texts: list[str], size: int) -> str:
    """Texts joined by blank lines, repeated until the result has about ``size`` characters."""
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def write_inputs(folder: Path, articles: int, long_size: int) -> list[Path]:
    """The inputs of one check, each a path ``hadath read`` takes."""
    folder.mkdir(parents=True)
    inputs: list[Path] = []
    arabic = corpus_lines("arabic_news_sample.jsonl", articles)
    pool = corpus_lines("pool_ant2018.jsonl", max(1, articles // 3))
    path = folder / "arabic.jsonl"
    path.write_text("\n".join(arabic + pool) + "\n", encoding="utf-8")
    inputs.append(path)
    english = plover_sentences()
    path = folder / "english.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(0, len(english), 12):
            line = {"id": f"plover-{n}", "text": "\n\n".join(english[n : n + 12])}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    inputs.append(path)
    inputs += sorted((SHARED / "corpus" / "html").rglob("*.html"))
    inputs += sorted((HERE / "hadath" / "samples").glob("*.*"))
    inputs = [p for p in inputs if p.suffix != ".md"]
    arabic_texts = [json.loads(line)["text"] for line in arabic]
    for size in sorted({100_000, long_size // 3, long_size}):
        for lang, texts in (("ar", arabic_texts), ("en", english)):
            path = folder / f"long_{lang}_{size}.txt"
            path.write_text(joined(texts, size), encoding="utf-8")
            inputs.append(path)
    return inputs


def unpack(ref: str, folder: Path) -> Path:
    """REF's tree (``git archive``) unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(HERE), "archive", "--format=tar", ref],
        check=True,
        capture_output=True,
    ).stdout
    folder.mkdir(parents=True)
    tar_path = folder.with_suffix(".tar")
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(folder, filter="data")
    return folder


def records(package_root: Path, inputs: list[Path], cwd: Path) -> tuple[bytes, float]:
    """What ``hadath read`` prints for ``inputs`` with the package under ``package_root``."""
    env = dict(os.environ, PYTHONPATH=str(package_root), HADATH_SHARED=str(SHARED))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hadath.cli", "read", *map(str, inputs)],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"hadath read exited {done.returncode} with {package_root}")
    return done.stdout, time.perf_counter() - started


def first_difference(ours: bytes, theirs: bytes) -> str:
    ours_lines, theirs_lines = ours.splitlines(), theirs.splitlines()
    if len(ours_lines) != len(theirs_lines):
        return f"{len(ours_lines)} records against {len(theirs_lines)}"
    for a, b in zip(ours_lines, theirs_lines, strict=True):
        if a != b:
            ra, rb = json.loads(a), json.loads(b)
            keys = sorted(k for k in set(ra) | set(rb) if ra.get(k) != rb.get(k))
            return f"record {ra.get('id')!r}: fields {', '.join(keys)} differ"
    return "same lines, different bytes"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the revision to compare with (main)")
    parser.add_argument("--articles", type=int, default=300, help="corpus articles (300)")
    parser.add_argument(
        "--long", type=int, default=450_000, help="longest document (450 kB; the limit is 500 kB)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hadath-same-") as tmp:
        root = Path(tmp)
        inputs = write_inputs(root / "inputs", args.articles, args.long)
        theirs_root = unpack(args.ref, root / "ref")
        ours, ours_s = records(HERE, inputs, root)
        theirs, theirs_s = records(theirs_root, inputs, root)
    n = ours.count(b"\n")
    print(
        f"{len(inputs)} inputs, {n} records; this tree {ours_s:.1f} s, {args.ref} {theirs_s:.1f} s"
    )
    if ours == theirs:
        print(f"identical: {len(ours):,} bytes")
        return 0
    print(f"DIFFERENT from {args.ref}: {first_difference(ours, theirs)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
