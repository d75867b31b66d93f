"""Errors a user can cause and read: each names the field and the reason."""


class ClaimDeskError(Exception):
    """An error caused by input or state a user can fix; its text is shown as is."""


class InvalidValue(ClaimDeskError, ValueError):
    """A value that does not parse or breaks a rule; `field` names where it came from."""

    def __init__(self, reason: str, field: str | None = None):
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)

    def for_field(self, field: str) -> "InvalidValue":
        """The same error attributed to `field` (kept if one is already named)."""
        return self if self.field else InvalidValue(self.reason, field)
