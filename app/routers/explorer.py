"""`/`: the explorer, a page to look at the timeline and check each fact in its source."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from app.security import TEMPLATES

router = APIRouter(include_in_schema=False)

PAGE = (TEMPLATES / "explorer.html").read_bytes()


@router.get("/", response_class=HTMLResponse)
def get_explorer() -> HTMLResponse:
    """Return the explorer page; its script and style sheet are served under `static/`."""
    return HTMLResponse(PAGE)
