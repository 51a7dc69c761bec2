"""sle_desktop: offline electronic data capture for the pooled allogenic MSC trial in SLE."""

__version__ = "0.1.0"
APP_NAME = "sle_desktop"
