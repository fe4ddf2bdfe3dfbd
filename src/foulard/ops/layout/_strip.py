"""Long pieces (twilly, oblong stole): the design space is ``[0, 1] x [0, aspect]``.

The unit is the piece's width. A long scarf is worn with both ends hanging, so it
reads from either end: points of the lower half are turned half round the middle
of the piece (C2) and everything is drawn in the upper half.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fold_strip"]


def fold_strip(x: np.ndarray, y: np.ndarray, aspect: float) -> tuple[np.ndarray, np.ndarray]:
    """Turn points of the lower half half round the middle: the result has ``y <= aspect / 2``."""
    lower = y > 0.5 * aspect
    return np.where(lower, 1.0 - x, x), np.where(lower, aspect - y, y)
