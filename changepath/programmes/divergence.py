"""When the participant's account of change and the evidence from elsewhere pull apart, say so to the worker.

People who use abuse often describe more change than the people around them see, and turning up is not
the same as changing. Two checks, over structured data only (ratings, the attendance rate and the
reviewer's `others_report_concern` flag), never over free text, so each prompt can be explained and
tested:

1. views_diverge: at the latest held review the participant rates their own progress high
   (HIGH_SELF_RATING or more out of 5) while partner support or another agency reports concern.
2. attending_without_change: attendance is high (HIGH_ATTENDANCE or more of at least
   MIN_SESSIONS_FOR_RATE recorded sessions) but the progress rating at the latest held review is no
   higher than at the first (at least two held reviews).

A prompt asks the worker to look again; it decides nothing and is never shown to the participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Protocol

HIGH_SELF_RATING = 4
HIGH_ATTENDANCE = 0.8
MIN_SESSIONS_FOR_RATE = 6  # fewer marks say little about a pattern


class ReviewFacts(Protocol):
    """What the checks read from a review (a Review instance has these)."""

    held_on: date | None
    progress: int | None
    others_report_concern: bool


@dataclass(frozen=True)
class Prompt:
    kind: str  # views_diverge | attending_without_change
    heading: str
    text: str


def divergence(reviews: Iterable[ReviewFacts], attendance_rate: float | None, sessions_recorded: int) -> list[Prompt]:
    """The prompts that apply to one participant; an empty list when the evidence agrees."""
    held = sorted((r for r in reviews if r.held_on is not None and r.progress is not None), key=lambda r: r.held_on)
    if not held:
        return []
    first, latest = held[0], held[-1]
    prompts = []
    if latest.progress >= HIGH_SELF_RATING and latest.others_report_concern:
        prompts.append(Prompt("views_diverge", "The participant's view and others' view differ", (
            f"The participant rates their progress {latest.progress} out of 5, but at the same review partner "
            "support or another agency reported continuing concern. Do not take the participant's view as the "
            "measure of change: talk to partner support before the next session and consider a risk review."
        )))
    attends = (attendance_rate is not None and sessions_recorded >= MIN_SESSIONS_FOR_RATE
               and attendance_rate >= HIGH_ATTENDANCE)
    if attends and len(held) >= 2 and latest.progress <= first.progress:
        prompts.append(Prompt("attending_without_change", "Attending, but no change yet", (
            f"Attendance is high ({attendance_rate:.0%} of {sessions_recorded} sessions), but the progress rating "
            f"has not risen since the first review ({first.progress} then, {latest.progress} now). Being present "
            "is not the same as changing: explore what is getting in the way at the next review."
        )))
    return prompts
