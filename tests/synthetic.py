"""A deterministic bundle of many records, for paging: no randomness, many ties and nulls."""

from datetime import date, timedelta

from app.bundles import Bundle

SOURCE = "synthetic-source"


def bundle(count: int = 160) -> Bundle:
    """Return `count` events, figures and statements citing one made-up source text."""
    lines = [
        f"Event {i:03} happened. Figure {i:03} counted. Statement {i:03} said."
        for i in range(count)
    ]

    def cite(quote: str) -> list[dict[str, object]]:
        return [{"source_id": SOURCE, "quote": quote}]

    events, figures, statements = [], [], []
    for i in range(count):
        undated = i % 11 == 0
        start = date(2020, 1, 1) + timedelta(days=30 * (i % 13))  # 13 dates: many ties
        events.append(
            {
                "id": f"event-{i:03}",
                "title": f"Event {i}",
                "summary": "Synthetic.",
                "type": ["diplomatic_meeting", "armed_conflict", "mediation"][i % 3],
                "status": "ongoing" if i % 7 == 0 else "occurred",
                "start_date": None if undated else start,
                "end_date": None if undated or i % 7 == 0 else start + timedelta(days=i % 3),
                "date_precision": None if undated else "day",
                "place_id": ["synthetic-north", "synthetic-south"][i % 2],
                "actors": [{"actor_id": f"synthetic-actor-{i % 3}", "role": "participant"}],
                "citations": cite(f"Event {i:03} happened."),
            }
        )
        figures.append(
            {
                "id": f"figure-{i:03}",
                "metric": ["deaths", "displaced"][i % 2],
                "value": (i % 17) * 10,
                "unit": "people",
                "qualifier": "exact",
                "event_id": f"event-{i:03}",
                "citations": cite(f"Figure {i:03} counted."),
            }
        )
        statements.append(
            {
                "id": f"statement-{i:03}",
                "speaker": f"synthetic-actor-{i % 3}",
                "kind": "paraphrase",
                "text": f"Statement {i}.",
                "said_on": None if i % 5 == 0 else date(2021, 1, 1) + timedelta(days=i % 9),
                "citations": cite(f"Statement {i:03} said."),
            }
        )
    return Bundle.model_validate(
        {
            "sources": [
                {
                    "id": SOURCE,
                    "title": "Synthetic test source (not real reporting)",
                    "publisher": "conflict-facts tests",
                    "kind": "report",
                    "text": "\n".join(lines),
                }
            ],
            "actors": [
                {"id": f"synthetic-actor-{n}", "name": f"Actor {n}", "kind": "organization"}
                for n in range(3)
            ],
            "places": [
                {"id": "synthetic-north", "name": "North", "kind": "region", "country": "XN"},
                {"id": "synthetic-south", "name": "South", "kind": "region", "country": "XS"},
            ],
            "events": events,
            "figures": figures,
            "statements": statements,
        }
    )
