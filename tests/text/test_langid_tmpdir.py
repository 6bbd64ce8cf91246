"""The language model loads, and reads, when no large file can be written (a full TMPDIR)."""

from __future__ import annotations

import subprocess
import sys

# Files over 8 MB cannot be written by this process (as on a nearly full TMPDIR): py3langid
# unpacks its 68 MB model into a temporary file, so its loader fails there.
_SCRIPT = """
import resource, signal, sys, tempfile
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (8 << 20, 8 << 20))
import py3langid.langid as langid
try:
    langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE)
except OSError as exc:
    print("py3langid alone:", type(exc).__name__)
import hadath
from hadath.context import Context
ctx = Context()
print(ctx.langid("قال المتحدث إن الوفد سيصل غدا إلى العاصمة لإجراء محادثات."))
print(ctx.langid("The talks will resume tomorrow in Geneva, the spokesman said."))
print(hadath.read("Russia accused Turkey of shelling Kurdish towns.", ctx=ctx)["language"])
"""


def test_langid_tmpdir_full_still_loads_the_model_and_reads() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("py3langid alone: ")  # the limit does stop its own loader
    assert lines[1:] == ["ar", "en", "en"]
