from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.format_ import Format
from ...models.list_places_sort import ListPlacesSort
from ...models.place_kind import PlaceKind
from ...models.place_page import PlacePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListPlacesSort | Unset = ListPlacesSort.ID,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[PlaceKind] | Unset = UNSET,
    country: None | str | Unset = UNSET,
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
    elif isinstance(format_, Format):
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

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/places",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlacePage | Problem | None:
    if response.status_code == 200:
        response_200 = PlacePage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlacePage | Problem]:
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
    sort: ListPlacesSort | Unset = ListPlacesSort.ID,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[PlaceKind] | Unset = UNSET,
    country: None | str | Unset = UNSET,
) -> Response[PlacePage | Problem]:
    """List places

     List places with their country and WGS 84 coordinates.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListPlacesSort | Unset): `-` for descending. Default: ListPlacesSort.ID.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Part of a name, ignoring case and accents (`susa` finds Şuşa).
        kind (list[PlaceKind] | Unset): Any of these kinds (repeatable).
        country (None | str | Unset): Places in this country (ISO code).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        country=country,
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
    sort: ListPlacesSort | Unset = ListPlacesSort.ID,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[PlaceKind] | Unset = UNSET,
    country: None | str | Unset = UNSET,
) -> PlacePage | Problem | None:
    """List places

     List places with their country and WGS 84 coordinates.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListPlacesSort | Unset): `-` for descending. Default: ListPlacesSort.ID.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Part of a name, ignoring case and accents (`susa` finds Şuşa).
        kind (list[PlaceKind] | Unset): Any of these kinds (repeatable).
        country (None | str | Unset): Places in this country (ISO code).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacePage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        country=country,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListPlacesSort | Unset = ListPlacesSort.ID,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[PlaceKind] | Unset = UNSET,
    country: None | str | Unset = UNSET,
) -> Response[PlacePage | Problem]:
    """List places

     List places with their country and WGS 84 coordinates.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListPlacesSort | Unset): `-` for descending. Default: ListPlacesSort.ID.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Part of a name, ignoring case and accents (`susa` finds Şuşa).
        kind (list[PlaceKind] | Unset): Any of these kinds (repeatable).
        country (None | str | Unset): Places in this country (ISO code).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        kind=kind,
        country=country,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListPlacesSort | Unset = ListPlacesSort.ID,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    kind: list[PlaceKind] | Unset = UNSET,
    country: None | str | Unset = UNSET,
) -> PlacePage | Problem | None:
    """List places

     List places with their country and WGS 84 coordinates.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListPlacesSort | Unset): `-` for descending. Default: ListPlacesSort.ID.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Part of a name, ignoring case and accents (`susa` finds Şuşa).
        kind (list[PlaceKind] | Unset): Any of these kinds (repeatable).
        country (None | str | Unset): Places in this country (ISO code).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacePage | Problem
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
            country=country,
        )
    ).parsed
