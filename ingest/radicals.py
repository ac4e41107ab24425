"""Radical code points -> the ordinary JIS kanji a reader typed.

PDF text extraction often yields the Kangxi Radicals (U+2F00-2FD5) and CJK Radicals Supplement (U+2E80-2EF3)
code points instead of the kanji they look like (⽣ for 生, ⻑ for 長). Typed queries never contain them, so
they are mapped before NFKC:

- Kangxi radicals: NFKC's own mapping (it equals Unicode's EquivalentUnifiedIdeograph.txt for this block),
  except where that lands on a non-JIS X 0208 form: ⼾ -> 戸 (NFKC gives 戶), ⾭ -> 青, ⿈ -> 黄, ⿊ -> 黒.
- CJK Radicals Supplement, which NFKC leaves alone: EquivalentUnifiedIdeograph.txt (Unicode 14), with
  component forms and Chinese-simplified forms replaced by the JIS X 0208 kanji they stand for
  (⺅ 亻 -> 人, ⺡ 氵 -> 水, ⻓ 长 -> 長, ⻐ 钅 -> 金).

Left as Unicode's unified ideograph because JIS X 0208 has no such kanji: 丨 彐 疒 禸 辵 辶.
U+2E80 (CJK RADICAL REPEAT) has no equivalent ideograph and is not mapped.
"""

from __future__ import annotations

import unicodedata

_KANGXI_OVERRIDES = {"⼾": "戸", "⾭": "青", "⿈": "黄", "⿊": "黒"}

_SUPPLEMENT_PAIRS = (
    "⺁厂 ⺂乙 ⺃乙 ⺄乙 ⺅人 ⺆冂 ⺇几 ⺈刀 ⺉刀 ⺊卜 ⺋卩 ⺌小 ⺍小 ⺎兀 ⺏尢 ⺐尢 ⺑尢 ⺒巳 "
    "⺓幺 ⺔彑 ⺕彐 ⺖心 ⺗心 ⺘手 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歹 ⺟母 ⺠民 ⺡水 ⺢水 ⺣火 ⺤爪 ⺥爪 "
    "⺦爿 ⺧牛 ⺨犬 ⺩王 ⺪疋 ⺫目 ⺬示 ⺭示 ⺮竹 ⺯糸 ⺰糸 ⺱网 ⺲网 ⺳网 ⺴冗 ⺵网 ⺶羊 ⺷羊 "
    "⺸羊 ⺹老 ⺺聿 ⺻聿 ⺼肉 ⺽臼 ⺾艸 ⺿艸 ⻀艸 ⻁虎 ⻂衣 ⻃西 ⻄西 ⻅見 ⻆角 ⻇角 ⻈言 ⻉貝 "
    "⻊足 ⻋車 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐金 ⻑長 ⻒長 ⻓長 ⻔門 ⻕阜 ⻖阜 ⻗雨 ⻘青 ⻙韋 ⻚頁 ⻛風 "
    "⻜飛 ⻝食 ⻞食 ⻟食 ⻠食 ⻡首 ⻢馬 ⻣骨 ⻤鬼 ⻥魚 ⻦鳥 ⻧鹵 ⻨麦 ⻩黄 ⻪黽 ⻫斉 ⻬斉 ⻭歯 "
    "⻮歯 ⻯竜 ⻰竜 ⻱龜 ⻲亀 ⻳亀"
)

RADICAL_TO_KANJI: dict[str, str] = {
    **{chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
    **_KANGXI_OVERRIDES,
    **{pair[0]: pair[1] for pair in _SUPPLEMENT_PAIRS.split()},
}
"""Every Kangxi radical and every mappable CJK Radicals Supplement character -> its kanji."""

RADICAL_TRANSLATION = str.maketrans(RADICAL_TO_KANJI)
"""`str.translate` table for RADICAL_TO_KANJI."""
