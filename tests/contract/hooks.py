"""Schemathesis hooks for the contract run (scripts/contract).

Each hook stands for something a schema cannot say: values that only the server issues. They
make generated requests look like a real client's where the document cannot describe the value;
they never hide a failure. Failures the run accepts are in `allow_list.toml`, each with its reason.
"""

import os
import re
import tomllib
import uuid
from pathlib import Path

import requests
import schemathesis

_BASE_URL = os.environ.get("CONTRACT_BASE_URL", "")
_TOKEN = os.environ.get("CONTRACT_TOKEN", "")
_ALLOW = tomllib.loads((Path(__file__).parent / "allow_list.toml").read_text())["allow"]

# Query parameters holding a token the server issued (a page's `next_cursor`, the event feed's
# cursor). Any string matching the documented pattern is well formed, yet only one the server
# made names a place in a list; a generated one is rightly refused with 422.
_ISSUED_QUERY = ("cursor", "after")


def _is_positive(case) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


def _current_etag(case):
    """The record's current ETag, read the way a client would: GET on the same path, or for an
    action on a record (`POST /committees/{id}/successor`), on the record's own path."""
    if not _BASE_URL:
        return None
    path = case.formatted_path
    while path.count("/") > 3:
        try:
            response = requests.get(
                _BASE_URL + path,
                headers={"Authorization": f"Bearer {_TOKEN}"},
                timeout=10,
            )
        except requests.RequestException:
            return None
        if response.status_code == 200 and response.headers.get("ETag"):
            return response.headers["ETag"]
        path = path.rsplit("/", 1)[0]
    return None


@schemathesis.hook
def before_call(context, case, **kwargs):
    # Negative cases are left as generated: each must reach the server exactly as made.
    if not _is_positive(case):
        return
    headers = case.headers
    if headers:
        # An Idempotency-Key names one request: reusing one for another request is refused with
        # 422 (as the IETF draft says). A client makes a new key per request; so do we.
        for name in list(headers):
            if name.lower() == "idempotency-key":
                headers[name] = str(uuid.uuid4())
        # If-Match carries the ETag the server gave with the record. A made-up one is rightly
        # refused with 412; the client reads the record first, as every client must.
        for name in list(headers):
            if name.lower() == "if-match":
                etag = _current_etag(case)
                if etag is not None:
                    headers[name] = etag
    if case.query:
        for name in _ISSUED_QUERY:
            case.query.pop(name, None)


def _problem_fields(response):
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 - not JSON: nothing to match
        return set()
    if not isinstance(body, dict):
        return set()
    return {e.get("field") for e in body.get("errors") or [] if isinstance(e, dict)}


def _covers(entry, field):
    if field in entry.get("fields", ()):
        return True
    pattern = entry.get("field_pattern")
    return pattern is not None and re.search(pattern, field or "") is not None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure except those allow_list.toml accepts (each with its reason). A
    rejection naming fields is accepted only when every field it names is accounted for."""
    code = getattr(failure, "code", None)
    operation = f"{case.method.upper()} {case.operation.path}"
    applicable = [
        entry
        for entry in _ALLOW
        if entry["code"] == code
        and entry.get("operation") in (None, operation)
        and entry.get("status", response.status_code) == response.status_code
    ]
    if not applicable:
        return True
    by_field = [e for e in applicable if "fields" in e or "field_pattern" in e]
    whole = [e for e in applicable if e not in by_field]
    if any(not e.get("empty_body") or not response.content for e in whole):
        return False
    fields = _problem_fields(response)
    if fields and by_field and all(any(_covers(e, f) for e in by_field) for f in fields):
        return False
    return True
