"""Words the data generator builds its catalogue from: names, topics, titles, article bodies.

All of it is invented for load testing. A few Markdown bodies are rendered once and shared by
every article, so generating 100k articles costs no Markdown rendering per row.
"""

TOPIC_NAMES = [
    "Sleep", "Anxiety", "Stress", "Low mood", "Depression", "Focus", "Breathing",
    "Self-compassion", "Relationships", "Grief", "Burnout", "Panic", "Body scan",
    "Gratitude", "Loneliness", "Anger", "Worry", "Motivation", "Medication",
    "Therapy skills", "Work", "Parenting", "Pain", "Rumination", "Resilience",
    "Mindful movement", "Morning practice", "Evening wind-down", "Kindness",
    "Confidence", "Habits", "Nature", "Trauma-informed care", "Students",
    "Perfectionism", "Change", "Acceptance", "Hope", "Calm", "Sleep stories",
]  # fmt: skip

TOPIC_WORDS = [
    "Steady", "Gentle", "Quiet", "Everyday", "Practical", "Kind", "Clear", "Open",
]  # fmt: skip

FIRST_NAMES = [
    "Ada", "Bilal", "Chiara", "Dmitri", "Esi", "Farah", "Gustav", "Hana", "Ines", "Jonah",
    "Keiko", "Luca", "Mirela", "Nils", "Oluwaseun", "Priya", "Quentin", "Rania", "Soren",
    "Tamsin", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zofia",
]  # fmt: skip

LAST_NAMES = [
    "Abara", "Brandt", "Castillo", "Delacroix", "Eriksen", "Fontaine", "Gallagher",
    "Haidari", "Ivanova", "Jansen", "Kowalczyk", "Lindgren", "Moreau", "Nakamura",
    "Osei", "Petrov", "Quinlan", "Rossi", "Sandoval", "Takahashi",
]  # fmt: skip

CREDENTIALS = [
    "PsyD, licensed clinical psychologist",
    "MD, board-certified psychiatrist",
    "PharmD, psychiatric pharmacist",
    "MSc, accredited CBT psychotherapist",
    "DClinPsy, clinical psychologist",
    "",
    "",
]

TITLE_OPENINGS = [
    "Understanding", "A gentle guide to", "What to expect from", "Five questions about",
    "Living with", "Talking to your clinician about", "Small steps for", "The science of",
    "Myths and facts about", "Making sense of",
]  # fmt: skip

TRACK_OPENINGS = [
    "Settling into", "A short practice for", "Letting go of", "Breathing through",
    "Resting with", "Ten quiet minutes for", "An evening with", "Coming back to",
]  # fmt: skip

TIME_ZONES = [
    "UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
    "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Africa/Lagos",
]  # fmt: skip

TRANSCRIPT = (
    "WEBVTT\n\n00:00.000 --> 00:05.000\nFind a position that feels supported.\n\n"
    "00:05.000 --> 00:11.000\nLet your breath arrive on its own, without changing it.\n"
)

_PARAGRAPH = (
    "Many people notice that {topic} changes from day to day. That is expected: mood, sleep "
    "and stress all move together, and a difficult week says little about the months ahead. "
    "What helps most is a routine small enough to keep on a bad day, and someone to talk to "
    "when it is not enough. Clinicians often suggest starting with one change at a time, "
    "keeping a simple record of what you tried and how it felt, and reviewing it together "
    "after a few weeks. The record does not need to be perfect; gaps are information too, and "
    "they often show which parts of the day make a new habit hard to keep."
)

_BODIES = [
    """## Why this matters

{p}

{p}

## What you can try

1. Notice the moment {topic} starts to build, and name it.
2. Take three slow breaths, longer out than in.
3. Write down one thing you will do in the next hour.

> Progress is rarely a straight line. Setbacks are part of it, not a sign of failure.

## When to ask for help

{p} If you feel unsafe, contact [a crisis line](https://example.org/crisis) or emergency
services now.
""",
    """## The short version

{p}

| Approach | What it involves | Typical time |
| --- | --- | --- |
| Guided practice | A recorded meditation | 10 minutes a day |
| Talking therapy | Weekly sessions with a therapist | 8 to 16 weeks |
| Medication review | A conversation with your prescriber | 20 minutes |

## In more detail

{p}

{p}

- Keep a short diary for two weeks.
- Bring it to your next appointment.
- Ask what the **next step** would be if nothing changes.
""",
    """## Before you start

{p}

## A five-minute exercise

Sit or lie down. Let your attention rest on the breath. When your mind wanders to
{topic}, *notice where it went* and come back. That noticing is the practice.

{p}

## Common questions

**Is it normal to feel worse at first?** Sometimes. {p}

**How often should I practise?** A little every day helps more than a long session once
a week.
""",
    """## What the research says

{p}

{p}

## What it means for you

{p}

### Three things to remember

- Change takes weeks, not days.
- Your clinician wants to hear what is and is not working.
- Stopping a treatment suddenly can cause problems; plan changes together.

See the [full guideline](https://example.org/guideline) for the evidence.
""",
]


def article_bodies(topic: str = "how you feel") -> list[str]:
    """The Markdown body templates, filled in (the same text for every article that uses one)."""
    paragraph = _PARAGRAPH.format(topic=topic)
    return [body.format(p=paragraph, topic=topic) for body in _BODIES]
