import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_statements_format_type_0 import ListStatementsFormatType0
from ...models.list_statements_sort import ListStatementsSort
from ...models.problem import Problem
from ...models.statement_kind import StatementKind
from ...models.statement_page import StatementPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListStatementsSort | Unset = ListStatementsSort.SAID_ON,
    format_: ListStatementsFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    event: None | str | Unset = UNSET,
    kind: list[StatementKind] | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, ListStatementsFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_speaker: None | str | Unset
    if isinstance(speaker, Unset):
        json_speaker = UNSET
    else:
        json_speaker = speaker
    params["speaker"] = json_speaker

    json_event: None | str | Unset
    if isinstance(event, Unset):
        json_event = UNSET
    else:
        json_event = event
    params["event"] = json_event

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)

    params["kind"] = json_kind

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["include_retracted"] = include_retracted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatementPage | None:
    if response.status_code == 200:
        response_200 = StatementPage.from_dict(response.json())

        return response_200

    if response.status_code == 406:
        response_406 = Problem.from_dict(response.json())

        return response_406

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StatementPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListStatementsSort | Unset = ListStatementsSort.SAID_ON,
    format_: ListStatementsFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    event: None | str | Unset = UNSET,
    kind: list[StatementKind] | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[Problem | StatementPage]:
    """List statements

     List statements with their speaker, reporter and citations, by date said.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListStatementsSort | Unset): `-` for descending. Undated statements come last.
            Default: ListStatementsSort.SAID_ON.
        format_ (ListStatementsFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over
            the `Accept` header.
        q (None | str | Unset): Statements holding every one of these words, as `/v1/search` finds
            them.
        speaker (None | str | Unset): Statements by this actor.
        event (None | str | Unset): Statements about this event.
        kind (list[StatementKind] | Unset): Any of these kinds (repeatable).
        from_ (datetime.date | None | Unset): Said on or after this day.
        to (datetime.date | None | Unset): Said on or before this day.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        speaker=speaker,
        event=event,
        kind=kind,
        from_=from_,
        to=to,
        include_retracted=include_retracted,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListStatementsSort | Unset = ListStatementsSort.SAID_ON,
    format_: ListStatementsFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    event: None | str | Unset = UNSET,
    kind: list[StatementKind] | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Problem | StatementPage | None:
    """List statements

     List statements with their speaker, reporter and citations, by date said.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListStatementsSort | Unset): `-` for descending. Undated statements come last.
            Default: ListStatementsSort.SAID_ON.
        format_ (ListStatementsFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over
            the `Accept` header.
        q (None | str | Unset): Statements holding every one of these words, as `/v1/search` finds
            them.
        speaker (None | str | Unset): Statements by this actor.
        event (None | str | Unset): Statements about this event.
        kind (list[StatementKind] | Unset): Any of these kinds (repeatable).
        from_ (datetime.date | None | Unset): Said on or after this day.
        to (datetime.date | None | Unset): Said on or before this day.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        speaker=speaker,
        event=event,
        kind=kind,
        from_=from_,
        to=to,
        include_retracted=include_retracted,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListStatementsSort | Unset = ListStatementsSort.SAID_ON,
    format_: ListStatementsFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    event: None | str | Unset = UNSET,
    kind: list[StatementKind] | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[Problem | StatementPage]:
    """List statements

     List statements with their speaker, reporter and citations, by date said.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListStatementsSort | Unset): `-` for descending. Undated statements come last.
            Default: ListStatementsSort.SAID_ON.
        format_ (ListStatementsFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over
            the `Accept` header.
        q (None | str | Unset): Statements holding every one of these words, as `/v1/search` finds
            them.
        speaker (None | str | Unset): Statements by this actor.
        event (None | str | Unset): Statements about this event.
        kind (list[StatementKind] | Unset): Any of these kinds (repeatable).
        from_ (datetime.date | None | Unset): Said on or after this day.
        to (datetime.date | None | Unset): Said on or before this day.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        speaker=speaker,
        event=event,
        kind=kind,
        from_=from_,
        to=to,
        include_retracted=include_retracted,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListStatementsSort | Unset = ListStatementsSort.SAID_ON,
    format_: ListStatementsFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    speaker: None | str | Unset = UNSET,
    event: None | str | Unset = UNSET,
    kind: list[StatementKind] | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Problem | StatementPage | None:
    """List statements

     List statements with their speaker, reporter and citations, by date said.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListStatementsSort | Unset): `-` for descending. Undated statements come last.
            Default: ListStatementsSort.SAID_ON.
        format_ (ListStatementsFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over
            the `Accept` header.
        q (None | str | Unset): Statements holding every one of these words, as `/v1/search` finds
            them.
        speaker (None | str | Unset): Statements by this actor.
        event (None | str | Unset): Statements about this event.
        kind (list[StatementKind] | Unset): Any of these kinds (repeatable).
        from_ (datetime.date | None | Unset): Said on or after this day.
        to (datetime.date | None | Unset): Said on or before this day.
        include_retracted (bool | Unset): Also list retracted statements. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sort=sort,
            format_=format_,
            q=q,
            speaker=speaker,
            event=event,
            kind=kind,
            from_=from_,
            to=to,
            include_retracted=include_retracted,
        )
    ).parsed
