"""Full-text search over registered documents: SQLite FTS5 with the trigram tokenizer.

Thai is written without spaces between words, so word tokenizers fail; trigrams match
any substring of three or more characters. Thai digits are folded to ASCII on both
sides. Terms shorter than three characters cannot use the trigram index and are
matched with LIKE on top of the indexed terms.

Ranking: by where the words were found (the number, then the subject, then the
parties, the notes, and last the PDF's text), newest first within each, over the
newest ``RANK_WINDOW`` matches. Walking matches newest first is nearly free in FTS5,
while ranking *every* match of a common fragment such as "ประชุม" (tens of thousands
of letters, bm25 needs them all) costs tens of milliseconds; a clerk who types a
common fragment wants recent letters anyway, and a rarer term narrows it.

The index is derived data, so what it is given is cleaned rather than refused: a
lone surrogate from a hostile PDF, or typed into the search box, must not abort the
registration (or the search) it is part of.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from korat_desktop.domain.digits import fold_digits
from korat_desktop.domain.plain_text import clean_text
from korat_desktop.store.db import raw_connection

__all__ = ["SearchIndex", "SearchHit", "RANK_WINDOW"]

_COLUMNS = ("number", "subject", "parties", "notes", "body")
RANK_WINDOW = 500


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    rank: float


def _index_form(text: str) -> str:
    return fold_digits(clean_text(text))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SearchIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, document_id: int, *, number: str, subject: str, parties: str, notes: str,
            body: str) -> None:
        """(Re)index a document; called in the same transaction as the change."""
        conn = raw_connection(self.session)
        conn.execute("DELETE FROM search_index WHERE rowid = ?", (document_id,))
        conn.execute(
            "INSERT INTO search_index(rowid, number, subject, parties, notes, body) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, _index_form(number), _index_form(subject), _index_form(parties),
             _index_form(notes), _index_form(body)))

    def add_body(self, document_id: int, text: str) -> None:
        """Add text read later (a scan's OCR) to a document's indexed body."""
        conn = raw_connection(self.session)
        conn.execute("UPDATE search_index SET body = body || char(10) || ? WHERE rowid = ?",
                     (_index_form(text), document_id))

    def set_notes(self, document_id: int, notes: str) -> None:
        """Change only the notes of a document already indexed (a document kept out of
        the plain index stays out)."""
        raw_connection(self.session).execute(
            "UPDATE search_index SET notes = ? WHERE rowid = ?",
            (_index_form(notes), document_id))

    def search(self, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        terms = [t for t in _index_form(query).split() if t]
        if not terms:
            return []
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        where: list[str] = []
        params: dict[str, object] = {"limit": limit, "offset": offset}
        if long_terms:
            where.append("search_index MATCH :match")
            params["match"] = " AND ".join(_phrase(t) for t in long_terms)
        for i, term in enumerate(short_terms):
            key = f"s{i}"
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[key] = f"%{escaped}%"
            where.append("(" + " OR ".join(f"{c} LIKE :{key} ESCAPE '\\'" for c in _COLUMNS) + ")")
        # Each term adds the rank of the first column it appears in (0 = number).
        rank_parts = []
        for i, term in enumerate(terms):
            key = f"t{i}"
            params[key] = term.lower()
            cases = " ".join(f"WHEN instr(lower({c}), :{key}) THEN {n}"
                             for n, c in enumerate(_COLUMNS[:-1]))
            rank_parts.append(f"(CASE {cases} ELSE {len(_COLUMNS) - 1} END)")
        params["window"] = max(RANK_WINDOW, offset + limit)
        sql = (f"SELECT rowid, r FROM (SELECT rowid, {' + '.join(rank_parts)} AS r "
               f"FROM search_index WHERE {' AND '.join(where)} ORDER BY rowid DESC "
               "LIMIT :window) ORDER BY r, rowid DESC LIMIT :limit OFFSET :offset")
        rows = self.session.execute(text(sql), params).all()
        return [SearchHit(int(r[0]), float(r[1])) for r in rows]
