"""QR codes as SVG paths (the ``qrcode`` package, no image library): printable and scalable."""

# qrcode ships no type information.
import qrcode  # type: ignore[import-untyped]
from markupsafe import Markup, escape
from qrcode.image.svg import SvgPathImage  # type: ignore[import-untyped]


def qr_svg(url: str, label: str) -> Markup:
    """One QR code for ``url`` as an inline ``<svg>`` (error level M survives a smudged print)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    image = code.make_image(image_factory=SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # No XML declaration inside HTML, and no fixed id: a sheet holds many codes.
    svg = svg[svg.index("<svg") :].replace(' id="qr-path"', "")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return Markup(svg)  # noqa: S704 - made by qrcode; the label is escaped
