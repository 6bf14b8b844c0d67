"""The default timescales table, kept as plain data (no logic): one mapping per rule.

`familyrecord.timescales.rules.load_rules` checks every row; see that module for what each column
means. Numbers follow ../shared/GLOSSARY.md (national defaults; local procedures vary, and rules with
`local_practice` tell the family to check theirs). `{due}` in a wording becomes e.g. "Tue 3 Dec 2024".

Kept as a Python module rather than a TOML file because package data is only shipped from
familyrecord/resources/ (pyproject's [tool.setuptools.package-data]).
"""

from __future__ import annotations

WORKING_TOGETHER = "Working Together to Safeguard Children 2023 (Wales: Wales Safeguarding Procedures)"
LOCAL_CP_PROCEDURES = "Local child protection procedures (Wales: Wales Safeguarding Procedures)"
CARE_REVIEWS = "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33"
COMPLAINT_REGS = "Children Act 1989 Representations Procedure (England) Regulations 2006"

RULES: tuple[dict[str, object], ...] = (
    # Child protection
    {
        "id": "icpc_after_strategy_discussion",
        "trigger_kind": "meeting", "trigger_subtypes": ["strategy_discussion"],
        "offset": 15, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "Initial child protection conference due",
        "wording": "The initial child protection conference should be held within 15 working days of "
                   "the strategy discussion: by {due}.",
        "source": WORKING_TOGETHER, "local_practice": False,
    },
    {
        "id": "first_core_group_after_icpc",
        "trigger_kind": "meeting", "trigger_subtypes": ["icpc"],
        "offset": 10, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "First core group meeting due",
        "wording": "The first core group meeting should be held within 10 working days of the "
                   "conference: by {due}.",
        "source": WORKING_TOGETHER, "local_practice": False,
    },
    {
        "id": "first_review_conference",
        "trigger_kind": "meeting", "trigger_subtypes": ["icpc"],
        "offset": 3, "unit": "calendar_months", "if_not_working_day": "previous",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "First review conference due",
        "wording": "The first review child protection conference should be held within 3 months of "
                   "the initial conference: by {due}.",
        "source": WORKING_TOGETHER, "local_practice": False,
    },
    {
        "id": "next_review_conference",
        "trigger_kind": "meeting", "trigger_subtypes": ["rcpc"],
        "offset": 6, "unit": "calendar_months", "if_not_working_day": "previous",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "Next review conference due",
        "wording": "The next review conference should be held no more than 6 months after this one: "
                   "by {due}.",
        "source": WORKING_TOGETHER, "local_practice": False,
    },
    {
        "id": "reports_before_conference",
        "trigger_kind": "meeting", "trigger_subtypes": ["icpc", "rcpc"],
        "offset": -2, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "report_before_meeting",
        "title": "Conference report due to you",
        "wording": "The report for the conference is commonly shared with you at least 2 working days "
                   "before it: by {due}.",
        "source": LOCAL_CP_PROCEDURES, "local_practice": True,
    },
    {
        "id": "conference_outline_plan_sent",
        "trigger_kind": "meeting", "trigger_subtypes": ["icpc", "rcpc"],
        "offset": 5, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "meeting_record",
        "title": "Conference decisions and outline plan due to you",
        "wording": "The conference decisions and outline plan are commonly sent within 1 to 5 working "
                   "days (Wales: within 5): by {due}.",
        "source": LOCAL_CP_PROCEDURES, "local_practice": True,
    },
    {
        "id": "conference_record_sent",
        "trigger_kind": "meeting", "trigger_subtypes": ["icpc", "rcpc"],
        "offset": 15, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "meeting_record",
        "title": "Conference record (minutes) due to you",
        "wording": "The full conference record (minutes) is commonly sent within 10 to 15 working days "
                   "(Wales: no later than 20): by {due}.",
        "source": LOCAL_CP_PROCEDURES, "local_practice": True,
    },
    {
        "id": "comments_on_conference_record",
        "trigger_kind": "minutes_received", "trigger_subtypes": ["icpc", "rcpc"],
        "offset": 10, "unit": "working_days",
        "who": "you", "deadline_kind": "reply",
        "title": "Send corrections to the conference record",
        "wording": "Send the conference chair any corrections to the record. Wales allows 10 working "
                   "days from getting it; in England ask the chair at once: by {due}.",
        "source": LOCAL_CP_PROCEDURES, "local_practice": True,
    },
    # Children in care
    {
        "id": "first_child_in_care_review",
        "trigger_kind": "event", "trigger_subtypes": ["came_into_care"],
        "offset": 20, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "First child-in-care review due",
        "wording": "The first child-in-care review should be held within 20 working days of the child "
                   "coming into care: by {due}.",
        "source": CARE_REVIEWS, "local_practice": False,
    },
    {
        "id": "second_child_in_care_review",
        "trigger_kind": "meeting", "trigger_subtypes": ["lac_review_first"],
        "offset": 3, "unit": "calendar_months", "if_not_working_day": "previous",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "Second child-in-care review due",
        "wording": "The second child-in-care review should be held within 3 months of the first: "
                   "by {due}.",
        "source": CARE_REVIEWS, "local_practice": False,
    },
    {
        "id": "next_child_in_care_review",
        "trigger_kind": "meeting", "trigger_subtypes": ["lac_review"],
        "offset": 6, "unit": "calendar_months", "if_not_working_day": "previous",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "Next child-in-care review due",
        "wording": "The next child-in-care review should be held no more than 6 months after this one: "
                   "by {due}.",
        "source": CARE_REVIEWS, "local_practice": False,
    },
    # Complaints (Children Act 1989 representations procedure)
    {
        "id": "complaint_stage_1_response",
        "trigger_kind": "correspondence_sent", "trigger_subtypes": ["complaint_stage_1"],
        "offset": 10, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "complaint_response",
        "title": "Reply to your stage 1 complaint due",
        "wording": "The council should reply to your complaint within 10 working days of getting it "
                   "(20 if it tells you it needs longer): by {due}.",
        "source": COMPLAINT_REGS + ", regulation 14", "local_practice": False,
    },
    {
        "id": "complaint_stage_2_response",
        "trigger_kind": "correspondence_sent", "trigger_subtypes": ["complaint_stage_2"],
        "offset": 25, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "complaint_response",
        "title": "Stage 2 complaint answer due",
        "wording": "The council should answer your stage 2 complaint within 25 working days (up to 65 "
                   "if it tells you why): by {due}.",
        "source": COMPLAINT_REGS + ", regulation 17", "local_practice": False,
    },
    {
        "id": "complaint_review_panel",
        "trigger_kind": "correspondence_sent", "trigger_subtypes": ["complaint_stage_3"],
        "offset": 30, "unit": "working_days",
        "who": "local_authority", "deadline_kind": "complaint_response",
        "title": "Complaint review panel due",
        "wording": "The review panel should meet within 30 working days of the council getting your "
                   "request (England): by {due}.",
        "source": COMPLAINT_REGS + ", regulation 19", "local_practice": False,
    },
    {
        "id": "ask_for_stage_2",
        "trigger_kind": "correspondence_received", "trigger_subtypes": ["complaint_stage_1_response"],
        "offset": 20, "unit": "working_days",
        "who": "you", "deadline_kind": "complaint_escalation",
        "title": "Ask for stage 2 if you are not happy",
        "wording": "If you are not happy with the stage 1 reply, ask for stage 2 within 20 working days "
                   "of getting it: by {due}.",
        "source": COMPLAINT_REGS + "; Getting the Best from Complaints (2006)", "local_practice": True,
    },
    {
        "id": "ask_for_review_panel",
        "trigger_kind": "correspondence_received", "trigger_subtypes": ["complaint_stage_2_response"],
        "offset": 20, "unit": "working_days",
        "who": "you", "deadline_kind": "complaint_escalation",
        "title": "Ask for a review panel if you are not happy",
        "wording": "If you are not happy with the stage 2 answer, ask for a review panel within 20 "
                   "working days of getting it: by {due}.",
        "source": COMPLAINT_REGS + "; Getting the Best from Complaints (2006)", "local_practice": True,
    },
    {
        "id": "ombudsman_after_complaints",
        "trigger_kind": "correspondence_received", "trigger_subtypes": ["complaint_final_response"],
        "offset": 12, "unit": "calendar_months",
        "who": "you", "deadline_kind": "complaint_escalation",
        "title": "Go to the Ombudsman if you are still not happy",
        "wording": "If you are still not happy, you can ask the Local Government and Social Care "
                   "Ombudsman (Wales: Public Services Ombudsman for Wales) to look at it. It normally "
                   "expects to hear within 12 months of when you knew of the problem, so do not wait. "
                   "12 months from this reply: {due}.",
        "source": "Local Government Act 1974, section 26B; Local Government and Social Care Ombudsman",
        "local_practice": False,
    },
    # Records
    {
        "id": "subject_access_response",
        "trigger_kind": "correspondence_sent", "trigger_subtypes": ["subject_access_request"],
        "offset": 1, "unit": "calendar_months", "if_not_working_day": "next",
        "who": "local_authority", "deadline_kind": "subject_access",
        "title": "Answer to your subject access request due",
        "wording": "The council must answer your subject access request within one month of getting it: "
                   "by {due}. It can take two more months for a complex request, but must tell you why "
                   "within the first month.",
        "source": "UK GDPR Article 12(3); ICO guidance on the right of access", "local_practice": False,
    },
    # Court and pre-proceedings
    {
        "id": "care_proceedings_26_weeks",
        "trigger_kind": "event", "trigger_subtypes": ["care_application_issued"],
        "offset": 26, "unit": "weeks", "start_day_counts": True,
        "who": "court", "deadline_kind": "court",
        "title": "Care proceedings 26-week limit",
        "wording": "Care proceedings should finish within 26 weeks, counting the day the application "
                   "was issued as the first day: by {due}. The court can extend this, 8 weeks at a time.",
        "source": "Children Act 1989 section 32(1)(a), as amended by Children and Families Act 2014 "
                  "section 14; Practice Direction 12A",
        "local_practice": False,
    },
    {
        "id": "pre_proceedings_review",
        "trigger_kind": "meeting", "trigger_subtypes": ["plo"],
        "offset": 6, "unit": "weeks", "if_not_working_day": "previous",
        "who": "local_authority", "deadline_kind": "meeting",
        "title": "Pre-proceedings review meeting due",
        "wording": "A review of the pre-proceedings plan is commonly held about 6 weeks after a "
                   "pre-proceedings meeting: by {due}. Ask what date was agreed.",
        "source": "Public Law Outline pre-proceedings guidance and local procedures",
        "local_practice": True,
    },
)
