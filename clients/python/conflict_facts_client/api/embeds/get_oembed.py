from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_embed import OEmbed
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    url_query: str,
    format_: str | Unset = "json",
    maxwidth: int | None | Unset = UNSET,
    maxheight: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["url"] = url_query

    params["format"] = format_

    json_maxwidth: int | None | Unset
    if isinstance(maxwidth, Unset):
        json_maxwidth = UNSET
    else:
        json_maxwidth = maxwidth
    params["maxwidth"] = json_maxwidth

    json_maxheight: int | None | Unset
    if isinstance(maxheight, Unset):
        json_maxheight = UNSET
    else:
        json_maxheight = maxheight
    params["maxheight"] = json_maxheight

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/oembed",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OEmbed | Problem | None:
    if response.status_code == 200:
        response_200 = OEmbed.from_dict(response.json())

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

    if response.status_code == 501:
        response_501 = Problem.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OEmbed | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = "json",
    maxwidth: int | None | Unset = UNSET,
    maxheight: int | None | Unset = UNSET,
) -> Response[OEmbed | Problem]:
    """Get the oEmbed of a card

     Get an oEmbed 1.0 `rich` response whose `html` is an `<iframe>` of the fact's card, or
    of the chart of an event's competing figures (as tall as its claims need).

    404 for a URL that is not a card or record of this service, 501 for a `format` other
    than `json` (as the oEmbed spec says).

    Args:
        url_query (str): Absolute URL of a card (`…/embed/figures/war-2020-deaths`, or a
            comparison `…/embed/compare/{event}/{metric}`) or an explorer record
            (`…/#figures/war-2020-deaths`, `…/#compare/{event}/{metric}`) of this service.
        format_ (str | Unset): Only `json` is served. Default: 'json'.
        maxwidth (int | None | Unset): Widest the iframe may be.
        maxheight (int | None | Unset): Tallest it may be.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OEmbed | Problem]
    """

    kwargs = _get_kwargs(
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = "json",
    maxwidth: int | None | Unset = UNSET,
    maxheight: int | None | Unset = UNSET,
) -> OEmbed | Problem | None:
    """Get the oEmbed of a card

     Get an oEmbed 1.0 `rich` response whose `html` is an `<iframe>` of the fact's card, or
    of the chart of an event's competing figures (as tall as its claims need).

    404 for a URL that is not a card or record of this service, 501 for a `format` other
    than `json` (as the oEmbed spec says).

    Args:
        url_query (str): Absolute URL of a card (`…/embed/figures/war-2020-deaths`, or a
            comparison `…/embed/compare/{event}/{metric}`) or an explorer record
            (`…/#figures/war-2020-deaths`, `…/#compare/{event}/{metric}`) of this service.
        format_ (str | Unset): Only `json` is served. Default: 'json'.
        maxwidth (int | None | Unset): Widest the iframe may be.
        maxheight (int | None | Unset): Tallest it may be.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OEmbed | Problem
    """

    return sync_detailed(
        client=client,
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = "json",
    maxwidth: int | None | Unset = UNSET,
    maxheight: int | None | Unset = UNSET,
) -> Response[OEmbed | Problem]:
    """Get the oEmbed of a card

     Get an oEmbed 1.0 `rich` response whose `html` is an `<iframe>` of the fact's card, or
    of the chart of an event's competing figures (as tall as its claims need).

    404 for a URL that is not a card or record of this service, 501 for a `format` other
    than `json` (as the oEmbed spec says).

    Args:
        url_query (str): Absolute URL of a card (`…/embed/figures/war-2020-deaths`, or a
            comparison `…/embed/compare/{event}/{metric}`) or an explorer record
            (`…/#figures/war-2020-deaths`, `…/#compare/{event}/{metric}`) of this service.
        format_ (str | Unset): Only `json` is served. Default: 'json'.
        maxwidth (int | None | Unset): Widest the iframe may be.
        maxheight (int | None | Unset): Tallest it may be.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OEmbed | Problem]
    """

    kwargs = _get_kwargs(
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = "json",
    maxwidth: int | None | Unset = UNSET,
    maxheight: int | None | Unset = UNSET,
) -> OEmbed | Problem | None:
    """Get the oEmbed of a card

     Get an oEmbed 1.0 `rich` response whose `html` is an `<iframe>` of the fact's card, or
    of the chart of an event's competing figures (as tall as its claims need).

    404 for a URL that is not a card or record of this service, 501 for a `format` other
    than `json` (as the oEmbed spec says).

    Args:
        url_query (str): Absolute URL of a card (`…/embed/figures/war-2020-deaths`, or a
            comparison `…/embed/compare/{event}/{metric}`) or an explorer record
            (`…/#figures/war-2020-deaths`, `…/#compare/{event}/{metric}`) of this service.
        format_ (str | Unset): Only `json` is served. Default: 'json'.
        maxwidth (int | None | Unset): Widest the iframe may be.
        maxheight (int | None | Unset): Tallest it may be.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OEmbed | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            url_query=url_query,
            format_=format_,
            maxwidth=maxwidth,
            maxheight=maxheight,
        )
    ).parsed
