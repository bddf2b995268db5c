from enum import StrEnum


class SourceKind(StrEnum):
    NEWS_ARTICLE = "news_article"
    OFFICIAL_STATEMENT = "official_statement"
    PHOTO_CAPTION = "photo_caption"
    REPORT = "report"
    SOCIAL_MEDIA_POST = "social_media_post"
    WIRE_REPORT = "wire_report"

    def __str__(self) -> str:
        return str(self.value)
