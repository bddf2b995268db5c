import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.event_status import EventStatus
from ...models.event_type import EventType
from ...models.format_ import Format
from ...models.list_events_sort import ListEventsSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListEventsSort | Unset = ListEventsSort.START_DATE,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    type_: list[EventType] | Unset = UNSET,
    status: list[EventStatus] | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    place: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
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

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    json_place: None | str | Unset
    if isinstance(place, Unset):
        json_place = UNSET
    else:
        json_place = place
    params["place"] = json_place

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

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
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage | Problem]:
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
    sort: ListEventsSort | Unset = ListEventsSort.START_DATE,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    type_: list[EventType] | Unset = UNSET,
    status: list[EventStatus] | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    place: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[EventPage | Problem]:
    """List events

     List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListEventsSort | Unset): Sort field; `-` for descending. Undated events come last.
            Default: ListEventsSort.START_DATE.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Events holding every one of these words, as `/v1/search` finds
            them.
        type_ (list[EventType] | Unset): Any of these types (repeatable).
        status (list[EventStatus] | Unset): Any of these statuses (repeatable).
        actor (None | str | Unset): Events in which this actor has a role.
        place (None | str | Unset): Events at this place.
        country (None | str | Unset): Events at a place in this country (ISO code).
        from_ (datetime.date | None | Unset): Events still going on or ending on/after this day.
        to (datetime.date | None | Unset): Events starting on or before this day.
        include_retracted (bool | Unset): Also list retracted events. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        type_=type_,
        status=status,
        actor=actor,
        place=place,
        country=country,
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
    sort: ListEventsSort | Unset = ListEventsSort.START_DATE,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    type_: list[EventType] | Unset = UNSET,
    status: list[EventStatus] | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    place: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> EventPage | Problem | None:
    """List events

     List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListEventsSort | Unset): Sort field; `-` for descending. Undated events come last.
            Default: ListEventsSort.START_DATE.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Events holding every one of these words, as `/v1/search` finds
            them.
        type_ (list[EventType] | Unset): Any of these types (repeatable).
        status (list[EventStatus] | Unset): Any of these statuses (repeatable).
        actor (None | str | Unset): Events in which this actor has a role.
        place (None | str | Unset): Events at this place.
        country (None | str | Unset): Events at a place in this country (ISO code).
        from_ (datetime.date | None | Unset): Events still going on or ending on/after this day.
        to (datetime.date | None | Unset): Events starting on or before this day.
        include_retracted (bool | Unset): Also list retracted events. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        type_=type_,
        status=status,
        actor=actor,
        place=place,
        country=country,
        from_=from_,
        to=to,
        include_retracted=include_retracted,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
    sort: ListEventsSort | Unset = ListEventsSort.START_DATE,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    type_: list[EventType] | Unset = UNSET,
    status: list[EventStatus] | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    place: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> Response[EventPage | Problem]:
    """List events

     List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListEventsSort | Unset): Sort field; `-` for descending. Undated events come last.
            Default: ListEventsSort.START_DATE.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Events holding every one of these words, as `/v1/search` finds
            them.
        type_ (list[EventType] | Unset): Any of these types (repeatable).
        status (list[EventStatus] | Unset): Any of these statuses (repeatable).
        actor (None | str | Unset): Events in which this actor has a role.
        place (None | str | Unset): Events at this place.
        country (None | str | Unset): Events at a place in this country (ISO code).
        from_ (datetime.date | None | Unset): Events still going on or ending on/after this day.
        to (datetime.date | None | Unset): Events starting on or before this day.
        include_retracted (bool | Unset): Also list retracted events. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        sort=sort,
        format_=format_,
        q=q,
        type_=type_,
        status=status,
        actor=actor,
        place=place,
        country=country,
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
    sort: ListEventsSort | Unset = ListEventsSort.START_DATE,
    format_: Format | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    type_: list[EventType] | Unset = UNSET,
    status: list[EventStatus] | Unset = UNSET,
    actor: None | str | Unset = UNSET,
    place: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    include_retracted: bool | Unset = False,
) -> EventPage | Problem | None:
    """List events

     List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.

    Args:
        limit (int | Unset): Records per page. An export (csv, geojson, jsonld) without `limit`
            sends every matching record. Default: 25.
        cursor (None | str | Unset): `next_cursor` of the previous page; opaque.
        sort (ListEventsSort | Unset): Sort field; `-` for descending. Undated events come last.
            Default: ListEventsSort.START_DATE.
        format_ (Format | None | Unset): `json`, `csv`, `geojson` or `jsonld`; wins over the
            `Accept` header.
        q (None | str | Unset): Events holding every one of these words, as `/v1/search` finds
            them.
        type_ (list[EventType] | Unset): Any of these types (repeatable).
        status (list[EventStatus] | Unset): Any of these statuses (repeatable).
        actor (None | str | Unset): Events in which this actor has a role.
        place (None | str | Unset): Events at this place.
        country (None | str | Unset): Events at a place in this country (ISO code).
        from_ (datetime.date | None | Unset): Events still going on or ending on/after this day.
        to (datetime.date | None | Unset): Events starting on or before this day.
        include_retracted (bool | Unset): Also list retracted events. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            sort=sort,
            format_=format_,
            q=q,
            type_=type_,
            status=status,
            actor=actor,
            place=place,
            country=country,
            from_=from_,
            to=to,
            include_retracted=include_retracted,
        )
    ).parsed
