"""One self-contained HTML page per record: why the cleaner removed what it removed, what analysis found.

The article is untrusted input: every piece of it goes through `html.escape`, and the page carries a
Content-Security-Policy that allows no script, no network and no external asset at all.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from article_core.models import ArticleRecord

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    open: str
    close: str
    outer: bool = False  # quotes contain entities and dates; never the reverse


# --- where each piece stood in the original --------------------------------------------------------
def _plain(original: bytes, fmt: str) -> str:
    """The original as searchable text: decoded, tags dropped for markup, white space collapsed."""
    from article_core.decode import decode
    from article_core.errors import Rejected

    try:
        text = decode(original).text
    except Rejected:
        return ""
    if fmt == "html":
        text = html.unescape(_TAG.sub(" ", text))
    return _SPACE.sub(" ", text)


class _Locator:
    """First position of each piece in the original, at or after the previous find of the same text."""

    def __init__(self, haystack: str) -> None:
        self.haystack = haystack
        self.after: dict[str, int] = defaultdict(int)

    def find(self, text: str) -> int | None:
        needle = _SPACE.sub(" ", text).strip()
        for probe in (needle[:60], needle[:20]):
            if not probe:
                return None
            at = self.haystack.find(probe, self.after[probe])
            if at >= 0:
                self.after[probe] = at + len(probe)
                return at
        return None


# --- marks inside the cleaned text ------------------------------------------------------------------
def _spans(record: ArticleRecord, cleaned: str) -> list[Span]:
    analysis = record.analysis
    outer: list[Span] = []
    for quote in analysis.quotes:
        start = _at(cleaned, quote.text, quote.start)
        if start is None or any(s.start < start + len(quote.text) and start < s.end for s in outer):
            continue
        who = quote.speaker or ("(a term, no speaker)" if quote.kind == "term" else "(speaker not found)")
        outer.append(
            Span(
                start,
                start + len(quote.text),
                f'<q class="quote {_esc(quote.kind)}" data-speaker="{_esc(who)}" title="{_esc(who)}">',
                f'</q><sup class="speaker">{_esc(who)}</sup>' if quote.kind == "statement" else "</q>",
                outer=True,
            )
        )
    candidates: list[Span] = []
    for date in analysis.dates:
        start = _at(cleaned, date.text, date.start)
        if start is not None:
            value = date.value or "not resolved"
            candidates.append(
                Span(
                    start,
                    start + len(date.text),
                    f'<time class="date" datetime="{_esc(date.value or "")}" title="{_esc(value)}">',
                    "</time>",
                )
            )
    for entity in analysis.entities:
        for name in sorted({entity.text, *entity.variants}, key=len, reverse=True):
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", cleaned):
                candidates.append(
                    Span(
                        match.start(),
                        match.end(),
                        f'<mark class="entity ent-{_esc(entity.type)}" data-type="{_esc(entity.type)}"'
                        f' title="{_esc(entity.type)}: {_esc(entity.text)}">',
                        "</mark>",
                    )
                )
    inner: list[Span] = []
    for span in candidates:  # dates first, then entities; first come keeps its place
        overlaps = any(s.start < span.end and span.start < s.end for s in inner)
        crosses = any(
            o.start < span.end and span.start < o.end and not (o.start <= span.start and span.end <= o.end)
            for o in outer
        )
        if not overlaps and not crosses:
            inner.append(span)
    return outer + inner


def _at(text: str, needle: str, hint: int) -> int | None:
    if not needle:
        return None
    if text[hint : hint + len(needle)] == needle:
        return hint
    found = text.find(needle)
    return found if found >= 0 else None


def _markup(text: str, start: int, end: int, spans: list[Span]) -> str:
    """text[start:end] escaped, with the spans inside it opened and closed in nesting order."""
    events: list[tuple[int, int, str]] = []
    for s in spans:
        if s.outer:
            a, b = max(s.start, start), min(s.end, end)
            if a >= b:
                continue
        elif start <= s.start and s.end <= end:
            a, b = s.start, s.end
        else:
            continue
        events += [(a, 2 if s.outer else 3, s.open), (b, 1 if s.outer else 0, s.close)]
    out, pos = [], start
    for at, _, tag in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(_esc(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(_esc(text[pos:end]))
    return "".join(out)


# --- the page ---------------------------------------------------------------------------------------
def _body(record: ArticleRecord, original: bytes | None) -> str:
    cleaned = record.text.cleaned or ""
    spans = _spans(record, cleaned)
    paragraphs, offset = [], 0
    for part in cleaned.split("\n\n"):
        paragraphs.append((offset, offset + len(part)))
        offset += len(part) + 2
    locate = _Locator(_plain(original, record.document.format) if original else "")
    # (position in the original, order, html): paragraphs keep their order; removed parts go where they stood
    pieces: list[tuple[float, int, str]] = []
    last = -1.0
    for n, (a, b) in enumerate(paragraphs):
        if a == b:
            continue
        found = locate.find(cleaned[a:b])
        last = max(last, float(found)) if found is not None else last + 0.001
        pieces.append((last, n, f'<p class="kept">{_markup(cleaned, a, b, spans)}</p>'))
    unplaced = []
    for m, removed in enumerate(record.text.removed):
        block = (
            f'<p class="removed-block"><del class="removed" data-reason="{_esc(removed.reason)}">{_esc(removed.text)}'
            f'</del> <span class="reason">{_esc(removed.reason)}</span></p>'
        )
        found = locate.find(removed.text)
        if found is None:
            unplaced.append(block)
        else:
            pieces.append((found - 0.5, -1000 + m, block))
    body = "\n".join(piece for *_, piece in sorted(pieces))
    if unplaced:
        body += "\n<h3>Removed, not located in the original</h3>\n" + "\n".join(unplaced)
    if not cleaned and record.error:
        body = f'<p class="error">Rejected: <code>{_esc(record.error.code)}</code> {_esc(record.error.message)}</p>'
    return body


def _side(record: ArticleRecord) -> str:
    doc, analysis = record.document, record.analysis
    fields = {
        "title": doc.title,
        "byline": doc.byline,
        "authors": ", ".join(doc.authors),
        "publisher": doc.publisher,
        "agencies": ", ".join(doc.agencies),
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "modified_at": doc.modified_at.isoformat() if doc.modified_at else None,
        "published_at_basis": doc.published_at_basis,
        "format": doc.format,
        "encoding": doc.encoding,
        "kind": doc.kind,
        "language": f"{analysis.language} ({analysis.language_confidence:.2f})",
    }
    rows = "".join(
        f"<tr><th>{_esc(k)}</th><td>{_esc(v) if v else '<em>none</em>'}</td>"
        f'<td class="field-source">{_esc(doc.field_sources.get(k, ""))}</td></tr>'
        for k, v in fields.items()
    )
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity in analysis.entities:
        by_type[entity.type].append(
            f'<mark class="entity ent-{_esc(entity.type)}">{_esc(entity.text)}</mark> ×{entity.count}'
        )
    entities = "".join(f"<li><b>{_esc(t)}</b>: {', '.join(names)}</li>" for t, names in sorted(by_type.items()))
    quotes = "".join(
        f'<li><q>{_esc(q.text)}</q> — <span class="speaker">{_esc(q.speaker or "no speaker")}</span></li>'
        for q in analysis.quotes
        if q.kind == "statement"
    )
    dates = "".join(f"<li>{_esc(d.text)} → <code>{_esc(d.value or 'not resolved')}</code></li>" for d in analysis.dates)
    reasons = Counter(r.reason for r in record.text.removed)
    removed = "".join(f"<li><del>{_esc(reason)}</del> ×{n}</li>" for reason, n in reasons.most_common())
    skipped = "".join(f"<li>{_esc(step)}: {_esc(why)}</li>" for step, why in analysis.skipped.items())
    return (
        f'<h2>Metadata</h2><table class="metadata"><tr><th>field</th><th>value</th><th>found in</th></tr>{rows}</table>'
        f"<h2>Removed</h2><ul>{removed or '<li>nothing</li>'}</ul>"
        f"<h2>Entities</h2><ul>{entities or '<li>none</li>'}</ul>"
        f"<h2>Quotes</h2><ul>{quotes or '<li>none</li>'}</ul>"
        f"<h2>Dates</h2><ul>{dates or '<li>none</li>'}</ul>"
        + (f"<h2>Steps skipped</h2><ul>{skipped}</ul>" if skipped else "")
    )


_CSS = """
body{font:15px/1.55 Georgia,serif;margin:0;color:#1d1d1d;background:#fafaf7}
header{padding:12px 24px;background:#23395d;color:#fff;font-family:sans-serif}
header h1{margin:0;font-size:20px} header p{margin:4px 0 0;font-size:13px;opacity:.85}
.layout{display:flex;gap:24px;padding:16px 24px}
main{flex:3;min-width:0} aside{flex:2;min-width:0;font:13px/1.4 sans-serif;background:#fff;
border:1px solid #ddd;padding:8px 14px;align-self:flex-start}
.removed-block{background:#fdecea;padding:4px 8px;border-left:4px solid #c62828}
del.removed{color:#8e2a2a;text-decoration:line-through}
.reason{font:bold 11px sans-serif;color:#fff;background:#c62828;padding:1px 6px;border-radius:8px}
mark.entity{padding:0 2px;border-radius:3px} .ent-PER{background:#ffe08a} .ent-LOC{background:#b7e4c7}
.ent-ORG{background:#b8d8ff} .ent-MISC{background:#e2c6ff}
q.quote.statement{background:#f1f1f1;font-style:italic} sup.speaker{font:11px sans-serif;color:#23395d}
time.date{border-bottom:2px dotted #23395d;cursor:help}
table.metadata{border-collapse:collapse;width:100%} table.metadata td,table.metadata th{border-bottom:1px solid #eee;
text-align:left;padding:3px 4px;vertical-align:top} .field-source{color:#666;font-style:italic}
.legend span{margin-right:8px}
"""


def render(record: ArticleRecord, original: bytes | None) -> str:
    """The audit page; `original` is the object's bytes (None when gone: removed parts are then listed)."""
    title = record.document.title or record.source.key
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
    status = record.status + (f" ({record.error.code})" if record.error else "")
    return f"""<!DOCTYPE html>
<html lang="{_esc(record.analysis.language if record.analysis.language != "und" else "en")}">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>Audit: {_esc(title)}</title>
<style>{_CSS}</style></head>
<body>
<header><h1>{_esc(title)}</h1>
<p>s3://{_esc(record.source.bucket)}/{_esc(record.source.key)} · {_esc(status)}
 · pipeline {_esc(record.pipeline_version)} · processed {_esc(record.processed_at.isoformat())}
 · id {_esc(record.article_id)}</p></header>
<div class="layout">
<main>
<p class="legend"><span><del class="removed">removed</del> <span class="reason">reason</span></span>
<span><mark class="entity ent-PER">person</mark></span><span><mark class="entity ent-LOC">place</mark></span>
<span><mark class="entity ent-ORG">organisation</mark></span><span><mark class="entity ent-MISC">other</mark></span>
<span><q class="quote statement">quote</q><sup class="speaker">speaker</sup></span>
<span><time class="date" title="resolved value on hover">date</time></span></p>
{_body(record, original)}
</main>
<aside>{_side(record)}</aside>
</div>
</body></html>
"""
