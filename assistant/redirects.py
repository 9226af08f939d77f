"""Short redirects to whoever holds the fact, kept as data in ``prompts/redirects.yaml``.

Two kinds of questions get one: those outside social clauses (RSA → CAF and the
Department's social services, taxes → impots.gouv.fr, a road → Itinisère…) and those
inside them but too specific for the guides (a person's direct number → the facilitation
structure and the IVE service, who won a tender → the buyer's published data, a
consultation's date → its profil d'acheteur).

A topic's *signals* show that a message asks for that service's facts: the router then
redirects whatever the classifier says (:meth:`Redirects.sure`), and an abstention names that
service (:meth:`Redirects.hint`). Its *keywords* only name the service of a message the
classifier already finds out of scope (:meth:`Redirects.topic`).

A message that tells its situation before asking is redirected on what it asks (from its first
sentence ending with « ? », :func:`asked_words`): a signal found only in the story (« la boîte
qui a eu le lot ») does not redirect a question that shows one of the data's *field cues*
(« clause », « CCAP », « titulaire »…), and a topic outside the field found only in the story
(« une ancienne aide à domicile ») does not redirect a message that shows one anywhere, unless
the question only points back at the story (the data's *story questions*: « Je fais quoi ? »).

Signals may name the data's *fragments* (``<<town>>``, ``<<named_buyer>>``, ``<<did>>``…): one definition of a
named instance (a commune of the Isère, a company named by its name, a past act, a live figure) serves every
topic that recognises a fact of that instance, and each such topic's ``unless`` keeps rule questions that merely
name a place or a company answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.answerers import Answerers, load_answerers
from assistant.cues import Cues
from assistant.fr import fold, fold_words
from assistant.parts import message_sentences
from assistant.yaml_data import load_yaml


@dataclass(frozen=True)
class Topic:
    id: str
    pattern: re.Pattern[str] | None  # keywords, on folded text
    answer: str
    cues: Cues = Cues()  # on fold_words text
    intro: str | None = None
    field: bool = False  # inside social clauses but too specific for the guides (a name, an award…)
    # the situation its signals describe is itself the problem (« le sortant refuse de transmettre la liste du
    # personnel »): told in a story, it is redirected when the question only points back at it (« Je fais quoi ? »)
    situation: bool = False

    def signalled(self, words: str, whole: str | None = None) -> bool:
        """Whether ``words`` (the message through :func:`fold_words`) asks for this topic's facts; the
        ``unless`` also reads the ``whole`` message, when ``words`` is only its question (« … critère
        social du RC… ? on a des temps partiels à cause des horaires de cantine » is about the criterion)."""
        if whole is not None and self.cues.unless is not None and self.cues.unless.search(whole):
            return False
        return self.cues.find(words) is not None


@dataclass(frozen=True)
class Redirects:
    intro: str
    default: str
    topics: tuple[Topic, ...]
    unknown_intro: str = ""
    field_cues: tuple[re.Pattern[str], ...] = ()
    story_questions: tuple[re.Pattern[str], ...] = ()  # « je fais quoi ? »: the story told before is what is asked
    # one case the guides cannot know (a tender's result, a file, a local count…, assistant/case_specific.py): its
    # topic, and whether what a message asks is about one case
    case: Topic | None = None
    about_one_case: Callable[[str], bool] | None = None
    # a short message that only varies the previous one (« et si c'est 150 k€ ? »): after a redirect, same service
    follow_ups: tuple[re.Pattern[str], ...] = ()
    follow_up_words: int = 0
    # who can answer a question the guides leave open and no topic's signals redirect, by its topic
    answerers: Answerers | None = None

    def who_answers(self, kind: str, message: str) -> str | None:
        """The sentence of a ``kind`` of answer (``close``, ``clarify``, ``unknown``) naming who can answer the
        message, by its topic (:mod:`assistant.answerers`), or None when no topic is read."""
        if self.answerers is None:
            return None
        return self.answerers.line(kind, asked_words(message), message)

    def leaves_open(self, answer: str) -> bool:
        """Whether a card's ``answer`` says the guides do not settle the point (:meth:`Answerers.leaves_open`)."""
        return self.answerers is not None and self.answerers.leaves_open(answer)

    def sure(self, message: str) -> Topic | None:
        """The topic the message is to be redirected to: the first whose signals it shows, else the topic of
        one case when what it asks is about one case the guides cannot know."""
        signalled = self.signalled(message)
        if signalled is not None:
            return signalled
        return self.case if self.asks_about_one_case(message) else None

    def follow_up(self, message: str, previous: str | None) -> Topic | None:
        """The topic the ``previous`` (redirected) message was sent to, when ``message`` only varies it: short, opening
        like a follow-up (the data's ``follow_ups``) and naming nothing of social clauses (« et pour la clause,
        combien d'heures ? » is a question of its own)."""
        words = fold_words(message)
        if not previous or len(words.split()) > self.follow_up_words or self.about_the_field(words):
            return None
        if not any(cue.match(words) for cue in self.follow_ups):
            return None
        return self.sure(previous)

    def about(self, message: str, previous: str | None = None) -> str:
        """What a redirect answers: the message itself, or, for a follow-up that only varies the ``previous``
        redirected message (:meth:`follow_up`), both together, so that the same service is named."""
        if previous and self.sure(message) is None and self.follow_up(message, previous) is not None:
            return f"{previous} {message}"
        return message

    def asks_about_one_case(self, message: str) -> bool:
        """Whether what the message asks (:func:`asked_words`) is about one tender, file, person or local count."""
        if self.case is None or self.about_one_case is None:
            return False
        return self.about_one_case(asked_words(message))

    def signalled(self, message: str) -> Topic | None:
        """The first topic whose signals the message shows.

        A signal found only in the situation told before the question (not in the sentences that
        ask, :func:`asked_words`) does not redirect a question that shows a field cue: « j'accompagne
        une ancienne aide à domicile… comment la positionner sur la clause ? » is about the clause."""
        words = fold_words(message)
        asked = fold_words(asked_words(message))
        if asked == words:
            return self._first_signalled(words)
        in_question = self._first_signalled(asked, whole=words)
        if in_question is not None:
            return in_question
        in_story = self._first_signalled(words)
        if in_story is not None and in_story.situation and self.points_back(first_asked(message)):
            return in_story
        if self.about_the_field(asked):
            return None
        if in_story is None or in_story.field or not self.about_the_field(words):
            return in_story
        # a topic outside the field, told in the story of a message about a clause: redirected only when
        # the question merely points back at that story (« … sanction sur son RSA ? Je lui réponds quoi ? »)
        return in_story if self.points_back(first_asked(message)) else None

    def points_back(self, sentence: str) -> bool:
        """Whether a question only points back at the situation told before it (« Je fais quoi ? »)."""
        words = " ".join(re.findall(r"\w+", fold_words(sentence)))  # the question mark and spacing left out
        return bool(words) and any(cue.fullmatch(words) for cue in self.story_questions)

    def _first_signalled(self, words: str, whole: str | None = None) -> Topic | None:
        return next((topic for topic in self.topics if topic.signalled(words, whole)), None)

    def about_the_field(self, words: str) -> bool:
        """Whether ``words`` (through :func:`fold_words`) show a cue only social clauses use."""
        return any(cue.search(words) for cue in self.field_cues)

    def asks_about_the_field(self, message: str) -> bool:
        """Whether what the message asks (:func:`asked_words`) shows a cue only social clauses use."""
        return self.about_the_field(fold_words(asked_words(message)))

    def offers_rules(self, topic: Topic, message: str) -> bool:
        """Whether a redirect to ``topic`` also offers the closest answer cards: a topic inside the field (a contact,
        a date, a file's state), or one outside it asked about in the words of the field (« répondre à des marchés
        publics nous fait-il perdre notre statut non lucratif ? »: the guides answer who must bid, not the tax)."""
        return topic.field or self.about_the_field(fold_words(message))

    def topic(self, message: str) -> Topic | None:
        """The topic the message is about: by its signals, else by its keywords. A question about one case that
        names the field (a clause, a tender, a holder…) takes the topic of one case, whatever words it shares with
        another topic (« les heures du chantier du collège » are no question on its canteen)."""
        signalled = self.signalled(message)
        if signalled is not None:
            return signalled
        one_case = self.asks_about_one_case(message)
        if one_case and self.asks_about_the_field(message):
            return self.case
        folded = fold(message)
        keyed = next((t for t in self.topics if t.pattern is not None and t.pattern.search(folded)), None)
        return keyed or (self.case if one_case else None)

    def answer(self, message: str) -> str:
        """The redirect: an intro (the topic's own, or « outside the field ») and where to ask."""
        topic = self.topic(message)
        if topic is None:
            return f"{self.intro} {self.default}"
        return f"{topic.intro or self.intro} {topic.answer.strip()}"

    def hint(self, message: str) -> str | None:
        """Where to ask, for an abstention on a topic the message's signals show (None otherwise).

        Keywords alone are not enough here: an unanswered question on a collège's works
        contract must not be sent to the collège's canteen.
        """
        topic = self.sure(message)
        if topic is None:
            return None
        return f"{topic.intro} {topic.answer.strip()}" if topic.intro else topic.answer.strip()

    def abstention(self, message: str) -> str | None:
        """A full « I don't find it » answer that names the service of the message's topic, or None."""
        hint = self.hint(message)
        return f"{self.unknown_intro} {hint}".strip() if hint else None


def first_asked(message: str) -> str:
    """The first sentence of a message that ends with « ? » (« » when none does)."""
    return next((s for s in message_sentences(message) if s.endswith("?")), "")


def asked_words(message: str) -> str:
    """What a message asks: from its first sentence ending with « ? » to its end (« … ? vous avez
    son numéro ? j'aimerais l'appeler »), the situation told before left out; the whole message
    when no sentence ends with « ? »."""
    sentences = message_sentences(message)
    first = next((i for i, sentence in enumerate(sentences) if sentence.endswith("?")), 0)
    return " ".join(sentences[first:])


def _keywords(raw: dict) -> re.Pattern[str] | None:
    words = [fold(str(word)) for word in raw.get("keywords") or [] if str(word).strip()]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


class UnknownFragment(ValueError):
    """A redirect signal names a fragment (``<<name>>``) that the data's ``fragments`` do not define."""


class InvalidFragment(ValueError):
    """A fragment of the data is not text (an unquoted « (?: … ) » item that YAML read as a mapping)."""


_FRAGMENT = re.compile(r"<<(\w+)>>")


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """``pattern`` with each ``<<name>>`` replaced by that fragment, as a non-capturing group: one definition of
    a named instance (a commune of the Isère, a company named) serves every signal that needs one."""

    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise UnknownFragment(f"fragment inconnu : {name!r}")
        return f"(?:{fragments[name]})"

    return _FRAGMENT.sub(fragment, pattern)


def read_fragments(raw: dict) -> dict[str, str]:
    """The data's named fragments; a list of words or patterns becomes one alternation, fragments may use those
    defined before them."""
    fragments: dict[str, str] = {}
    for name, value in (raw or {}).items():
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) for item in items):
            raise InvalidFragment(f"fragment {name!r} : chaque élément doit être un texte (mettez-le entre guillemets)")
        fragments[str(name)] = expand("|".join(items), fragments)
    return fragments


def _topic(raw: dict, fragments: dict[str, str] | None = None) -> Topic:
    fragments = fragments or {}
    signals = [expand(str(signal), fragments) for signal in raw.get("signals") or ()]
    unless = expand(str(raw["unless"]), fragments) if raw.get("unless") else None
    return Topic(
        id=str(raw["id"]),
        pattern=_keywords(raw),
        answer=str(raw["answer"]),
        cues=Cues.from_data(signals, unless),
        intro=str(raw["intro"]).strip() if raw.get("intro") else None,
        field=bool(raw.get("field", False)),
        situation=bool(raw.get("situation")),
    )


def load_redirects(
    path: Path,
    cases: Path | None = None,
    utterances: Path | None = None,
    cache_dir: Path | None = None,
    answerers: Path | None = None,
) -> Redirects:
    """The redirects of ``path``; with ``cases`` (``prompts/case_specific.yaml``) and the intent data ``utterances``,
    also the topic of questions about one case and the detector that recognises them (cached in ``cache_dir``); with
    ``answerers`` (``prompts/answerers.yaml``), who can answer a question left open, by its topic."""
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    fragments = read_fragments(data.get("fragments") or {})
    topics = [_topic(raw, fragments) for raw in data.get("topics") or []]
    case, about_one_case = None, None
    if cases is not None and cases.is_file():
        from assistant.case_specific import load_case_detector

        case_data = load_yaml(cases.read_text(encoding="utf-8")) or {}
        case = _topic({**case_data["topic"], "field": True})
        detector = load_case_detector(cases, utterances, cache_dir)
        # one model call per message: routing, the answer and the abstention all ask
        about_one_case = lru_cache(maxsize=256)(detector.detects) if detector is not None else None
    return Redirects(
        intro=str(data.get("intro", "")).strip(),
        default=str(data.get("default", "")).strip(),
        topics=tuple(topics),
        unknown_intro=str(data.get("unknown_intro", "")).strip(),
        field_cues=tuple(re.compile(str(cue)) for cue in data.get("field_cues") or ()),
        story_questions=tuple(re.compile(str(cue)) for cue in data.get("story_questions") or ()),
        follow_ups=tuple(re.compile(str(cue)) for cue in data.get("follow_ups") or ()),
        follow_up_words=int(data.get("follow_up_words") or 0),
        case=case,
        about_one_case=about_one_case,
        answerers=load_answerers(answerers) if answerers is not None else None,
    )
