"""Event trigger lexicon and context cue lists: loading and validation.

The data lives in ``hadath/data/events``: ``ar.toml`` and ``en.toml`` hold
``[[trigger]]`` tables (beside them, ``<lang>.mined.toml`` holds the candidate forms
``tools/mine_triggers.py`` mines from the annotations' train split), ``cues.toml`` holds word
lists per language, and two
generated TSV files (``cameo_codes.tsv``, ``plover_modes.tsv``, see
``tools/seed_cameo.py``) carry the CAMEO codebook and the PLOVER modes the
validator checks against.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hadath import model
from hadath.text.normalize import fold_form

PLOVER_TYPES: frozenset[str] = frozenset(model.PLOVER_TYPES)
STATUSES: frozenset[str] = frozenset(model.STATUSES)
LANGS: tuple[str, ...] = ("ar", "en")

_TRIGGER_KEYS = frozenset(
    {
        "id", "type", "cameo", "mode", "forms", "symmetric", "target_preps", "source_preps",
        "object_is_target", "passive", "requires", "excludes", "confidence", "example", "counter",
        "source_person", "addressee", "candidate",
    }
)  # fmt: skip
_REQUIRED_KEYS = frozenset({"id", "type", "forms"})
_EXAMPLE_KEYS = frozenset({"text", "source", "target", "status"})
_ID = re.compile(r"^(ar|en)\.([a-z]+)\.[a-z0-9_]+$")
_CAMEO = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence we wrote, with the event it should (or, as a counter, should not) yield."""

    text: str
    source: str | None
    target: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: the surface forms of one kind of event and how to read its actors."""

    id: str
    lang: str
    type: str
    cameo: str | None
    mode: str | None
    forms: tuple[str, ...]
    symmetric: bool
    target_preps: tuple[str, ...]
    source_preps: tuple[str, ...]
    object_is_target: bool
    passive: bool
    requires: tuple[str, ...]
    excludes: tuple[str, ...]
    confidence: float
    examples: tuple[Example, ...]
    counters: tuple[Example, ...]
    # the source must be a person or a delegation ("وصل الوزير إلى" but not "وصلت الطائرة")
    source_person: bool = False
    # a word of obligation ("must", "يجب على"): its target is the party named right "before" or
    # "after" it, its source the speaker of the sentence; "" for ordinary triggers
    addressee: str = ""
    # a generous candidate for the learned models only: the rules alone never keep it
    candidate: bool = False


# -- reference tables ------------------------------------------------------------------------


def _data_dir() -> Traversable:
    return files("hadath") / "data" / "events"


def _read_tsv(path: Traversable | Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line.strip()]


def _cameo_table(base: Traversable | Path) -> dict[str, frozenset[str]]:
    """CAMEO code -> PLOVER types it maps to (empty when PLOVER drops the code)."""
    table: dict[str, frozenset[str]] = {}
    for row in _read_tsv(base / "cameo_codes.tsv"):
        plover = row[2] if len(row) > 2 else ""
        table[row[0]] = frozenset(p for p in plover.split("|") if p)
    return table


def _mode_table(base: Traversable | Path) -> dict[str, frozenset[str]]:
    modes: dict[str, set[str]] = {}
    for row in _read_tsv(base / "plover_modes.tsv"):
        modes.setdefault(row[0], set()).add(row[1])
    return {k: frozenset(v) for k, v in modes.items()}


# -- validation ------------------------------------------------------------------------------


def _id_lines(raw: str) -> dict[str, int]:
    """The line of each quoted string on an ``id = "..."`` line of a file (its first such line),
    read once per file rather than once per entry."""
    out: dict[str, int] = {}
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.lstrip().startswith("id"):
            for value in _QUOTED.findall(line):
                out.setdefault(value, number)
    return out


_QUOTED = re.compile(r'"([^"]*)"')


def _check_examples(where: str, entries: Any, key: str, problems: list[str]) -> None:
    if not isinstance(entries, list):
        problems.append(f"{where}: '{key}' must be an array of tables")
        return
    for number, ex in enumerate(entries, start=1):
        if not isinstance(ex, dict):
            problems.append(f"{where}: {key} {number} is not a table")
            continue
        unknown = sorted(set(ex) - _EXAMPLE_KEYS)
        if unknown:
            problems.append(f"{where}: {key} {number} has unknown keys {unknown}")
        if not isinstance(ex.get("text"), str) or not ex["text"].strip():
            problems.append(f"{where}: {key} {number} has no text")
        if ex.get("status", "occurred") not in STATUSES:
            problems.append(f"{where}: {key} {number} has unknown status {ex.get('status')!r}")
        for side in ("source", "target"):
            if not isinstance(ex.get(side, ""), str):
                problems.append(f"{where}: {key} {number} {side} must be a string")


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_entry(
    name: str,
    id_lines: Mapping[str, int],
    entry: Any,
    lang: str,
    cameo: Mapping[str, frozenset[str]],
    modes: Mapping[str, frozenset[str]],
    problems: list[str],
    warnings: list[str],
    mined: bool = False,
) -> None:
    if not isinstance(entry, dict):
        problems.append(f"{name}: a [[trigger]] entry is not a table")
        return
    entry_id = entry.get("id")
    line = id_lines.get(entry_id) if isinstance(entry_id, str) else None
    where = f"{name}:{entry_id}" + (f" (line {line})" if line else "")
    unknown = sorted(set(entry) - _TRIGGER_KEYS)
    if unknown:
        problems.append(f"{where}: unknown keys {unknown}")
    missing = sorted(_REQUIRED_KEYS - set(entry))
    if missing:
        problems.append(f"{where}: missing keys {missing}")
    if isinstance(entry_id, str):
        m = _ID.match(entry_id)
        if not m or m.group(1) != lang:
            problems.append(f"{where}: id must look like '{lang}.<type>.<slug>'")
        elif m.group(2) != str(entry.get("type", "")).lower():
            problems.append(f"{where}: id does not name the entry's type")
    etype = entry.get("type")
    if etype not in PLOVER_TYPES:
        problems.append(f"{where}: unknown PLOVER type {etype!r}")
    code = entry.get("cameo", "")
    if not isinstance(code, str) or (code and not _CAMEO.match(code)):
        problems.append(f"{where}: cameo must be a string of 2-4 digits or ''")
    elif code:
        if code not in cameo:
            problems.append(f"{where}: CAMEO code {code} is not in the CAMEO codebook")
        elif etype in PLOVER_TYPES:
            mapped = cameo[code]
            if not mapped:
                warnings.append(f"{where}: CAMEO {code} has no PLOVER type (dropped by PLOVER)")
            elif etype not in mapped:
                text = f"{where}: CAMEO {code} maps to {'|'.join(sorted(mapped))}, not {etype}"
                (warnings if len(mapped) > 1 else problems).append(text)
    mode = entry.get("mode", "")
    if not isinstance(mode, str):
        problems.append(f"{where}: mode must be a string")
    elif mode and etype in PLOVER_TYPES and mode not in modes.get(etype, frozenset()):
        problems.append(f"{where}: unknown mode {mode!r} for {etype}")
    forms = entry.get("forms")
    if not _str_list(forms) or not forms:
        problems.append(f"{where}: forms must be a non-empty array of strings")
    elif any(not fold_form(f) for f in forms):
        problems.append(f"{where}: a form is empty after normalisation")
    for key in ("target_preps", "source_preps", "requires", "excludes"):
        if key in entry and not _str_list(entry[key]):
            problems.append(f"{where}: {key} must be an array of strings")
    for key in ("symmetric", "object_is_target", "passive", "source_person", "candidate"):
        if key in entry and not isinstance(entry[key], bool):
            problems.append(f"{where}: {key} must be true or false")
    if entry.get("addressee", "") not in {"", "before", "after"}:
        problems.append(f'{where}: addressee must be "before" or "after"')
    conf = entry.get("confidence", 0.7)
    if isinstance(conf, bool) or not isinstance(conf, int | float) or not 0 <= conf <= 1:
        problems.append(f"{where}: confidence must be a number in 0..1")
    if mined and entry.get("candidate") is not True:
        problems.append(f"{where}: a mined entry must be a candidate (candidate = true)")
    if not entry.get("example"):
        if not mined:  # a mined entry is justified by its counts, not by sentences we wrote
            problems.append(f"{where}: no [[trigger.example]]")
    else:
        _check_examples(where, entry["example"], "example", problems)
    if "counter" in entry:
        _check_examples(where, entry["counter"], "counter", problems)


def _validate_file(
    path: Traversable | Path,
    lang: str,
    cameo: Mapping[str, frozenset[str]],
    modes: Mapping[str, frozenset[str]],
    warnings: list[str],
    seen_ids: set[str] | None = None,
    seen_forms: dict[tuple[str, str], str] | None = None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Check one trigger file; ``seen_ids`` and ``seen_forms`` carry what the language's
    files checked before it hold, so an id or a (type, form) is listed once across them."""
    name = path.name
    mined = name.endswith(".mined.toml")
    problems: list[str] = []
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"{name}: {exc}"], []
    extra = sorted(set(data) - {"trigger"})
    if extra:
        problems.append(f"{name}: unknown top-level keys {extra}")
    entries = data.get("trigger", [])
    if not isinstance(entries, list):
        return [*problems, f"{name}: 'trigger' must be an array of tables"], []
    seen_ids = set() if seen_ids is None else seen_ids
    seen_forms = {} if seen_forms is None else seen_forms
    id_lines = _id_lines(raw)
    for entry in entries:
        _check_entry(name, id_lines, entry, lang, cameo, modes, problems, warnings, mined)
        if not isinstance(entry, dict):
            continue
        entry_id = str(entry.get("id"))
        if entry_id in seen_ids:
            problems.append(f"{name}:{entry_id}: duplicate id")
        seen_ids.add(entry_id)
        if _str_list(entry.get("forms")):
            for form in entry["forms"]:
                key = (str(entry.get("type")), fold_form(form))
                if key in seen_forms:
                    problems.append(
                        f"{name}:{entry_id}: form {form!r} already listed for "
                        f"{key[0]} by {seen_forms[key]}"
                    )
                else:
                    seen_forms[key] = entry_id
    return problems, [e for e in entries if isinstance(e, dict)]


def _lang_files(base: Traversable | Path, lang: str) -> list[Traversable | Path]:
    """The hand-made ``<lang>.toml`` and, when there is one, ``<lang>.mined.toml``: candidate
    forms mined from the annotations by tools/mine_triggers.py."""
    mined = base / f"{lang}.mined.toml"
    return [base / f"{lang}.toml", *([mined] if mined.is_file() else [])]


def _validate_lang(
    base: Traversable | Path,
    lang: str,
    cameo: Mapping[str, frozenset[str]],
    modes: Mapping[str, frozenset[str]],
    warnings: list[str],
) -> tuple[list[str], list[dict[str, Any]]]:
    """Check a language's trigger files together: a form listed twice for one type is a
    problem across them too, and so is an id."""
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    seen_forms: dict[tuple[str, str], str] = {}
    for path in _lang_files(base, lang):
        found, got = _validate_file(path, lang, cameo, modes, warnings, seen_ids, seen_forms)
        problems.extend(found)
        entries.extend(got)
    return problems, entries


def _validate_cues(path: Traversable | Path) -> list[str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"{path.name}: {exc}"]
    problems = [f"{path.name}: unknown language table {k!r}" for k in data if k not in LANGS]
    for lang, table in data.items():
        if not isinstance(table, dict):
            problems.append(f"{path.name}: [{lang}] must be a table")
            continue
        for key, value in table.items():
            if not _str_list(value) or not value:
                problems.append(f"{path.name}:{lang}.{key}: must be a non-empty array of strings")
            elif any(not fold_form(v) for v in value):
                problems.append(f"{path.name}:{lang}.{key}: an entry is empty after normalisation")
    return problems


def validate_trigger_files(
    data_dir: Path | None = None, *, warnings: list[str] | None = None
) -> list[str]:
    """Check the trigger and cue files; return the problems as ``"file:entry-id: message"``.

    Findings that need a human look but are not wrong (a CAMEO code whose PLOVER
    mapping is ambiguous or dropped) go to ``warnings`` when a list is given.
    """
    base: Traversable | Path = data_dir if data_dir is not None else _data_dir()
    sink: list[str] = warnings if warnings is not None else []
    cameo = _cameo_table(base)
    modes = _mode_table(base)
    problems: list[str] = []
    for lang in LANGS:
        found, _ = _validate_lang(base, lang, cameo, modes, sink)
        problems.extend(found)
    problems.extend(_validate_cues(base / "cues.toml"))
    return problems


# -- loading ---------------------------------------------------------------------------------


def _example(raw: Mapping[str, Any]) -> Example:
    return Example(
        text=str(raw["text"]),
        source=str(raw.get("source", "")) or None,
        target=str(raw.get("target", "")) or None,
        status=str(raw.get("status", "occurred")),
    )


def _trigger(raw: Mapping[str, Any], lang: str) -> Trigger:
    return Trigger(
        id=raw["id"],
        lang=lang,
        type=raw["type"],
        cameo=raw.get("cameo", "") or None,
        mode=raw.get("mode", "") or None,
        forms=tuple(raw["forms"]),
        symmetric=bool(raw.get("symmetric", False)),
        target_preps=tuple(raw.get("target_preps", ())),
        source_preps=tuple(raw.get("source_preps", ())),
        object_is_target=bool(raw.get("object_is_target", True)),
        passive=bool(raw.get("passive", False)),
        source_person=bool(raw.get("source_person", False)),
        addressee=str(raw.get("addressee", "")),
        candidate=bool(raw.get("candidate", False)),
        requires=tuple(raw.get("requires", ())),
        excludes=tuple(raw.get("excludes", ())),
        confidence=float(raw.get("confidence", 0.7)),
        examples=tuple(_example(e) for e in raw.get("example", ())),
        counters=tuple(_example(e) for e in raw.get("counter", ())),
    )


def load_triggers(lang: str, data_dir: Path | None = None) -> tuple[Trigger, ...]:
    """All trigger entries for ``lang``, in file order; ValueError lists any problems."""
    if lang not in LANGS:
        raise ValueError(f"no trigger lexicon for language {lang!r}")
    if data_dir is None:
        prebuilt = _prebuilt_triggers(lang)
        if prebuilt is not None:
            return prebuilt
    base: Traversable | Path = data_dir if data_dir is not None else _data_dir()
    problems, entries = _validate_lang(base, lang, _cameo_table(base), _mode_table(base), [])
    if problems:
        raise ValueError("invalid trigger lexicon:\n" + "\n".join(problems))
    return tuple(_trigger(e, lang) for e in entries)


def load_cues(lang: str, data_dir: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """The context cue lists for ``lang`` (``future``, ``negation``, ``history``...)."""
    if lang not in LANGS:
        raise ValueError(f"no cue lists for language {lang!r}")
    if data_dir is None:
        prebuilt = _prebuilt_cues(lang)
        if prebuilt is not None:
            return prebuilt
    base: Traversable | Path = data_dir if data_dir is not None else _data_dir()
    path = base / "cues.toml"
    problems = _validate_cues(path)
    if problems:
        raise ValueError("invalid cue lists:\n" + "\n".join(problems))
    table = tomllib.loads(path.read_text(encoding="utf-8")).get(lang, {})
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


def _prebuilt_triggers(lang: str) -> tuple[Trigger, ...] | None:
    """The package's triggers of ``lang`` from ``hadath/data/compact`` when it is current."""
    from hadath.lexicon import compact

    body = compact.events()
    return None if body is None else compact.triggers(body, lang)


def _prebuilt_cues(lang: str) -> Mapping[str, tuple[str, ...]] | None:
    from hadath.lexicon import compact

    body = compact.events()
    return None if body is None else compact.cues(body, lang)
