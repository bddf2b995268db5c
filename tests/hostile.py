"""Hostile text in every field a page shows, loadable by the real loader: it must always be
served as text, never as markup, script or a link."""

from app.bundles import Bundle

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(2)>'
JS_URL = "javascript:alert(3)"
TEXT = f'The envoy said "{SCRIPT} and {BREAKOUT}" at the 𝄞 rally, then wrote {JS_URL} twice.'


def hostile_bundle() -> Bundle:
    cite = [{"source_id": "hostile-source", "quote": f"{SCRIPT} and {BREAKOUT}"}]
    return Bundle.model_validate(
        {
            "sources": [
                {
                    "id": "hostile-source",
                    "title": f"</title>{SCRIPT}",
                    "publisher": BREAKOUT,
                    "kind": "report",
                    "text": TEXT,
                }
            ],
            "actors": [{"id": "hostile-actor", "name": JS_URL, "kind": "person", "title": SCRIPT}],
            "places": [{"id": "hostile-place", "name": BREAKOUT, "kind": "site"}],
            "events": [
                {
                    "id": "hostile-event",
                    "title": BREAKOUT,
                    "summary": SCRIPT,
                    "type": "protest",
                    "status": "ongoing",
                    "place_id": "hostile-place",
                    "actors": [{"actor_id": "hostile-actor", "role": JS_URL}],
                    "citations": cite,
                }
            ],
            "figures": [
                {
                    "id": "hostile-figure",
                    "metric": SCRIPT,
                    "value": 2,
                    "unit": BREAKOUT,
                    "qualifier": "at_least",
                    "scope": JS_URL,
                    "event_id": "hostile-event",
                    "claimed_by": "hostile-actor",
                    "citations": [{"source_id": "hostile-source", "quote": "twice"}],
                }
            ],
            "statements": [
                {
                    "id": "hostile-statement",
                    "speaker": "hostile-actor",
                    "kind": "direct_quote",
                    "text": f"{SCRIPT} and {BREAKOUT}",
                    "event_id": "hostile-event",
                    "reported_by": "hostile-actor",
                    "citations": cite,
                }
            ],
        }
    )
