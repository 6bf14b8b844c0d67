"""The letter and message form: what it says, what it is for, and the deadlines it starts."""

from __future__ import annotations

from familyrecord.records.enums import Channel, Direction, LetterPurpose, Significance
from familyrecord.records.models import Correspondence
from familyrecord.ui.records.forms.base import RecordForm


class CorrespondenceForm(RecordForm):
    record_type = Correspondence

    def build(self) -> None:
        self.page(self.tr("Details"))
        direction = self.choice("direction", self.tr("Received or sent:"), list(Direction))
        self.choice("channel", self.tr("How:"), list(Channel))
        dated = self.date("dated", self.tr("Date:"))
        self.line("from_name", self.tr("From:"))
        self.line("to_name", self.tr("To:"))
        self.line("subject", self.tr("Subject:"), self.tr("A few words saying what it is about."))
        self.text("body", self.tr("What it says:"))
        self.date("reply_needed_by", self.tr("Reply needed by:"))
        self.date("replied_on", self.tr("Replied on:"))
        purpose = self.choice("purpose", self.tr("What is this letter for?"), list(LetterPurpose),
                              self.tr("A complaint or a request for your records starts a clock: "
                                      "FamilyRecord can add the dates a reply is due."))
        self.choice("significance", self.tr("How important:"), list(Significance))
        self.children_picker()
        self.deadline_box(direction.currentIndexChanged, purpose.currentIndexChanged, dated.changed)
