"""Embeds: an oEmbed 1.0 answer for a card of one fact."""

from typing import Literal

from sqlmodel import Field, SQLModel


class OEmbed(SQLModel):
    """An oEmbed 1.0 `rich` response: an `<iframe>` of the fact's card."""

    version: Literal["1.0"] = "1.0"
    type: Literal["rich"] = "rich"
    html: str = Field(description="An `<iframe>` of the card, every attribute escaped.")
    width: int = Field(description="Width of the iframe in pixels, at most `maxwidth`.")
    height: int = Field(description="Height of the iframe in pixels, at most `maxheight`.")
    title: str = Field(description="What the card states, in a line.")
    provider_name: Literal["conflict-facts"] = "conflict-facts"
    provider_url: str = Field(description="The explorer of this service.")
