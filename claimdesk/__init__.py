"""ClaimDesk (債権管理デスク): claims management for municipal departments."""

__version__ = "0.1.0"
