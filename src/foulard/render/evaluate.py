"""Evaluating a genome's node tree at arbitrary points of design space.

Every image-producing node answers one question: *what are your values at these
points?* (``sample``). Field and image operators compute pointwise; vector
operators are rasterised in fixed tiles at a resolution chosen from the caller's
pixel footprint and sampled bilinearly; grid operators compute once on their own
grid and are sampled bilinearly. Samplers (symmetry groups, warps) ask their inputs
for values at transformed points, so any node can feed any other.

Randomness: each node gets its own generator, derived from the genome seed and the
node's path in the tree (``root/layers/2/motif``) with :class:`numpy.random.SeedSequence`,
so editing one node leaves every other node's randomness unchanged. Operators only
see a generator while *preparing* (never per band), so bands cannot drift apart.
"""

from __future__ import annotations

import hashlib
import math
import threading
from typing import Any

import numpy as np
import skia

from foulard.errors import RenderError
from foulard.genome.canonical import canonical_json
from foulard.genome.schema import Genome, Node
from foulard.ops._common.bilinear import blend_corners
from foulard.ops._common.drawing import Drawing
from foulard.ops._common.geometry import wrap01
from foulard.ops._common.grid import GridSpec
from foulard.ops._common.palette import Palette
from foulard.ops.registry import OperatorSpec
from foulard.render.cache import LRU, TileCache

__all__ = ["Bound", "Call", "Evaluator", "GridCall", "GridSpec", "node_rng"]

TILE = 256
MIN_LEVEL = 16
MAX_LEVEL = 1 << 17
_MOSAIC_MAX_PX = 24 * 1024 * 1024


def _path_words(path: str) -> tuple[int, ...]:
    digest = hashlib.sha256(path.encode("utf-8")).digest()
    return tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))


def node_rng(seed: int, path: str) -> np.random.Generator:
    """The generator of the node at ``path`` in a genome with ``seed``."""
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(entropy=seed, spawn_key=_path_words(path)))
    )


_SHARED_CACHE = TileCache()
_OBJECTS = LRU(256)  # prepared states and drawings, by node content key


class _Source:
    """A drawing to rasterise: its cache key and the lock that serialises its drawing."""

    __slots__ = ("drawing", "key", "lock")

    def __init__(self, key: str, drawing: Drawing, lock: threading.Lock):
        self.key = key
        self.drawing = drawing
        self.lock = lock


class Bound:
    """A node placed in one genome: its path, its randomness and its caches."""

    def __init__(self, node: Node, path: str, seed: int, context: str, children: dict):
        self.node = node
        self.spec: OperatorSpec = node.spec
        self.params = node.params
        self.path = path
        self.seed = seed
        self.children = children
        self.key = self._content_key(context)
        self._lock = threading.Lock()
        self._state: Any = None
        self._has_state = False
        self._drawing: Drawing | None = None
        self.channels = self._channels()
        self.bbox = self._bbox()

    def _content_key(self, context: str) -> str:
        """What this node's pixels depend on: operator, parameters, inputs, seed, path, palette.

        Caches (tiles, grids, prepared states, drawings) are keyed by it, so editing one
        node of a design keeps every unrelated node's cached work.
        """
        h = hashlib.sha256()
        h.update(f"{self.spec.id}@{self.spec.version}|{self.seed}|{self.path}|{context}|".encode())
        h.update(canonical_json(self.params.to_json()).encode())
        for name in sorted(self.children):
            child = self.children[name]
            for c in child if isinstance(child, list) else [child]:
                h.update(f"|{name}={c.key}".encode())
        return h.hexdigest()

    def _bbox(self) -> tuple[float, float, float, float] | None:
        """Where this node can be non-zero (design units), when the operator says."""
        spec = self.spec
        if spec.bounds is not None:
            return spec.bounds(self.params)
        if spec.bounds_from is not None:
            child = self.children.get(spec.bounds_from)
            if isinstance(child, Bound):
                return child.bbox
            if child:  # a list slot: the union of its nodes' bounds
                boxes = [c.bbox for c in child]
                if all(b is not None for b in boxes):
                    return (
                        min(b[0] for b in boxes),
                        min(b[1] for b in boxes),
                        max(b[2] for b in boxes),
                        max(b[3] for b in boxes),
                    )
        return None

    def _channels(self) -> int:
        out = self.spec.output
        if out == "value":
            return 1
        if out == "rgba":
            return 4
        first = self.children[self.spec.inputs[0].name]
        return (first[0] if isinstance(first, list) else first).channels

    def rng(self) -> np.random.Generator:
        """A fresh generator for this node (same draws every time)."""
        return node_rng(self.seed, self.path)

    def state(self, palette: Palette) -> Any:
        if not self._has_state:
            with self._lock:
                if not self._has_state:
                    prep = self.spec.prepare
                    if prep is None:
                        self._state = None
                    else:
                        self._state = _OBJECTS.get(("state", self.key))
                        if self._state is None:
                            self._state = prep(self.params, self.rng())
                            _OBJECTS.put(("state", self.key), self._state)
                    self._has_state = True
        return self._state

    def drawing(self, palette: Palette) -> Drawing:
        if self._drawing is None:
            with self._lock:
                if self._drawing is None:
                    d = _OBJECTS.get(("drawing", self.key))
                    if d is None:
                        d = self.spec.func(self.params, self.rng(), palette)
                        if not isinstance(d, Drawing):
                            raise RenderError(
                                f"{self.spec.id} returned {type(d).__name__}, not a Drawing"
                            )
                        _OBJECTS.put(("drawing", self.key), d)
                    self._drawing = d
        return self._drawing

    def draw_lock(self) -> threading.Lock:
        return self._lock


class Call:
    """What a field or image operator sees when it is asked for values at points."""

    __slots__ = ("_bound", "_ev", "footprint", "params", "state", "x", "y")

    def __init__(self, ev: Evaluator, bound: Bound, x: np.ndarray, y: np.ndarray, footprint: float):
        self._ev = ev
        self._bound = bound
        self.x = x
        self.y = y
        self.footprint = footprint
        self.params = bound.params
        self.state = bound.state(ev.palette)

    @property
    def palette(self) -> Palette:
        return self._ev.palette

    @property
    def mm_per_unit(self) -> float | None:
        return self._ev.mm_per_unit

    def has_input(self, name: str) -> bool:
        """Whether the (optional) input slot ``name`` is filled."""
        return name in self._bound.children

    def input_count(self, name: str) -> int:
        child = self._bound.children.get(name)
        if child is None:
            return 0
        return len(child) if isinstance(child, list) else 1

    def input_support(
        self,
        name: str,
        x: np.ndarray | None = None,
        y: np.ndarray | None = None,
        *,
        index: int = 0,
    ) -> np.ndarray | None:
        """Which points input ``name`` may be non-zero at (a mask), or ``None``: anywhere.

        Defaults to this call's own points; :meth:`input` gives exact zeros outside
        the mask, so a caller may leave those points out.
        """
        child = self._bound.children[name]
        if isinstance(child, list):
            child = child[index]
        return self._ev.support(
            child, self.x if x is None else x, self.y if y is None else y, self.footprint
        )

    def input_channels(self, name: str, index: int = 0) -> int:
        child = self._bound.children[name]
        return (child[index] if isinstance(child, list) else child).channels

    def input(
        self,
        name: str,
        x: np.ndarray | None = None,
        y: np.ndarray | None = None,
        footprint: float | None = None,
        *,
        index: int = 0,
    ) -> np.ndarray:
        """Values of input ``name`` (element ``index`` of a list slot) at points.

        Defaults to this call's own points and footprint. Returns float32 with a
        trailing channel axis (1 for values, 4 for premultiplied RGBA).
        """
        child = self._bound.children[name]
        if isinstance(child, list):
            child = child[index]
        return self._ev.sample(
            child,
            self.x if x is None else x,
            self.y if y is None else y,
            self.footprint if footprint is None else footprint,
        )

    def drawing(
        self, name: str, drawing: Drawing, x: np.ndarray, y: np.ndarray, footprint: float
    ) -> np.ndarray:
        """Sample a drawing the operator built itself (text, frame lines), tiled and cached.

        ``name`` tells the node's drawings apart; build the drawing once (in ``prepare``)
        so every band sees the same one. Returns premultiplied RGBA.
        """
        src = _Source(f"{self._bound.key}#{name}", drawing, self._bound.draw_lock())
        return self._ev.sample_drawing(src, x, y, float(footprint))


class GridCall:
    """What a grid operator sees: its grid, its generator and its inputs on the grid."""

    def __init__(self, ev: Evaluator, bound: Bound, grid: GridSpec):
        self._ev = ev
        self._bound = bound
        self.grid = grid
        self.params = bound.params
        self.rng = bound.rng()

    @property
    def palette(self) -> Palette:
        return self._ev.palette

    @property
    def mm_per_unit(self) -> float | None:
        return self._ev.mm_per_unit

    def input(self, name: str, *, index: int = 0) -> np.ndarray:
        """Input ``name`` sampled at the grid's cell centres, ``(h, w, C)`` float32."""
        child = self._bound.children[name]
        if isinstance(child, list):
            child = child[index]
        x, y = self.grid.coords()
        return self._ev.sample(child, x, y, self.grid.cell)


class Evaluator:
    """Binds a genome for rendering: resolves its palette, numbers its nodes.

    Parameters
    ----------
    genome : Genome
    mm_per_unit : float, optional
        Millimetres per design unit of the piece being rendered (for operators whose
        parameters are in millimetres).
    cache : TileCache, optional
        Where tiles and grid results are kept; a process-wide cache by default, so
        repeated renders of one design (previews in the studio) reuse them.
    """

    def __init__(
        self, genome: Genome, *, mm_per_unit: float | None = None, cache: TileCache | None = None
    ):
        self.genome = genome
        self.mm_per_unit = mm_per_unit
        self.cache = _SHARED_CACHE if cache is None else cache
        pal_spec = genome.palette.spec
        colors = pal_spec.func(genome.palette.params, node_rng(genome.seed, "palette"))
        try:
            self.palette = Palette(colors)
        except (ValueError, TypeError) as exc:
            raise RenderError(f"{pal_spec.id} produced an invalid palette: {exc}") from None
        context = ",".join(self.palette.colors)
        self.root = self._bind(genome.root, "root", genome.seed, context)

    def _bind(self, node: Node, path: str, seed: int, context: str) -> Bound:
        children: dict[str, Any] = {}
        for name, value in node.inputs:
            if isinstance(value, tuple):
                children[name] = [
                    self._bind(v, f"{path}/{name}/{i}", seed, context) for i, v in enumerate(value)
                ]
            else:
                children[name] = self._bind(value, f"{path}/{name}", seed, context)
        return Bound(node, path, seed, context, children)

    def nodes_to_build(self) -> list[Bound]:
        """The nodes that build something once (a prepared state, a drawing), root first.

        Sampling builds it on first use, under the node's lock, while every other
        band that needs it waits; a threaded render builds these up front instead
        (:meth:`build`), on all its threads at once.
        """
        out, todo = [], [self.root]
        while todo:
            bound = todo.pop()
            if bound.spec.prepare is not None or bound.spec.kind == "vector":
                out.append(bound)
            for child in reversed(bound.children.values()):
                todo.extend(reversed(child) if isinstance(child, list) else [child])
        return out

    def build(self, bound: Bound) -> None:
        """Build what ``bound`` builds once (see :meth:`nodes_to_build`)."""
        if bound.spec.kind == "vector":
            bound.drawing(self.palette)
        else:
            bound.state(self.palette)

    # -- sampling ------------------------------------------------------------------

    def sample(self, bound: Bound, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray:
        """Values of ``bound`` at points ``(x, y)``: float32, shape ``x.shape + (C,)``."""
        near = self.support(bound, x, y, footprint) if x.size else None
        if near is not None:
            # Only points near the node's bounds can be non-zero: evaluate those.
            count = int(np.count_nonzero(near))
            if count < near.size:
                out = np.zeros((*x.shape, bound.channels), np.float32)
                if count:
                    _put_rows(out, near, self._sample(bound, x[near], y[near], footprint))
                return out
        return self._sample(bound, x, y, footprint)

    @staticmethod
    def support(bound: Bound, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray | None:
        """Which points ``(x, y)`` may get a non-zero value from ``bound``.

        A mask of the points near the node's declared bounds (within two pixels), or
        ``None`` when it declares none: :meth:`sample` gives exact zeros elsewhere,
        without evaluating the node there.
        """
        box = bound.bbox
        if box is None:
            return None
        m = 2.0 * footprint
        return (x >= box[0] - m) & (x <= box[2] + m) & (y >= box[1] - m) & (y <= box[3] + m)

    def _sample(self, bound: Bound, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray:
        kind = bound.spec.kind
        if kind in ("field", "image"):
            out = bound.spec.func(bound.params, Call(self, bound, x, y, float(footprint)))
        elif kind == "vector":
            out = self._sample_vector(bound, x, y, float(footprint))
        elif kind == "grid":
            out = self._sample_grid(bound, x, y)
        else:  # pragma: no cover - palettes are refused at load time
            raise RenderError(f"{bound.spec.id} is a palette and has no pixels")
        out = np.asarray(out)
        if out.shape == x.shape:
            out = out[..., None]
        if out.shape != (*x.shape, bound.channels):
            raise RenderError(
                f"{bound.spec.id} returned shape {out.shape}, expected {(*x.shape, bound.channels)}"
            )
        return out.astype(np.float32, copy=False)

    # -- vector --------------------------------------------------------------------

    def _tile(self, src: _Source, level: int, tx: int, ty: int) -> np.ndarray:
        key = ("tile", src.key, level, tx, ty)
        arr = self.cache.get(key)
        if arr is not None:
            return arr
        arr = np.zeros((TILE, TILE, 4), np.uint8)
        surface = skia.Surface(
            arr, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        with src.lock, surface as canvas:
            canvas.translate(-tx * TILE, -ty * TILE)
            canvas.scale(level, level)
            src.drawing.draw(canvas)
        arr.setflags(write=False)
        self.cache.put(key, arr)
        return arr

    def _sample_vector(self, bound: Bound, x: np.ndarray, y: np.ndarray, footprint: float):
        src = _Source(bound.key, bound.drawing(self.palette), bound.draw_lock())
        return self.sample_drawing(src, x, y, footprint)

    def sample_drawing(self, src: _Source, x: np.ndarray, y: np.ndarray, footprint: float):
        """Premultiplied RGBA of a drawing at points (tiled, cached under ``src.key``)."""
        drawing = src.drawing
        level = 1 << max(0, math.ceil(math.log2(1.0 / max(footprint, 1e-12))))
        level = min(max(level, MIN_LEVEL), MAX_LEVEL)
        shape = (*x.shape, 4)
        if x.size == 0:
            return np.zeros(shape, np.float32)
        bx0, by0, bx1, by1 = drawing.bounds
        inside = (x >= bx0 - footprint) & (x <= bx1 + footprint)
        inside &= (y >= by0 - footprint) & (y <= by1 + footprint)
        count = int(np.count_nonzero(inside))
        if count == inside.size:  # often: no points to pick out and put back
            px = np.ravel(x) * level - 0.5
            py = np.ravel(y) * level - 0.5
            return self._bilinear_tiles(src, level, px, py).reshape(shape)
        out = np.zeros(shape, np.float32)
        if count:
            px = x[inside] * level - 0.5
            py = y[inside] * level - 0.5
            _put_rows(out, inside, self._bilinear_tiles(src, level, px, py))
        return out

    def _bilinear_tiles(self, src: _Source, level: int, px, py) -> np.ndarray:
        ix = np.floor(px).astype(np.int64)
        iy = np.floor(py).astype(np.int64)
        x_lo, x_hi = int(ix.min()), int(ix.max()) + 1
        y_lo, y_hi = int(iy.min()), int(iy.max()) + 1
        if (x_hi - x_lo + 1) * (y_hi - y_lo + 1) > _MOSAIC_MAX_PX and px.size > 1:
            # Spread-out points: split them so each half needs a smaller mosaic.
            order = np.argsort(px if (x_hi - x_lo) >= (y_hi - y_lo) else py, kind="stable")
            half = px.size // 2
            res = np.empty((px.size, 4), np.float32)
            for part in (order[:half], order[half:]):
                res[part] = self._bilinear_tiles(src, level, px[part], py[part])
            return res
        t0x, t1x = x_lo // TILE, x_hi // TILE
        t0y, t1y = y_lo // TILE, y_hi // TILE
        bx0, by0, bx1, by1 = src.drawing.bounds
        # Tiles wholly outside the drawing's box stay transparent.
        vx0, vx1 = math.floor(bx0 * level) // TILE, math.ceil(bx1 * level) // TILE
        vy0, vy1 = math.floor(by0 * level) // TILE, math.ceil(by1 * level) // TILE
        mosaic = np.zeros(((t1y - t0y + 1) * TILE, (t1x - t0x + 1) * TILE, 4), np.uint8)
        for ty in range(max(t0y, vy0), min(t1y, vy1) + 1):
            for tx in range(max(t0x, vx0), min(t1x, vx1) + 1):
                tile = self._tile(src, level, tx, ty)
                r, c = (ty - t0y) * TILE, (tx - t0x) * TILE
                mosaic[r : r + TILE, c : c + TILE] = tile
        return bilinear(mosaic, px - t0x * TILE, py - t0y * TILE, wrap=False)

    # -- grid ----------------------------------------------------------------------

    def grid_result(self, bound: Bound) -> tuple[GridSpec, np.ndarray]:
        grid = bound.spec.grid(bound.params)
        key = ("grid", bound.key, grid)
        arr = self.cache.get(key)
        if arr is None:
            with bound.draw_lock():
                arr = self.cache.get(key)
                if arr is None:
                    arr = np.asarray(bound.spec.func(bound.params, GridCall(self, bound, grid)))
                    if arr.ndim == 2:
                        arr = arr[..., None]
                    if arr.shape != (grid.height, grid.width, bound.channels):
                        raise RenderError(
                            f"{bound.spec.id} returned a grid of shape {arr.shape}, expected "
                            f"{(grid.height, grid.width, bound.channels)}"
                        )
                    arr = np.ascontiguousarray(arr, dtype=np.float32)
                    arr.setflags(write=False)
                    self.cache.put(key, arr)
        return grid, arr

    def _sample_grid(self, bound: Bound, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        grid, arr = self.grid_result(bound)
        u = (x - grid.x0) / (grid.x1 - grid.x0)
        v = (y - grid.y0) / (grid.y1 - grid.y0)
        if grid.periodic:  # exact wrap: p and p + period land on the same grid position
            u, v = wrap01(u), wrap01(v)
        gx = u * grid.width - 0.5
        gy = v * grid.height - 0.5
        return bilinear(arr, gx.ravel(), gy.ravel(), wrap=grid.periodic).reshape(
            *x.shape, arr.shape[2]
        )


def _put_rows(out: np.ndarray, where: np.ndarray, values: np.ndarray) -> None:
    """``out[where] = values`` for float32 points with channels last, one item per point.

    NumPy puts rows of a few channels one short row at a time, about ten times slower
    than items of the same bytes.
    """
    item = np.dtype((np.void, 4 * out.shape[-1]))
    ok = values.dtype == out.dtype == np.float32 and out.flags.c_contiguous
    if ok and values.ndim == 2 and values.shape[1] == out.shape[-1]:
        out.view(item)[..., 0][where] = np.ascontiguousarray(values).view(item)[:, 0]
    else:
        out[where] = values


def bilinear(img: np.ndarray, px: np.ndarray, py: np.ndarray, *, wrap: bool) -> np.ndarray:
    """Bilinear samples of ``img`` (h, w, C) at pixel coordinates (centre of pixel 0 is 0).

    Float grids wrap around when ``wrap`` and are clamped to the edge otherwise; uint8
    mosaics are built to contain every neighbour a point needs, so they are read as is.
    """
    h, w, c = img.shape
    fx0 = np.floor(px)
    fy0 = np.floor(py)
    fx = (px - fx0).astype(np.float32)[:, None]
    fy = (py - fy0).astype(np.float32)[:, None]
    ix = fx0.astype(np.intp)
    iy = fy0.astype(np.intp)
    if wrap:
        x0, x1 = ix % w, (ix + 1) % w
        y0, y1 = iy % h, (iy + 1) % h
    elif img.dtype == np.uint8:
        x0, x1, y0, y1 = ix, ix + 1, iy, iy + 1
    else:
        x0, x1 = np.clip(ix, 0, w - 1), np.clip(ix + 1, 0, w - 1)
        y0, y1 = np.clip(iy, 0, h - 1), np.clip(iy + 1, 0, h - 1)
    r0, r1 = y0 * w, y1 * w
    if img.dtype == np.uint8 and c == 4 and img.flags.c_contiguous:
        # One 32-bit gather per corner instead of a row gather of four bytes.
        packed = img.reshape(-1).view(np.uint32)

        def corner(idx: np.ndarray) -> np.ndarray:
            return packed.take(idx).view(np.uint8).reshape(-1, 4).astype(np.float32)
    else:
        flat = img.reshape(h * w, c)

        def corner(idx: np.ndarray) -> np.ndarray:
            return flat.take(idx, axis=0).astype(np.float32)

    out = blend_corners(corner, r0 + x0, r0 + x1, r1 + x0, r1 + x1, fx, fy)
    if img.dtype == np.uint8:
        out *= np.float32(1 / 255)
    return out
