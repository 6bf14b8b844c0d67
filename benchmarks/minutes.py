"""Minutes of 60 statements against a 2-hour transcript (~1800 lines): how long the candidates take.

    python benchmarks/minutes.py [--runs 5] [--lines 1800] [--statements 60]

The meeting is generated from templates with a varied vocabulary (fixed seed, so every run is the
same); each statement paraphrases one transcript line the way minutes do (third person, other
words), so the benchmark also prints how often that line is the top candidate. Times: building the
index plus candidates for every statement (the figure the issue asks for, target < 2 s), and the
whole comparison (differences and "said but not in the minutes" as well).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from familyrecord.views.minutes import PassageIndex, SpokenLine, compare, split_minutes
from familyrecord.views.minutes.text import stem, tokens

SPEAKERS = ["Hannah Reid (Social Worker)", "Kerry (Mum)", "Pat (Nan)", "Amy Osei (Health Visitor)",
            "Mr Davies (School)", "Sam Ortiz (Team Manager)", "Jodie (Family Support Worker)"]
CHILDREN = ["Tyler", "Maisie", "Leo", "Ruby", "Noah", "Isla"]
PLACES = ["the family centre", "school", "nursery", "the GP surgery", "the contact centre", "home",
          "the children's centre", "the housing office", "the dentist", "the library", "the park",
          "the swimming pool", "the hospital", "the leisure centre"]
THINGS = ["reading", "sleep routine", "bedtime", "breakfast club", "homework", "speech therapy",
          "dental check", "eye test", "vaccinations", "nappy rash", "weaning", "swimming lessons",
          "football club", "after-school club", "school uniform", "bus pass", "food bank voucher",
          "council tax", "rent arrears", "damp in the bedroom", "the boiler", "the washing machine",
          "the parenting course", "the counselling", "the drug test", "the hair strand test",
          "the domestic abuse course", "the Freedom Programme", "the Triple P course",
          "the referral to CAMHS", "the early help assessment", "the child and family assessment",
          "the pre-birth assessment", "the safety plan", "the written agreement", "the support plan",
          "the special guardianship assessment", "the kinship allowance", "the travel money",
          "the contact notes", "the school report", "the health plan", "the housing application"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve", "twenty"]
FREQUENCIES = ["once a week", "twice a week", "every day", "every other weekend", "fortnightly",
               "three times a week", "monthly"]
SAID = [
    "I think {child} is doing much better with {thing} since we started going to {place}.",
    "We talked about {thing} and I'll make sure it happens on {day}.",
    "{child} has missed {number} sessions of {thing} because the taxi didn't turn up.",
    "Contact at {place} is {frequency} and {child} enjoys it most of the time.",
    "I rang about {thing} on {day} but nobody called me back.",
    "The worry is {thing}, it keeps coming up and {child} gets upset at {place}.",
    "I can take {child} to {place} on {day} mornings, that's fine for me.",
    "We'll look at {thing} again in {number} weeks and see where we are.",
    "My concern is that {thing} hasn't been sorted and it's been {number} months now.",
    "I've done {number} sessions of {thing} and I've got the certificate for the first part.",
    "Can we come back to {thing}? I'm not sure {child} is getting what they need at {place}.",
    "Okay, thanks. Let's move on to {thing}.",
    "Yeah, that's right.",
    "{child} was really tired on {day} after {place} but settled well.",
]
MINUTED = [
    "{speaker} said {child} was making progress with {thing} since starting at {place}.",
    "{speaker} agreed to follow up {thing} on {day}.",
    "{speaker} reported that {child} had missed {number} sessions of {thing} due to transport problems.",
    "{speaker} confirmed contact at {place} is {frequency} and {child} enjoys it.",
    "{speaker} said she had phoned about {thing} on {day} and had no reply.",
    "{speaker} raised concerns about {thing} and {child} being upset at {place}.",
    "{speaker} offered to take {child} to {place} on {day} mornings.",
    "{thing} will be reviewed in {number} weeks.",
    "{speaker} said {thing} had not been resolved after {number} months.",
    "{speaker} has completed {number} sessions of {thing} and has a certificate for part one.",
    "{speaker} questioned whether {child} is getting the right support at {place} with {thing}.",
]


def meeting(lines: int, statements: int, seed: int = 12) -> tuple[list[SpokenLine], str, list[int]]:
    """A transcript, minutes text, and for each statement the line it paraphrases."""
    rng = random.Random(seed)
    transcript: list[SpokenLine] = []
    slots: list[tuple[int, int, dict[str, str]]] = []
    clock = 0.0
    for number in range(lines):
        template = rng.randrange(len(SAID))
        fill = {"child": rng.choice(CHILDREN), "thing": rng.choice(THINGS), "place": rng.choice(PLACES),
                "day": rng.choice(DAYS), "number": rng.choice(NUMBERS), "frequency": rng.choice(FREQUENCIES),
                "speaker": rng.choice(SPEAKERS)}
        text = SAID[template].format(**fill)
        length = 0.6 + 0.2 * len(text.split())
        end = round(clock + length, 2)
        transcript.append(SpokenLine(number, round(clock, 2), end, text, fill["speaker"]))
        clock += length + 0.3
        if template < len(MINUTED):
            slots.append((number, template, fill))
    said = Counter(line.text for line in transcript)
    unique = [slot for slot in slots if said[transcript[slot[0]].text] == 1]  # a repeat has no one answer
    chosen = sorted(rng.sample(unique, statements), key=lambda slot: slot[0])
    minutes = ["Minutes of the Core Group Meeting", "Present: Hannah Reid (SW), Kerry Jones (Mum)", ""]
    targets: list[int] = []
    for item, (number, template, fill) in enumerate(chosen, start=1):
        who = fill["speaker"].split(" (")[0]
        statement = MINUTED[template].format(**{**fill, "speaker": who})
        minutes.append(f"{item}. {statement[0].upper()}{statement[1:]}")
        targets.append(number)
    return transcript, "\n".join(minutes) + "\n", targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=1800)
    parser.add_argument("--statements", type=int, default=60)
    args = parser.parse_args()
    transcript, minutes, targets = meeting(args.lines, args.statements)
    hours = transcript[-1].end / 3600
    print(f"{len(transcript)} lines ({hours:.1f} h of speech), {len(targets)} statements")
    candidate_times: list[float] = []
    whole_times: list[float] = []
    hits = 0
    for _ in range(args.runs):
        statements = split_minutes(minutes).statements
        stem.cache_clear()  # every run starts cold, as the first comparison in a session does
        tokens.cache_clear()
        began = time.perf_counter()
        index = PassageIndex(transcript)
        found = [index.candidates(s.text) for s in statements]
        candidate_times.append(time.perf_counter() - began)
        hits = sum(1 for target, cands in zip(targets, found, strict=True)
                   if cands and cands[0].passage.first <= target <= cands[0].passage.last)
        stem.cache_clear()
        tokens.cache_clear()
        began = time.perf_counter()
        compare(minutes, transcript)
        whole_times.append(time.perf_counter() - began)
    print(f"top candidate is the paraphrased line: {hits}/{len(targets)}")
    print(f"index + candidates for all statements: median {statistics.median(candidate_times):.3f} s "
          f"over {args.runs} runs (target < 2 s)")
    print(f"whole comparison (with differences and omissions): median {statistics.median(whole_times):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
