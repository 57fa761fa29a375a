"""The one error type of publishing: a Russian message that says what to do."""


class PublishError(Exception):
    """A deploy or rollback that stopped; the live site is as it was before."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
