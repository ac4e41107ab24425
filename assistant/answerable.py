"""Whether the documents can answer what a one-place question asks at all, before any sentence is scored.

Scored as usual, a question the documents cannot answer still gets the best sentences of its passages, which are
about something else. Each check that knows it cannot is its own module; this step runs them in one order, and the
first that fires is the reason to abstain:

1. `topics.foreign_topic`: only other municipalities' documents name the topic, so the asked one's best sentences
   are about something else. Not when the question asks how the place appears elsewhere
   (`elsewhere.asked_elsewhere`): the others' documents are then what answers it.
2. `aims.act_only_aimed_at`: the act the question dates is written only as an aim ("応募に向けて"), so the dated
   sentences around it date other work. It reads the retrieved passages, so it comes after the question-only check.

A comparison is asked of each place on its own (`comparison.select_each`) and goes through the first check only, once
for all its places (the topic is shared, the places differ): every side then has sentences about something else,
while one place that writes the topic answers its side.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.abstention import Abstention
from assistant.aims import act_only_aimed_at


def why_unanswerable(
    question: str, foreign_topic: str | None, elsewhere: str | None, texts: Iterable[str]
) -> Abstention | None:
    """The first reason, in the module's order, that the documents cannot answer the question, or None.
    `question`: the question's focus; `foreign_topic`: its topic only other municipalities write
    (`topics.foreign_topic`); `elsewhere`: the place it asks about in the others' documents; `texts`: the
    retrieved passages."""
    if foreign_topic is not None and elsewhere is None:
        return Abstention.foreign_topic
    if act_only_aimed_at(question, texts) is not None:
        return Abstention.act_only_aimed_at
    return None
