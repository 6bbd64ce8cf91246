"""The few places where SQLite's and PostgreSQL's SQL differ, behind one connection wrapper.

The queries of :mod:`hadath.store.queries` and :mod:`hadath.store.export` are
written once, with ``?`` placeholders; a :class:`Db` runs them on either
backend, and its :class:`Dialect` supplies the expressions that are spelled
differently (folding for Arabic-aware matching, JSON, weeks, rounding).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def sql(self, text: str) -> str:
        """``text`` with its ``?`` placeholders as the driver expects them."""
        return _pg_sql(text) if self.postgres else text

    def fold(self, column: str) -> str:
        """The Arabic- and case-folded value of ``column`` (hadath.text.normalize.fold).

        SQLite calls the Python function; PostgreSQL stores the folded copy,
        made by the same function when the row was written, in ``COLUMN_folded``.
        """
        return f"{column}_folded" if self.postgres else f"hadath_fold({column})"

    def contains(self, haystack: str) -> str:
        """A condition: the parameter occurs in ``haystack``."""
        return f"strpos({haystack}, ?) > 0" if self.postgres else f"instr({haystack}, ?) > 0"

    def record_text(self, column: str) -> str:
        """The ``text`` of the SCHEMA record stored as JSON in ``column``."""
        if self.postgres:
            return f"({column}::json ->> 'text')"
        return f"json_extract({column}, '$.text')"

    def week(self, day: str) -> str:
        """The Monday (YYYY-MM-DD) of the week of ``day``; NULL when ``day`` is not a full date."""
        if self.postgres:
            return (
                f"CASE WHEN {day} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}' THEN to_char("
                f"date_trunc('week', substr({day}, 1, 10)::date), 'YYYY-MM-DD') END"
            )
        return f"date(substr({day}, 1, 10), 'weekday 0', '-6 days')"

    def round3(self, expr: str) -> str:
        return self.round(expr, 3)

    def round(self, expr: str, digits: int) -> str:
        """``expr`` rounded to ``digits`` decimals, a float (PostgreSQL rounds only numerics)."""
        if self.postgres:
            return f"ROUND(({expr})::numeric, {int(digits)})::float8"
        return f"ROUND({expr}, {int(digits)})"

    def evidence(self) -> str:
        """The mentions of a happening, as a JSON array in store order: each one's document,
        event, sentence, trigger (its words in the sentence), source, target and confidence."""
        trigger = (
            "CASE WHEN e.trigger_start >= e.sentence_start AND e.trigger_end >= e.trigger_start"
            " THEN substr(e.sentence_text, CAST(e.trigger_start - e.sentence_start + 1 AS INTEGER),"
            " CAST(e.trigger_end - e.trigger_start AS INTEGER)) END"
        )
        fields = (
            f"'doc_id', d.id, 'event', e.idx, 'sentence', e.sentence_text, 'trigger', {trigger},"
            " 'source', COALESCE(e.source_country, e.source_org),"
            " 'target', COALESCE(e.target_country, e.target_org), 'confidence', e.confidence"
        )
        if self.postgres:
            return f"json_agg(json_build_object({fields}) ORDER BY e.doc, e.idx)"
        # SQLite (3.40) has no ORDER BY inside an aggregate: the group is read through the
        # events_happening index, in rowid (store) order
        return f"json_group_array(json_object({fields}))"


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgresql")


@lru_cache(maxsize=512)
def _pg_sql(text: str) -> str:
    # The queries hold no ? or % inside string literals: a plain replacement is exact.
    return text.replace("%", "%%").replace("?", "%s")


@dataclass(frozen=True, slots=True)
class Db:
    """An open connection (sqlite3 or psycopg) and its dialect."""

    conn: Any
    dialect: Dialect

    def execute(self, sql: str, args: Any = ()) -> Any:
        """Run ``sql`` (``?`` placeholders) and return the driver's cursor."""
        return self.conn.execute(self.dialect.sql(sql), args)
