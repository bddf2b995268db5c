"""conflict-facts: facts about an armed conflict, each cited to the character."""

from app.main import create_app

__all__ = ["create_app"]
