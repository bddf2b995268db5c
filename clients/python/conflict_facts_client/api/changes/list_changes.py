from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_page import ChangePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/changes",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChangePage | Problem | None:
    if response.status_code == 200:
        response_200 = ChangePage.from_dict(response.json())

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
) -> Response[ChangePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[ChangePage | Problem]:
    """List changes

     List every revision of every record after `since`, in commit order.

    Replaying them from the start, keeping each record's latest `record`, rebuilds the current
    data exactly. A `Link: rel="next"` header says there is more; without it you are up to
    date, and the same `next_cursor` returns what is committed next.

    Args:
        since (None | str | Unset): `next_cursor` of the previous page; omit it to start from the
            beginning.
        limit (int | Unset): Revisions per page. Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 25,
) -> ChangePage | Problem | None:
    """List changes

     List every revision of every record after `since`, in commit order.

    Replaying them from the start, keeping each record's latest `record`, rebuilds the current
    data exactly. A `Link: rel="next"` header says there is more; without it you are up to
    date, and the same `next_cursor` returns what is committed next.

    Args:
        since (None | str | Unset): `next_cursor` of the previous page; omit it to start from the
            beginning.
        limit (int | Unset): Revisions per page. Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return sync_detailed(
        client=client,
        since=since,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[ChangePage | Problem]:
    """List changes

     List every revision of every record after `since`, in commit order.

    Replaying them from the start, keeping each record's latest `record`, rebuilds the current
    data exactly. A `Link: rel="next"` header says there is more; without it you are up to
    date, and the same `next_cursor` returns what is committed next.

    Args:
        since (None | str | Unset): `next_cursor` of the previous page; omit it to start from the
            beginning.
        limit (int | Unset): Revisions per page. Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 25,
) -> ChangePage | Problem | None:
    """List changes

     List every revision of every record after `since`, in commit order.

    Replaying them from the start, keeping each record's latest `record`, rebuilds the current
    data exactly. A `Link: rel="next"` header says there is more; without it you are up to
    date, and the same `next_cursor` returns what is committed next.

    Args:
        since (None | str | Unset): `next_cursor` of the previous page; omit it to start from the
            beginning.
        limit (int | Unset): Revisions per page. Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            since=since,
            limit=limit,
        )
    ).parsed
