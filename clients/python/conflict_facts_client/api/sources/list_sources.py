from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_sources_format_type_0 import ListSourcesFormatType0
from ...models.list_sources_sort import ListSourcesSort
from ...models.problem import Problem
from ...models.source_kind import SourceKind
from ...models.source_page import SourcePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListSourcesSort | Unset = ListSourcesSort.ID,
    format_: ListSourcesFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[SourceKind] | Unset = UNSET,
    publisher: None | str | Unset = UNSET,
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
    elif isinstance(format_, ListSourcesFormatType0):
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

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)

    params["kind"] = json_kind

    json_publisher: None | str | Unset
    if isinstance(publisher, Unset):
        json_publisher = UNSET
    else:
        json_publisher = publisher
    params["publisher"] = json_publisher

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sources",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SourcePage | None:
    if response.status_code == 200:
        response_200 = SourcePage.from_dict(response.json())

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
) -> Response[Problem | SourcePage]:
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
    sort: ListSourcesSort | Unset = ListSourcesSort.ID,
    format_: ListSourcesFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[SourceKind] | Unset = UNSET,
    publisher: None | str | Unset = UNSET,
) -> Response[Problem | SourcePage]:
    """List sources

     List sources: what they are, whether their text is stored, and what they relay.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListSourcesSort | Unset): `-` for descending. Undated sources come last. Default:
            ListSourcesSort.ID.
        format_ (ListSourcesFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Sources holding every one of these words, as `/v1/search` finds
            them.
        kind (list[SourceKind] | Unset): Any of these kinds (repeatable).
        publisher (None | str | Unset): Exact publisher name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourcePage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        publisher=publisher,
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
    sort: ListSourcesSort | Unset = ListSourcesSort.ID,
    format_: ListSourcesFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[SourceKind] | Unset = UNSET,
    publisher: None | str | Unset = UNSET,
) -> Problem | SourcePage | None:
    """List sources

     List sources: what they are, whether their text is stored, and what they relay.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListSourcesSort | Unset): `-` for descending. Undated sources come last. Default:
            ListSourcesSort.ID.
        format_ (ListSourcesFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Sources holding every one of these words, as `/v1/search` finds
            them.
        kind (list[SourceKind] | Unset): Any of these kinds (repeatable).
        publisher (None | str | Unset): Exact publisher name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourcePage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        publisher=publisher,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListSourcesSort | Unset = ListSourcesSort.ID,
    format_: ListSourcesFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[SourceKind] | Unset = UNSET,
    publisher: None | str | Unset = UNSET,
) -> Response[Problem | SourcePage]:
    """List sources

     List sources: what they are, whether their text is stored, and what they relay.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListSourcesSort | Unset): `-` for descending. Undated sources come last. Default:
            ListSourcesSort.ID.
        format_ (ListSourcesFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Sources holding every one of these words, as `/v1/search` finds
            them.
        kind (list[SourceKind] | Unset): Any of these kinds (repeatable).
        publisher (None | str | Unset): Exact publisher name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourcePage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        publisher=publisher,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListSourcesSort | Unset = ListSourcesSort.ID,
    format_: ListSourcesFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[SourceKind] | Unset = UNSET,
    publisher: None | str | Unset = UNSET,
) -> Problem | SourcePage | None:
    """List sources

     List sources: what they are, whether their text is stored, and what they relay.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListSourcesSort | Unset): `-` for descending. Undated sources come last. Default:
            ListSourcesSort.ID.
        format_ (ListSourcesFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Sources holding every one of these words, as `/v1/search` finds
            them.
        kind (list[SourceKind] | Unset): Any of these kinds (repeatable).
        publisher (None | str | Unset): Exact publisher name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourcePage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sort=sort,
            format_=format_,
            q=q,
            kind=kind,
            publisher=publisher,
        )
    ).parsed
