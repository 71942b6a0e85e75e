"""The dashboard's accessibility statement, as data, and the colour-contrast arithmetic its checks use.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
ask every public sector website for a statement in a set form: how accessible it is, its compliance
status, what is not accessible and why, how to ask for another format or report a problem (and how
soon the council answers), the enforcement procedure, how it was tested, and when the statement was
prepared and last reviewed. The words live here; pages/accessibility.py only lays them out.

The council that runs the dashboard gives its own contact details in secrets ([accessibility]:
organisation, email, phone, response_days); until it does, the statement says whom to ask in
general terms and the page tells an administrator what is missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PREPARED = datetime.date(2026, 12, 3)
LAST_REVIEWED = datetime.date(2026, 12, 3)
LAST_TESTED = datetime.date(2026, 12, 3)
STANDARD = "Web Content Accessibility Guidelines version 2.2, level AA"
REGULATIONS = (
    "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 "
    "(the accessibility regulations)"
)
EASS = ("Equality Advisory and Support Service (EASS)", "https://www.equalityadvisoryservice.com/")
ECNI = ("Equality Commission for Northern Ireland (ECNI)", "https://www.equalityni.org/Home")


@dataclass(frozen=True)
class Contact:
    """Who answers accessibility requests for this copy of the dashboard (secrets [accessibility])."""

    organisation: str = ""
    email: str = ""
    phone: str = ""
    response_days: int = 5

    @property
    def complete(self) -> bool:
        return bool(self.organisation and (self.email or self.phone))

    @property
    def who(self) -> str:
        return self.organisation or "your local authority"


def contact_from(settings: dict | None) -> Contact:
    """A Contact from secrets' [accessibility] table; missing or blank keys keep their defaults."""
    settings = settings or {}
    try:
        days = int(settings.get("response_days", 5))
    except (TypeError, ValueError):
        days = 5
    return Contact(
        organisation=str(settings.get("organisation", "")).strip(),
        email=str(settings.get("email", "")).strip(),
        phone=str(settings.get("phone", "")).strip(),
        response_days=days if days > 0 else 5,
    )


@dataclass(frozen=True)
class Section:
    """One heading of the statement: paragraphs, then a bulleted list, then paragraphs after it, then links."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (words, address)


@dataclass(frozen=True)
class Statement:
    title: str
    summary: str
    sections: tuple[Section, ...]
    prepared: datetime.date
    reviewed: datetime.date
    missing_contact: str  # for an administrator: what to add to secrets; '' when the contact is complete


def long_date(day: datetime.date) -> str:
    """'3 December 2026', as GOV.UK writes dates."""
    return f"{day.day} {day:%B %Y}"


# What is not yet accessible, and why: (what, why it fails, which WCAG 2.2 success criteria, what is planned).
KNOWN_ISSUES = (
    (
        "In the PDF board pack, the page footer (the pack's title and the page number) is not marked as page decoration (a PDF artifact)",
        "the pack is a tagged PDF (PDF/UA-1: headings, tables with header cells, charts with text alternatives, "
        "embedded fonts, bookmarks, language), but the program that writes it leaves the footer's text outside "
        "the structure tree without marking it as page furniture, so a PDF/UA checker may report it and some "
        "screen readers may skip it",
        "1.3.1 Info and relationships",
        "The footer repeats what the document title and the viewer's page count already give. We will mark it "
        "as an artifact when the PDF writer (WeasyPrint) can.",
    ),
    (
        "Emoji typed into commentary show as empty boxes in the PDF board pack",
        "the pack embeds one font (DejaVu Sans) so that it looks the same everywhere, and that font has no emoji",
        "1.1.1 Non-text content",
        "Commentary is shown whole, emoji included, on the Highlight report, Indicator and Present pages.",
    ),
    (
        "On screens narrower than 768 pixels the menu's section labels sit inside its list of links",
        "below that width (a phone, or a laptop zoomed to 200% or more) the framework the dashboard is built on, "
        "Streamlit, moves the menu into a side panel that marks it up this way, so a screen reader may count the "
        "menu's items wrongly",
        "1.3.1 Info and relationships",
        "This markup is part of Streamlit and we cannot change it; we will move to a version that fixes it as "
        "soon as one is released. Every page can still be reached from the menu and by its own address.",
    ),
)


def statement(contact: Contact | None = None) -> Statement:
    """The accessibility statement, in the form the regulations ask for, for this dashboard."""
    c = contact or Contact()
    ways = [f"email {c.email}" if c.email else "", f"call {c.phone}" if c.phone else ""]
    reach = (
        " or ".join(w for w in ways if w)
        or "contact the school improvement or performance team that gave you access to this dashboard"
    )
    days = f"{c.response_days} working day{'s' if c.response_days != 1 else ''}"
    sections = (
        Section(
            "Using this dashboard",
            paragraphs=(
                f"This dashboard is run by {c.who}. We want as many people as possible to be able to use it. "
                "For example, that means you should be able to:",
            ),
            bullets=(
                "zoom in up to 400% without the text spilling off the screen, and read every page at 320 pixels "
                "wide without scrolling sideways",
                "use every page with a keyboard alone: Tab moves across each row of tiles, and every link says "
                "which indicator it opens",
                "read every rating (red, amber, green) as a word and an icon, never by colour alone",
                "read every chart as a sentence and as a table: each chart has a text alternative saying what it "
                "shows, and its lines differ by dash and marker as well as colour",
                "use the dashboard with a screen reader: each page has its own title and headings, and figures "
                "are text, not headings",
            ),
            after=("AbilityNet has advice on making your device easier to use if you have a disability.",),
            links=(("AbilityNet: My Computer My Way", "https://mcmw.abilitynet.org.uk/"),),
        ),
        Section(
            "How accessible this dashboard is",
            paragraphs=("We know some parts of this dashboard are not fully accessible:",),
            bullets=tuple(what for what, *_ in KNOWN_ISSUES),
        ),
        Section(
            "Feedback and contact information",
            paragraphs=(
                "If you need the board pack or any figure in a different format, such as accessible PDF, large print, "
                f"easy read or braille, {reach}.",
                f"We will consider your request and get back to you within {days}.",
            ),
        ),
        Section(
            "Reporting accessibility problems with this dashboard",
            paragraphs=(
                "We are always looking to improve the accessibility of this dashboard. If you find any problems not "
                "listed on this page or think we are not meeting accessibility requirements, "
                f"{reach}. We will reply within {days}.",
            ),
        ),
        Section(
            "Enforcement procedure",
            paragraphs=(
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
                f"{REGULATIONS}. If you are not happy with how we respond to your complaint, contact the "
                f"{EASS[0]}.",
                f"If you are in Northern Ireland and are not happy with how we respond to your complaint, contact the "
                f"{ECNI[0]}, which is responsible for enforcing the accessibility regulations in Northern Ireland.",
            ),
            links=(EASS, ECNI),
        ),
        Section(
            "Technical information about this dashboard's accessibility",
            paragraphs=(
                f"{c.who[0].upper()}{c.who[1:]} is committed to making this dashboard accessible, in accordance with "
                f"{REGULATIONS}.",
            ),
        ),
        Section(
            "Compliance status",
            paragraphs=(
                f"This dashboard is partially compliant with the {STANDARD}, due to the non-compliances listed "
                "below. The web pages themselves pass every automated WCAG 2.2 AA check at desktop widths; the "
                "board pack is a tagged PDF and PowerPoint slides with titles and a language, with the two gaps "
                "listed.",
            ),
        ),
        Section(
            "Non-accessible content",
            paragraphs=(
                "The content listed below is non-accessible for the following reasons.",
                "Non-compliance with the accessibility regulations:",
            ),
            bullets=tuple(
                f"{what}: {why}. This fails WCAG 2.2 success criteria {criteria}. {plan}"
                for what, why, criteria, plan in KNOWN_ISSUES
            ),
            after=(
                "Disproportionate burden: we are not claiming disproportionate burden for any content.",
                "Content that is not within the scope of the accessibility regulations: spreadsheets that "
                "officers upload are their own working files; the dashboard shows their figures as accessible "
                "pages and tables.",
            ),
        ),
        Section(
            "What we are doing to improve accessibility",
            paragraphs=(
                "Every change to the dashboard runs the automated checks below before it is released, so a new page "
                "cannot reach users with an accessibility fault those checks can find.",
            ),
        ),
        Section(
            "Preparation of this accessibility statement",
            paragraphs=(
                f"This statement was prepared on {long_date(PREPARED)}. It was last reviewed on "
                f"{long_date(LAST_REVIEWED)}.",
                f"This dashboard was last tested on {long_date(LAST_TESTED)} against the {STANDARD}. The test was "
                "carried out by the dashboard's developers. We tested every page, with the demonstration data and "
                "with the Department for Education's national figures:",
            ),
            bullets=(
                "automatically, with axe-core 4 (WCAG 2.0, 2.1 and 2.2 A and AA rules) in the Chromium browser, "
                "on every page, on every change to the dashboard",
                "with browser tests for what automated rules cannot see: a unique title on every page, the "
                "keyboard focus ring's contrast (at least 3:1), Tab order across each row of tiles, link names, "
                "chart text contrast (at least 4.5:1), and layout and chart legends at 320 pixels wide and at "
                "200% zoom",
                "by hand: using the dashboard with a keyboard alone from the Overview to an indicator and back",
            ),
        ),
    )
    missing = (
        ""
        if c.complete
        else (
            "An administrator should add the council's name and an email address or phone number for accessibility "
            "requests to the dashboard's secrets, under [accessibility] (organisation, email, phone, response_days)."
        )
    )
    return Statement(
        title="Accessibility statement for this school improvement dashboard",
        summary=f"This dashboard is partially compliant with the {STANDARD}.",
        sections=sections,
        prepared=PREPARED,
        reviewed=LAST_REVIEWED,
        missing_contact=missing,
    )


# -- colour contrast (WCAG 2.2, 1.4.3 text and 1.4.11 non-text) -------------------------------------
def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb' (or '#rgb')."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG contrast ratio, 1 to 21: text needs 4.5, large text and focus rings 3."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
