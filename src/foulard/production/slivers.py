"""Sliver removal: one-pixel features that colour reduction makes at every edge.

An anti-aliased edge between two colours holds blended pixels; the nearest ink of
a blend is often a third ink, so a plain reduction draws a one-pixel line of that
ink along every edge (and leaves single-pixel specks in gradients). Nothing one
pixel wide prints on silk (0.3 mm is 3.5 px at 300 ppi), and such slivers would
fill the islands report. So a pixel that belongs to no 2 x 2 block of its own ink
takes the ink, among its 8 neighbours that do belong to such a block, nearest (in
CIELAB) to its own colour in the master, keeping its ink when that is the nearest.
Decisions are read from the image before any change, so the result does not
depend on the band height.

>>> import numpy as np
>>> idx = np.zeros((6, 6), np.uint8); idx[:, 3:] = 1; idx[:, 3] = 2  # a sliver of ink 2
>>> rgb = np.zeros((6, 6, 3), np.uint8); rgb[:, 3:] = 255; rgb[:, 3] = 100
>>> lab = np.array([[0.0, 0, 0], [100.0, 0, 0], [45.0, 0, 0]])
>>> clean_slivers(np.pad(idx, 2, mode="edge"), 2, rgb, lab)[0].tolist()
[0, 0, 0, 0, 1, 1]
"""

from __future__ import annotations

import numpy as np

from foulard.color.cielab import srgb_to_lab

__all__ = ["SLIVER_HALO", "clean_slivers", "solid_mask"]

SLIVER_HALO = 2  # rows and columns of context each band needs


def solid_mask(window: np.ndarray) -> np.ndarray:
    """Pixels that lie in at least one 2 x 2 block of a single ink."""
    eq_r = window[:, :-1] == window[:, 1:]
    eq_d = window[:-1] == window[1:]
    block = eq_r[:-1] & eq_r[1:] & eq_d[:, :-1]  # top-left corners of uniform blocks
    solid = np.zeros(window.shape, bool)
    solid[:-1, :-1] |= block
    solid[:-1, 1:] |= block
    solid[1:, :-1] |= block
    solid[1:, 1:] |= block
    return solid


def clean_slivers(window: np.ndarray, pad: int, rgb: np.ndarray, ink_lab: np.ndarray) -> np.ndarray:
    """The band's ink indices with one-pixel slivers given to neighbouring inks.

    Parameters
    ----------
    window : numpy.ndarray
        Ink indices of the band padded by ``pad >= 2`` pixels on every side.
    rgb : numpy.ndarray
        The band's own ``(h, w, 3)`` uint8 master pixels.
    ink_lab : numpy.ndarray
        ``(n, 3)`` CIELAB of the inks.
    """
    h, w = rgb.shape[:2]
    solid = solid_mask(window)
    core = window[pad : pad + h, pad : pad + w]
    ys, xs = np.nonzero(~solid[pad : pad + h, pad : pad + w])
    out = core.copy()
    if len(ys) == 0:
        return out
    offsets = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx]
    nb_ink = np.stack([window[ys + pad + dy, xs + pad + dx] for dy, dx in offsets], 1)
    nb_ok = np.stack([solid[ys + pad + dy, xs + pad + dx] for dy, dx in offsets], 1)
    has = nb_ok.any(axis=1)
    ys, xs, nb_ink, nb_ok = ys[has], xs[has], nb_ink[has], nb_ok[has]
    if len(ys) == 0:
        return out
    lab = srgb_to_lab(rgb[ys, xs].astype(np.float64) / 255.0)
    lab_ink = np.asarray(ink_lab, np.float64)
    d_nb = np.sum((lab_ink[nb_ink] - lab[:, None, :]) ** 2, axis=2)
    d_nb[~nb_ok] = np.inf
    out[ys, xs] = nb_ink[np.arange(len(ys)), np.argmin(d_nb, axis=1)]
    return out
