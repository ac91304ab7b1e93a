"""Numbers as people read them: Indonesian uses a decimal comma, English a decimal point."""

from decimal import Decimal


def decimal_text(value: Decimal, *, indonesian: bool) -> str:
    """A Decimal without trailing zeros, with the language's decimal mark."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if indonesian else text
