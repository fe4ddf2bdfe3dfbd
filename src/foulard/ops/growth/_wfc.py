"""Wave function collapse, overlapping model, on a torus (vectorised propagation).

The sample's N x N windows (with rotations and reflections) are the patterns; two
patterns may sit side by side when they agree on their overlap. Every output cell
starts allowing every pattern; the cells of lowest entropy are collapsed to one
pattern each (drawn by frequency), and the consequences propagate until nothing
changes. Cells far apart are collapsed in the same round and propagation runs over
whole fronts of changed cells at once, as boolean matrix products.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = ["Patterns", "collapse", "symmetries"]

_DIRS = ((0, 1), (1, 0), (0, -1), (-1, 0))  # (dy, dx): right, down, left, up


def symmetries(sample: np.ndarray, count: int) -> list[np.ndarray]:
    """The sample and its first ``count`` images under the dihedral group (1, 2, 4 or 8)."""
    out = []
    s = sample
    for k in range(4):
        r = np.rot90(s, k)
        out.append(r)
        out.append(r[:, ::-1])
    order = [0, 1, 2, 3, 4, 5, 6, 7]
    pick = {1: [0], 2: [0, 1], 4: [0, 2, 4, 6], 8: order}[count]
    return [out[i] for i in pick]


class Patterns:
    """The N x N patterns of a periodic sample, their weights and adjacency rules."""

    def __init__(self, sample: np.ndarray, n: int, symmetry: int):
        windows = []
        for s in symmetries(np.asarray(sample), symmetry):
            h, w = s.shape
            for y in range(h):
                for x in range(w):
                    rows = np.arange(y, y + n) % h
                    cols = np.arange(x, x + n) % w
                    windows.append(s[np.ix_(rows, cols)].ravel())
        flat, counts = np.unique(np.array(windows), axis=0, return_counts=True)
        self.n = n
        self.patterns = flat.reshape(-1, n, n)
        self.weights = counts.astype(np.float64)
        p = self.patterns
        self.compat = []
        for dy, dx in _DIRS:
            # Pattern j at offset (dy, dx) from pattern i: their overlap must agree.
            a = p[:, max(dy, 0) : n + min(dy, 0), max(dx, 0) : n + min(dx, 0)]
            b = p[:, max(-dy, 0) : n + min(-dy, 0), max(-dx, 0) : n + min(-dx, 0)]
            ok = np.all(a.reshape(len(p), 1, -1) == b.reshape(1, len(p), -1), axis=2)
            self.compat.append(ok)
        self.compat_f = [c.astype(np.float32) for c in self.compat]

    def __len__(self) -> int:
        return len(self.patterns)


class _State:
    """The wave and, per direction, how many patterns next door still support each one.

    ``support[d][n, q]`` counts the patterns p still possible at cell ``n - d`` that
    allow q at n. Removing patterns only ever subtracts from it (sparse products),
    so propagation costs in proportion to what is removed, not to the grid.
    """

    def __init__(self, pats: Patterns, h: int, w: int):
        self.h, self.w = h, w
        count = len(pats)
        self.wave = np.ones((h * w, count), bool)
        self.support = np.stack(
            [np.broadcast_to(c.sum(axis=0), (h * w, count)) for c in pats.compat]
        ).astype(np.int16)

    def copy(self) -> _State:
        out = object.__new__(_State)
        out.h, out.w = self.h, self.w
        out.wave = self.wave.copy()
        out.support = self.support.copy()
        return out

    def remove(self, pats: Patterns, cells: np.ndarray, gone: np.ndarray) -> bool:
        """Remove patterns ``gone`` (rows, bool) at ``cells`` and everything that follows.

        False when some cell is left with no pattern (a contradiction).
        """
        h, w = self.h, self.w
        wave = self.wave
        wave[cells] &= ~gone
        while cells.size:
            if not wave[cells].any(axis=1).all():
                return False
            cy, cx = np.divmod(cells, w)
            removed = sparse.csr_matrix(gone.astype(np.float32))
            touched = []
            dead_rows = []
            for d, (dy, dx) in enumerate(_DIRS):
                nb = ((cy + dy) % h) * w + (cx + dx) % w  # one-to-one for one direction
                lost = np.asarray(removed @ pats.compat_f[d]).astype(np.int16)
                sup = self.support[d]
                sup[nb] -= lost
                dead = wave[nb] & (sup[nb] <= 0)
                hit = dead.any(axis=1)
                if hit.any():
                    # Removed at once, so no later direction counts them twice.
                    wave[nb[hit]] &= ~dead[hit]
                    touched.append(nb[hit])
                    dead_rows.append(dead[hit])
            if not touched:
                return True
            cells, inv = np.unique(np.concatenate(touched), return_inverse=True)
            gone = np.zeros((cells.size, wave.shape[1]), bool)
            np.logical_or.at(gone, inv, np.concatenate(dead_rows))
        return True


def _far_apart(order: np.ndarray, w: int, h: int, spacing: int, k: int) -> list[int]:
    """Up to ``k`` cells from ``order`` (best first) pairwise at least ``spacing`` apart."""
    picked: list[tuple[int, int]] = []
    for c in order[:256]:
        cy, cx = divmod(int(c), w)
        if all(
            min((cy - py) % h, (py - cy) % h) >= spacing
            or min((cx - px) % w, (px - cx) % w) >= spacing
            for py, px in picked
        ):
            picked.append((cy, cx))
            if len(picked) >= k:
                break
    return [py * w + px for py, px in picked]


def collapse(
    pats: Patterns, h: int, w: int, rng: np.random.Generator, *, attempts: int = 4
) -> np.ndarray:
    """An ``(h, w)`` array of pattern indices on the torus, every neighbour pair compatible.

    Each round collapses a batch of far-apart lowest-entropy cells and propagates.
    If that contradicts, the round is undone and one cell is collapsed alone; if a
    single choice contradicts, that pattern is banned there and another is drawn.
    The batch grows while rounds succeed and shrinks when they fail. A run that
    cannot go on restarts (up to ``attempts``); after that, undecided cells take
    their most likely remaining pattern (or the sample's most common one).
    """
    count = len(pats)
    logw = np.log(pats.weights)
    common = int(np.argmax(pats.weights))
    spacing = 2 * pats.n + 1
    state = _State(pats, h, w)
    for _ in range(attempts):
        state = _State(pats, h, w)
        batch = 16
        stuck = False
        retries = 0
        while not stuck and retries <= h * w // 4:
            wave = state.wave
            options = wave.sum(axis=1)
            open_ = np.flatnonzero(options > 1)
            if open_.size == 0:
                return np.argmax(wave, axis=1).reshape(h, w)
            wts = wave[open_] * pats.weights
            tot = wts.sum(axis=1)
            ent = np.log(tot) - (wts * logw).sum(axis=1) / tot
            ent += 1e-6 * rng.random(open_.size)
            cells = np.array(_far_apart(open_[np.argsort(ent)], w, h, spacing, batch), np.int64)
            saved = state.copy()
            gone = wave[cells].copy()
            for k, c in enumerate(cells):
                p = wave[c] * pats.weights
                gone[k, int(rng.choice(count, p=p / p.sum()))] = False
            if state.remove(pats, cells, gone):
                batch = min(64, batch * 2)
                continue
            state = saved
            batch = max(1, batch // 4)
            retries += 1  # failed rounds are bounded: a hopeless run starts over
            stuck = not _collapse_one(state, int(cells[0]), pats, rng)
    wave = state.wave
    has = wave.any(axis=1)
    return np.where(has, np.argmax(wave * pats.weights, axis=1), common).reshape(h, w)


def _collapse_one(state: _State, c: int, pats: Patterns, rng: np.random.Generator) -> bool:
    """Collapse cell ``c`` alone (in place), banning choices that contradict."""
    count = len(pats)
    cell = np.array([c], np.int64)
    for _ in range(8):  # a few bans, then give up on this run
        row = state.wave[c]
        if not row.any():
            return False
        p = row * pats.weights
        choice = int(rng.choice(count, p=p / p.sum()))
        saved = state.copy()
        gone = row.copy()[None]
        gone[0, choice] = False
        if state.remove(pats, cell, gone):
            return True
        state.wave[:] = saved.wave
        state.support[:] = saved.support
        ban = np.zeros((1, count), bool)
        ban[0, choice] = True
        if not state.remove(pats, cell, ban):
            return False
    return False
