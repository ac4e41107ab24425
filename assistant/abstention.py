"""Why the assistant abstained: the check that found the documents do not answer the question.

The user sees one fixed message whatever the reason; the reason goes with the Answer so that staff flagging a wrong
abstention, and evaluators reading a false one, know which check to look at.
"""

from __future__ import annotations

from enum import StrEnum


class Abstention(StrEnum):
    uncovered_place = "uncovered place"
    """The question is about a municipality the knowledge base has no documents of, and no sentence naming it
    answers (assistant.places, the chain's `_about`)."""
    foreign_topic = "foreign topic"
    """Only other municipalities' documents write the topic (assistant.topics, via assistant.answerable)."""
    act_only_aimed_at = "act only aimed at"
    """The act the question dates is written only as an aim (assistant.aims, via assistant.answerable)."""
    asked_year_absent = "asked year absent"
    """The question asks a year that no passage of the asked place names."""
    no_admissible_quote = "no admissible quote"
    """The passages hold no quote that may answer: none of the asked kind or year, or each one ruled out
    (assistant.admissible, assistant.subject)."""
    below_bar = "below bar"
    """The best quote scores under the answer ranker's calibrated bar."""
    comparison_below_bar = "comparison below bar"
    """No municipality of a comparison clears the bar, and one falls under the share of it every side must clear
    (assistant.comparison)."""
