"""Palettes of Chinese traditional colours (中国传统色)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.color.names import chinese_colors, palette_ids
from foulard.color.space import delta_e_ok, oklch_to_oklab
from foulard.ops.color._select import spread_palette
from foulard.ops.color.harmony import harmony_oklch
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

__all__ = ["chinese_traditional", "zhongguose_harmony"]

THEMES = ("random", "zhongguose", *palette_ids())
_ZHONGGUOSE_SCHEMES = ("analogous", "complementary", "split_complementary", "triadic")


def zhongguose_harmony(rng: np.random.Generator, count: int, ground: str) -> list[int]:
    """Indices into the zhongguose colours: a harmony drawn from the 中国色 list.

    A scheme, a main colour (its hue, lightness and chroma) are drawn; each target
    colour of that harmony (:func:`~foulard.ops.color.harmony.harmony_oklch`) takes
    the nearest unused zhongguose colour in OKLab, ground first.
    """
    data = chinese_colors().zhongguose
    lab = data.lab
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    vivid = np.flatnonzero((chroma > 0.07) & (lab[:, 0] > 0.45) & (lab[:, 0] < 0.78))
    main = int(rng.choice(vivid))
    scheme = _ZHONGGUOSE_SCHEMES[int(rng.integers(len(_ZHONGGUOSE_SCHEMES)))]
    hue = float(np.degrees(np.arctan2(lab[main, 2], lab[main, 1])) % 360.0)
    targets = harmony_oklch(
        scheme,
        hue,
        lightness=float(lab[main, 0]),
        chroma=float(min(chroma[main], 0.16)),
        count=count,
        ground=ground,
        spread=float(rng.uniform(25.0, 40.0)),
    )
    want = oklch_to_oklab(targets)
    ground_i = int(np.argmin(delta_e_ok(lab, want[0]) + np.where(chroma < 0.06, 0.0, 1.0)))
    sign = 1.0 if ground == "light" else -1.0
    # Accents stay clearly on the far side of the ground's lightness.
    allowed = sign * (lab[ground_i, 0] - lab[:, 0]) > 0.05
    taken = [ground_i, main]
    for target in want[2:]:
        # Keep clear of colours already taken, so that no two roles look alike.
        near = np.min(delta_e_ok(lab[:, None, :], lab[taken][None, :, :]), axis=1)
        d = delta_e_ok(lab, target) + np.where((near < 0.06) | ~allowed, 1.0, 0.0)
        taken.append(int(np.argmin(d)))
    return taken[:count]


@dataclass(frozen=True)
class ChineseTraditionalParams(Params):
    theme: str = param(
        "random",
        choices=THEMES,
        doc="a named palette of the Forbidden City colours; 'random': one drawn by the "
        "generator; 'zhongguose': a harmony drawn from the 526 中国色",
    )
    count: int = param(
        6, range=(2, 12), doc="colours wanted; a named palette with fewer gives all of its own"
    )
    ground: str = param(
        "light", choices=("light", "dark"), doc="ground (first colour): the lightest or darkest"
    )


@operator(
    "color.chinese_traditional",
    kind="palette",
    version=1,
    tags=("chinese", "traditional", "forbidden city", "中国传统色", "故宫", "中国色"),
    example_params={"theme": "twilight_gold"},
)
def chinese_traditional(p: ChineseTraditionalParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Chinese traditional colours: a named Forbidden City palette, or a 中国色 harmony.

    The 60 named palettes (21 sequential, 19 diverging, 20 qualitative; e.g.
    ``twilight_gold`` 暮色鎏金, ``earth_autumn`` 大地金秋, ``misty_teal`` 缥缈青岚) are
    built from the 384 colours of 《中国传统色：故宫里的色彩美学》. The ground is the
    palette's lightest (or darkest) colour; when ``count`` is smaller than the
    palette, the colours kept are those whose closest pair is farthest apart in
    OKLab, and the accents follow in order of emphasis (each the farthest from those
    before it). ``zhongguose`` takes the colours nearest to a random OKLCH harmony
    from the zhongguose.com list of 526 named colours. The data ships with foulard
    (``foulard/data/chinese_colors.json``, MIT; see ``SOURCES.md`` there).

    References
    ----------
    郭浩 2020,《中国传统色：故宫里的色彩美学》(data: WangXinyan940/chinacolor-py, MIT);
    中国色 zhongguose.com (data: ChineseColor/ChineseColor.github.io, MIT);
    Itten 1961, *The Art of Color*.
    """
    data = chinese_colors()
    if p.theme == "zhongguose":
        idx = zhongguose_harmony(rng, p.count, p.ground)
        return tuple(data.zhongguose.hexes[i] for i in idx)
    theme = p.theme
    if theme == "random":
        theme = THEMES[2 + int(rng.integers(len(THEMES) - 2))]
    colors = data.palettes[theme].colors
    idx = spread_palette(colors.lab, p.count, p.ground)
    return tuple(colors.hexes[i] for i in idx)
