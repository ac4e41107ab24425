"""English climate-plan terms and their Japanese wording, so an English question also searches the Japanese words.

BM25 cannot match "renewable energy" to 再生可能エネルギー; the dense model can, but less sharply. Adding the
Japanese terms to an English query lets both sides of the hybrid search work (measured on the dev set: English
keyword recall@5 .28 -> .83). It lives in kb/ because the knowledge base expands queries itself
(kb/query.py); the assistant uses the same list. The Japanese wordings that name one thing (再エネ and
再生可能エネルギー, 営農型太陽光発電 and ソーラーシェアリング) are here too, compared as one (canonical_wording).
"""

from __future__ import annotations

import re

_TERMS: dict[str, str] = {
    "greenhouse gas": "温室効果ガス",
    "ghg": "温室効果ガス",
    "emission": "排出量",
    "co2": "CO2",
    "carbon dioxide": "二酸化炭素",
    "carbon neutral": "カーボンニュートラル",
    "net zero": "実質ゼロ",
    "zero carbon": "ゼロカーボン",
    "decarboni": "脱炭素",
    "reduction": "削減",
    "reduce": "削減",
    "cut": "削減",
    "target": "目標",
    "target area": "対象地域",
    "goal": "目標",
    "renewable": "再生可能エネルギー 再エネ",
    "solar": "太陽光",
    "photovoltaic": "太陽光発電",
    "electricity": "電力",
    "power": "電力",
    "hydrogen": "水素",
    "city gas": "都市ガス",
    "energy saving": "省エネ",
    "energy efficiency": "省エネルギー",
    "energy": "エネルギー",
    "storage": "蓄電",
    "batter": "蓄電池",
    "fuel cell": "燃料電池",
    "lighting": "照明",
    "baseline": "基準年度",
    "base year": "基準年度",
    "compared with": "比",
    "compared to": "比",
    "fiscal year": "年度",
    "plan": "計画",
    "strategy": "戦略",
    "policy": "施策",
    "policies": "施策",
    "environment": "環境",
    "measure": "施策 取組",
    "initiative": "取組",
    "project": "プロジェクト 事業",
    "council": "会議 協議会",
    "conference": "会議",
    "committee": "委員会",
    "center": "センター",
    "department": "課 局",
    "division": "課",
    "office": "室 事務所 所在地",
    "address": "所在地 住所",
    "platform": "プラットフォーム",
    "agreement": "協定",
    "partnership": "連携",
    "collaboration": "連携",
    "company": "企業 事業者",
    "companies": "企業 事業者",
    "business": "事業者",
    "resident": "市民",
    "citizen": "市民",
    "population": "人口",
    "area": "面積",
    "household": "世帯",
    "building": "建物 建築物",
    "house": "住宅",
    "housing": "住宅",
    "vehicle": "自動車 車",
    "electric vehicle": "電気自動車 EV",
    "ev": "EV",
    "forest": "森林",
    "waste": "廃棄物",
    "food loss": "食品ロス",
    "food waste": "食品ロス",
    "local production": "地産地消",
    "locally produced": "地産地消",
    "local consumption": "地産地消",
    "consumed locally": "地産地消",
    "consume locally": "地産地消",
    "power generation": "発電",
    "adaptation": "適応",
    "disaster prevention": "防災",
    "heavy rain": "豪雨",
    "temperature": "気温",
    "climate change": "気候変動",
    "heat": "熱",
    "industry": "産業",
    "industrial": "産業系",
    "commercial": "業務",
    "transport": "運輸 交通",
    "municipal": "市役所 市立",
    "municipalit": "市町村 自治体",
    "city-run": "市立",
    "city-owned": "市有",
    "official car": "公用車",
    "official vehicle": "公用車",
    "staff": "職員",
    "employee": "職員",
    "city hall": "市役所",
    "government": "行政",
    "leading decarbonization area": "脱炭素先行地域",
    "leading area": "先行地域",
    "special wards": "特別区",
    "nine prefectures and cities": "九都県市",
    "neighboring cities": "近隣都市",
    "wide-area": "広域",
    "cooperation": "連携",
    "23 wards": "23区 特別区",
    "wards": "区",
    "established": "設立 設置",
    "launched": "開始",
    "founded": "設立",
    "held": "開催",
    "event": "イベント",
    "seminar": "セミナー 研修",
    "training": "研修",
    "school": "学校",
    "university": "大学",
    "education": "教育",
    "environmental education": "環境教育",
    "lecture": "講演",
    "subsidy": "補助",
    "grant": "交付金 補助金",
    "support": "支援",
    "financial institution": "金融機関",
    "bank": "銀行",
    "bicycle": "自転車",
    "ordinance": "条例",
    "declaration": "宣言",
    "declare": "表明 宣言",
    "promoter": "推進員",
    "emergency": "非常事態",
    "chapter": "章",
    "progress": "進行管理 進捗",
    "indicator": "指標",
    "basic philosoph": "基本理念",
    "philosoph": "理念",
    "basic principle": "基本理念",
    "guiding principle": "基本理念",
    "basic polic": "基本方針",
    "basic measure": "基本的施策",
    "vision": "将来像 ビジョン",
    "future": "将来像 将来",
    "in the future": "今後",
    "pillar": "柱",
    "priority project": "重点事業",
    "key project": "重点事業",
    "specific project": "具体的事業",
    "concrete project": "具体的事業",
    "roadmap": "ロードマップ",
    "background": "背景",
    "challenge": "課題",
    "issue": "課題",
    "current situation": "現状",
    "long-term": "長期",
    "budget": "予算",
    "investment": "投資",
    "purchase": "購入 調達",
    "procurement": "調達",
    "joint": "共同",
    "share": "割合 構成比",
    "percentage": "割合",
    "members": "会員 構成員",
    "belong": "会員",
    "organization": "団体",
    "member": "会員",
    "chairs": "会長",
    "chair": "会長",
    "participants": "参加",
    "participat": "参加",
    "took part": "参加",
    "take part": "参加",
    "bookstore": "書店 店舗",
    "bookshop": "書店 店舗",
    "book cover": "ブックカバー",
    "book": "書籍",
    "store": "店舗",
    "shop": "店舗",
    "fair": "フェア",
    "buyer": "購入者",
    "receive": "配布",
    "hand out": "配布",
    "handed out": "配布",
    "distribut": "配布",
    "attend": "参加",
    "outreach": "普及啓発 啓発",
    "awareness": "啓発",
    "board meeting": "役員会",
    "general meeting": "総会",
    "association": "団体 協議会 協会",
    "group": "団体",
    "monitor": "進行管理",
    "capital": "資本金",
    "headquarters": "本社 所在地",
    "national": "国",
    "relative to": "比",
    "tax": "税",
    "absorption": "吸収",
    "absorb": "吸収",
    "secur": "確保",
    "information": "情報",
    "sharing": "共有",
    "shared": "共有 融通",
    "revitali": "活性化",
    "pioneer": "先導 先進",
    "model": "モデル",
    "roll out": "展開",
    "rolled out": "展開",
    "deploy": "展開 導入",
    "technolog": "技術",
    "resilien": "レジリエンス 強靭化",
    "heat and power": "熱電 コージェネレーション",
    "block": "街区",
    "station": "駅",
    "incinerat": "焼却",
    "plant": "施設 センター 発電所",
    "emit": "排出",
    "offset": "オフセット",
    "trading": "取引",
    "thinning": "間伐",
    "carried out": "実施",
    "carry out": "実施",
    "start": "開始",
    "how big": "面積 規模",
    "how large": "面積 規模",
    "size": "面積 規模",
    "location": "所在地",
    "located": "所在 位置",
    "found in": "所在",
    "site": "所在地 箇所",
    "forestry": "林業",
    "experience": "体験",
    "natur": "自然",
    "secondary nature": "二次的自然",
    "biodiversity": "生物多様性",
    "green infrastructure": "グリーンインフラ",
    "infrastructure": "インフラ",
    "green space": "緑地",
    "greening": "緑化",
    "agricultur": "農業",
    "watching": "観察",
    "observ": "観察",
    "look into": "検討",
    "looked into": "検討",
    "examin": "検討",
    "consider": "検討",
    "profitab": "採算性",
    "scheme": "仕組み 制度",
    "regional": "地域",
    "local": "地域 地元",
    "private": "民間",
    "facilit": "施設",
    "strengthen": "強化",
    "interact": "交流",
    "public": "公共",
    "next-generation": "次世代",
    "next generation": "次世代",
    "thermal": "熱",
    "effect": "効果",
    "quantif": "定量化",
    "revis": "改正 改定",
    "creat": "創設",
    "increase": "増加",
    "ratio": "比率",
    "rank": "位 順位",
    "big cit": "大都市",
    "large": "大型 大規模",
    "largest": "最大",
}

_PATTERN = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(_TERMS, key=len, reverse=True)) + r")", re.I)
_WHOLE_WORDS = re.compile(_PATTERN.pattern + r"[a-z]*", re.I)


def mostly_latin(text: str) -> bool:
    """Whether most letters of the text are ASCII: an English question, which needs its terms in Japanese."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) * 2 > len(letters)


# British spellings and the American ones the glossary is written in: "leading decarbonisation area" is the
# glossary's "leading decarbonization area" (脱炭素先行地域), not its last word "area" (面積).
_AMERICAN_SPELLINGS = (
    (re.compile(r"isation", re.I), "ization"),
    (re.compile(r"(?<=[a-z]{3})our", re.I), "or"),
    (re.compile(r"(?<=[a-z]{2})tre\b", re.I), "ter"),
)


def american_spelling(english: str) -> str:
    """The text with British spellings written the American way (decarbonisation, neighbouring, centre)."""
    for british, american in _AMERICAN_SPELLINGS:
        english = british.sub(american, english)
    return english


def japanese_terms(english: str) -> list[str]:
    """The Japanese wording of the glossary terms an English text uses, in order of appearance, however it spells
    them."""
    found: list[str] = []
    for match in _PATTERN.finditer(american_spelling(english)):
        for term in _TERMS[match.group(1).lower()].split():
            if term not in found:
                found.append(term)
    return found


def without_glossary_terms(english: str) -> str:
    """The text with every word the glossary covers blanked out (the whole word: "technologies", not "ies" left of
    "technolog"), leaving the words it has no Japanese for."""
    return _WHOLE_WORDS.sub(" ", american_spelling(english))


# Full Japanese wordings and the abbreviation plans use interchangeably with them (再生可能エネルギー / 再エネ),
# often in one document: a question in one wording must match a sentence in the other.
_ABBREVIATIONS: dict[str, str] = {
    "再生可能エネルギー": "再エネ",
    "省エネルギー": "省エネ",
    "二酸化炭素": "CO2",
    "電気自動車": "EV",
    "地球温暖化対策推進法": "温対法",
    "デモンストレーション": "デモ",
}
# A resident's everyday verb and the plans' term for it: "何トン減らす" is asked of "2030年度削減目標".
_PLAIN_WORDS: dict[str, str] = {
    "減らす": "削減",
    "減らし": "削減",
}
# Latin-script terms as a resident says them in katakana: "ゼッチの支援" is asked of "ZEHの導入支援".
_SPOKEN_LATIN: dict[str, str] = {
    "ゼッチ": "ZEH",
    "ユーチューバー": "YouTuber",
}
# Other established names for what the plans call one way, each with the plans' name: a resident asks about
# 営農型太陽光発電 where the plan writes ソーラーシェアリング, and shares no word with it. Only names for the same
# thing belong here: 脱炭素, カーボンニュートラル and ゼロカーボン differ in meaning and stay apart. So does a name
# the plans also spell out in its own words: they write 廃棄物発電 but also ごみを利用して発電, which a question
# about ごみ発電 matches only while it keeps its words.
_SYNONYMS: dict[str, str] = {
    "営農型太陽光発電": "ソーラーシェアリング",
    "営農型太陽光": "ソーラーシェアリング",
    "ソーラー発電": "太陽光発電",
    "ソーラーパネル": "太陽光パネル",
    "ネット・ゼロ・エネルギー・ハウス": "ZEH",
    "ネット・ゼロ・エネルギー・ビル": "ZEB",
    "燃料電池車": "燃料電池自動車",
    "温暖化ガス": "温室効果ガス",
    "フードロス": "食品ロス",
    "ゴミ": "ごみ",
    "コミュニティサイクル": "シェアサイクル",
    "シェアリングサイクル": "シェアサイクル",
}
_SPELLINGS = {**_ABBREVIATIONS, **_PLAIN_WORDS, **_SPOKEN_LATIN}
_SYNONYM = re.compile("|".join(re.escape(s) for s in sorted(_SYNONYMS, key=len, reverse=True)))
_FULL_WORDING = re.compile("|".join(re.escape(a) for a in sorted(_SPELLINGS, key=len, reverse=True)))


def plans_names(text: str) -> list[str]:
    """The plans' names for the synonyms the text uses, in order of appearance: what a Japanese query also searches
    for."""
    return list(dict.fromkeys(_SYNONYMS[m.group(0)] for m in _SYNONYM.finditer(text)))


def canonical_wording(text: str) -> str:
    """The text with each synonym replaced by the plans' name, each full wording by its abbreviation and each
    everyday verb by the plans' term, for comparing words (never for display)."""
    named = _SYNONYM.sub(lambda m: _SYNONYMS[m.group(0)], text)
    return _FULL_WORDING.sub(lambda m: _SPELLINGS[m.group(0)], named)
