"""`/v1/vocabularies`: the event types, roles, metrics, units and qualifiers in use."""

from fastapi import APIRouter

from app import vocabularies
from app.db import SessionDep
from app.vocabularies import Vocabularies

router = APIRouter(prefix="/v1/vocabularies", tags=["bundles"])


@router.get("", summary="Get the vocabularies in use")
def get_vocabularies(session: SessionDep) -> Vocabularies:
    """List the values in use for event types, roles, metrics, units and qualifiers, with counts."""
    return vocabularies.in_use(session)
