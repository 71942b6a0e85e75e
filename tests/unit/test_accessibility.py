"""The accessibility statement holds what the regulations ask for; the contrast arithmetic matches WCAG's."""

import datetime

import pytest

from kpi.accessibility import KNOWN_ISSUES, Contact, contact_from, contrast, long_date, statement

REQUIRED = (
    "Using this dashboard",
    "How accessible this dashboard is",
    "Feedback and contact information",
    "Reporting accessibility problems with this dashboard",
    "Enforcement procedure",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
)


def words(s) -> str:
    return "\n".join(
        [s.title, s.summary] + [" ".join((x.heading, *x.paragraphs, *x.bullets, *x.after)) for x in s.sections]
    )


def test_the_statement_has_every_part_of_the_model_statement():
    s = statement()
    headings = [x.heading for x in s.sections]
    assert all(h in headings for h in REQUIRED), set(REQUIRED) - set(headings)
    text = words(s)
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2, level AA" in text
    assert "Equality and Human Rights Commission (EHRC)" in text and "Equality Advisory and Support Service" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text
    assert "prepared on 3 December 2026. It was last reviewed on 3 December 2026" in text
    assert "axe-core" in text and "keyboard" in text  # how it was tested
    assert s.reviewed == s.prepared == datetime.date(2026, 12, 3)


def test_each_known_issue_says_what_why_which_criteria_and_what_next():
    s = statement()
    listed = next(x for x in s.sections if x.heading == "Non-accessible content").bullets
    assert len(listed) == len(KNOWN_ISSUES) >= 3
    for (what, why, criteria, plan), line in zip(KNOWN_ISSUES, listed):
        assert line.startswith(what) and why in line and criteria in line and plan in line
        assert criteria[0].isdigit()  # WCAG success criteria by number
    assert any("PDF" in what for what, *_ in KNOWN_ISSUES)  # the pack's remaining gaps are named


def test_contact_details_and_response_time_come_from_settings():
    s = statement(
        contact_from(
            {
                "organisation": "Kent County Council",
                "email": "a@kent.gov.uk",
                "phone": "03000 41 41 41",
                "response_days": "3",
            }
        )
    )
    text = words(s)
    assert "run by Kent County Council" in text and "email a@kent.gov.uk or call 03000 41 41 41" in text
    assert "within 3 working days" in text and not s.missing_contact
    bare = statement(contact_from({}))
    assert "your local authority" in words(bare) and "within 5 working days" in words(bare)
    assert "[accessibility]" in bare.missing_contact
    assert contact_from({"response_days": "soon"}).response_days == 5
    assert not Contact(organisation="Kent").complete and Contact("Kent", phone="1").complete


def test_long_dates_read_as_gov_uk_writes_them():
    assert long_date(datetime.date(2026, 12, 3)) == "3 December 2026"


@pytest.mark.parametrize(
    "fg, bg, ratio",
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#828180", "#FFFFFF", 3.88),
        ("#F46A25", "#FFFFFF", 3.03),
        ("#808495", "#FFFFFF", 3.72),
        ("#0B0C0C", "#FFFFFF", 19.6),
        ("#fff", "#fff", 1.0),
    ],
)
def test_contrast_matches_the_figures_the_audit_measured(fg, bg, ratio):
    assert contrast(fg, bg) == pytest.approx(ratio, abs=0.02)
