"""One reader per source of article metadata, shared by the HTML, JSON, Markdown and plain-text cleaners.

- `agencies`: wire agencies (AFP, AP, Reuters, PTI, dpa, EFE…) in any short text, datelines and credit lines.
- `names`: the one byline parser: person names apart from roles, desks, agencies, dates and handles.
- `dates`: the one month table and time parser (metadata values, visible datelines, text datelines, URLs).
- `jsonld`: schema.org JSON-LD (the article types, `@graph` and `@id` references).
- `metatags`: `<meta>` tags (Open Graph, Dublin Core, Parsely, Sailthru…).
- `site`: the publisher as readers name it, and titles without the site name.

Conservative by design: a field a reader cannot trust is worse than an empty one.
"""
