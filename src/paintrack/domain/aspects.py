"""The four aspects of pain reprocessing therapy (PRT), as a reflection aid (the article "Can the Brain Be Trained to Reduce Pain?").

PRT trains the brain to answer pain with safety instead of danger across four aspects:
cognitive, emotional, behavioral and "autonomic". Not everyone needs work on all of them
("there are those who avoid nothing, but for whom the pain triggers a strong emotional
response"), so a person rates how much each one fits them, 0 not at all … 10 completely, and
the plan view emphasises the ones that fit. This is a reflection aid to discuss with a
therapist, not a scored or validated instrument: the ratings are never summed or compared
with anyone else's. Pure; nothing here imports pydantic or rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paintrack.domain.records import AspectsReflection

#: An aspect is emphasised when it is rated at least this much (the upper half of 0–10).
EMPHASIS_THRESHOLD = 5
REFLECTION_AID = (
    "A reflection aid, not a scored instrument: the ratings say where to put the emphasis, "
    "they are not summed and not compared with anyone else's."
)


@dataclass(frozen=True)
class Aspect:
    """One of the aspects of pain the plan can reflect on, with its question and techniques."""
    id: str
    name: str
    about: str
    question: str
    techniques: tuple[str, ...]


ASPECTS: tuple[Aspect, ...] = (
    Aspect(
        "cognitive",
        "Cognitive",
        "thoughts and beliefs that pain means damage or danger: fear of causing harm in "
        "harmless activities, a belief that the body is 'damaged'",
        "When the pain comes, how much do you think it means something is damaged or that you must stop?",
        ("pain education: how pain works, imaging findings, the body's capacity to recover",
         "the evidence sheet: track your own patterns (`paintrack evidence`)"),
    ),
    Aspect(
        "emotional",
        "Emotional",
        "fear, frustration, despair — or milder threat and aversion: 'it annoys me that it's there', 'I'm fed up with it'",
        "How much does the pain bring fear, frustration or a sense of threat?",
        ("somatic tracking: attend to the sensation with curiosity and without judgement",
         "safety reappraisal: remind yourself the sensation is safe"),
    ),
    Aspect(
        "behavioral",
        "Behavioral",
        "avoiding what might increase the pain, and 'fixing' behaviours: repeated stretching, "
        "massaging, trying to get a 'click' out of it",
        "How much do you avoid activities, or keep trying to fix the pain (stretching, massaging, checking)?",
        ("graded exposure: return to avoided activities step by step, within your abilities",
         "drop the fixing behaviours gradually"),
    ),
    Aspect(
        "autonomic",
        "Autonomic",
        "stress responses in the body: trembling or freezing, shallow breathing, a racing "
        "heart, nausea, dizziness, restlessness",
        "When the pain comes, how strongly does your body react with stress (breathing, heart rate, tension)?",
        ("breathing exercises and relaxation", "mindfulness and grounding exercises"),
    ),
)
BY_ID = {a.id: a for a in ASPECTS}
ASPECT_IDS = tuple(BY_ID)


def emphasis(reflection: AspectsReflection | None) -> list[Aspect]:
    """The aspects to emphasise: rated EMPHASIS_THRESHOLD or more, highest rating first
    (ties in the usual order cognitive, emotional, behavioral, autonomic). An unrated aspect
    is not emphasised; an empty list means none stands out."""
    if reflection is None:
        return []
    order = {a.id: i for i, a in enumerate(ASPECTS)}
    ratings = dict(reflection.ratings)
    chosen = [a for a in ASPECTS if ratings.get(a.id, -1) >= EMPHASIS_THRESHOLD]
    return sorted(chosen, key=lambda a: (-ratings[a.id], order[a.id]))


def latest(reflections: Sequence[AspectsReflection]) -> AspectsReflection | None:
    """The newest reflection (the journal keeps them in date order, one a day)."""
    return reflections[-1] if reflections else None
