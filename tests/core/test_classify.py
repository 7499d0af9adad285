"""Tests of the need classifier's rules, features and training, on plain data."""

from __future__ import annotations

import functools
import json

import pytest

from tamatrix.core.classify import (
    Classifier,
    Coding,
    featurize,
    is_resource_mobilization,
    match_form,
    train,
)
from tamatrix.core.taxonomy import CATEGORY_CODES, FORM_LABELS, SUBCATEGORY_CODES, form

# A tiny training set, enough for the mechanics; the shipped model is tested in
# tests/test_training.py.
_EXAMPLES = [
    ("Training for judges on asset tracing (art. 52)", "capacity_building", "training"),
    ("Workshops for auditors on procurement audits", "capacity_building", "training"),
    (
        "Specialized training of prosecutors in financial investigations",
        "capacity_building",
        "training",
    ),
    (
        "Development of a case management system for the prosecution service",
        "capacity_building",
        "ict_tools",
    ),
    (
        "Software for the analysis of suspicious transaction reports",
        "capacity_building",
        "ict_tools",
    ),
    (
        "Awareness-raising campaigns for young people on integrity",
        "capacity_building",
        "awareness_raising",
    ),
    (
        "Public education programmes on reporting corruption",
        "capacity_building",
        "awareness_raising",
    ),
    (
        "Legislative assistance in drafting a law on access to information (art. 10)",
        "legislative_assistance",
        None,
    ),
    ("Legal advice on the amendment of the Penal Code", "legislative_assistance", None),
    ("Drafting of regulations for the procurement law", "legislative_assistance", None),
    ("Establishment of an asset recovery office", "institution_building", None),
    ("Strengthening the independence of the audit office", "institution_building", None),
    ("Support in developing a national anti-corruption strategy", "policymaking", None),
    ("Evaluation of the national action plan against corruption", "policymaking", None),
    ("A survey on perceptions of corruption in public services", "research_data", None),
    ("A study on corruption risks in customs", "research_data", None),
    (
        "Exchange of experience with other States on asset recovery",
        "international_cooperation",
        None,
    ),
    ("Study visits to foreign anti-corruption agencies", "international_cooperation", None),
    ("Assistance in mobilizing resources for the strategy", "other", None),
    ("Resource mobilization for the anti-corruption agency", "other", None),
]


def _example(text: str, category: str, subcategory: str | None) -> dict:
    return {
        "text": text,
        "language": "en",
        "primary_category": category,
        "secondary_categories": [],
        "subcategory": subcategory,
        "form": None,
    }


@functools.cache
def _weights() -> dict:
    return train([_example(*row) for row in _EXAMPLES])


def _classifier() -> Classifier:
    return Classifier(_weights())


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Article 16: legal advice", "legal advice"),
        ("Article 33: legislative drafting.", "legislative drafting"),
        ("Articles 23 and 24: model legislation", "model legislation"),
        ("Article 44: model treaty/agreement", "model treaty or agreement"),
        ("Article 44: model treaty or agreement", "model treaty or agreement"),
        (
            "Summary of good practices and lessons learned (arts. 31 and 32).",
            "summary of good practices / lessons learned",
        ),
        (
            "Article 46: development of an action plan for implementation",
            "development of an action plan for implementation",
        ),
        ("Art. 20: on-site assistance by an expert", "on-site assistance by an expert"),
        (
            "Articles 23 and 24: capacity-building programmes for the financial intelligence unit",
            "capacity-building programmes for the authorities responsible for …",
        ),
        ("other assistance", "other assistance"),
        # French
        ("Article 26 : conseils juridiques", "legal advice"),
        ("Article 33 : rédaction de textes législatifs", "legislative drafting"),
        ("Articles 23 et 24 : lois types", "model legislation"),
        ("Article 44 : traité ou accord type", "model treaty or agreement"),
        (
            "Article 16 : résumé des bonnes pratiques et des enseignements tirés",
            "summary of good practices / lessons learned",
        ),
        (
            "Article 32 : élaboration d'un plan d'action pour la mise en œuvre",
            "development of an action plan for implementation",
        ),
        ("Article 46 : assistance sur place d'un expert", "on-site assistance by an expert"),
        (
            "Article 32 : programmes de renforcement des capacités pour les autorités chargées "
            "de la protection des témoins",
            "capacity-building programmes for the authorities responsible for …",
        ),
        ("Article 48 : autres formes d'assistance", "other assistance"),
        # Spanish
        ("Artículo 26: asesoramiento jurídico", "legal advice"),
        ("Artículo 20: redacción de leyes", "legislative drafting"),
        ("Artículos 23 y 24: legislación modelo", "model legislation"),
        ("Artículo 44: tratado o acuerdo modelo", "model treaty or agreement"),
        (
            "Artículo 31: resumen de buenas prácticas y lecciones aprendidas",
            "summary of good practices / lessons learned",
        ),
        (
            "Artículo 46: elaboración de un plan de acción para la aplicación",
            "development of an action plan for implementation",
        ),
        ("Artículo 46: asistencia in situ de un experto", "on-site assistance by an expert"),
        (
            "Artículo 36: programas de creación de capacidad para las autoridades encargadas de "
            "la investigación",
            "capacity-building programmes for the authorities responsible for …",
        ),
        ("Artículo 48: otro tipo de asistencia", "other assistance"),
    ],
)
def test_first_cycle_form_is_coded_by_rule(text: str, label: str) -> None:
    coding = _classifier().classify(text)
    mapped = form(label)
    assert (coding.form, coding.primary_category, coding.subcategory) == (
        label,
        mapped.category,
        mapped.subcategory,
    )
    assert coding.method == "rule"
    assert coding.confidence == 1.0
    assert coding.explanation == f"rule: first-cycle form '{label}'"


def test_every_form_label_matches_itself() -> None:
    assert [match_form(label.replace(" …", " witness protection")) for label in FORM_LABELS] == [
        *FORM_LABELS
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Legal advice on the draft freedom of information bill (art. 10)",
        "Capacity-building programmes for judges on asset recovery (art. 55)",
        "Development of an action plan for the protection of witnesses (art. 32)",
        "Training for judges on asset tracing (art. 52)",
    ],
)
def test_sentence_style_need_has_no_form(text: str) -> None:
    coding = _classifier().classify(text)
    assert coding.form is None
    assert coding.method == "model"


_DRAFTING = "legislative drafting"
_MODEL_LAW = "model legislation"
_TREATY = "model treaty or agreement"
_SUMMARY = "summary of good practices / lessons learned"
_PLAN = "development of an action plan for implementation"
_ON_SITE = "on-site assistance by an expert"
_PROGRAMMES = "capacity-building programmes for the authorities responsible for …"
_OTHER = "other assistance"


@pytest.mark.parametrize(
    ("wording", "label"),
    [
        ("assistance with legislative drafting", _DRAFTING),
        ("Support in legislative drafting", _DRAFTING),
        ("legislative drafting assistance", _DRAFTING),
        ("on-site assistance by an anti-corruption expert", _ON_SITE),
        ("on-site assistance by a relevant expert", _ON_SITE),
        ("On site assistance by financial investigation experts", _ON_SITE),
        ("on-site assistance by an expert in forensic accounting", _ON_SITE),
        ("summary of lessons learned", _SUMMARY),
        ("summary of good practices", _SUMMARY),
        ("good practices and lessons learned", _SUMMARY),
        ("a summary of best practices and lessons learnt", _SUMMARY),
        ("model treaty", _TREATY),
        ("model agreement", _TREATY),
        ("model bilateral treaty", _TREATY),
        ("model extradition treaties and agreements", _TREATY),
        ("model anti-corruption law", _MODEL_LAW),
        ("development of an action plan", _PLAN),
        ("action plan for implementation", _PLAN),
        ("preparation of an action plan for the implementation of the Convention", _PLAN),
        ("capacity-building programmes for the central authority", _PROGRAMMES),
        ("capacity building programs for judges, prosecutors and police officers", _PROGRAMMES),
        ("other assistance (translation of requests)", _OTHER),
        ("other assistance: funding for a witness protection programme", _OTHER),
        # French
        ("conseils juridiques", "legal advice"),
        ("rédaction législative", _DRAFTING),
        ("aide à la rédaction des textes législatifs", _DRAFTING),
        ("législation type", _MODEL_LAW),
        ("traité type", _TREATY),
        ("accord bilatéral type", _TREATY),
        ("résumé des bonnes pratiques", _SUMMARY),
        ("synthèse des enseignements tirés", _SUMMARY),
        ("plan d'action", _PLAN),
        ("élaboration d'un plan d'action", _PLAN),
        ("assistance sur place d'un expert", _ON_SITE),
        ("assistance sur place d'un expert en criminalistique financière", _ON_SITE),
        ("programmes de renforcement des capacités", _PROGRAMMES),
        ("programmes de renforcement des capacités pour la police judiciaire", _PROGRAMMES),
        ("autre assistance (matériel informatique)", _OTHER),
        # Spanish
        ("asesoramiento jurídico", "legal advice"),
        ("redacción legislativa", _DRAFTING),
        ("asistencia para la redacción de leyes", _DRAFTING),
        ("legislación modelo", _MODEL_LAW),
        ("tratado modelo", _TREATY),
        ("tratado bilateral modelo", _TREATY),
        ("resumen de buenas prácticas", _SUMMARY),
        ("buenas prácticas y lecciones aprendidas", _SUMMARY),
        ("plan de acción", _PLAN),
        ("asistencia in situ de un experto", _ON_SITE),
        ("asistencia in situ de expertos en recuperación de activos", _ON_SITE),
        ("programas de fomento de la capacidad", _PROGRAMMES),
        (
            "programas de fomento de la capacidad para la unidad de inteligencia financiera",
            _PROGRAMMES,
        ),
        ("otra asistencia (equipos informáticos)", _OTHER),
    ],
)
@pytest.mark.parametrize("how", ["labelled", "first-cycle item"])
def test_form_wordings_are_mapped_to_the_taxonomy_label(wording: str, label: str, how: str) -> None:
    if how == "labelled":
        coding = _classifier().classify(f"Article 31: {wording}")
    else:
        coding = _classifier().classify(f"{wording} (art. 31).", first_cycle_form=True)
    mapped = form(label)
    assert (coding.form, coding.primary_category, coding.subcategory) == (
        label,
        mapped.category,
        mapped.subcategory,
    )
    assert coding.method == "rule"


@pytest.mark.parametrize(
    "text",
    [
        "Training for prosecutors on the model legislation adopted in 2012",
        "Legal advice on the draft law on witness protection",
        "Legal advice on the draft freedom of information bill (art. 10)",
        "Article 26: legal advice on the liability of legal persons",
        "Development of an action plan for the protection of witnesses (art. 32)",
        "Summary of good practices of other States on the protection of reporting persons",
        "Sharing of good practices and lessons learned by other States on asset recovery",
        "Model legislation on the administration of seized property (art. 31)",
        "Provision of model bilateral agreements on the return of confiscated assets",
        "Legislative drafting assistance for a law on conflicts of interest (art. 33)",
        "On-site expert advice to the Ministry of Justice on extradition (art. 44)",
        "On-site assistance by an expert to the central authority on requests (art. 46)",
        "Conseils juridiques sur la loi relative à la protection des témoins (art. 32)",
        "Élaboration d'un plan d'action pour la protection des lanceurs d'alerte",
        "Asesoramiento jurídico sobre el proyecto de ley de extinción de dominio (art. 31)",
        "Tratado modelo sobre extradición con los países vecinos",
    ],
)
@pytest.mark.parametrize("first_cycle", [False, True])
def test_sentence_mentioning_a_form_has_no_form(text: str, first_cycle: bool) -> None:
    coding = _classifier().classify(text, first_cycle_form=first_cycle)
    assert coding.form is None
    assert coding.method == "model"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Article 26: legal advice", "legal advice"),
        ("Article 26: legal advice.", "legal advice"),
        ("Articles 23 and 24: legal advice (art. 24, para. 1);", "legal advice"),
        ("Legal advice, art. 16", "legal advice"),
        ("• Legal advice", "legal advice"),
        ("Article 32: other assistance (funding; equipment)", _OTHER),
    ],
)
def test_labels_references_and_punctuation_around_a_form_are_ignored(text: str, label: str) -> None:
    assert _classifier().classify(text, first_cycle_form=True).form == label


@pytest.mark.parametrize(
    "text",
    [
        "Resource mobilization for the training of judges and prosecutors (art. 11)",
        "Resource mobilisation for awareness-raising campaigns in schools",
        "Mobilization of resources to equip the financial intelligence unit with software",
        "Mobilization of additional financial resources for the asset recovery office",
        "Assistance in mobilizing resources for the anti-corruption strategy (art. 5)",
        "Assistance in mobilizing funding for the digitization of court records",
        "Support in mobilizing donor support for study visits to other States",
        "Help in raising funds for the witness protection programme (art. 32)",
        "Technical assistance in the following areas: mobilizing resources for the police",
        "Mobilisation de ressources pour la formation des magistrats (art. 11)",
        "Appui à la mobilisation de fonds pour l'équipement de la Cour des comptes",
        "Assistance pour mobiliser des financements en faveur de la plateforme en ligne",
        "Movilización de recursos para la capacitación de fiscales (art. 36)",
        "Apoyo para la movilización de fondos para el sistema electrónico de declaraciones",
        "Asistencia para movilizar recursos de donantes para la oficina de recuperación",
    ],
)
def test_resource_mobilization_is_other_whatever_it_is_for(text: str) -> None:
    assert is_resource_mobilization(text)
    coding = _classifier().classify(text)
    assert (coding.primary_category, coding.subcategory, coding.form) == ("other", None, None)
    assert coding.method == "rule"
    assert coding.confidence == 1.0
    assert "other" not in coding.secondary_categories


@pytest.mark.parametrize(
    "text",
    [
        "Funding for the witness protection programme (art. 32)",
        "Provision of vehicles and computers to the anti-corruption agency",
        "Additional staff and budget for the financial intelligence unit (art. 58)",
        "Financial resources for the ombudsman's office",
        "Financement du programme de protection des témoins",
        "Recursos financieros y personal para la fiscalía anticorrupción",
        "Training of staff of the anti-corruption agency in resource mobilization",
        "Obtaining information on funds held abroad by politically exposed persons",
    ],
)
def test_resources_asked_for_directly_are_left_to_the_model(text: str) -> None:
    assert not is_resource_mobilization(text)
    assert _classifier().classify(text).method == "model"


def test_first_cycle_item_may_name_the_authorities_after_the_form() -> None:
    text = "capacity-building programmes for the police and the customs administration"
    assert _classifier().classify(text).form is None
    coding = _classifier().classify(text, first_cycle_form=True)
    assert coding.form == "capacity-building programmes for the authorities responsible for …"
    assert coding.subcategory == "training"


def test_line_listing_two_forms_takes_the_first() -> None:
    assert match_form("Article 16: legal advice; model legislation.", loose=True) == "legal advice"


def test_model_codes_the_training_examples() -> None:
    classifier = _classifier()
    found = [
        (c.primary_category, c.subcategory)
        for c in (classifier.classify(text) for text, _, _ in _EXAMPLES)
    ]
    assert found == [(category, sub) for _, category, sub in _EXAMPLES]


def test_model_coding_carries_confidence_and_explanation() -> None:
    coding = _classifier().classify("Training for customs officers on integrity (art. 8)")
    assert isinstance(coding, Coding)
    assert coding.method == "model"
    assert coding.primary_category == "capacity_building"
    assert 0.0 < coding.confidence <= 1.0
    assert coding.explanation.startswith("model: ")
    assert "train" in coding.explanation


def test_text_without_known_words_still_gets_a_category() -> None:
    coding = _classifier().classify("Zzz qqq")
    assert coding.primary_category in CATEGORY_CODES
    assert coding.explanation == "model: no known words"


def test_features_ignore_label_references_case_and_accents() -> None:
    assert featurize("Article 9: Élaboration des PLANS (art. 9, para. 1 (a));") == featurize(
        "elaboration des plans"
    )


def test_features_mark_the_head_of_the_request() -> None:
    features = featurize("Training of judges on asset recovery (arts. 52 and 54)")
    assert "H:train" in features
    assert "H2:train_judg" in features
    assert "HC:train" in features
    assert not any("52" in f for f in features)


def test_features_see_past_generic_opening_words() -> None:
    features = featurize("Technical assistance in drafting a law on extradition")
    assert "K:draft" in features
    assert "HC:draft" in features


def test_concepts_are_shared_across_languages() -> None:
    english = set(featurize("Training for prosecutors"))
    french = set(featurize("Formation des procureurs"))
    spanish = set(featurize("Capacitación de los fiscales"))
    assert "HC:train" in english & french & spanish


def test_training_is_deterministic_and_json_able() -> None:
    examples = [_example(*row) for row in _EXAMPLES]
    first = json.dumps(train(examples), sort_keys=True)
    assert first == json.dumps(train(list(examples), seed=1), sort_keys=True)
    weights = json.loads(first)
    assert weights["primary"]["labels"] == list(CATEGORY_CODES)
    assert weights["subcategory"]["labels"] == list(SUBCATEGORY_CODES)


def test_unknown_weights_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        Classifier({**_weights(), "format": 99})


@pytest.mark.parametrize(
    ("text", "head_word", "obj"),
    [
        (
            "Support in conducting an assessment of the asset declaration system",
            "K:assess",
            "research",
        ),
        ("Help in carrying out: a functional review of the ombudsman", "K:functional", "research"),
        ("Assistance in undertaking a gap analysis of the procurement rules", "K:gap", "research"),
        (
            "Appui à la réalisation d'un diagnostic de l'inspection des finances",
            "K:diagnostic",
            "research",
        ),
        ("Apoyo para realizar una encuesta de victimización", "K:encuest", "research"),
        ("Training on conducting corruption risk assessments", "K:train", "train"),
        ("Software for the statistics of the courts", "K:softwar", "ict"),
        (
            "Institutional support to the ethics committees of ministries",
            "K:institutional",
            "institutional",
        ),
        (
            "Support in setting up coordination between the police and customs",
            "K:sett",
            "coordination",
        ),
    ],
)
def test_features_name_the_object_after_generic_openers(
    text: str, head_word: str, obj: str
) -> None:
    features = featurize(text)
    assert head_word in features
    assert [f for f in features if f.startswith("O:")] == [f"O:{obj}"]


@pytest.mark.parametrize(
    "text",
    [
        "Support in setting up a strategic analysis unit in the financial intelligence unit",
        "Equipo informático para la Unidad de Análisis Financiero",
    ],
)
def test_an_analysis_unit_is_a_body_not_research(text: str) -> None:
    assert "C:research" not in featurize(text)
