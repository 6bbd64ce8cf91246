"""What the stages need to know, loaded once per process (once per Dask worker).

Lexicons and models are built lazily on first use and then shared by every
document the process reads. Nothing here changes after loading, so results
never depend on document order or on how documents are partitioned.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hadath.stages.actors import ActorIndex
    from hadath.stages.events import TriggerIndex
    from hadath.stages.places import PlaceIndex

# Languages a news page in hadath's scope is plausibly written in.
LANGUAGES = ("ar", "en", "fr", "es", "de", "it", "tr", "fa", "ur", "he", "ru")


class Context:
    """Per-process resources: language identifier, actor, place and trigger indexes."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, build: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def _langid(self) -> Any:
        def build() -> Any:
            import py3langid.langid as langid

            ident = langid.LanguageIdentifier.from_modelpath(
                langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
            )
            ident.set_languages(list(LANGUAGES))
            return ident

        return self._get("langid", build)

    def langid(self, text: str) -> str:
        lang, _ = self._langid().classify(text)
        return str(lang)

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

    def warm(self) -> Context:
        """Load everything now (before forking workers or timing a benchmark)."""
        self._langid()
        _ = self.actors, self.places, self.triggers()
        return self


@functools.cache
def default_context() -> Context:
    """The process-wide context used when a caller passes none."""
    return Context()
