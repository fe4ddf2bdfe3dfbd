"""Anti-aliased lines from distances: the exact box-filter coverage of a stripe."""

from __future__ import annotations

import numpy as np

__all__ = ["line_coverage"]


def line_coverage(dist: np.ndarray, width, footprint: float) -> np.ndarray:
    """Share of a pixel (a box ``footprint`` wide across the line) covered by a line.

    ``dist`` is the distance from the pixel centre to the line's centre and
    ``width`` the line's full width, in the same units. The box and the line are
    compared along the line's normal: the overlap of ``[d - f/2, d + f/2]`` and
    ``[-w/2, w/2]`` over ``f``. A line thinner than a pixel covers at most
    ``width / footprint``, so it fades rather than breaks up.

    >>> float(line_coverage(np.array(0.0), 0.5, 1.0))
    0.5
    """
    half = 0.5 * footprint
    lo = np.maximum(dist - half, -0.5 * width)
    hi = np.minimum(dist + half, 0.5 * width)
    return np.maximum(hi - lo, 0.0) * (1.0 / footprint)
