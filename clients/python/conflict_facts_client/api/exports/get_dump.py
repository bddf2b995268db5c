from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dump",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 206:
        response_206 = cast(Any, None)
        return response_206

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

    if response.status_code == 416:
        response_416 = Problem.from_dict(response.json())

        return response_416

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem | str]:
    """Dump every record

     Send every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id. The file is built once per
    data version and sent with a strong ETag; `Range` resumes a download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | str | None:
    """Dump every record

     Send every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id. The file is built once per
    data version and sent with a strong ETag; `Range` resumes a download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem | str]:
    """Dump every record

     Send every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id. The file is built once per
    data version and sent with a strong ETag; `Range` resumes a download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | str | None:
    """Dump every record

     Send every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id. The file is built once per
    data version and sent with a strong ETag; `Range` resumes a download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
