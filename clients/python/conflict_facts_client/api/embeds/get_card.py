from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_card_kind import GetCardKind
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    kind: GetCardKind,
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/embed/{kind}/{id}".format(
            kind=quote(str(kind), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    kind: GetCardKind,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """Get an embeddable card

     Get a self-contained HTML card of one fact for an `<iframe>` on any site: the fact,
    its qualifier, who claims it, the quoted evidence and a link back; no script.

    Args:
        kind (GetCardKind): What the fact is.
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        kind=kind,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kind: GetCardKind,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | str | None:
    """Get an embeddable card

     Get a self-contained HTML card of one fact for an `<iframe>` on any site: the fact,
    its qualifier, who claims it, the quoted evidence and a link back; no script.

    Args:
        kind (GetCardKind): What the fact is.
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        kind=kind,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    kind: GetCardKind,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | str]:
    """Get an embeddable card

     Get a self-contained HTML card of one fact for an `<iframe>` on any site: the fact,
    its qualifier, who claims it, the quoted evidence and a link back; no script.

    Args:
        kind (GetCardKind): What the fact is.
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        kind=kind,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kind: GetCardKind,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | str | None:
    """Get an embeddable card

     Get a self-contained HTML card of one fact for an `<iframe>` on any site: the fact,
    its qualifier, who claims it, the quoted evidence and a link back; no script.

    Args:
        kind (GetCardKind): What the fact is.
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            kind=kind,
            id=id,
            client=client,
        )
    ).parsed
