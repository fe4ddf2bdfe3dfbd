"""Palettes of the 24 solar terms (二十四节气) from the Forbidden City colours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.color.names import chinese_colors, solar_term_ids
from foulard.ops.color._select import spread_palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

__all__ = ["solar_term"]

TERMS = solar_term_ids()


@dataclass(frozen=True)
class SolarTermParams(Params):
    term: str = param(
        "qingming",
        choices=(*TERMS, "random"),
        doc="solar term by pinyin (lichun 立春 ... dahan 大寒); 'random': drawn by the generator",
    )
    count: int = param(6, range=(2, 16), doc="colours taken from the term's 16")
    ground: str = param(
        "light", choices=("light", "dark"), doc="ground (first colour): the lightest or darkest"
    )


@operator(
    "color.solar_term",
    kind="palette",
    version=1,
    tags=("solar term", "season", "forbidden city", "二十四节气", "节气", "故宫"),
)
def solar_term(p: SolarTermParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Solar-term palette: the best-spread colours of one of the 24 terms' sixteen.

    《中国传统色：故宫里的色彩美学》 groups 384 colours by the 24 solar terms, 16
    each. Terms, by ``term`` id: lichun 立春, yushui 雨水, jingzhe 惊蛰, chunfen 春分,
    qingming 清明, guyu 谷雨, lixia 立夏, xiaoman 小满, mangzhong 芒种, xiazhi 夏至,
    xiaoshu 小暑, dashu 大暑, liqiu 立秋, chushu 处暑, bailu 白露, qiufen 秋分,
    hanlu 寒露, shuangjiang 霜降, lidong 立冬, xiaoxue 小雪, daxue 大雪, dongzhi 冬至,
    xiaohan 小寒, dahan 大寒. The ground is the term's lightest (or darkest) colour;
    the other ``count - 1`` are the subset whose closest pair is farthest apart in
    OKLab (exhaustive max-min search), ordered by emphasis (each the farthest from
    those before it). Only ``term="random"`` uses the generator.

    References
    ----------
    郭浩 2020,《中国传统色：故宫里的色彩美学》(data: WangXinyan940/chinacolor-py, MIT);
    Glasbey, van der Heijden, Toh & Gray 2007, "Colour displays for categorical
    images", *Color Res. Appl.* 32(4) (max-min colour selection).
    """
    term = TERMS[int(rng.integers(len(TERMS)))] if p.term == "random" else p.term
    colors = chinese_colors().solar_terms[term].colors
    idx = spread_palette(colors.lab, p.count, p.ground)
    return tuple(colors.hexes[i] for i in idx)
