from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.figure_page import FigurePage
from ...models.list_figures_format_type_0 import ListFiguresFormatType0
from ...models.list_figures_sort import ListFiguresSort
from ...models.problem import Problem
from ...models.qualifier import Qualifier
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListFiguresSort | Unset = ListFiguresSort.ID,
    format_: ListFiguresFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    metric: list[str] | Unset = UNSET,
    qualifier: list[Qualifier] | Unset = UNSET,
    event: None | str | Unset = UNSET,
    claimed_by: None | str | Unset = UNSET,
    min_value: float | None | Unset = UNSET,
    max_value: float | None | Unset = UNSET,
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
    elif isinstance(format_, ListFiguresFormatType0):
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

    json_metric: list[str] | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric

    params["metric"] = json_metric

    json_qualifier: list[str] | Unset = UNSET
    if not isinstance(qualifier, Unset):
        json_qualifier = []
        for qualifier_item_data in qualifier:
            qualifier_item = qualifier_item_data.value
            json_qualifier.append(qualifier_item)

    params["qualifier"] = json_qualifier

    json_event: None | str | Unset
    if isinstance(event, Unset):
        json_event = UNSET
    else:
        json_event = event
    params["event"] = json_event

    json_claimed_by: None | str | Unset
    if isinstance(claimed_by, Unset):
        json_claimed_by = UNSET
    else:
        json_claimed_by = claimed_by
    params["claimed_by"] = json_claimed_by

    json_min_value: float | None | Unset
    if isinstance(min_value, Unset):
        json_min_value = UNSET
    else:
        json_min_value = min_value
    params["min_value"] = json_min_value

    json_max_value: float | None | Unset
    if isinstance(max_value, Unset):
        json_max_value = UNSET
    else:
        json_max_value = max_value
    params["max_value"] = json_max_value

    params["include_retracted"] = include_retracted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/figures",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FigurePage | Problem | None:
    if response.status_code == 200:
        response_200 = FigurePage.from_dict(response.json())

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
) -> Response[FigurePage | Problem]:
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
    sort: ListFiguresSort | Unset = ListFiguresSort.ID,
    format_: ListFiguresFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    metric: list[str] | Unset = UNSET,
    qualifier: list[Qualifier] | Unset = UNSET,
    event: None | str | Unset = UNSET,
    claimed_by: None | str | Unset = UNSET,
    min_value: float | None | Unset = UNSET,
    max_value: float | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[FigurePage | Problem]:
    """List figures

     List figures with their qualifier, bounds, claimant and citations.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListFiguresSort | Unset): `-` for descending. Default: ListFiguresSort.ID.
        format_ (ListFiguresFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Figures holding every one of these words, as `/v1/search` finds
            them.
        metric (list[str] | Unset): Any of these metrics (repeatable).
        qualifier (list[Qualifier] | Unset): Any of these qualifiers (repeatable).
        event (None | str | Unset): Figures about this event.
        claimed_by (None | str | Unset): Figures this actor claims.
        min_value (float | None | Unset): Figures whose value is at least this.
        max_value (float | None | Unset): Figures whose value is at most this.
        include_retracted (bool | Unset): Also list retracted figures. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigurePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        metric=metric,
        qualifier=qualifier,
        event=event,
        claimed_by=claimed_by,
        min_value=min_value,
        max_value=max_value,
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
    sort: ListFiguresSort | Unset = ListFiguresSort.ID,
    format_: ListFiguresFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    metric: list[str] | Unset = UNSET,
    qualifier: list[Qualifier] | Unset = UNSET,
    event: None | str | Unset = UNSET,
    claimed_by: None | str | Unset = UNSET,
    min_value: float | None | Unset = UNSET,
    max_value: float | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> FigurePage | Problem | None:
    """List figures

     List figures with their qualifier, bounds, claimant and citations.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListFiguresSort | Unset): `-` for descending. Default: ListFiguresSort.ID.
        format_ (ListFiguresFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Figures holding every one of these words, as `/v1/search` finds
            them.
        metric (list[str] | Unset): Any of these metrics (repeatable).
        qualifier (list[Qualifier] | Unset): Any of these qualifiers (repeatable).
        event (None | str | Unset): Figures about this event.
        claimed_by (None | str | Unset): Figures this actor claims.
        min_value (float | None | Unset): Figures whose value is at least this.
        max_value (float | None | Unset): Figures whose value is at most this.
        include_retracted (bool | Unset): Also list retracted figures. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigurePage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        metric=metric,
        qualifier=qualifier,
        event=event,
        claimed_by=claimed_by,
        min_value=min_value,
        max_value=max_value,
        include_retracted=include_retracted,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListFiguresSort | Unset = ListFiguresSort.ID,
    format_: ListFiguresFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    metric: list[str] | Unset = UNSET,
    qualifier: list[Qualifier] | Unset = UNSET,
    event: None | str | Unset = UNSET,
    claimed_by: None | str | Unset = UNSET,
    min_value: float | None | Unset = UNSET,
    max_value: float | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[FigurePage | Problem]:
    """List figures

     List figures with their qualifier, bounds, claimant and citations.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListFiguresSort | Unset): `-` for descending. Default: ListFiguresSort.ID.
        format_ (ListFiguresFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Figures holding every one of these words, as `/v1/search` finds
            them.
        metric (list[str] | Unset): Any of these metrics (repeatable).
        qualifier (list[Qualifier] | Unset): Any of these qualifiers (repeatable).
        event (None | str | Unset): Figures about this event.
        claimed_by (None | str | Unset): Figures this actor claims.
        min_value (float | None | Unset): Figures whose value is at least this.
        max_value (float | None | Unset): Figures whose value is at most this.
        include_retracted (bool | Unset): Also list retracted figures. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigurePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        metric=metric,
        qualifier=qualifier,
        event=event,
        claimed_by=claimed_by,
        min_value=min_value,
        max_value=max_value,
        include_retracted=include_retracted,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListFiguresSort | Unset = ListFiguresSort.ID,
    format_: ListFiguresFormatType0 | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    metric: list[str] | Unset = UNSET,
    qualifier: list[Qualifier] | Unset = UNSET,
    event: None | str | Unset = UNSET,
    claimed_by: None | str | Unset = UNSET,
    min_value: float | None | Unset = UNSET,
    max_value: float | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> FigurePage | Problem | None:
    """List figures

     List figures with their qualifier, bounds, claimant and citations.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListFiguresSort | Unset): `-` for descending. Default: ListFiguresSort.ID.
        format_ (ListFiguresFormatType0 | None | Unset): `json`, `csv` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Figures holding every one of these words, as `/v1/search` finds
            them.
        metric (list[str] | Unset): Any of these metrics (repeatable).
        qualifier (list[Qualifier] | Unset): Any of these qualifiers (repeatable).
        event (None | str | Unset): Figures about this event.
        claimed_by (None | str | Unset): Figures this actor claims.
        min_value (float | None | Unset): Figures whose value is at least this.
        max_value (float | None | Unset): Figures whose value is at most this.
        include_retracted (bool | Unset): Also list retracted figures. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigurePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sort=sort,
            format_=format_,
            q=q,
            metric=metric,
            qualifier=qualifier,
            event=event,
            claimed_by=claimed_by,
            min_value=min_value,
            max_value=max_value,
            include_retracted=include_retracted,
        )
    ).parsed
