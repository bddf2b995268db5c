"""Schemathesis hooks for tests/test_fuzz.py (loaded through SCHEMATHESIS_HOOKS).

Some rules no OpenAPI schema can state: which cursors the API issued, that `to` may not
precede `from`, that no text holds a NUL character (PostgreSQL cannot store one), that a `q`
holds a letter or digit (of any script) and at most 32 different words, and that the whole
query string is at most 4 KiB. A request refused for exactly those documented
reasons is the API working as designed, whether the schema allowed it or not. And `/oembed`
answers a `format` other than json with 501, as the oEmbed specification (§2.3.4) requires;
a record the fuzzer itself retracted answers 410, and a made-up `If-Match` 412.

A write (a bundle, a correction) is also checked against the data and across fields, as
docs/curation.md says, which no JSON Schema can state: a reference to a record that does not exist, a
quote that is not in the source's text, a repeated id, an event's date rules (an end before
its start, a precision without a date). The loader's refusals name the record they are about
(`record_id`); the date rules are the model's own validators, which point at the date field
they refuse (`start_date`, `end_date`, `date_precision`). Only a 422
made of such refusals alone is dropped. So is the refusal of an `Idempotency-Key` that an
earlier request with another body already used: the fuzzer draws keys from a small alphabet and
repeats them, and refusing that is the header's whole point (docs/limits.md, "Idempotent writes").
Every other failure, of every check, still fails the run.
"""

from typing import Any

import schemathesis

KEY_REUSED = "This Idempotency-Key was already used for another request; "

BY_DESIGN = {
    "Not a cursor this API issued.",
    "`to` is before `from`",
    "`max_value` is below `min_value`",
    "Must not contain a NUL character",
    "Must contain a letter or digit to search for",
    "Must hold at most 32 different words",
    "contains a NUL character",  # in a bundle or a correction: the same rule as above
    "contains a lone surrogate, which is not UTF-8",  # JSON may escape one; no database holds it
    "Must not be empty or only whitespace",  # a reason of nothing
    # A title, name or note of nothing, in a bundle or a correction.
    "is empty or only whitespace; write it out, or use null where the field may be empty",
}
DATE_FIELDS = ("/start_date", "/end_date", "/date_precision")
WRITES = {
    "POST /v1/bundles",
    "PATCH /v1/events/{id}",
    "PATCH /v1/figures/{id}",
    "PATCH /v1/statements/{id}",
}


def checked_against_the_data(error: dict[str, Any]) -> bool:
    """Return whether `error` is one of the loader's checks against the stored data or
    across fields, which a write's schema cannot state."""
    return error.get("record_id") is not None or str(error.get("name", "")).endswith(DATE_FIELDS)


@schemathesis.hook
def filter_failure(_context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep `failure` unless the request was refused only for a documented rule."""
    if failure.code == "ST101" and response.status_code == 501 and case.path == "/oembed":
        return False
    if failure.code not in ("ST201", "ST202"):  # accepted negative / rejected positive data
        return True
    if response.status_code == 414:  # the query string is over 4 KiB: refused, as documented
        return False
    if failure.code == "ST202" and response.status_code in (410, 412):
        # A record the fuzzer itself retracted is gone, and a made-up If-Match is stale.
        return False
    if failure.code == "ST202" and response.status_code == 422:
        if response.json().get("detail", "").startswith(KEY_REUSED):
            return False
        errors = response.json().get("errors", [])
        write = f"{case.method} {case.path}" in WRITES
        return not errors or any(
            error["detail"] not in BY_DESIGN and not (write and checked_against_the_data(error))
            for error in errors
        )
    return True
