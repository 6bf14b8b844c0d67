"""A child-protection core-group meeting, as said and as minuted, for the minutes comparison tests.

The transcript is what a recording of the meeting would give (first person, "I got the letter");
the minutes paraphrase it the way minutes do (third person, "Mum said she …") and carry deliberate
mistakes: a changed frequency, a negation, a changed role and a changed number. Two things said
(a promise of a nursery referral by Friday, an agreement to pay for bus passes) are left out.
`asr_transcript` gives the same meeting as a speech recogniser might: lower case, no punctuation,
no speaker labels, and a few misheard words.
"""

from __future__ import annotations

import re

from familyrecord.views.minutes import SpokenLine

SW = "Hannah Reid (Social Worker)"
MUM = "Kerry (Mum)"
NAN = "Pat (Nan)"
HV = "Amy Osei (Health Visitor)"
SCHOOL = "Mr Davies (School)"

SAID: list[tuple[str, str]] = [
    (SW, "Okay, thanks everyone for coming. Can everyone hear me all right?"),
    (MUM, "Yeah."),
    (SW, "This is the core group meeting for Tyler and Maisie. Kerry has asked to record it, which is fine."),
    (SW, "Shall we start with school? Mr Davies, how's Tyler getting on?"),
    (SCHOOL, "He's settled a lot better this term. His behaviour in class has really improved."),
    (SCHOOL, "Attendance is still a bit of a worry. He's missed three days this half term, two of those were "
             "the Monday after contact."),
    (MUM, "That was when the car broke down. I did ring the school both times."),
    (SCHOOL, "You did, yes, and we've marked them as authorised."),
    (SW, "Okay. Amy, do you want to go next with Maisie?"),
    (HV, "Yes. I saw Maisie last Thursday at home. Her weight is right on track, she's gained well since my "
         "last visit."),
    (HV, "The home was clean and tidy and Kerry had all her feeds written down, so no worries there."),
    (HV, "I'd like to see her again in six weeks for her development review."),
    (SW, "Thank you. Now contact. Liam's time with Tyler has been going well."),
    (SW, "So contact with Dad stays at twice a week at the family centre, Tuesdays and Thursdays after "
         "school, that doesn't change."),
    (MUM, "Tyler really looks forward to it. He comes back happy."),
    (SW, "Good. Kerry, the parenting course. Did you get the letter about the Triple P course?"),
    (MUM, "Yes, I got the letter on Monday, I've got it here. It starts on the 20th."),
    (SW, "Brilliant, that starts the 20th of March then, at the children's centre."),
    (MUM, "I'll be there."),
    (SW, "The other thing is mornings. Jodie, the family support worker, is going to come on Wednesday "
         "mornings to help with the school run."),
    (MUM, "That would help, Maisie's routine makes it hard to get him out on time."),
    (NAN, "I can help as well. I can pick Tyler up from school on Mondays and Fridays, that's no problem "
          "for me."),
    (SW, "Thanks Pat, that's really helpful."),
    (MUM, "The flat is still the big problem. There's damp in the kids' bedroom and Maisie keeps getting "
          "chesty."),
    (MUM, "I've put in a housing application and I've got an appointment with the housing officer on the "
          "14th."),
    (SW, "I'll send the minutes out within ten working days."),
    (SW, "And for Maisie, I will make the referral to Little Acorns nursery for her funded place by "
         "Friday, I promise you that."),
    (MUM, "Thank you, that would give me a break."),
    (SW, "Money for getting to contact has been difficult, hasn't it?"),
    (MUM, "Yeah, it's twenty pounds a week on buses."),
    (SW, "I spoke to my manager and we've agreed that children's services will pay for your bus passes "
         "from next week."),
    (MUM, "Oh, that's a big help, thank you."),
    (SW, "Is there anything else anyone wants to raise?"),
    (NAN, "Only that Tyler's been asking about his dad's birthday."),
    (SW, "We can think about a card for contact. Okay, next meeting."),
    (SW, "The next core group will be on the 2nd of April at 10 o'clock, here at the family centre."),
    (HV, "That works for me."),
    (SCHOOL, "Fine for school."),
    (MUM, "Yeah, that's fine."),
    (SW, "Thanks everyone, I'll stop the recording now."),
]

MINUTES = """OFFICIAL – SENSITIVE
Minutes of Core Group Meeting – Tyler and Maisie Jones
Date: 5 March 2024
Venue: Riverside Family Centre
Chair: Hannah Reid, Social Worker

Present:
Hannah Reid – Social Worker (Chair)
Kerry Jones – Mother
Pat Jones – Maternal Grandmother
Amy Osei – Health Visitor
Gareth Davies – Head of Year, Hillside Primary School

1. Education
1.1 School reported that Tyler has missed eight days of school this half
term.

2. Health
2.1 The health visitor reported that Maisie is gaining weight well and is on
track.

3. Contact
3.1 Contact between Tyler and his father will continue once a week at the
family centre.

4. Parenting and support
4.1 Mum said she did not receive the letter about the parenting course.
4.2 The health visitor will visit on Wednesday mornings to help with the
school run.
Core Group Minutes – Tyler and Maisie Jones                              Page 1 of 2

OFFICIAL – SENSITIVE
Core Group Minutes – Tyler and Maisie Jones
4.3 Maternal grandmother offered to collect Tyler from school on Mondays and
Fridays.

5. Housing
5.1 Kerry has applied for rehousing and has an appointment with the housing
officer on 14 March.

6. Date of next meeting
The next core group meeting will be held on 2 April at 10am at the family
centre.
Core Group Minutes – Tyler and Maisie Jones                              Page 2 of 2
"""

# Statement (in order) -> the transcript line it reports.
TARGETS = [5, 9, 13, 16, 19, 21, 24, 35]
# Statement -> the kind of deliberate mistake it carries, and the words the minutes changed.
ALTERED = {0: ("number", "eight"), 2: ("frequency", "once a week"), 3: ("negation", "not"),
           4: ("role", "health visitor")}
# Said in the meeting, left out of the minutes.
OMITTED = [26, 30]

_MISHEARD = {"Tyler": "tiler", "Maisie": "maisy", "Jodie": "jody", "course": "cause", "centre": "center",
             "behaviour": "behavior", "nursery": "nursing", "Acorns": "acorn", "Triple P": "triple pea",
             "three days": "3 days", "authorised": "authorized", "Liam's": "leon's"}


def transcript() -> list[SpokenLine]:
    lines: list[SpokenLine] = []
    clock = 4.0
    for number, (speaker, text) in enumerate(SAID):
        length = 1.2 + 0.33 * len(text.split())
        lines.append(SpokenLine(number + 1, round(clock, 2), round(clock + length, 2), text, speaker))
        clock += length + 0.6
    return lines


def asr_transcript() -> list[SpokenLine]:
    out: list[SpokenLine] = []
    for line in transcript():
        text = line.text
        for heard, misheard in _MISHEARD.items():
            text = re.sub(rf"\b{re.escape(heard)}\b", misheard, text)
        text = re.sub(r"[^\w\s'£]", "", text.lower())
        out.append(SpokenLine(line.id, line.start, line.end, re.sub(r"\s+", " ", text).strip(), ""))
    return out


# A second meeting, cut the way a speech recogniser cuts it: segments end mid-sentence and carry no
# speaker. A kinship carer's child-in-need review; the minutes turn "every Wednesday" into
# "fortnightly", and say Mum attended most contact when she came to two of five.
REVIEW_SAID = [
    "Right, so this is the child in need review for Ellie, um, and we've got",
    "Sharon here, Ellie's grandmother, who she lives with, and Mark from the school.",
    "So Sharon, how have things been since the last meeting?",
    "Honestly it's been hard. The allowance still hasn't come through, it's been",
    "four months now and I'm paying for everything out of my pension.",
    "Okay, I'm sorry to hear that. I'll chase that with the finance team today",
    "and I'll ring you back by Thursday with an answer.",
    "Thank you, because I've asked three times already.",
    "Mark, how's Ellie doing in school?",
    "She's doing really well actually. Her reading age has gone up by a year and she's",
    "made a couple of good friends. We've had no behaviour incidents this term at all.",
    "That's lovely. And the counselling, Sharon, is she still going?",
    "Yeah, she goes every Wednesday after school to the counsellor at the surgery,",
    "she's had six sessions out of ten so far.",
    "Good. And contact with her mum, how is that going?",
    "Her mum's only turned up to two out of the last five contacts. Ellie gets really upset",
    "when she doesn't come. I don't think it's fair on her to keep waiting.",
    "I understand. We need to look at that. I think what we'll do is move contact to",
    "the family centre so it's supervised, and if Mum doesn't confirm the day before it won't go ahead.",
    "That would be better, yeah.",
    "Okay, and the support plan. We agreed last time that you'd get respite, one weekend a month.",
    "That's never happened. Not once.",
    "Right, I'll raise that with my manager. That's not acceptable.",
    "Okay, I think that's everything. The next review will be in three months, I'll send the date out.",
]
REVIEW_MINUTES = """Child in Need Review – Ellie Green
Present: Lisa Moore (Social Worker), Sharon Green (Grandmother), Mark Hughes (Class Teacher)

1. Finance: Grandmother reported that the kinship allowance has not yet been paid.
2. School: Ellie's reading has improved and there have been no behavioural incidents this term.
3. Ellie attends counselling fortnightly at the GP surgery and has completed six sessions.
4. Contact: Mother has attended most contact sessions. Contact will move to the family centre and be
supervised.
5. Respite care of one weekend per month is in place as agreed in the support plan.
6. The next review will take place in three months.
"""
# Statement -> the segments its sentence was said in.
REVIEW_TARGETS = [(3, 4), (9, 10), (12, 13), (15, 16), (17, 18), (20,), (23,)]
REVIEW_OMITTED = [5, 6]  # "I'll chase that with the finance team today and I'll ring you back by Thursday"


def review_transcript() -> list[SpokenLine]:
    return [SpokenLine(i, 6.0 * i, 6.0 * i + 5.5, text) for i, text in enumerate(REVIEW_SAID)]
