"""Which municipality a question is about, in any of the ways people write it (川崎 / かわさき / Kawasaki).

The gazetteer also lists well-known municipalities the knowledge base does NOT cover, so a question about
横浜市 or Osaka is recognised as such and never answered with another city's numbers. A covered municipality that
the gazetteer lacks is still found by its name, its stem (小田原) and its romanised reading (Odawara, from
kb.romaji, the spelling the knowledge base's English query expansion uses), so adding a city needs no list edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from assistant.question import QUESTION_WORD
from ingest.kana import HIRAGANA, KANJI, KANJI_RUN, KATAKANA
from ingest.normalize import normalize_text
from ingest.tagger import Word, tagged
from kb.romaji import romanised_names

# (official name, reading in hiragana, English name, prefecture, extra aliases). The prefecture tells "宮城県の川崎町"
# or "宮城県の川崎市" from 神奈川県's 川崎市; a prefecture has none, and a covered municipality missing here has no
# known prefecture, so any prefecture may qualify it.
_GAZETTEER: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("札幌市", "さっぽろ", "Sapporo", "北海道", ()),
    ("仙台市", "せんだい", "Sendai", "宮城県", ()),
    ("さいたま市", "さいたま", "Saitama", "埼玉県", ("埼玉市",)),
    ("千葉市", "ちば", "Chiba", "千葉県", ()),
    ("横浜市", "よこはま", "Yokohama", "神奈川県", ()),
    ("川崎市", "かわさき", "Kawasaki", "神奈川県", ()),
    ("相模原市", "さがみはら", "Sagamihara", "神奈川県", ()),
    ("新潟市", "にいがた", "Niigata", "新潟県", ()),
    ("静岡市", "しずおか", "Shizuoka", "静岡県", ()),
    ("浜松市", "はままつ", "Hamamatsu", "静岡県", ()),
    ("名古屋市", "なごや", "Nagoya", "愛知県", ()),
    ("京都市", "きょうと", "Kyoto", "京都府", ()),
    ("大阪市", "おおさか", "Osaka", "大阪府", ()),
    ("堺市", "さかい", "Sakai", "大阪府", ()),
    ("神戸市", "こうべ", "Kobe", "兵庫県", ()),
    ("岡山市", "おかやま", "Okayama", "岡山県", ()),
    ("広島市", "ひろしま", "Hiroshima", "広島県", ()),
    ("北九州市", "きたきゅうしゅう", "Kitakyushu", "福岡県", ()),
    ("福岡市", "ふくおか", "Fukuoka", "福岡県", ()),
    ("熊本市", "くまもと", "Kumamoto", "熊本県", ()),
    ("栃木市", "とちぎ", "Tochigi", "栃木県", ("とちぎし", "トチギ")),
    ("宇都宮市", "うつのみや", "Utsunomiya", "栃木県", ()),
    ("前橋市", "まえばし", "Maebashi", "群馬県", ()),
    ("水戸市", "みと", "Mito", "茨城県", ()),
    ("川口市", "かわぐち", "Kawaguchi", "埼玉県", ()),
    ("船橋市", "ふなばし", "Funabashi", "千葉県", ()),
    ("横須賀市", "よこすか", "Yokosuka", "神奈川県", ()),
    ("藤沢市", "ふじさわ", "Fujisawa", "神奈川県", ()),
    ("鎌倉市", "かまくら", "Kamakura", "神奈川県", ()),
    ("金沢市", "かなざわ", "Kanazawa", "石川県", ()),
    ("長野市", "ながの", "Nagano", "長野県", ()),
    ("岐阜市", "ぎふ", "Gifu", "岐阜県", ()),
    ("豊田市", "とよた", "Toyota City", "愛知県", ()),
    ("奈良市", "なら", "Nara", "奈良県", ()),
    ("姫路市", "ひめじ", "Himeji", "兵庫県", ()),
    ("松山市", "まつやま", "Matsuyama", "愛媛県", ()),
    ("高松市", "たかまつ", "Takamatsu", "香川県", ()),
    ("長崎市", "ながさき", "Nagasaki", "長崎県", ()),
    ("鹿児島市", "かごしま", "Kagoshima", "鹿児島県", ()),
    ("那覇市", "なは", "Naha", "沖縄県", ()),
    ("富山市", "とやま", "Toyama", "富山県", ()),
    ("青森市", "あおもり", "Aomori", "青森県", ()),
    ("盛岡市", "もりおか", "Morioka", "岩手県", ()),
    ("秋田市", "あきた", "Akita", "秋田県", ()),
    ("福島市", "ふくしま", "Fukushima", "福島県", ()),
    ("千代田区", "ちよだ", "Chiyoda", "東京都", ()),
    ("中央区", "ちゅうおう", "Chuo", "東京都", ()),
    ("港区", "みなと", "Minato", "東京都", ()),
    ("新宿区", "しんじゅく", "Shinjuku", "東京都", ()),
    ("文京区", "ぶんきょう", "Bunkyo", "東京都", ()),
    ("台東区", "たいとう", "Taito", "東京都", ()),
    ("墨田区", "すみだ", "Sumida", "東京都", ()),
    ("江東区", "こうとう", "Koto", "東京都", ()),
    ("品川区", "しながわ", "Shinagawa", "東京都", ()),
    ("目黒区", "めぐろ", "Meguro", "東京都", ()),
    ("大田区", "おおた", "Ota", "東京都", ()),
    ("世田谷区", "せたがや", "Setagaya", "東京都", ()),
    ("渋谷区", "しぶや", "Shibuya", "東京都", ()),
    ("中野区", "なかの", "Nakano", "東京都", ()),
    ("杉並区", "すぎなみ", "Suginami", "東京都", ()),
    ("豊島区", "としま", "Toshima", "東京都", ()),
    ("北区", "", "Kita", "東京都", ()),
    ("荒川区", "あらかわ", "Arakawa", "東京都", ()),
    ("板橋区", "いたばし", "Itabashi", "東京都", ()),
    ("練馬区", "ねりま", "Nerima", "東京都", ()),
    ("足立区", "あだち", "Adachi", "東京都", ()),
    ("葛飾区", "かつしか", "Katsushika", "東京都", ()),
    ("江戸川区", "えどがわ", "Edogawa", "東京都", ()),
    ("北海道", "ほっかいどう", "Hokkaido", "", ()),
    ("東京都", "とうきょうと", "Tokyo Metropolis", "", ()),
    ("大阪府", "おおさかふ", "Osaka Prefecture", "", ()),
    ("京都府", "きょうとふ", "Kyoto Prefecture", "", ()),
    ("神奈川県", "かながわ", "Kanagawa", "", ()),
    ("埼玉県", "さいたまけん", "Saitama Prefecture", "", ()),
    ("千葉県", "ちばけん", "Chiba Prefecture", "", ()),
    ("栃木県", "とちぎけん", "Tochigi Prefecture", "", ()),
    ("愛知県", "あいち", "Aichi", "", ()),
    ("福岡県", "ふくおかけん", "Fukuoka Prefecture", "", ()),
    ("長野県", "ながのけん", "Nagano Prefecture", "", ()),
    ("沖縄県", "おきなわ", "Okinawa", "", ()),
)

_PREFECTURE_OF = {name: prefecture for name, _, _, prefecture, _ in _GAZETTEER if prefecture}

# Names for a group of municipalities: a question about the group is about the members the knowledge base covers
# (the 23 wards' joint report is filed under the ward that published it). The 23 wards are the gazetteer's 区 in
# 東京都: its prefecture column says where a place is; the suffix tells a ward from a city of 東京都 (八王子市), as
# the column alone would not, and the column a special ward from a designated city's ward (川崎区), as the suffix
# alone would not.
_GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "特別区",
        ("特別区", "23区", "東京23区", "二十三区", "東京都区部"),
        tuple(name for name, _, _, prefecture, _ in _GAZETTEER if prefecture == "東京都" and name.endswith("区")),
    ),
)

_OPENING_BRACKETS = frozenset("(（")

# Bare stems and readings that are also everyday words are not aliases (中央, こうとう = 口頭).
_STEM_SUFFIXES = ("市", "区")
_CITY_SUFFIXES = frozenset({"市", "県", "府", "都"})
_NO_STEM = frozenset({"中央区"})
_MUNICIPAL_SUFFIXES = ("市", "区", "町", "村", "都", "道", "府", "県")
_PREFECTURE_SUFFIXES = ("都", "道", "府", "県")
# A town or village is never the city or ward whose stem it shares (川崎町 is not 川崎市; 川崎区 is part of it).
_TOWN_SUFFIXES = ("町", "村")
_TOWN_IN_ENGLISH = re.compile(r"\s+(Town|Village)\b")
# What may join a prefecture to the municipality it qualifies: nothing (神奈川県川崎市) or の (宮城県の川崎町).
_QUALIFIER_JOINERS = frozenset({"", "の"})
_PROPER_NOUN = "固有名詞"
_PLACE_NAME = "地名"
_CITY = "市"
_MIN_READING = 4
_AMBIGUOUS_READINGS = frozenset({"こうとう", "たいとう", "ちゅうおう", "ぶんきょう"})
# A reading too short to stand alone is unambiguous with its suffix read out (ちばし, みなとく), except where that
# spelling is an everyday word (ならし = 慣らし).
_SUFFIX_READINGS = {"市": "し", "区": "く"}
_AMBIGUOUS_SUFFIXED = frozenset({"ならし"})


@dataclass(frozen=True)
class Place:
    name: str
    english: str
    aliases: tuple[str, ...]


_HIRAGANA_LETTER = re.compile(f"[{HIRAGANA}]")
"""A hiragana letter, whose katakana is 0x60 further on: the letters ぁ-ゖ and ァ-ヶ are in the same order."""


def _hiragana_to_katakana(text: str) -> str:
    return _HIRAGANA_LETTER.sub(lambda m: chr(ord(m.group(0)) + 0x60), text)


def _stem(name: str) -> tuple[str, ...]:
    """川崎 for 川崎市; none for a two-character name (北区) or one whose stem is an everyday word (中央区)."""
    return (name[:-1],) if name.endswith(_STEM_SUFFIXES) and len(name) > 2 and name not in _NO_STEM else ()


def _readings(name: str, reading: str) -> set[str]:
    """The reading alone when it is long enough to be a name, and the reading with the suffix read out."""
    spelled = {reading} if len(reading) >= _MIN_READING and reading not in _AMBIGUOUS_READINGS else set()
    suffix = _SUFFIX_READINGS.get(name[-1:], "")
    if reading and suffix and reading + suffix not in _AMBIGUOUS_SUFFIXED:
        spelled.add(reading + suffix)
    return spelled | {_hiragana_to_katakana(r) for r in spelled}


def _aliases(name: str, reading: str, english: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    found = {name, english.lower(), *extra, *_stem(name), *_readings(name, reading)}
    return tuple(sorted(found, key=len, reverse=True))


PLACES: tuple[Place, ...] = tuple(
    Place(name, english, _aliases(name, reading, english, extra)) for name, reading, english, _, extra in _GAZETTEER
)


@dataclass(frozen=True)
class PlaceMatch:
    """Municipalities a question names, split into those the knowledge base covers and those it does not."""

    covered: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.covered or self.uncovered)


@dataclass(frozen=True)
class Mention:
    """Where the (normalised) text names a place: `names` are the municipalities it stands for, one for a
    municipality, the covered members for a group."""

    start: int
    end: int
    names: tuple[str, ...]


class PlaceResolver:
    """Finds place names in text; `covered` is the set of municipalities the knowledge base has documents for."""

    def __init__(self, covered: set[str]) -> None:
        self._covered = covered

    @cached_property
    def _pattern(self) -> tuple[re.Pattern[str], dict[str, str]]:
        alias_to_name: dict[str, str] = {}
        for place in PLACES:
            for alias in place.aliases:
                alias_to_name.setdefault(alias.lower(), place.name)
        for name in self._covered:
            for alias in _derived_aliases(name):
                alias_to_name.setdefault(alias.lower(), name)
        for group, aliases, _ in _GROUPS:
            for alias in aliases:
                alias_to_name.setdefault(alias.lower(), group)
        ordered = sorted(alias_to_name, key=len, reverse=True)
        japanese = [re.escape(a) for a in ordered if not a.isascii()]
        latin = [re.escape(a) for a in ordered if a.isascii()]
        pattern = "|".join([*japanese, *(rf"\b{a}\b" for a in latin)])
        return re.compile(pattern, re.IGNORECASE), alias_to_name

    def mentions(self, text: str) -> tuple[Mention, ...]:
        """Each place name in the normalised text, in order. A group stands for its covered members, or for
        itself (uncovered) when none is covered; a group beside one of its own members only sets the scene
        ("世田谷区は23区の共同調達に参加した？" is about 世田谷区), so it stands for nothing then, unless the member
        follows it in brackets ("特別区(葛飾区の報告資料)"): the group is named through that member's document, and
        stands for the member, so cutting the place cuts the group with its bracket."""
        pattern, alias_to_name = self._pattern
        found = [(m.start(), m.end(), alias_to_name[m.group(0).lower()]) for m in pattern.finditer(text)]
        for start, end, name in _unlisted(text):
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, name))
        found = self._without_bodies(text, _qualified(text, sorted(_as_written(text, *span) for span in found)))
        named = {name for *_, name in found}
        starts = {start: name for start, _, name in found}
        mentions: list[Mention] = []
        for start, end, name in found:
            members = next((members for group, _, members in _GROUPS if group == name), None)
            bracketed = starts.get(end + 1) if text[end : end + 1] in _OPENING_BRACKETS else None
            if members is None:
                mentions.append(Mention(start, end, (name,)))
            elif bracketed in members:
                mentions.append(Mention(start, end, (bracketed,)))
            elif not named & set(members):
                covered = tuple(m for m in members if m in self._covered)
                mentions.append(Mention(start, end, covered or (name,)))
        return tuple(mentions)

    def _without_bodies(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The mentions without those that only begin an organisation's name (横浜銀行, 京都大学): a question about
        川崎市's agreement with 横浜銀行 is not about 横浜市. A covered place's own body (川崎信用金庫,
        川崎未来エナジー) is described in that place's documents, so it still points there, unless the question names
        another place itself: "さいたま市は川崎信用金庫と協定を結んだ？" asks about さいたま市 and its partner."""
        bodies = [_begins_a_body(text, start, end, name) for start, end, name in found]
        places = {name for (*_, name), body in zip(found, bodies, strict=True) if not body}
        return [
            (start, end, name)
            for (start, end, name), body in zip(found, bodies, strict=True)
            if not body or (name in self._covered and not places - {name})
        ]

    def resolve(self, text: str) -> PlaceMatch:
        normalized = normalize_text(text)
        mentions = self.mentions(normalized)
        names = dict.fromkeys(n for m in mentions for n in m.names)
        uncovered = tuple(n for n in names if n not in self._covered)
        # "小山市にも栃木市みたいなプラットフォームはある？" and "Does Okayama City have a company like Kawasaki Mirai
        # Energy?" ask about the uncovered city: the covered one is only the likeness, as it is only the landmark in
        # "Ota City is just across the river from Kawasaki — has it been selected …?"
        # "上尾市はさいたま市と…協定を結んでいますか？" asks about 上尾市: the covered city is only its partner.
        asked_elsewhere = _asks_an_uncovered_place_last(normalized, mentions, uncovered)
        likeness = {
            n
            for n in names
            if uncovered
            and all(
                asked_elsewhere
                or _is_likeness(normalized, m)
                or _is_partner_of_topic(normalized, m, mentions, uncovered)
                for m in mentions
                if n in m.names
            )
        }
        return PlaceMatch(
            covered=tuple(n for n in names if n in self._covered and n not in likeness), uncovered=uncovered
        )

    def aliases(self, name: str) -> tuple[str, ...]:
        return next((p.aliases for p in PLACES if p.name == name), (name,))

    def english_name(self, name: str) -> str:
        listed = next((p.english for p in PLACES if p.name == name), None)
        if listed:
            return listed
        spellings = romanised_names(name)
        return min(spellings, key=len).capitalize() if spellings else name


# The likeness word follows the name, or the name of something of the place's that starts with it (川崎未来エナジー).
_LIKENESS = re.compile(
    rf"[{KATAKANA}ー{KANJI}]*\s*(?:の|が持つ)?\s*(?:みたいな|みたいに|のような|のように|と同じ|と同様)"
)
_LIKENESS_BEFORE = re.compile(r"\b(?:like|such as|similar to|the same as)\s+(?:the\s+)?$", re.IGNORECASE)
# "Has Matsudo City set up a consortium, as Kawasaki did?": the covered city did what is asked of the other.
_AS_BEFORE = re.compile(r"\bas\s+$", re.IGNORECASE)
_DID_AFTER = re.compile(r"(?:\s+City)?\s+(?:did|does|do|has|have)\b", re.IGNORECASE)


# "Ota City is just across the river from Kawasaki", "川崎市の隣の大田区": the covered city only locates the asked one.
_LANDMARK_BEFORE = re.compile(
    r"\b(?:across\b[\w\s]{0,30}?\bfrom|next(?: door)? to|near|close to|adjacent to|neighbou?ring|bordering|beside"
    r"|(?:north|south|east|west)\s+of)\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
_LANDMARK_AFTER = re.compile(
    f"(?:の|に|と|から)?(?:[{KANJI}]+を挟ん[だで]|お?隣|となり|隣接|近く|近隣|近郊|対岸|向かい|川向こう)"
)


_COINED_BEFORE = re.compile(rf"[{KATAKANA}ーA-Za-z]$")
_COINED_AFTER = re.compile(rf"[{KANJI}々]*[{KATAKANA}ーA-Za-z]")


def inside_name(text: str, start: int, end: int) -> bool:
    """Whether the place name at text[start:end] is part of a coined name, which must be kept whole when places
    are cut out: joined to katakana or Latin letters before it ("CC川崎エコ会議"), or a bare stem running into
    katakana or Latin letters ("川崎未来エナジー"). A full name running on ("さいたま市ゼロカーボンシティ推進戦略",
    "川崎市内") is the place's own plan or area, and a stem before kanji alone ("川崎駅") is a place too."""
    if _COINED_BEFORE.search(text, 0, start):
        return True
    return not text[start:end].endswith(_MUNICIPAL_SUFFIXES) and _COINED_AFTER.match(text, end) is not None


# What ends an organisation's name: a bank, university, utility, paper, company or business association named after
# its home town (横浜銀行, 横浜国立大学, 大阪ガス, 川崎重工業, 川崎未来エナジー). A few letters may come between
# (国立, 未来); a longer run is a topic (横浜温室効果ガス), and a run going on past the word is not the body's name.
_BODY_WORDS = (
    "銀行|信用金庫|信用組合|信金|大学|大学院|高校|高等学校|ガス|瓦斯|電力|電鉄|鉄道|新聞|新聞社|放送|テレビ"
    "|株式会社|\\(株\\)|㈱|商工会議所|青年会議所|重工|重工業|製鉄|製鋼|エナジー|パワー|ホールディングス"
)
_BODY_AFTER = re.compile(rf"[{KATAKANA}ー{KANJI}々]{{0,3}}?(?:{_BODY_WORDS})+(?![{KATAKANA}ー{KANJI}々])")
_BODY_BEFORE = re.compile(r"(?:株式会社|\(株\)|㈱)\s*$")


def _begins_a_body(text: str, start: int, end: int, name: str) -> bool:
    """Whether the place name at text[start:end] is the start of an organisation's name (横浜銀行, 株式会社横浜銀行):
    its stem or reading (京都 of 京都市) running into a body word. The full name running on ("横浜市立大学",
    "川崎市内") is the place's own."""
    if text[start:end].endswith(name):
        return False
    return bool(_BODY_AFTER.match(text, end) or _BODY_BEFORE.search(text, 0, start))


def _is_likeness(text: str, mention: Mention) -> bool:
    """Whether the place is named only as what the asked place is like, or where it lies."""
    return bool(
        _LIKENESS.match(text, mention.end)
        or _LIKENESS_BEFORE.search(text, 0, mention.start)
        or _LANDMARK_AFTER.match(text, mention.end)
        or _LANDMARK_BEFORE.search(text, 0, mention.start)
        or (_AS_BEFORE.search(text, 0, mention.start) and _DID_AFTER.match(text, mention.end))
    )


# The topic marker after the place a question is about ("上尾市は", "上尾市では", "上尾市って"), and the partner
# marker after the place it acts with ("さいたま市と連携", "さいたま市との協定"), not a quotation ("さいたま市という").
_TOPIC_AFTER = re.compile(r"(?:では|は|って|も)")
_PARTNER_AFTER = re.compile(r"との?(?!いう|いった)")


def _is_partner_of_topic(
    text: str, mention: Mention, mentions: tuple[Mention, ...], uncovered: tuple[str, ...]
) -> bool:
    """Whether the place is named only as the partner of an uncovered place the question is about: marked with と
    after that place's topic marker. Not the coordinated subject "さいたま市と上尾市は", whose partner comes first."""
    if _PARTNER_AFTER.match(text, mention.end) is None:
        return False
    return any(
        other.end <= mention.start
        and all(n in uncovered for n in other.names)
        and _TOPIC_AFTER.match(text, other.end) is not None
        for other in mentions
    )


# The topic of the clause a question ends with, set against what came before: "…みたいだけど、小山市のほうは何団体？",
# "栃木市は58団体だけど小山市は？". What ends the clause before: a comma or a sentence's end, or the contrasted topic
# of a covered place ("栃木市は").
_ASKED_TOPIC_AFTER = re.compile(r"(?:の(?:ほう|方))?(?:では|は|って)")
_CLAUSE_BREAK = re.compile(r"[、，,。．？?！!]")
_ASKS = re.compile(rf"[?？]|{QUESTION_WORD}")
"""What asks something: before the uncovered place, it makes the covered place's part a question of its own
("さいたま市の目標は何%？埼玉県は？"), which the documents answer."""


def _asks_an_uncovered_place_last(text: str, mentions: tuple[Mention, ...], uncovered: tuple[str, ...]) -> bool:
    """Whether the question ends by asking about an uncovered place, the covered places named before it only the
    scene it is set against: its last clause's topic names only uncovered places, no covered place follows, and
    a clause break or a contrasted topic ("栃木市は…小山市は") parts it from the covered ones, whose part asks
    nothing. A place listed beside it ("川崎市と横浜市は") is asked with it."""
    asked = next((m for m in reversed(mentions) if _ASKED_TOPIC_AFTER.match(text, m.end)), None)
    if asked is None or not all(n in uncovered for n in asked.names) or _ASKS.search(text, 0, asked.start):
        return False
    before = [m for m in mentions if m.end <= asked.start and not all(n in uncovered for n in m.names)]
    if not before or any(m.start >= asked.end and not all(n in uncovered for n in m.names) for m in mentions):
        return False
    last = before[-1]
    return bool(_CLAUSE_BREAK.search(text, last.end, asked.start)) or bool(_TOPIC_AFTER.match(text, last.end))


def _as_written(text: str, start: int, end: int, name: str) -> tuple[int, int, str]:
    """The place a mention names as written: a stem or English name followed by 町/村 or Town/Village names that town
    or village ("宮城県の川崎町", "Kawasaki Town"), which the city or ward of the same stem is not."""
    written = text[start:end]
    if name.endswith(_TOWN_SUFFIXES) or written.endswith(_MUNICIPAL_SUFFIXES):
        return start, end, name
    if text[end : end + 1] in _TOWN_SUFFIXES:
        return start, end + 1, text[start : end + 1]
    town = _TOWN_IN_ENGLISH.match(text, end) if written.isascii() else None
    return (start, town.end(), f"{written} {town.group(1)}") if town else (start, end, name)


def _qualified(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The mentions with a prefecture that qualifies the next one ("神奈川県川崎市", "宮城県の川崎町") joined to it: one
    place, the listed municipality when that is its prefecture, else another of the same name in that prefecture."""
    joined: list[tuple[int, int, str]] = []
    for start, end, name in found:
        previous = joined[-1] if joined else None
        if previous is None or not _qualifies(text, previous, (start, end, name)):
            joined.append((start, end, name))
            continue
        prefecture_start, _, prefecture = joined.pop()
        same = _PREFECTURE_OF.get(name, prefecture) == prefecture
        joined.append((prefecture_start, end, name if same else prefecture + text[start:end]))
    return joined


def _qualifies(text: str, prefecture: tuple[int, int, str], place: tuple[int, int, str]) -> bool:
    """Whether the first mention is a prefecture written right before the second, a municipality, as its address."""
    return (
        prefecture[2].endswith(_PREFECTURE_SUFFIXES)
        and not place[2].endswith(_PREFECTURE_SUFFIXES)
        and text[prefecture[1] : place[0]] in _QUALIFIER_JOINERS
    )


def _unlisted(text: str) -> list[tuple[int, int, str]]:
    return [*_unlisted_municipalities(text), *_unlisted_in_kana(text), *_unlisted_romanised(text)]


def _unlisted_municipalities(text: str) -> list[tuple[int, int, str]]:
    """Cities and prefectures the gazetteer does not list, read with fugashi: a proper noun right before
    市/県/府/都 (_may_name_a_place). Not only a place name (市川, 川越, 小山): many city names are also surnames
    the dictionary reads as people (戸田市, 吉川市), while a common noun (横浜銀行, 国立) is never one. Japan has
    about 1,700 municipalities and a question about any of them must not be answered with a covered city's
    numbers. Wards, towns and villages (区/町/村) are left out: an unlisted one is mostly a part of a covered city
    (川崎区, 藤岡町), which the documents do cover."""
    spans: list[tuple[int, int, str]] = []
    position = 0
    previous: tuple[int, Word] | None = None
    for node in tagged(text):
        start = text.find(node.surface, position)
        position = start + len(node.surface)
        before = previous if previous is not None and previous[0] + len(previous[1].surface) == start else None
        if before is not None and node.surface in _CITY_SUFFIXES and _may_name_a_place(before[1], node.surface):
            spans.append((before[0], position, before[1].surface + node.surface))
        previous = (start, node)
    return spans


def _may_name_a_place(word: Word, suffix: str) -> bool:
    """Whether a word right before 市/県/府/都 names a municipality: a place name the dictionary knows, or before
    市 another proper noun written in kanji, as many city names are also surnames (戸田, 吉川). Kana and Latin names
    are read by their own rules, which see the whole run of letters (たかさき, not the さき the tagger splits off);
    a word the dictionary does not know is as often a covered name's variant spelling (川﨑) or a count (6市町村);
    and before 県/府/都 a person's name is a person's (田中都さん): the prefectures are all known places."""
    if word.pos2 != _PROPER_NOUN:
        return False
    return word.pos3 == _PLACE_NAME or (suffix == _CITY and KANJI_RUN.fullmatch(word.surface) is not None)


# A name in kana before 市/県 (たかさき市), or in hiragana with 市 read out before a particle (はちおうじしって).
# Only 市 and 県: a ward or town in kana is as likely part of a covered city (ふじおか町) as in kanji. Read out, only
# names of four kana or more: shorter ones end everyday words (わたしは, おはなしが, おととしは).
_KANA_BEFORE_SUFFIX = re.compile(rf"([{HIRAGANA}{KATAKANA}ー]+)([市県])")
_HIRAGANA_READ_OUT = re.compile(rf"(?<![{HIRAGANA}])([{HIRAGANA}]+)し(?=って|[はがのもにでとへや、。？！?!\s]|$)")
_MIN_KANA_NAME = 3
_MIN_READ_OUT_NAME = 4
# Words of grammar (この, みたいな, となりの) and nouns used as adverbs (それぞれ市内) end a kana run before 市 far more
# often than a place name does; katakana is never grammar (シズオカ is not シズオ + か).
_GRAMMAR = frozenset({"助詞", "助動詞", "連体詞", "代名詞", "副詞", "接続詞", "感動詞", "形状詞", "形容詞"})
_ADVERBIAL = "副詞可能"
_COMMON_NOUN = "普通名詞"
_LOANWORD = "外"
_KATAKANA = re.compile(rf"[{KATAKANA}ー]+")


def _unlisted_in_kana(text: str) -> list[tuple[int, int, str]]:
    """Cities written in kana the gazetteer does not list: a question about はちおうじし must not be answered with a
    covered city's numbers any more than one about 八王子市."""
    spans = []
    for pattern, suffix_of, shortest in (
        (_KANA_BEFORE_SUFFIX, lambda m: m.group(2), _MIN_KANA_NAME),
        (_HIRAGANA_READ_OUT, lambda m: "市", _MIN_READ_OUT_NAME),
    ):
        for match in pattern.finditer(text):
            name = _name_after_grammar(match.group(1))
            if len(name) >= shortest:
                spans.append((match.end(1) - len(name), match.end(), name + suffix_of(match)))
    return spans


def _name_after_grammar(kana: str) -> str:
    """The kana after the last word of grammar; none when that is one everyday word the dictionary knows
    (プロジェクト市内, みどり), which a place name in kana rarely is, unless it is a native or Sino-Japanese word
    written in katakana: カシワ市 spells 柏市 as a name is spelled, where 柏 itself would be written in kanji."""
    words = tagged(kana)
    last = max((i for i, w in enumerate(words) if _is_grammar(w)), default=-1)
    name = words[last + 1 :]
    if len(name) == 1 and _everyday_word(name[0]):
        return ""
    return "".join(w.surface for w in name)


def _everyday_word(word: Word) -> bool:
    spelled_as_a_name = _KATAKANA.fullmatch(word.surface) and word.origin != _LOANWORD
    return word.pos2 == _COMMON_NOUN and word.kana is not None and not spelled_as_a_name


def _is_grammar(word: Word) -> bool:
    return (word.pos1 in _GRAMMAR or word.pos3 == _ADVERBIAL) and not _KATAKANA.fullmatch(word.surface)


_ROMANISED_PLACE = re.compile(
    r"\b([A-Z][a-z]+)\s+(City|Ward|Town|Village|Prefecture)\b|\b(City|Town|Village) of ([A-Z][a-z]+)\b"
)
_HEPBURN = re.compile(
    r"(?:(?:kk|ss|tt|pp|tch|ssh|ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|[kgsztdnhbpmyrwjf])?[aiueo]|n(?![aiueoy]))+",
    re.IGNORECASE,
)
"""A word spelled as romanised Japanese: "Atsugi" is, "Carbon" and "Smart" ("Zero Carbon City") are not."""


def _unlisted_romanised(text: str) -> list[tuple[int, int, str]]:
    """Places an English question names the gazetteer does not list ("Atsugi City", "the City of Ebina"): as
    with the Japanese ones, a question about any of them must not be answered with a covered city's numbers.
    Only a romanised Japanese name counts, so "Zero Carbon City" or "Smart City" names no place."""
    spans = []
    for match in _ROMANISED_PLACE.finditer(text):
        name, kind = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if _HEPBURN.fullmatch(name):
            spans.append((match.start(), match.end(), f"{name} {kind}"))
    return spans


def _derived_aliases(name: str) -> set[str]:
    """A municipality's name, its stem without 市/区 and its romanised readings."""
    return {name, *romanised_names(name), *_stem(name)}
