"""Screening and enrolment: the wizard (`wizard`), its screening pages (`pages`), the arm choice (`arm`)."""

from sle_desktop.ui.enrolment.arm import ArmWidget
from sle_desktop.ui.enrolment.wizard import EnrolmentWizard

__all__ = ["ArmWidget", "EnrolmentWizard"]
