from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ingest.normalize import normalize_document, normalize_text
from ingest.radicals import RADICAL_TO_KANJI
from ingest.tokenize import keyword_tokens

RADICALS = re.compile("[\u2e80-\u2fdf]")


def test_kangxi_radicals_become_ordinary_kanji() -> None:
    raw = "再⽣可能エネルギー電⼒の利⽤、⾦融機関と⼀体的に、令和７年３⽉18⽇"
    assert normalize_text(raw) == "再生可能エネルギー電力の利用、金融機関と一体的に、令和7年3月18日"


def test_door_radical_becomes_jis_kanji_not_the_form_nfkc_gives() -> None:
    assert unicodedata.normalize("NFKC", "⼾") == "戶"
    assert normalize_text("あきる野市⼾倉") == "あきる野市戸倉"


def test_cjk_radicals_supplement_become_ordinary_kanji() -> None:
    assert unicodedata.normalize("NFKC", "⻑⻄") == "⻑⻄"
    assert normalize_text("特別区⻑会、多摩地域⻄部") == "特別区長会、多摩地域西部"


def test_radical_table_covers_both_blocks_with_jis_kanji() -> None:
    kangxi = [chr(cp) for cp in range(0x2F00, 0x2FD6)]
    supplement = [chr(cp) for cp in range(0x2E81, 0x2EF4) if unicodedata.category(chr(cp)) != "Cn"]
    assert set(kangxi + supplement) <= RADICAL_TO_KANJI.keys()
    not_in_jis_x_0208 = set()
    for kanji in RADICAL_TO_KANJI.values():
        assert unicodedata.name(kanji).startswith("CJK UNIFIED IDEOGRAPH")
        try:
            kanji.encode("shift_jis")
        except UnicodeEncodeError:
            not_in_jis_x_0208.add(kanji)
    assert not_in_jis_x_0208 == set("丨彐疒禸辵辶")


def test_no_radical_code_point_survives_in_any_seed(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    assert not RADICALS.search(normalize_document(raw).text)


def test_word_broken_across_lines_is_rejoined_and_tokenised_as_one_word() -> None:
    raw = "市全体の脱炭素に関する機運の醸成と、脱炭素に関する意\n\n見交換や情報共有を通して"
    text = normalize_document(raw).text
    assert "意見交換" in text
    assert normalize_text("意\n見") == "意見"
    assert "意見" in keyword_tokens(text)


def test_hard_wrapped_paragraph_is_joined_across_blank_lines() -> None:
    raw = (
        "令和 5 年度は、脱炭素に向けた取組のひとつとして、多様な業種の積極的な参画 \n\n"
        "や連携による「栃木市脱炭素促進プラットフォーム」を設立し、脱炭素に関する意\n\n"
        "見交換や情報共有を行った。\n\n"
        "また、国の事業に応募した。"
    )
    paragraphs = normalize_document(raw)
    assert [paragraphs.text[p.start : p.end] for p in paragraphs.paragraphs] == [
        "令和5年度は、脱炭素に向けた取組のひとつとして、多様な業種の積極的な参画や連携による"
        "「栃木市脱炭素促進プラットフォーム」を設立し、脱炭素に関する意見交換や情報共有を行った。",
        "また、国の事業に応募した。",
    ]


def test_short_lines_separated_by_blank_lines_stay_apart() -> None:
    text = normalize_document("渡良瀬遊水地\n\nハートランド城\n\n(研修室1)").text
    assert text == "渡良瀬遊水地\nハートランド城\n(研修室1)"


def test_whitespace_between_japanese_characters_and_digits_is_removed() -> None:
    assert normalize_text("市　内 県　内") == "市内県内"
    assert normalize_text("令和 5 年度、2 月 7 日") == "令和5年度、2月7日"


def test_space_between_latin_and_japanese_is_kept_but_a_line_break_is_not() -> None:
    assert normalize_text("各種イベント等で EV 車を活用") == "各種イベント等で EV 車を活用"
    assert normalize_text("EV車") == "EV車"
    assert normalize_text("IoTで集中\nコントロール") == "IoTで集中コントロール"
    assert normalize_text("Green CarbOn\nClub\n富士通") == "Green CarbOn Club富士通"


def test_full_width_digits_letters_and_half_width_katakana_are_unified() -> None:
    assert normalize_text("ＺＥＢ・ＺＥＨ、ＣＯ２、令和７年、ｶｰﾎﾞﾝ") == "ZEB・ZEH、CO2、令和7年、カーボン"
    assert normalize_text("CO₂") == "CO2"


def test_circled_numbers_are_kept_not_turned_into_digits() -> None:
    assert normalize_text("①森林整備及び保全、②現場体験") == "①森林整備及び保全、②現場体験"


def test_markdown_bold_markers_are_removed() -> None:
    raw = "地域脱炭素化促進事業を推進する、**地域の役割はこれまで以上に大きくなっています。**"
    assert normalize_text(raw) == "地域脱炭素化促進事業を推進する、地域の役割はこれまで以上に大きくなっています。"


def test_layout_tags_left_by_pdf_converters_are_removed_but_other_markup_is_kept() -> None:
    debris = '<ul style="list-style-type: none"> ■第2次さいたま市環境基本計画<br/>計画</ul>'
    assert normalize_text(debris) == "第2次さいたま市環境基本計画計画"
    assert normalize_text("注意<script>alert(1)</script>") == "注意<script>alert(1)</script>"


def test_bullets_are_removed_only_at_line_start() -> None:
    raw = "- ① 市民による再生可能エネルギー利用促進\n• 区有施設への共同購入\n- ・ CO₂分離回収\n・山の空気"
    assert normalize_document(raw).text == (
        "① 市民による再生可能エネルギー利用促進\n区有施設への共同購入\nCO2分離回収\n山の空気"
    )
    assert normalize_text("建物・住宅のZEB・ZEH普及") == "建物・住宅のZEB・ZEH普及"


def test_tab_separated_table_rows_stay_on_their_own_lines() -> None:
    text = "川崎市の目標\n全体目標\tIII 再エネを最大活用\n市域目標 2030年度までに▲50%削減\tIV 交通\n次の行"
    assert normalize_document(text).text.split("\n") == [
        "川崎市の目標",
        "全体目標 III 再エネを最大活用",
        "市域目標2030年度までに▲50%削減 IV 交通",
        "次の行",
    ]


def test_markdown_table_pipes_and_rule_rows_are_dropped() -> None:
    raw = "| 項目 | 2030年度目標 |\n|---|:---:|\n| 国全体 | ▲46% |"
    assert normalize_document(raw).text == "項目2030年度目標\n国全体 ▲46%"


def test_runs_of_blank_lines_and_full_width_spaces_collapse() -> None:
    raw = "\n\n\u3000\u3000〔総括概要〕 \n\n \n\n\n本文です。\n\n\n"
    assert normalize_document(raw).text == "〔総括概要〕\n本文です。"


def test_invisible_characters_are_removed() -> None:
    assert normalize_text("脱\u200b炭素\u00ad社会\ufeff") == "脱炭素社会"


def test_headings_are_kept_as_heading_paragraphs() -> None:
    raw = (
        "# 計画の概要\n\n第7章 推進体制及び進行管理\n\n1. 計画の推進体制\n\n１　概要\n\n(1) 国との協調\n\n"
        "【会社概要】\n\n4 月 17 日（月） 栃木市女性団体連絡協議会役員会 14\n\n48 8 2 58\n\n"
        "気候変動問題は、あらゆる主体に関わり、分野を横断した総合的な取組が必要です。"
    )
    assert normalize_document(raw).headings() == [
        "計画の概要",
        "第7章推進体制及び進行管理",
        "1. 計画の推進体制",
        "1概要",
        "(1) 国との協調",
        "【会社概要】",
    ]


def test_short_title_line_above_body_text_is_a_heading() -> None:
    raw = (
        "マイボトルを持ち歩こう\n\nマイボトルの利用促進のため、高津区役所などに給水スポットが設置されています。"
        "マイボトルを活用することで、ペットボトルの消費を減らし、お財布にも優しくエコに取り組みます。"
    )
    assert normalize_document(raw).headings() == ["マイボトルを持ち歩こう"]


def test_seed_plan_chapter_headings_are_detected(corpus_dir: Path) -> None:
    raw = (corpus_dir / "002_9b8fc3061bf01655.txt").read_text(encoding="utf-8")
    headings = normalize_document(raw).headings()
    for expected in ["第7章推進体制及び進行管理", "1. 計画の推進体制", "(4) 川崎市環境行政・温暖化対策推進総合調整会議",
                     "3. 計画の進行管理", "(3)グリーン・リカバリーの視点"]:  # fmt: skip
        assert expected in headings
    assert not any("。" in heading for heading in headings)


def test_seed_report_headings_are_detected(corpus_dir: Path) -> None:
    raw = (corpus_dir / "000_56ba6f7bcf1d8ad5.txt").read_text(encoding="utf-8")
    headings = normalize_document(raw).headings()
    assert headings[:4] == ["第7節カーボンニュートラル推進課", "〔総括概要〕", "1栃木市脱炭素促進プラットフォーム",
                            "(1) 会員(令和6年3月31日現在) (単位:団体)"]  # fmt: skip
    assert "2地球温暖化に対する理解促進活動" in headings
    assert not any(heading.startswith(("4月", "12月")) for heading in headings)


def test_document_paragraphs_are_fixed_points_of_normalize_text(seed_path: Path) -> None:
    normalized = normalize_document(seed_path.read_text(encoding="utf-8"))
    for paragraph in normalized.paragraphs:
        text = normalized.text[paragraph.start : paragraph.end]
        assert text and "\n" not in text
        assert normalize_text(text) == text


def test_every_normalised_source_line_can_be_found_in_the_document(seed_path: Path) -> None:
    """What the eval quote matcher relies on: normalize_text(any line of the source) is in the document text."""
    raw = seed_path.read_text(encoding="utf-8")
    text = normalize_document(raw).text
    assert all(normalize_text(line) in text for line in raw.splitlines())


def test_normalize_text_is_idempotent() -> None:
    for raw in ["- **令和 ５ 年度**\n・EV 車\n意\n見", "Ｒ６.6 森林セラピー体験＆間伐材", "  ⼾倉 \t ⻑会 "]:
        once = normalize_text(raw)
        assert normalize_text(once) == once


def test_ocr_slips_are_left_alone() -> None:
    """The Kawasaki deck has 橋 where the place name is 橘 (橘処理センター): no normaliser can know that."""
    assert normalize_text("2024年4月に稼働した橋処理センター") == "2024年4月に稼働した橋処理センター"
