from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.retraction_create import RetractionCreate
from ...models.statement_detail import StatementDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: RetractionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/statements/{id}/retract".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatementDetail | None:
    if response.status_code == 200:
        response_200 = StatementDetail.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[Problem | StatementDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RetractionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | StatementDetail]:
    """Retract a statement

     Retract a statement: it leaves the lists and answers 410 with the reason.

    Args:
        id (str):
        if_match (None | str | Unset): The ETag of the record as you last read it: the write is
            refused with 412 if the record changed since. Without it, the write is unconditional.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (RetractionCreate): What a curator sends to retract a fact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementDetail]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RetractionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | StatementDetail | None:
    """Retract a statement

     Retract a statement: it leaves the lists and answers 410 with the reason.

    Args:
        id (str):
        if_match (None | str | Unset): The ETag of the record as you last read it: the write is
            refused with 412 if the record changed since. Without it, the write is unconditional.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (RetractionCreate): What a curator sends to retract a fact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementDetail
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RetractionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | StatementDetail]:
    """Retract a statement

     Retract a statement: it leaves the lists and answers 410 with the reason.

    Args:
        id (str):
        if_match (None | str | Unset): The ETag of the record as you last read it: the write is
            refused with 412 if the record changed since. Without it, the write is unconditional.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (RetractionCreate): What a curator sends to retract a fact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementDetail]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RetractionCreate,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | StatementDetail | None:
    """Retract a statement

     Retract a statement: it leaves the lists and answers 410 with the reason.

    Args:
        id (str):
        if_match (None | str | Unset): The ETag of the record as you last read it: the write is
            refused with 412 if the record changed since. Without it, the write is unconditional.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (RetractionCreate): What a curator sends to retract a fact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementDetail
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
