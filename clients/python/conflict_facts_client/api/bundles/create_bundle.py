from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bundle import Bundle
from ...models.problem import Problem
from ...models.summary import Summary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: Bundle,
    dry_run: bool | Unset = False,
    override: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["dry_run"] = dry_run

    params["override"] = override

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/bundles",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Summary | None:
    if response.status_code == 200:
        response_200 = Summary.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Summary.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Summary]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    dry_run: bool | Unset = False,
    override: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Summary]:
    """Ingest a bundle

     Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200).

    Args:
        dry_run (bool | Unset): Check and report what would change, but write nothing. Default:
            False.
        override (bool | Unset): Set back fields corrected since the bundle was ingested
            (otherwise a 409); each revision's reason says what it overrode. Default: False.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (Bundle): Sources with their texts, and the facts they support: the format of the
            seed files.

            Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
            citations quote; in a YAML file, `text_file` names a file beside it instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Summary]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        override=override,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    dry_run: bool | Unset = False,
    override: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Summary | None:
    """Ingest a bundle

     Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200).

    Args:
        dry_run (bool | Unset): Check and report what would change, but write nothing. Default:
            False.
        override (bool | Unset): Set back fields corrected since the bundle was ingested
            (otherwise a 409); each revision's reason says what it overrode. Default: False.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (Bundle): Sources with their texts, and the facts they support: the format of the
            seed files.

            Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
            citations quote; in a YAML file, `text_file` names a file beside it instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Summary
    """

    return sync_detailed(
        client=client,
        body=body,
        dry_run=dry_run,
        override=override,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    dry_run: bool | Unset = False,
    override: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Summary]:
    """Ingest a bundle

     Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200).

    Args:
        dry_run (bool | Unset): Check and report what would change, but write nothing. Default:
            False.
        override (bool | Unset): Set back fields corrected since the bundle was ingested
            (otherwise a 409); each revision's reason says what it overrode. Default: False.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (Bundle): Sources with their texts, and the facts they support: the format of the
            seed files.

            Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
            citations quote; in a YAML file, `text_file` names a file beside it instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Summary]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        override=override,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Bundle,
    dry_run: bool | Unset = False,
    override: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Summary | None:
    """Ingest a bundle

     Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200).

    Args:
        dry_run (bool | Unset): Check and report what would change, but write nothing. Default:
            False.
        override (bool | Unset): Set back fields corrected since the bundle was ingested
            (otherwise a 409); each revision's reason says what it overrode. Default: False.
        idempotency_key (None | str | Unset): 1–255 visible ASCII characters, new for each write,
            reused when it is retried: a retry of a write that succeeded gets the same answer, with
            `Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.
        body (Bundle): Sources with their texts, and the facts they support: the format of the
            seed files.

            Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
            citations quote; in a YAML file, `text_file` names a file beside it instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Summary
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            dry_run=dry_run,
            override=override,
            idempotency_key=idempotency_key,
        )
    ).parsed
