from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.search_page import SearchPage
from ...models.search_records_type_item import SearchRecordsTypeItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    q: str,
    type_: list[SearchRecordsTypeItem] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["q"] = q

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/search",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SearchPage | None:
    if response.status_code == 200:
        response_200 = SearchPage.from_dict(response.json())

        return response_200

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
) -> Response[Problem | SearchPage]:
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
    q: str,
    type_: list[SearchRecordsTypeItem] | Unset = UNSET,
) -> Response[Problem | SearchPage]:
    """Search

     Search the titles and summaries of events, the metrics and scopes of figures, the texts
    of statements, the names, aliases, titles and countries of actors, the names and countries
    of places, and the titles and stored texts of sources, best match first.

    A hit holds every word of `q`, matched by stem and ignoring case; quotes, `*`, `NOT` and
    other punctuation are just characters. An actor's or place's names match with or without
    their accents. Events rank above the figures and statements about them, and those above
    the actors, places and sources. A `q` with no letter or digit, more than 32 different words
    or more than 500 characters is a 422.

    Args:
        limit (int | Unset): Records per page. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        q (str): Words to search for (at most 32, in 500 characters); a hit holds all of them.
        type_ (list[SearchRecordsTypeItem] | Unset): Only these kinds of record: comma-separated
            and/or repeated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        q=q,
        type_=type_,
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
    q: str,
    type_: list[SearchRecordsTypeItem] | Unset = UNSET,
) -> Problem | SearchPage | None:
    """Search

     Search the titles and summaries of events, the metrics and scopes of figures, the texts
    of statements, the names, aliases, titles and countries of actors, the names and countries
    of places, and the titles and stored texts of sources, best match first.

    A hit holds every word of `q`, matched by stem and ignoring case; quotes, `*`, `NOT` and
    other punctuation are just characters. An actor's or place's names match with or without
    their accents. Events rank above the figures and statements about them, and those above
    the actors, places and sources. A `q` with no letter or digit, more than 32 different words
    or more than 500 characters is a 422.

    Args:
        limit (int | Unset): Records per page. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        q (str): Words to search for (at most 32, in 500 characters); a hit holds all of them.
        type_ (list[SearchRecordsTypeItem] | Unset): Only these kinds of record: comma-separated
            and/or repeated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        q=q,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    q: str,
    type_: list[SearchRecordsTypeItem] | Unset = UNSET,
) -> Response[Problem | SearchPage]:
    """Search

     Search the titles and summaries of events, the metrics and scopes of figures, the texts
    of statements, the names, aliases, titles and countries of actors, the names and countries
    of places, and the titles and stored texts of sources, best match first.

    A hit holds every word of `q`, matched by stem and ignoring case; quotes, `*`, `NOT` and
    other punctuation are just characters. An actor's or place's names match with or without
    their accents. Events rank above the figures and statements about them, and those above
    the actors, places and sources. A `q` with no letter or digit, more than 32 different words
    or more than 500 characters is a 422.

    Args:
        limit (int | Unset): Records per page. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        q (str): Words to search for (at most 32, in 500 characters); a hit holds all of them.
        type_ (list[SearchRecordsTypeItem] | Unset): Only these kinds of record: comma-separated
            and/or repeated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        q=q,
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    q: str,
    type_: list[SearchRecordsTypeItem] | Unset = UNSET,
) -> Problem | SearchPage | None:
    """Search

     Search the titles and summaries of events, the metrics and scopes of figures, the texts
    of statements, the names, aliases, titles and countries of actors, the names and countries
    of places, and the titles and stored texts of sources, best match first.

    A hit holds every word of `q`, matched by stem and ignoring case; quotes, `*`, `NOT` and
    other punctuation are just characters. An actor's or place's names match with or without
    their accents. Events rank above the figures and statements about them, and those above
    the actors, places and sources. A `q` with no letter or digit, more than 32 different words
    or more than 500 characters is a 422.

    Args:
        limit (int | Unset): Records per page. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        q (str): Words to search for (at most 32, in 500 characters); a hit holds all of them.
        type_ (list[SearchRecordsTypeItem] | Unset): Only these kinds of record: comma-separated
            and/or repeated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            q=q,
            type_=type_,
        )
    ).parsed
