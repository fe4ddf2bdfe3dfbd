"""RenderContext: where design units meet pixels.

Operators work in *design units*: the finished design is the unit square
``[0, 1] x [0, 1]`` for a square scarf (``x`` to the right, ``y`` down), and
``mm_per_unit`` converts to millimetres of the finished piece when it is known.
Only this module and the rest of :mod:`foulard.render` think in pixels.

A context maps a rectangle of design space (the *frame*) onto ``width x height``
pixels. The frame may reach beyond the unit square (the hem band of a master), and
pixels are square: the frame's aspect must match the pixel aspect.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from foulard.errors import SizeError

__all__ = ["Limits", "RenderContext"]

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Limits:
    """Largest render accepted; raise with ``FOULARD_MAX_SIDE`` / ``FOULARD_MAX_PIXELS``."""

    max_side: int = 200_000
    max_pixels: int = 2_000_000_000

    @classmethod
    def from_env(cls) -> Limits:
        def read(name: str, default: int) -> int:
            raw = os.environ.get(name)
            if raw is None:
                return default
            try:
                value = int(raw)
            except ValueError:
                raise SizeError(f"{name}={raw!r} is not an integer") from None
            if value < 1:
                raise SizeError(f"{name} must be positive, got {value}")
            return value

        return cls(
            read("FOULARD_MAX_SIDE", cls.max_side), read("FOULARD_MAX_PIXELS", cls.max_pixels)
        )


@dataclass(frozen=True)
class RenderContext:
    """A pixel grid laid over a rectangle of design space.

    Parameters
    ----------
    width, height : int
        Pixels.
    frame : tuple of float
        ``(x0, y0, x1, y1)`` in design units covered by the whole canvas.
    dpi : float, optional
        True pixel density of the print (pixels per inch), when this is a print.
    mm_per_unit : float, optional
        Millimetres of the finished piece per design unit, when known.
    """

    width: int
    height: int
    frame: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    dpi: float | None = None
    mm_per_unit: float | None = None

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int):
                raise SizeError(f"{name} must be a whole number of pixels, got {v!r}")
            if v < 1:
                raise SizeError(f"{name} must be at least 1 px, got {v}")
        x0, y0, x1, y1 = (float(v) for v in self.frame)
        if not (x1 > x0 and y1 > y0):
            raise SizeError(f"frame {self.frame} is empty")
        object.__setattr__(self, "frame", (x0, y0, x1, y1))
        sx, sy = (x1 - x0) / self.width, (y1 - y0) / self.height
        if abs(sx - sy) > 1e-9 * max(sx, sy):
            raise SizeError(
                f"pixels would not be square: frame {x1 - x0:g} x {y1 - y0:g} units on "
                f"{self.width} x {self.height} px"
            )

    @classmethod
    def preview(cls, px: int, *, frame=(0.0, 0.0, 1.0, 1.0), mm_per_unit=None) -> RenderContext:
        """A square-pixel preview whose longer side is ``px``."""
        x0, y0, x1, y1 = frame
        w, h = x1 - x0, y1 - y0
        if w >= h:
            width, height = px, max(1, round(px * h / w))
        else:
            width, height = max(1, round(px * w / h)), px
        # Keep pixels exactly square by fitting the frame to the rounded pixel grid.
        unit = w / width
        frame = (
            (x0, y0, x1, y0 + unit * height) if w >= h else (x0, y0, x0 + (h / height) * width, y1)
        )
        return cls(width, height, frame, None, mm_per_unit)

    @classmethod
    def for_print(
        cls, width_mm: float, height_mm: float, dpi: float, *, bleed_mm: float = 0.0
    ) -> RenderContext:
        """A print of ``width_mm x height_mm`` finished size at ``dpi``.

        The design's unit is the finished width; a bleed (the hem band) extends the
        canvas by ``bleed_mm`` on every side. Pixel counts are
        ``round(mm / 25.4 * dpi)`` as in PRINT.md, and :attr:`dpi` is the *true*
        density of the rounded pixel count, which is what files must declare.
        """
        if not (width_mm > 0 and height_mm > 0):
            raise SizeError(f"print size must be positive, got {width_mm} x {height_mm} mm")
        if not dpi > 0:
            raise SizeError(f"dpi must be positive, got {dpi}")
        canvas_w = width_mm + 2 * bleed_mm
        canvas_h = height_mm + 2 * bleed_mm
        width = round(canvas_w / MM_PER_INCH * dpi)
        height = round(canvas_h / MM_PER_INCH * dpi)
        if width < 1 or height < 1:
            raise SizeError(f"{canvas_w} x {canvas_h} mm at {dpi} dpi is less than one pixel")
        true_dpi = width / (canvas_w / MM_PER_INCH)
        unit = width_mm
        b = bleed_mm / unit
        x1 = 1.0 + b
        # Height follows from square pixels so the frame matches the grid exactly.
        y1 = -b + (x1 + b) * height / width
        return cls(width, height, (-b, -b, x1, y1), true_dpi, unit)

    @property
    def pixel_size(self) -> float:
        """Design units per pixel (pixels are square)."""
        return (self.frame[2] - self.frame[0]) / self.width

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def check(self, limits: Limits | None = None) -> None:
        """Refuse sizes above the configured limits, naming the knob to raise them."""
        limits = limits or Limits.from_env()
        side = max(self.width, self.height)
        if side > limits.max_side:
            raise SizeError(
                f"{self.width} x {self.height} px exceeds the limit of {limits.max_side} px a side "
                "(raise it with FOULARD_MAX_SIDE)"
            )
        if self.pixels > limits.max_pixels:
            raise SizeError(
                f"{self.width} x {self.height} px is {self.pixels / 1e9:.2f} gigapixels, above the "
                f"limit of {limits.max_pixels / 1e9:g} (raise it with FOULARD_MAX_PIXELS)"
            )
