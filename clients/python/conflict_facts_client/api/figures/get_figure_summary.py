from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.figure_summary import FigureSummary
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    metric: str,
    event: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["metric"] = metric

    params["event"] = event

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/figure-summary",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FigureSummary | Problem | None:
    if response.status_code == 200:
        response_200 = FigureSummary.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[FigureSummary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    metric: str,
    event: str,
) -> Response[FigureSummary | Problem]:
    """Compare figures

     Get every live figure for one metric and event, from every source, and their range.

    Args:
        metric (str): What is counted, e.g. `deaths`.
        event (str): The event counted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigureSummary | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        event=event,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    metric: str,
    event: str,
) -> FigureSummary | Problem | None:
    """Compare figures

     Get every live figure for one metric and event, from every source, and their range.

    Args:
        metric (str): What is counted, e.g. `deaths`.
        event (str): The event counted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigureSummary | Problem
    """

    return sync_detailed(
        client=client,
        metric=metric,
        event=event,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    metric: str,
    event: str,
) -> Response[FigureSummary | Problem]:
    """Compare figures

     Get every live figure for one metric and event, from every source, and their range.

    Args:
        metric (str): What is counted, e.g. `deaths`.
        event (str): The event counted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FigureSummary | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        event=event,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    metric: str,
    event: str,
) -> FigureSummary | Problem | None:
    """Compare figures

     Get every live figure for one metric and event, from every source, and their range.

    Args:
        metric (str): What is counted, e.g. `deaths`.
        event (str): The event counted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FigureSummary | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            metric=metric,
            event=event,
        )
    ).parsed
