"""What the stages need to know, loaded once per process (once per Dask worker).

Lexicons and models are built lazily on first use and then shared by every
document the process reads. Nothing here changes after loading, so results
never depend on document order or on how documents are partitioned.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hadath.stages.actors import ActorIndex
    from hadath.stages.decide import Models
    from hadath.stages.events import TriggerIndex
    from hadath.stages.places import PlaceIndex
    from hadath.text.langid import Identifier

# Languages a news page in hadath's scope is plausibly written in.
LANGUAGES = ("ar", "en", "fr", "es", "de", "it", "tr", "fa", "ur", "he", "ru")
# The indexes whose matchers share one automaton pass once all of them are built.
_INDEXES = ("actors", "places", "triggers")


def _langid_model_in_memory(path: Path) -> tuple[Any, ...]:
    """py3langid's model as its loader returns it, unpacked without a temporary file."""
    import io
    import lzma

    import numpy as np
    from py3langid import modelio

    with lzma.open(path) as src:
        unpacked = io.BytesIO(src.read())
    with np.load(unpacked, allow_pickle=False) as data:
        return (
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            modelio._to_array(data["nextmove"]),
            modelio._to_array(data["nextmove_row"]),
            data["out_feat"].tolist(),
        )


class Context:
    """Per-process resources: language identifier, actor, place and trigger indexes."""

    def __init__(
        self,
        *,
        learned: bool | None = None,
        models_dir: Path | None = None,
        explain: bool = False,
    ) -> None:
        # learned: the shipped models decide among the rule candidates; False: the rules alone.
        # Unset, it is on unless HADATH_LEARNED=0 (or false, no, off) and no models_dir is
        # given: on unseen articles (the annotated test split) the models score higher, while
        # on the dev gold the rules, written while reading it, still do.
        # models_dir: weights from that folder instead of the package's (training, folds);
        # explain: each learned decision keeps the features that weighed most (``why``)
        if learned is None:
            env = os.environ.get("HADATH_LEARNED", "").strip().lower()
            learned = models_dir is not None or env not in {"0", "false", "no", "off"}
        self.learned = learned
        self.models_dir = models_dir
        self.explain = explain
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, build: Any) -> Any:
        if key not in self._cache:
            with _collector_paused():
                self._cache[key] = build()
                if key in _INDEXES and all(k in self._cache for k in _INDEXES):
                    self._share_pass()
        return self._cache[key]

    def _share_pass(self) -> None:
        """One automaton pass over a document for the actor, dual, place, trigger, event-cue
        and quote-cue forms (each stage used to walk the text again for its own)."""
        from hadath.lexicon import compact
        from hadath.stages.eventness import cue_matcher
        from hadath.stages.quotes import quote_cues
        from hadath.text.match import SharedPass

        actors, places, triggers = (self._cache[k] for k in _INDEXES)
        SharedPass(
            [
                actors.matcher,
                actors.duals,
                places.matcher,
                triggers.matcher,
                cue_matcher(),
                quote_cues().matcher,
            ],
            # shipped with the package, made from the same words (else built here)
            prebuilt=compact.automaton,
        )

    def _langid(self) -> Identifier:
        def build() -> Identifier:
            import py3langid.langid as langid

            from hadath.text.langid import Identifier, read_model

            path = langid.MODEL_DIR / langid.MODEL_FILE
            model = read_model(path, LANGUAGES)
            if model is not None:
                return Identifier(None, model)
            try:
                ident = langid.LanguageIdentifier.from_modelpath(path, norm_probs=True)
            except OSError:
                # py3langid unpacks its model (68 MB) into TMPDIR: when that is full or
                # unwritable, unpack it in memory instead (65 MB more, only then)
                ptc, pc, classes, nextmove, row, output = _langid_model_in_memory(path)
                ident = langid.LanguageIdentifier(
                    ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row
                )
            ident.set_languages(list(LANGUAGES))
            return Identifier(ident)

        identifier: Identifier = self._get("langid", build)
        return identifier

    def langid(self, text: str) -> str:
        return self._langid().classify([text])[0]

    def langids(self, texts: Sequence[str]) -> list[str]:
        """The language of each text, identified together (cheaper than one by one); the
        identifier is loaded only when there is a text to ask about."""
        return self._langid().classify(texts) if texts else []

    @property
    def actors(self) -> ActorIndex:
        from hadath.stages.actors import ActorIndex

        index: ActorIndex = self._get("actors", ActorIndex.build)
        return index

    @property
    def places(self) -> PlaceIndex:
        from hadath.stages.places import PlaceIndex

        index: PlaceIndex = self._get("places", PlaceIndex.build)
        return index

    def triggers(self) -> TriggerIndex:
        """One trigger index for both languages: their forms never match each other's script."""
        from hadath.stages.events import TriggerIndex

        index: TriggerIndex = self._get("triggers", TriggerIndex.build)
        return index

    def models(self) -> Models | None:
        """The learned scorers (``hadath/data/models``), or None: not trained, or not wanted."""
        if not self.learned:
            return None
        from hadath.stages.decide import Models

        found: Models | None = self._get("models", lambda: Models.load(self.models_dir))
        return found

    def warm(self) -> Context:
        """Load everything now (before forking workers or timing a benchmark)."""
        self._langid()
        _ = self.actors, self.places, self.triggers(), self.models()
        return self


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a lexicon is built: the build makes millions of
    objects that all live on, and the collector would walk them again and again for nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@functools.cache
def default_context() -> Context:
    """The process-wide context used when a caller passes none."""
    return Context()
