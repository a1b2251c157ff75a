"""Reported speech that runs on past its sentence ("X stated that A. B had been
executed."), a briefing summary's speaker over the paragraphs of their section, and an
"according to" source cited inside someone's speech: who still speaks at a position no
frame's own scope holds."""

from __future__ import annotations

import bisect
import re

from gavah.core.extract.frames import Frame
from gavah.core.extract.model import Quotation
from gavah.core.extract.segments import Layout
from gavah.core.extract.speakers import is_name
from gavah.core.text import fold

# a briefing's speaker as UN summaries introduce them: "X, for the Office of ...", "X, World
# Food Programme (WFP) Regional Lead ..., speaking from Cairo,"
FOR_BODY = re.compile(
    r",\s*for\s+(?:the\s+)?[A-Z]|،\s*(?:از|سخنگوی)\s|,\s*speaking\s+from\s+[A-Z]|"
    r",\s*(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,6}\([A-Z]{2,}\)|"
    # "Lena Varga for the Tarsa Rights Office (TRO) began by saying"
    r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}\s+for\s+the\s+[A-Z]"
)
_CARRY = 700  # how far (characters) reported speech runs on in its paragraph
_CARRY_SECTION = 3_000  # ... and in a briefing summary's section


def reports_what_follows(f: Frame) -> bool:
    return f.content or (f.scope[0] >= f.cue[1] - 1 and f.scope[1] - f.scope[0] >= 40)


class ReportedSpeech:
    """The frames and quotations of one text, asked who carries on speaking at a position."""

    def __init__(self, text: str, layout: Layout, frames: list[Frame],
                 quotes: list[Quotation]):
        self.text, self.layout, self.frames, self.quotes = text, layout, frames, quotes
        self._cues = [f.cue[0] for f in frames]
        self._quote_starts = [q.start for q in quotes]

    def introduces(self, frame: Frame) -> bool:
        """A briefing summary's introduction of its speaker: "X, for the Office of ...,",
        "X, Head of ..., speaking from Kyiv," (up to the verb, past the subject's phrase)."""
        if frame.phrase is None:
            return False
        return bool(FOR_BODY.search(self.text[frame.phrase[0] : max(frame.phrase[1],
                                                                        frame.cue[0])]))

    def briefing(self, frame: Frame, between: str) -> bool:
        """A press-briefing summary ("X, for the Office of ..., said ...") stays in its
        speaker's reported speech over the paragraphs of its section: only a heading or
        a new speaker ends it."""
        if not self.introduces(frame):
            return False
        for block in between.split("\n\n")[1:-1]:  # whole paragraphs between
            line = block.strip().split("\n")[0]
            if not line or line[-1:] not in ".!?؟\"”»)":
                return False  # a heading: a new section
        return True

    def _section_speaker(self, last: Frame, i: int, pos: int) -> Frame:
        """ "..., noted Mr. X." ends a paragraph of a briefing summary that "X, for the
        <body>, said" opened: X's summary runs on, so its opening frame speaks at `pos`."""
        if reports_what_follows(last) or last.subject is None or last.kind != "other":
            return last
        surname = fold(last.subject.name).split()[-1:]
        for f in reversed(self.frames[max(0, i - 8) : i]):
            if pos - f.cue[1] > _CARRY_SECTION or f.subject is None:
                break
            if fold(f.subject.name).split()[-1:] != surname:
                if f.kind not in ("reporter", "label"):
                    break  # another speaker came between
                continue
            if reports_what_follows(f) and self.briefing(f, self.text[f.cue[1] : pos]):
                return f
        return last

    def _leads(self, frame: Frame) -> bool:
        """ "به گزارش X، ..." opening its sentence: X's report runs on, like reported
        speech, over the rest of the paragraph ("... . از ماه گذشته ۴۰ نفر ...")."""
        return (
            frame.content
            and frame.subject is not None
            and not self.text[frame.sentence.start : frame.cue[0]].strip()
        )

    def _cited_in(self, speaker: Frame, cited: Frame) -> bool:
        """Whether an "according to" frame cites its source inside a speaker's reported
        speech (on the speaker's line, after the speaker's verb, at a sentence's end or
        anywhere in a briefing's summary)."""
        return (
            speaker.kind not in ("label", "according", "reporter")
            and reports_what_follows(speaker)
            and speaker.cue[1] <= cited.cue[0]
            and "\n" not in self.text[speaker.cue[1] : cited.cue[0]]
            # "..., according to Y." ends a sentence of the speech; "According to Y, ..."
            # opening one starts a new source's statement, but in a briefing's summary
            and (len(self.text[cited.sentence.start : cited.cue[0]].split()) >= 3
                 or self.introduces(speaker))
        )

    def carried(self, pos: int) -> Frame | None:
        """Reported speech runs on past its sentence ("X stated that A. B had been
        executed.", "X گفت که A. B ..."): the last "that"-statement of the paragraph
        before `pos` still speaks there, unless another speaker or a quotation came
        between."""
        i = bisect.bisect_left(self._cues, pos)
        if not i:
            return None
        j = i - 1
        while j > 0 and self.frames[j].kind == "according" and self._cited_in(
                self.frames[j - 1], self.frames[j]):
            j -= 1  # "X said ..., according to Y's data. ...": X's speech runs on past Y
        last = self._section_speaker(self.frames[j], j, pos)
        follows = reports_what_follows(last)
        if (
            last.kind in ("label", "according")
            or "words_only" in last.flags  # "described by X as “...”": X's words, no more
            or (last.kind == "reporter" and not self._leads(last))
            or not follows
            or last.subject is None
            or ("raw" in last.subject.flags and not is_name(last.subject.name))
            or last.scope[1] > pos
            or pos - last.scope[1] > _CARRY_SECTION
        ):
            return None
        between = self.text[last.cue[1] : pos]
        if "\n\n" in between:
            if not self.briefing(last, between):
                return None
        elif pos - last.scope[1] > _CARRY:
            return None
        q = bisect.bisect_left(self._quote_starts, pos)
        if q and self.quotes[q - 1].end > last.scope[1]:
            return None  # a quotation between: its own speaker may have taken over
        sentence = self.layout.sentence_at(pos)
        if sentence is None or sentence.heading:
            return None
        return last
