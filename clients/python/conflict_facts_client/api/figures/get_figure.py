from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.figure_detail import FigureDetail
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    include_retracted: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["include_retracted"] = include_retracted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/figures/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FigureDetail | Problem | None:
    if response.status_code == 200:
        response_200 = FigureDetail.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[FigureDetail | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_retracted: bool | Unset = False,
) -> Response[FigureDetail | Problem]:
    """Get a figure

     Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.

    Args:
        id (str):
        include_retracted (bool | Unset): Also show retracted records, with their `retraction`.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigureDetail | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        include_retracted=include_retracted,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_retracted: bool | Unset = False,
) -> FigureDetail | Problem | None:
    """Get a figure

     Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.

    Args:
        id (str):
        include_retracted (bool | Unset): Also show retracted records, with their `retraction`.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigureDetail | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        include_retracted=include_retracted,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_retracted: bool | Unset = False,
) -> Response[FigureDetail | Problem]:
    """Get a figure

     Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.

    Args:
        id (str):
        include_retracted (bool | Unset): Also show retracted records, with their `retraction`.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigureDetail | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        include_retracted=include_retracted,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    include_retracted: bool | Unset = False,
) -> FigureDetail | Problem | None:
    """Get a figure

     Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.

    Args:
        id (str):
        include_retracted (bool | Unset): Also show retracted records, with their `retraction`.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigureDetail | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            include_retracted=include_retracted,
        )
    ).parsed
