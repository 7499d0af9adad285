"""The coding scheme of CODEBOOK.md: categories, capacity-building sub-categories and the
first-cycle forms of assistance with the category each maps to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    examples: str


@dataclass(frozen=True)
class Subcategory:
    code: str
    name: str
    examples: str


@dataclass(frozen=True)
class Form:
    """A form of assistance offered by the first cycle's self-assessment checklist."""

    label: str
    category: str
    subcategory: str | None


CATEGORIES: tuple[Category, ...] = (
    Category(
        "capacity_building",
        "Capacity-building",
        "training, workshops, skills development, e-learning, ICT tools and technical support, "
        "awareness-raising materials and campaigns, equipment, staffing, mentoring",
    ),
    Category(
        "legislative_assistance",
        "Legislative assistance",
        "drafting, reviewing or amending laws and regulations, model laws and model agreements, "
        "legal advice, bringing legislation into line with the Convention",
    ),
    Category(
        "institution_building",
        "Institution-building",
        "creating or strengthening a body, unit or office, its mandate, independence or "
        "structure; standard operating procedures shared by agencies",
    ),
    Category(
        "policymaking",
        "Policymaking",
        "designing, adopting, monitoring or evaluating an anti-corruption policy, strategy or "
        "action plan",
    ),
    Category(
        "research_data",
        "Research/data-gathering and analysis",
        "surveys, risk assessments, studies, statistics, indicators, comparative research, "
        "benchmarking, data systems used for analysis",
    ),
    Category(
        "international_cooperation",
        "Facilitation of international cooperation",
        "exchange of experience and good practices with other States, study visits, networks, "
        "cooperation with foreign counterparts, access to international databases",
    ),
    Category("other", "Other assistance", "resource mobilization, advocacy, anything else"),
)

SUBCATEGORIES: tuple[Subcategory, ...] = (
    Subcategory(
        "training",
        "Training and skills development",
        "training courses, workshops, curricula for officials, train-the-trainer",
    ),
    Subcategory(
        "ict_tools",
        "ICT tools and technical support",
        "software, databases, case management, e-procurement, digitization, online platforms",
    ),
    Subcategory(
        "awareness_raising",
        "Awareness-raising",
        "public education, campaigns, audiovisual materials, school curricula",
    ),
    Subcategory(
        "expert_advice",
        "Expert advice and mentoring",
        "on-site experts, advisers, manuals and guidelines written with experts",
    ),
    Subcategory(
        "equipment_resources",
        "Equipment and resources",
        "hardware, vehicles, premises, funding, staff",
    ),
    Subcategory(
        "coordination",
        "Coordination mechanisms",
        "inter-agency coordination, integrity committees, focal-point networks",
    ),
    Subcategory("general", "General capacity-building", "capacity-building with no further detail"),
)

FORMS: tuple[Form, ...] = (
    Form("legal advice", "legislative_assistance", None),
    Form("legislative drafting", "legislative_assistance", None),
    Form("model legislation", "legislative_assistance", None),
    Form("model treaty or agreement", "legislative_assistance", None),
    Form("summary of good practices / lessons learned", "international_cooperation", None),
    Form("development of an action plan for implementation", "policymaking", None),
    Form("on-site assistance by an expert", "capacity_building", "expert_advice"),
    Form(
        "capacity-building programmes for the authorities responsible for …",
        "capacity_building",
        "training",
    ),
    Form("other assistance", "other", None),
)

CATEGORY_CODES: tuple[str, ...] = tuple(c.code for c in CATEGORIES)
SUBCATEGORY_CODES: tuple[str, ...] = tuple(s.code for s in SUBCATEGORIES)
FORM_LABELS: tuple[str, ...] = tuple(f.label for f in FORMS)

_CATEGORIES = {c.code: c for c in CATEGORIES}
_SUBCATEGORIES = {s.code: s for s in SUBCATEGORIES}
_FORMS = {f.label: f for f in FORMS}


def category_name(code: str) -> str:
    return _CATEGORIES[code].name


def subcategory_name(code: str) -> str:
    return _SUBCATEGORIES[code].name


def form(label: str) -> Form:
    return _FORMS[label]
