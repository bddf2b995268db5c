"""The ceiling of the stack: a bare Starlette app answering a constant small JSON body.

Served by the same uvicorn, on the same core, as the API, it measures what the HTTP server
and the ASGI framework cost before any application code runs.
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def constant(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/", constant)])
