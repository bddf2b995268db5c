"""Lists as CSV, GeoJSON and JSON-LD: content negotiation and the renderers, in one place.

Every renderer works on the records' public JSON (what the JSON list serves), so an export
holds the same values as the JSON it stands for.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import mimeparse
from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError

from app import problems

if TYPE_CHECKING:
    from app.kinds import Kind

Record = dict[str, Any]
"""One record's public JSON, as the JSON list serves it."""

Link = Callable[[str, str], dict[str, str]]
"""(detail route name, id) → `{"@id": absolute API URL of that record}`."""


class Format(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"
    jsonld = "jsonld"


MEDIA_TYPES = {
    Format.json: "application/json",
    Format.csv: "text/csv",
    Format.geojson: "application/geo+json",
    Format.jsonld: "application/ld+json",
}


@dataclass(frozen=True)
class Export:
    """How one kind of record (app.kinds) is exported."""

    columns: Mapping[str, Callable[[Record], Any]]  # CSV header → cell
    node: Callable[[Record, Link], Record]  # JSON-LD node
    geometry: Callable[[Record], Record | None] | None = None  # GeoJSON; events and places only

    @property
    def formats(self) -> list[Format]:
        return [f for f in Format if f is not Format.geojson or self.geometry is not None]


def negotiate(request: Request, requested: Format | None, kind: "Kind") -> Format:
    """Return the format to serve: `?format=` if given, else the best match for `Accept`.

    No `Accept`, `*/*` or `application/json` gives JSON. Raises RequestValidationError (422)
    for a `?format=` this list does not offer, and HTTPException 406 for an `Accept` that
    names nothing it offers.
    """
    available = kind.export.formats
    if requested is not None:
        if requested not in available:
            offered = ", ".join(available)
            message = f"{requested} is available for events and places only; here: {offered}"
            raise RequestValidationError(
                [{"type": "value_error", "loc": ("query", "format"), "msg": message}]
            )
        return requested
    # Media types are case-insensitive; the library compares them as given.
    accept = request.headers.get("accept", "").strip().lower()
    if not accept:
        return Format.json
    try:
        # Ties go to the last type listed: JSON, then the order of Format.
        best = str(mimeparse.best_match([MEDIA_TYPES[f] for f in reversed(available)], accept))
    except mimeparse.MimeTypeParseException:
        best = ""  # RFC 9110 §12.5.1: an Accept naming nothing available may get a 406
    if not best:
        offered = ", ".join(MEDIA_TYPES[f] for f in available)
        geojson = MEDIA_TYPES[Format.geojson]
        why = "GeoJSON is available for events and places only. " if geojson in accept else ""
        raise HTTPException(406, f"{why}This list is available as {offered}.")
    return next(f for f in available if MEDIA_TYPES[f] == best)


FILES = (Format.csv, Format.geojson)
"""The formats a whole list is also a bulk file in (app.bulk). JSON-LD names records by URLs
of the host asked, so it is made per request, in pages."""

MAX_EXPORT = 1000
"""Most records in an export made per request: one with filters, a sort, a cursor, or in
JSON-LD. Past it, `Link: rel="next"` continues; a whole list in CSV or GeoJSON is a file."""


def render(request: Request, fmt: Format, kind: "Kind", records: Iterable[Record]) -> Iterator[str]:
    """Return the text of the export of `records` in `fmt` (not JSON), in pieces."""
    if fmt in FILES:
        return render_file(fmt, kind, records)

    def link(route: str, id: str) -> dict[str, str]:
        # url_for keeps the mount prefix (root_path), so the @ids resolve wherever we are served.
        return {"@id": str(request.url_for(route, id=id))}

    return _jsonld(kind.export, records, link)


def render_file(fmt: Format, kind: "Kind", records: Iterable[Record]) -> Iterator[str]:
    """Return the text of the export of `records` in `fmt`, one of FILES, in pieces: these
    formats name no URL, so that a bulk file is the same whoever asked for it."""
    if fmt is Format.csv:
        return _csv(kind.export, records)
    if fmt is Format.geojson:
        return _geojson(kind.export, records)
    raise ValueError(f"{fmt} is not a bulk file's format")


def media_type(fmt: Format) -> str:
    """Return the Content-Type of an export in `fmt`."""
    return "text/csv; charset=utf-8" if fmt is Format.csv else MEDIA_TYPES[fmt]


def file_name(kind: "Kind", fmt: Format) -> str:
    """Return the name an export of every `kind` record in `fmt` downloads as."""
    return f"{kind.name}.{fmt}"


def response(
    request: Request, fmt: Format, kind: "Kind", records: Iterable[Record], headers: dict[str, str]
) -> Response:
    """Return the export of `records` in `fmt` (not JSON), whole, with `headers` added."""
    if fmt is Format.csv:
        disposition = f'attachment; filename="{file_name(kind, fmt)}"'
        headers = {**headers, "Content-Disposition": disposition}
    content = "".join(render(request, fmt, kind, records))
    return Response(content, media_type=media_type(fmt), headers=headers)


def responses(kind: Export) -> dict[int | str, dict[str, Any]]:
    """Return OpenAPI `responses` for a list exported as `kind`: its media types and 406."""
    content: dict[str, Any] = {}
    if Format.geojson in kind.formats:
        content["application/geo+json"] = {
            "schema": {"type": "object", "description": "An RFC 7946 FeatureCollection."}
        }
    content["application/ld+json"] = {
        "schema": {"type": "object", "description": "JSON-LD with schema.org terms (`@graph`)."}
    }
    content["text/csv"] = {
        "schema": {"type": "string", "description": "RFC 4180, UTF-8, a header row."},
        "example": ",".join(kind.columns) + "\r\n",
    }
    return {200: {"content": content}, **problems.responses(406)}


# CSV


DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")
"""First characters that make a spreadsheet read a cell as a formula, and the escape itself."""


def _cell(value: Any) -> str:
    """Return a CSV cell: strings defused, numbers and booleans as JSON writes them."""
    if value is None:
        return ""
    if isinstance(value, list):
        # Each element: a spreadsheet split on ";" would read every one as a cell.
        return ";".join(_defuse(str(element)) for element in value)
    if isinstance(value, bool | int | float):
        return json.dumps(value)  # never defused: -0.5 is a number, not a formula
    return _defuse(str(value))


def _defuse(text: str) -> str:
    # OWASP's CSV injection advice: a leading ' makes spreadsheets show the text as text.
    # Strings starting with ' get one too, so stripping one leading ' always undoes it.
    return "'" + text if text.startswith(DANGEROUS) else text


def _csv(kind: Export, records: Iterable[Record]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(kind.columns)
    for record in records:
        writer.writerow(_cell(cell(record)) for cell in kind.columns.values())
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _field(name: str) -> Callable[[Record], Any]:
    return lambda record: record[name]


def _fields(*names: str) -> dict[str, Callable[[Record], Any]]:
    return {name: _field(name) for name in names}


CITATION_COLUMNS: dict[str, Callable[[Record], Any]] = {
    "citation_count": lambda record: len(record["citations"]),
    # source@start-end: enough to find and check every citation in the stored texts.
    "citations": lambda record: [
        f"{c['source_id']}@{c['start']}-{c['end']}" for c in record["citations"]
    ],
}


# GeoJSON


def _point(place: Record | None) -> Record | None:
    """Return the RFC 7946 Point of `place` ([longitude, latitude]), or None if unknown."""
    if place is None or place["latitude"] is None or place["longitude"] is None:
        return None
    return {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]}


def dumps(value: Any) -> str:
    """Return compact JSON text, as the API serves it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _geojson(kind: Export, records: Iterable[Record]) -> Iterator[str]:
    assert kind.geometry is not None  # noqa: S101 (negotiate offers GeoJSON only then)
    yield '{"type":"FeatureCollection","features":['
    separator = ""
    for record in records:
        feature = {
            "type": "Feature",
            "id": record["id"],
            "geometry": kind.geometry(record),
            "properties": record,
        }
        yield separator + dumps(feature)
        separator = ","
    yield "]}"


# JSON-LD

CONTEXT = {"@vocab": "https://schema.org/", "url": {"@type": "@id"}}
"""Inline, so that no processor has to fetch a context: every term is a schema.org term."""


def _jsonld(kind: Export, records: Iterable[Record], link: Link) -> Iterator[str]:
    yield '{"@context":' + dumps(CONTEXT) + ',"@graph":['
    separator = ""
    for record in records:
        yield separator + dumps(kind.node(record, link))
        separator = ","
    yield "]}"


def _node(link: Link, route: str, record: Record, type_: str, **properties: Any) -> Record:
    """Return a JSON-LD node for `record`, leaving out properties that are None or empty."""
    node = {**link(route, record["id"]), "@type": type_, "identifier": record["id"]}
    return node | {key: value for key, value in properties.items() if value not in (None, [])}


def _when(day: str | None, precision: str | None) -> str | None:
    """Return an ISO 8601 date cut to its precision: `2022-04` for "April 2022"."""
    if day is None:
        return None
    return day[: {"year": 4, "month": 7}.get(precision or "day", 10)]


def _cited(record: Record, link: Link) -> list[dict[str, str]]:
    """Return links to the sources `record` cites, each once, in citation order."""
    ids = dict.fromkeys(citation["source_id"] for citation in record["citations"])
    return [link("get_source", id) for id in ids]


def _country(code: str | None) -> Record | None:
    return None if code is None else {"@type": "PostalAddress", "addressCountry": code}


def _place_node(place: Record, link: Link) -> Record:
    geo = None
    if place["latitude"] is not None and place["longitude"] is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": place["latitude"],
            "longitude": place["longitude"],
        }
    return _node(
        link,
        "get_place",
        place,
        "Place",
        name=place["name"],
        geo=geo,
        address=_country(place["country"]),
    )


ACTOR_TYPES = {
    "person": "Person",
    "state": "GovernmentOrganization",
    "government_body": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
}
"""schema.org types of actor kinds; the other kinds are Organization."""


def _actor_node(actor: Record, link: Link) -> Record:
    type_ = ACTOR_TYPES.get(actor["kind"], "Organization")
    person = type_ == "Person"
    return _node(
        link,
        "get_actor",
        actor,
        type_,
        name=actor["name"],
        alternateName=actor["aliases"],
        jobTitle=actor["title"] if person else None,
        description=None if person else actor["title"],
        nationality=(
            {"@type": "Country", "identifier": actor["country"]}
            if person and actor["country"]
            else None
        ),
        address=None if person else _country(actor["country"]),
    )


def _event_node(event: Record, link: Link) -> Record:
    precision = event["date_precision"]
    return _node(
        link,
        "get_event",
        event,
        "Event",
        name=event["title"],
        description=event["summary"],
        startDate=_when(event["start_date"], precision),
        endDate=_when(event["end_date"], precision),
        location=_place_node(event["place"], link) if event["place"] else None,
        superEvent=link("get_event", event["parent_id"]) if event["parent_id"] else None,
        # schema.org's Role pattern keeps each actor's role: participant, host, mediator…
        about=[
            {"@type": "Role", "roleName": a["role"], "about": _actor_node(a["actor"], link)}
            for a in event["actors"]
        ],
        citation=_cited(event, link),
    )


QUALIFIER_WORDS = {
    "exact": "",
    "approximately": "approximately ",
    "more_than": "more than ",
    "at_least": "at least ",
    "nearly": "nearly ",
    "less_than": "less than ",
    "at_most": "at most ",
}


def _figure_node(figure: Record, link: Link) -> Record:
    words = f"{QUALIFIER_WORDS[figure['qualifier']]}{figure['value']} {figure['unit']}"
    return _node(
        link,
        "get_figure",
        figure,
        "Claim",
        name=figure["metric"],
        text=words,
        description=figure["scope"],
        about=link("get_event", figure["event_id"]) if figure["event_id"] else None,
        author=link("get_actor", figure["claimed_by"]) if figure["claimed_by"] else None,
        citation=_cited(figure, link),
    )


def _statement_node(statement: Record, link: Link) -> Record:
    # A paraphrase is not the speaker's words, so it is a Claim made by them, not a Quotation.
    type_ = "Quotation" if statement["kind"] == "direct_quote" else "Claim"
    reporter = statement["reported_by"]
    return _node(
        link,
        "get_statement",
        statement,
        type_,
        text=statement["text"],
        creator=link("get_actor", statement["speaker"]),
        publisher=link("get_actor", reporter) if reporter else None,
        dateCreated=statement["said_on"],
        about=link("get_event", statement["event_id"]) if statement["event_id"] else None,
        citation=_cited(statement, link),
    )


SOURCE_TYPES = {
    "news_article": "NewsArticle",
    "wire_report": "NewsArticle",
    "report": "Report",
    "social_media_post": "SocialMediaPosting",
}
"""schema.org types of source kinds; the other kinds are CreativeWork."""


def _source_node(source: Record, link: Link) -> Record:
    return _node(
        link,
        "get_source",
        source,
        SOURCE_TYPES.get(source["kind"], "CreativeWork"),
        name=source["title"],
        publisher={"@type": "Organization", "name": source["publisher"]},
        datePublished=source["published_on"],
        url=source["url"],
        inLanguage=source["language"],
        isBasedOn=[link("get_source", id) for id in source["cites"]],
    )


def _actor_ids(event: Record) -> list[str]:
    return [a["actor"]["id"] for a in event["actors"]]


def _place(name: str) -> Callable[[Record], Any]:
    return lambda event: event["place"] and event["place"][name]


EVENT = Export(
    {
        **_fields("id", "title", "summary", "type", "start_date", "end_date"),
        **_fields("date_precision", "date_note", "status", "parent_id"),
        "place_id": _place("id"),
        "place_name": _place("name"),
        "latitude": _place("latitude"),
        "longitude": _place("longitude"),
        "actors": _actor_ids,
        "roles": lambda event: [a["role"] for a in event["actors"]],
        **CITATION_COLUMNS,
    },
    _event_node,
    lambda event: _point(event["place"]),
)
FIGURE = Export(
    {
        **_fields("id", "metric", "value", "unit", "qualifier", "lower_bound", "upper_bound"),
        **_fields("scope", "event_id", "claimed_by"),
        **CITATION_COLUMNS,
    },
    _figure_node,
)
STATEMENT = Export(
    {
        **_fields("id", "speaker", "kind", "text", "said_on", "event_id", "reported_by"),
        **CITATION_COLUMNS,
    },
    _statement_node,
)
SOURCE = Export(
    _fields(
        "id",
        "title",
        "publisher",
        "kind",
        "published_on",
        "url",
        "language",
        "has_text",
        "text_sha256",
        "text_length",
        "cites",
    ),
    _source_node,
)
ACTOR = Export(_fields("id", "name", "kind", "title", "country", "aliases"), _actor_node)
PLACE = Export(
    _fields("id", "name", "kind", "country", "latitude", "longitude"), _place_node, _point
)
