"""Words for patterns: a bilingual (Chinese/English) motif lexicon, tags and queries.

The lexicon is a list of *concepts*, each a set of terms in both languages
(peony = {peony, 牡丹, 芍药}). It is built from foulard's own core list
(``library/data/lexicon.tsv``) and from any vocabulary folders given at run time,
read by file name:

- ``iconclass_*.tsv`` (Iconclass, CC0): ``notation, en, zh_hant``; templates
  ``(...)`` and rows whose Chinese is mostly Latin letters are skipped; the term is
  the part after the last colon ("flowers: lotus" -> lotus / 蓮花, 荷花);
- ``chinesenotes_design_table.tsv`` and ``chinesenotes_design_captions.tsv``
  (chinesenotes.com, CC BY-SA 3.0): design and artifact names;
- any other ``*.tsv`` with ``en`` and ``zh`` columns.

Those files are read where they are, never copied into foulard. Chinese is folded
to simplified characters (a small table of the characters these vocabularies use)
and English to lower case with a naive singular, so 龍紋, 龙纹, "Dragons" and
"dragon" meet.

*Tags* of a pattern are the normalised terms found in its texts (titles, keywords,
description, file name), its own keywords, the English words of its titles, the
character pairs of its Chinese titles, and the basic names of its main colours.
A *text query* is cut into tokens; each token stands for every term of every
concept it names (so 牡丹 finds "peony"), or, for Chinese the lexicon does not know,
for its character pairs.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

__all__ = [
    "Lexicon",
    "cjk_bigrams",
    "is_chinese",
    "normalise",
    "query_tokens",
    "simplify",
    "words",
]

# Traditional -> simplified, for the characters of the motif vocabularies.
_T2S_PAIRS = (
    "龍龙鳳凤鶴鹤雲云紋纹壽寿魚鱼鳥鸟龜龟馬马獅狮雞鸡鴨鸭鵝鹅葉叶樹树飛飞蟲虫貓猫鷹鹰"
    "蓮莲蘭兰們们動动與与為为來来對对開开關关門门間间電电風风車车東东見见長长萬万寶宝"
    "圖图團团錦锦繡绣織织紗纱綢绸緞缎網网綫线線线纏缠結结條条點点邊边幾几廣广時时陽阳"
    "陰阴書书畫画飾饰裝装藝艺術术傳传說说話话語语華华園园氣气雙双鵲鹊鴛鸳鴦鸯蝦虾蠶蚕"
    "藥药麗丽麥麦豐丰歲岁鬥斗變变燈灯爐炉戲戏醫医種种類类應应當当會会國国學学實实發发"
    "寫写體体讀读輪轮盤盘蓋盖壺壶漢汉儀仪靈灵禮礼鎖锁鏡镜鐘钟錢钱銀银銅铜鐵铁針针頭头"
    "顏颜額额題题顯显飄飘餘余館馆驢驴騎骑驚惊鯉鲤鯨鲸鴿鸽鵬鹏鶯莺鷺鹭鸚鹦鵡鹉黃黄齊齐"
    "齒齿聲声處处將将專专導导屬属嶺岭峽峡巒峦幣币帶带師师歸归廟庙彎弯張张強强彈弹從从"
    "復复憂忧戀恋懷怀戰战擊击據据數数斷断蘆芦蘇苏蟬蝉蠟蜡衛卫補补複复規规覺觉觀观記记"
    "許许設设詩诗貝贝財财貨货貴贵買买賣卖質质跡迹農农遠远運运過过達达鄉乡釋释鈴铃鉛铅"
    "鋼钢錄录鍋锅鏈链閃闪閣阁闊阔隊队階阶際际隱隐雜杂難难霧雾靜静韓韩頁页項项須须預预"
    "領领飲饮養养餅饼駱骆騰腾驗验髮发鮮鲜鱗鳞鳴鸣麗丽齋斋龕龛蠍蝎螢萤蝸蜗蟻蚁蠅蝇鷄鸡"
    "鵰雕鷂鹞鶉鹑鸛鹳鷗鸥鳩鸠鴉鸦鵜鹈鵪鹌獸兽麟麟鱷鳄蠑蝾螞蚂蝶蝶蠍蝎貍狸豬猪狗狗羆罴"
    "鰻鳗鯊鲨鱸鲈鰐鳄鴕鸵鸞鸾鵑鹃鷓鹧鴻鸿鸕鸬鵲鹊鶻鹘龐庞猶犹獨独狀状現现環环瓏珑琺珐"
    "產产畝亩癡痴發发皚皑盜盗監监盡尽矚瞩礎础禪禅積积穩稳窯窑筆笔築筑簡简籃篮紅红紀纪"
    "約约紙纸紡纺細细絲丝經经綠绿維维緣缘緑绿練练縣县總总繩绳繪绘繽缤續续罈坛羅罗義义"
    "習习聖圣腳脚蘭兰藍蓝藏藏蟠蟠觸触誌志謎谜豔艳贈赠趕赶輕轻載载辦办農农這这進进遊游"
    "還还醬酱鎮镇門门閱阅陳陈陶陶陣阵險险雛雏雞鸡雕雕韻韵頂顶順顺頸颈顧顾飼饲馬马駿骏"
    "體体鬚须魯鲁鵡鹉鶩鹜鷲鹫鸝鹂麼么黴霉鼴鼹齡龄龍龙蘚藓蘋苹莖茎薑姜葦苇蔥葱蕭萧薔蔷"
    "樓楼構构槍枪樣样橋桥檔档櫃柜櫻樱欄栏權权歡欢殘残殺杀毀毁氫氢湯汤滿满漁渔漿浆潔洁"
    "濤涛瀑瀑灣湾燒烧爍烁犧牺獵猎瑪玛瓊琼畫画當当瘋疯盞盏眾众碼码礦矿禱祷競竞籠笼糧粮"
    "紋纹緻致罰罚羨羡聯联腦脑臉脸艷艳莊庄萬万蓋盖蕩荡薩萨蘆芦蟲虫術术襯衬誇夸諸诸護护"
    "貓猫賞赏贊赞趨趋蹤踪軍军農农遙遥郵邮鄰邻醫医針针釘钉鈎钩鉤钩銳锐鋪铺錶表鍵键闆板"
    "陸陆隻只雙双靈灵頌颂顆颗颯飒飄飘饅馒驅驱骯肮鬱郁魔魔鴻鸿鶴鹤鸚鹦麥麦龜龟"
)
_T2S = str.maketrans({_T2S_PAIRS[i]: _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_SPLIT_TERMS = re.compile(r"\s*[,，、;；/|]\s*")
_BRACKETS = re.compile(r"\s*[（(][^)）]*[)）]\s*")
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "the",
        "of",
        "with",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "or",
        "as",
        "is",
        "its",
        "it",
        "this",
        "that",
        "design",
        "designs",
        "pattern",
        "patterns",
        "motif",
        "motifs",
        "ornament",
        "ornaments",
        "decoration",
        "decorative",
        "other",
    }
)


def is_chinese(text: str) -> bool:
    """Whether ``text`` is one run of Chinese characters."""
    return bool(_CJK.fullmatch(text))


def simplify(text: str) -> str:
    """Traditional Chinese characters of the motif vocabularies folded to simplified."""
    return text.translate(_T2S)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(term: str) -> str:
    """A term as stored and compared: NFKC, lower case, simplified, singular, one space."""
    t = simplify(unicodedata.normalize("NFKC", term)).lower().strip()
    t = re.sub(r"\s+", " ", t)
    if not t:
        return t
    parts = t.split(" ")
    parts[-1] = _singular(parts[-1])
    return " ".join(parts)


def words(text: str) -> list[str]:
    """The English words of ``text`` (lower case, singular)."""
    return [_singular(w) for w in _WORD.findall(unicodedata.normalize("NFKC", text).lower())]


def cjk_bigrams(text: str) -> list[str]:
    """Pairs of neighbouring Chinese characters (single characters stay single).

    >>> cjk_bigrams("卷云纹瓦当")
    ['卷云', '云纹', '纹瓦', '瓦当']
    """
    out: list[str] = []
    for run in _CJK.findall(simplify(text)):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def query_tokens(text: str) -> list[str]:
    """A query cut at spaces and punctuation; Chinese and English runs kept apart."""
    text = unicodedata.normalize("NFKC", text)
    tokens = []
    for chunk in re.split(r"[\s,，、;；/|+]+", text):
        for m in re.finditer(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9'’-]+", chunk):
            tokens.append(m.group(0))
    return tokens


@dataclass
class Lexicon:
    """Concepts (sets of normalised terms) and the index from a term to its concepts."""

    concepts: list[frozenset[str]] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _max_zh: int = 1

    def add(self, terms: Iterable[str], *, single_chars: bool = False) -> None:
        """Add one concept (terms of both languages); one-character Chinese terms
        only when ``single_chars`` (curated lists), they match too much otherwise."""
        clean = set()
        for t in terms:
            n = normalise(t)
            if not n or len(n) > 40:
                continue
            if _CJK.fullmatch(n) and len(n) == 1 and not single_chars:
                continue
            clean.add(n)
        if len(clean) < 1:
            return
        cid = len(self.concepts)
        self.concepts.append(frozenset(clean))
        for t in clean:
            self.index.setdefault(t, []).append(cid)
            if _CJK.fullmatch(t):
                self._max_zh = max(self._max_zh, len(t))

    # -- reading vocabularies -----------------------------------------------------------

    @classmethod
    def load(cls, folders: Sequence[str | Path] = ()) -> Lexicon:
        """The core lexicon plus the vocabulary files in ``folders``."""
        lex = cls()
        text = resources.files("foulard.library").joinpath("data", "lexicon.tsv").read_text("utf-8")
        lex._read_pairs(text.splitlines(), single_chars=True)
        lex.sources.append("foulard core lexicon")
        for folder in folders:
            lex.add_folder(Path(folder))
        return lex

    def _read_pairs(self, lines: Iterable[str], *, single_chars: bool = False) -> None:
        rows = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            en = (row.get("en") or "").split("|")
            zh = (row.get("zh") or "").split("|")
            self.add([*en, *zh], single_chars=single_chars)

    def add_folder(self, folder: Path) -> None:
        """Read every vocabulary file of ``folder`` that this module knows how to read."""
        from foulard.library.errors import LibraryError

        if not folder.is_dir():
            raise LibraryError(f"vocabulary folder {folder} does not exist")
        for path in sorted(folder.glob("*.tsv")):
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh, delimiter="\t"))
            name = path.name
            if name.startswith("iconclass"):
                self._read_iconclass(rows)
            elif name == "chinesenotes_design_table.tsv":
                for r in rows:
                    self._pair(r.get("design_en", ""), r.get("design_zh", ""))
                    self._pair(r.get("artifact_en", ""), r.get("artifact_zh", ""))
            elif name == "chinesenotes_design_captions.tsv":
                for r in rows:
                    if (r.get("is_design_name") or "").lower() == "true":
                        self._pair(r.get("title_en", ""), r.get("title_zh", ""))
            elif rows and {"en", "zh"} <= set(rows[0]):
                for r in rows:
                    self.add([*r["en"].split("|"), *r["zh"].split("|")])
            else:
                continue
            self.sources.append(str(path))

    def _pair(self, en: str, zh: str) -> None:
        en_terms = [t for t in _SPLIT_TERMS.split(_BRACKETS.sub(" ", en)) if t]
        zh_terms = [t for t in re.split(r"[\s,，、;；/|（()）]+", zh) if t and _CJK.fullmatch(t)]
        bare = []
        for t in en_terms:  # "String Pattern" is also "string"
            w = [x for x in words(t) if x not in STOPWORDS]
            if w and len(w) < len(words(t)):
                bare.append(" ".join(w))
        self.add([*en_terms, *bare, *zh_terms])

    def _read_iconclass(self, rows: list[dict]) -> None:
        for r in rows:
            notation = r.get("notation", "")
            zh = (r.get("zh_hant") or "").strip()
            if "(...)" in notation or (r.get("zh_contains_latin") or "").lower() == "true":
                continue
            en = (r.get("en") or "").split(" - ")[0].split(":")[-1].split("~")[-1]
            zh = re.split(r"\s+-\s+", zh)[0]
            zh = re.split(r"[:：]", zh)[-1].split("〜")[-1]
            en_terms = [t for t in _SPLIT_TERMS.split(_BRACKETS.sub(" ", en)) if t]
            en_terms = [t for t in en_terms if 0 < len(t.split()) <= 3]
            zh_terms = [t.strip() for t in _SPLIT_TERMS.split(_BRACKETS.sub("", zh))]
            zh_terms = [t for t in zh_terms if t and _CJK.fullmatch(t)]
            zh_terms = [t for t in zh_terms if len(t) <= 6]
            if en_terms or zh_terms:
                self.add([*en_terms, *zh_terms])

    # -- finding terms in text ---------------------------------------------------------

    def find(self, text: str) -> set[str]:
        """The lexicon terms that occur in ``text`` (normalised)."""
        found: set[str] = set()
        if not text:
            return found
        ws = words(text)
        for n in (3, 2, 1):
            for i in range(len(ws) - n + 1):
                phrase = " ".join(ws[i : i + n])
                if phrase in self.index:
                    found.add(phrase)
        for run in _CJK.findall(simplify(text)):
            for i in range(len(run)):
                for n in range(1, min(self._max_zh, len(run) - i) + 1):
                    piece = run[i : i + n]
                    if piece in self.index:
                        found.add(piece)
        return found

    def expand(self, term: str) -> set[str]:
        """Every term of every concept ``term`` names (itself included)."""
        n = normalise(term)
        out = {n}
        for cid in self.index.get(n, ()):
            out |= self.concepts[cid]
        return out

    def segment(self, token: str) -> list[str]:
        """A Chinese token without spaces cut into lexicon terms (longest first);
        what the lexicon does not know stays as one piece."""
        run = normalise(token)
        if not _CJK.fullmatch(run) or run in self.index:
            return [run]
        out, i, rest = [], 0, ""
        while i < len(run):
            for n in range(min(self._max_zh, len(run) - i), 0, -1):
                if run[i : i + n] in self.index and (n > 1 or len(run) == 1):
                    if rest:
                        out.append(rest)
                        rest = ""
                    out.append(run[i : i + n])
                    i += n
                    break
            else:
                rest += run[i]
                i += 1
        if rest:
            out.append(rest)
        return out


@functools.cache
def core_lexicon() -> Lexicon:
    """The core lexicon alone (cached)."""
    return Lexicon.load(())
