"""Coding of one technical assistance need: category, sub-category and first-cycle form.

Rules come first: a text that is one of the first-cycle forms of assistance (CODEBOOK.md
section 4), in English, French or Spanish, gets that form and the category the table maps it
to. A form is the whole text (less its "Article N:" label, article references and closing
punctuation), not a form's words inside a sentence ("legal advice on the draft law on ...");
only the open-ended forms ("capacity-building programmes for ...", "other assistance (...)",
"on-site assistance by ... expert") may go on with free words, and only in a first-cycle item.
A request to mobilize resources is ``other`` by rule (CODEBOOK.md section 2), whatever the
resources are for. Every other text is coded by small linear models whose weights ship as
plain numbers:
a multinomial logistic regression for the primary category, one for the capacity-building
sub-category and one-vs-rest logistic regressions for secondary categories.

Features are lowercased, accent-folded word unigrams and bigrams with light suffix stemming,
features for the first words of the text and a few concepts shared by the three languages
("training", "formation" and "capacitación" all give ``C:train``). "The primary category
follows what the State asks for, not the topic" (CODEBOOK.md section 2), so the head of the
request ("Training on ...", "Legal advice on ...") has features of its own (``H:``, ``K:``,
``HC:``), and so has the object named after generic openers ("Support in conducting an
assessment of ..." asks for research, ``O:research``). A leading "Article N:" label and
article references in parentheses are removed before featurizing.

The confidence of a model coding is the predicted probability of its primary category; a
rule coding has confidence 1. A secondary category is given when its one-vs-rest probability
reaches ``SECONDARY_THRESHOLD``, set so that secondaries stay rare, as in hand coding.

Where CODEBOOK.md section 2 and section 4 disagree for a form (``model treaty or agreement``
is international cooperation by its topic), the form table of section 4 wins, as the
development gold files code it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from tamatrix.core.taxonomy import CATEGORY_CODES, SUBCATEGORY_CODES, form

FORMAT_VERSION = 1
SECONDARY_THRESHOLD = 0.25
_L2 = 1e-4
_ITERATIONS = 300
_LEARNING_RATE = 2.0
_MIN_COUNT = 2

# ---------------------------------------------------------------- text normalization

_LABEL = re.compile(
    r"^\s*(?:art(?:icle|iculo|ículo)?s?|arts?)\.?\s*\d+[^:;]{0,80}?\s*:\s*", re.IGNORECASE
)
_REFERENCE = re.compile(
    r"\(\s*(?:arts?\.|articles?\b|art[ií]culos?\b)(?:[^()]|\([^()]*\))*\)", re.IGNORECASE
)
_TRAILING = re.compile(r"[\s;:.,]+$")
_TOKEN = re.compile(r"[a-z]+")

_STOPWORDS = frozenset(
    # English
    "the of and for on in to a an with by at as its their from or be is are that which this "
    "these those such into it was were has have also would could should will can than "
    # French
    "le la les de des du d l et en pour sur dans au aux un une par avec son sa ses leur "
    "leurs ou qui que dont ce cet cette ces se est sont "
    # Spanish
    "el los las del y al su sus o e lo con para por una uno unos unas que se es son como".split()
)
_SUFFIXES = (
    "aciones",
    "amientos",
    "imientos",
    "amiento",
    "imiento",
    "ations",
    "ements",
    "iones",
    "acion",
    "ation",
    "ement",
    "ments",
    "ment",
    "ings",
    "ion",
    "ing",
    "ies",
    "es",
    "ed",
    "s",
    "e",
    "a",
    "o",
)
# Words that open many requests without saying what is asked ("Assistance in ...", "Support
# for ...", "Appui à ...", "Support in conducting ...", "Appui à la réalisation de ...",
# "Apoyo para realizar ..."); the first word after them, the object of the request, is a
# feature of its own: "Support in conducting an assessment of ..." asks for an assessment.
_GENERIC_HEAD = (
    "technical assistance support help provision request requested need needs further "
    "additional following areas regard state benefit authorities "
    "conducting conduct carrying carry out undertaking undertake performing perform "
    "preparing preparation "
    "appui soutien aide assistance fourniture besoin domaines suivants "
    "realisation realiser mener conduire effectuer "
    "tecnica apoyo asistencia ayuda provision suministro necesidad siguientes esferas "
    "realizar realizacion llevar cabo efectuar"
).split()


# Concepts shared by the three languages, so that what the model learns from a request in
# one language carries over to the others ("training", "formation", "capacitación").
_CONCEPTS: tuple[tuple[str, str], ...] = (
    (
        "train",
        r"train\w*|formation\w*|formacion\w*|capacitaci\w+|capacitar|courses?|cours|cursos?"
        r"|workshops?|ateliers?|talleres?|taller|seminar\w*|seminaire\w*|e-learning|diplomado\w*"
        r"|curricul\w+",
    ),
    ("capacity", r"capacit(?:y|ies|e|es)|capacidad\w*|capacity-building"),
    (
        "law",
        r"legislat\w*|legislacion\w*|laws?|lois?|ley|leyes|bills?|codes?|codigo\w*"
        r"|regulations?|reglement\w*|reglamento\w*|decrees?|decrets?|decretos?|statutes?",
    ),
    (
        "draft",
        r"draft\w*|redaction\w*|redaccion\w*|redactar|amend\w*|modifi\w+|reform\w*"
        r"|revis\w+|harmoni[sz]\w*|armoniz\w*|criminali[sz]\w*|incrimin\w*|tipific\w*",
    ),
    ("legal", r"legal|juridique\w*|juridic[oa]s?|legales?"),
    ("advice", r"advi[cs]\w*|conseils?|asesor\w*|avis|opinion\w*"),
    (
        "establish",
        r"establish\w*|creation|creacion|creat\w+|set(?:ting)? up|mise en place"
        r"|mettre en place|crear|creer|establecer"
        r"|establecimiento|operationali[sz]\w*|operationnalis\w*|puesta en funcionamiento",
    ),
    (
        "body",
        r"units?|unite\w*|unidad\w*|office\w*|bureaux?|oficinas?|agenc\w+|bod(?:y|ies)"
        r"|organes?|organos?|organismos?|courts?|tribunal\w*|juridiction\w*|departments?"
        r"|directorates?|commissions?|comisions?|authorit\w+|autorites?|autoridad\w*",
    ),
    (
        "institutional",
        r"institution-?building"
        r"|institutional (?:strengthening|support|reform|framework)"
        r"|(?:appui|soutien|renforcement) institutionnel"
        r"|(?:apoyo|fortalecimiento) institucional",
    ),
    (
        "mandate",
        r"independen\w+|independan\w+|autonom\w+|mandat\w*|structur\w+|estructur\w+"
        r"|organizational"
        r"|organigramme|restructur\w+|reestructur\w+|reorgani\w+|competenc\w+|powers?",
    ),
    (
        "procedure",
        r"standard operating procedures?|procedures operationnelles\w*"
        r"|protocolos? de actuacion",
    ),
    (
        "strategy",
        r"strateg\w+|estrategi\w+|polic(?:y|ies)|politiques?|politicas?"
        r"|action plans?|plans? d'action|plan de accion|plans?",
    ),
    ("evaluate", r"monitor\w*|suivi|seguimiento|evaluat\w+|evaluacion\w*|evaluer|evaluar"),
    (
        "research",
        r"stud(?:y|ies)|etudes?|estudios?|research|surveys?|enquetes?|encuestas?"
        r"|statisti\w+|estadistic\w+|data collection|data-collection|collecte de donnees"
        r"|collect\w* data"
        r"|recopilacion de datos|indicat\w+|indicador\w*|mapping|cartographie|mapeo"
        r"|diagnostic\w*|analysis(?! (?:units?|cells?|divisions?|departments?|centres?))"
        r"|(?<!unidad de )(?<!unidades de )analisis|baseline|typolog\w+"
        r"|tipologi\w+|benchmark\w*|risk assessments?|evaluation\w* des risques"
        r"|evaluacion\w* de riesgos?|assessments?|functional (?:reviews?|analys[ie]s)"
        r"|gap analys[ie]s|revue fonctionnelle|examen fonctionnel|etat des lieux"
        r"|analyse des (?:lacunes|ecarts|besoins)|revision funcional"
        r"|analisis (?:de brechas|de necesidades|funcional)|levantamiento de datos",
    ),
    ("risk", r"risks?|risques?|riesgos?|vulnerabilit\w+"),
    (
        "exchange",
        r"exchang\w+|echanges?|intercambios?|shar\w+|partage\w*|compartir"
        r"|experiences?|experiencias?|good practices|bonnes pratiques|buenas practicas"
        r"|lessons learned|enseignements|lecciones",
    ),
    (
        "abroad",
        r"other states?|other countr\w+|autres etats|autres pays|otros estados"
        r"|otros paises|foreign|etrangers?|etrangeres?|extranjer\w+|counterparts?|homologues?"
        r"|homolog\w+|contrapartes?|abroad|international\w*|internacional\w*"
        r"|bilateral\w*|bilaterau\w|twinning|jumelage|hermanamiento|peers?|pairs|pares",
    ),
    (
        "visit",
        r"study (?:visits?|tours?|trips?)|visites? d'etude|voyages? d'etude"
        r"|visitas? de estudio|giras? de estudio|pasantias?|exchange programmes?",
    ),
    (
        "treaty",
        r"agreements?|treat(?:y|ies)|accords?|acuerdos?|tratados?|convenios?"
        r"|memorand(?:um|a) of understanding|negotiat\w*|negoci\w+",
    ),
    ("network", r"networks?|reseaux?|red|redes|membership|adhesion|joining|egmont"),
    (
        "mobilize",
        r"mobili[sz]\w+|moviliz\w+|donors?|bailleurs?|donantes?|fund-?raising|advocacy"
        r"|plaidoyer|incidencia|round table|table ronde|mesa de donantes",
    ),
    (
        "funding",
        r"funding|funds?|fonds|fondos|financing|financement\w*|financiamiento\w*"
        r"|financiacion\w*",
    ),
    (
        "equipment",
        r"equipment|equipements?|equipos?|equipamiento|materiel|vehicles?"
        r"|vehicules?|vehiculos?|computers?|ordinateurs?|hardware|premises|locaux"
        r"|instalaciones|furniture|mobilier|mobiliario|staffing|(?:additional|more) staff"
        r"|personnel supplementaire|personal adicional|recruit\w*"
        r"|recrutement|contratacion|budget\w*|presupuest\w*|resources?|ressources?|recursos?"
        r"|moyens|logistic\w*|logistique",
    ),
    (
        "ict",
        r"software|logiciels?|programas? informatic\w+|databases?|bases? de donnees"
        r"|bases? de datos|electronic\w*|electroniques?|electronic[oa]s?|online|en ligne"
        r"|en linea|platforms?|plateformes?|plataformas?|digit\w+|numerisation|computeri[sz]\w+"
        r"|informatique\w*|informatic\w*|informatiz\w*|informatis\w*|portals?|portails?"
        r"|websites?|site internet|sitio web|e-procurement"
        r"|ict|systems?|systemes?|sistemas?|registr(?:y|ies)|registers?|registres?|registros?",
    ),
    (
        "awareness",
        r"awareness\w*|sensibili\w+|conciencia\w*|campaigns?|campagnes?|campanas?"
        r"|public education|education|educacion|educational|schools?|scolaires?|escolar\w*"
        r"|radio|television|televises?|media|medias|medios|brochures?|leaflets?|posters?"
        r"|affiches?|outreach|difusion|audiovisu\w+|civic",
    ),
    (
        "expert",
        r"experts?|expertos?|expertise|mentor\w*|coaching|accompagnement"
        r"|acompanamiento|advisers?|advisors?|conseillers?|asesor\w*|consultants?|specialists?"
        r"|especialistas?|manuals?|manuels?|guides?|guias?|handbooks?|guidelines|toolkits?"
        r"|lignes directrices|directrices",
    ),
    (
        "coordination",
        r"coordinat\w+|coordinacion\w*|inter-?agency|inter-?institution\w*"
        r"|interinstitution\w*|interinstitucional\w*|focal points?|points focaux|enlaces"
        r"|committees|comites|task force|working groups?|mesas de trabajo|work together",
    ),
)
_CONCEPT_PATTERNS = tuple(
    (name, re.compile(rf"(?<![a-z])(?:{pattern})(?![a-z])")) for name, pattern in _CONCEPTS
)


def fold(text: str) -> str:
    """Lowercase and strip accents, so that "Élaboration" and "elaboration" are one word."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def strip_references(text: str) -> str:
    """Remove a leading "Article N:" label and parenthesized article references."""
    text = _LABEL.sub("", text, count=1)
    text = _REFERENCE.sub(" ", text)
    return _TRAILING.sub("", text).strip()


def stem(word: str) -> str:
    """Strip one common English, French or Spanish suffix, keeping at least three letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_GENERIC_STEMS = frozenset(stem(fold(w)) for w in _GENERIC_HEAD)


def _head(folded: str) -> str:
    """The first words of the request, after the generic words that open many requests."""
    words = [w for w in _TOKEN.findall(folded) if len(w) > 1]
    while words and (words[0] in _STOPWORDS or stem(words[0]) in _GENERIC_STEMS):
        words.pop(0)
    return " ".join(words[:6])


def featurize(text: str) -> list[str]:
    """The model features of a need: unigrams, bigrams, head-of-request and concept features."""
    folded = fold(strip_references(text))
    words = _TOKEN.findall(folded)
    tokens = [stem(w) for w in words if len(w) > 1 and w not in _STOPWORDS]
    features = list(dict.fromkeys(tokens))
    features += dict.fromkeys(f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False))
    if tokens:
        features.append(f"H:{tokens[0]}")
        if len(tokens) > 1:
            features.append(f"H2:{tokens[0]}_{tokens[1]}")
        rest = list(tokens)
        while rest and rest[0] in _GENERIC_STEMS:
            rest.pop(0)
        if rest:
            features.append(f"K:{rest[0]}")
    # After a lead-in ("Capacity-building for: judges on ..."), both parts open the request.
    head = " ".join(_head(part) for part in folded.split(":", 1)).strip()
    for name, pattern in _CONCEPT_PATTERNS:
        if pattern.search(folded):
            features.append(f"C:{name}")
            if pattern.search(head):
                features.append(f"HC:{name}")
    obj = _object(head)
    if obj in _OBJECTS:
        features.append(f"O:{obj}")
    return list(dict.fromkeys(features))


# "Setting up" says how, not what: "Support in setting up integrity committees" asks for
# committees, "Setting up a unit" for a body.
_NOT_OBJECTS = frozenset({"establish"})
# The objects that get a feature of their own: those whose words also turn up as the topic of
# other requests ("training on conducting assessments", "software for statistics").
_OBJECTS = frozenset({"research", "train", "ict", "institutional", "coordination"})


def _object(head: str) -> str | None:
    """The concept that opens the head: what is asked for, after the generic openers.

    "Support in conducting an assessment of the asset declaration system" asks for research
    (``O:research``), "Training on conducting risk assessments" for training (``O:train``)
    and "Software for statistics" for an ICT tool (``O:ict``). The earliest match wins, then
    the longest, then the first concept in ``_CONCEPTS``.
    """
    best: tuple[int, int, int] | None = None
    for order, (name, pattern) in enumerate(_CONCEPT_PATTERNS):
        if name in _NOT_OBJECTS:
            continue
        found = pattern.search(head)
        if found is not None:
            key = (found.start(), found.start() - found.end(), order)
            if best is None or key < best:
                best = key
    return None if best is None else _CONCEPT_PATTERNS[best[2]][0]


# ---------------------------------------------------------------- first-cycle forms

# Words that may open a form without changing it ("assistance with legislative drafting",
# "aide à la rédaction législative", "asistencia para la redacción legislativa").
_FORM_LEAD = (
    r"(?:(?:(?:technical|expert) )?(?:assistance|support|help|aid) (?:with|in|for|on|through)"
    r" (?:the )?"
    r"|(?:assistance|aide|appui|soutien)(?: technique)?"
    r" (?:en matiere de |pour (?:la |l')?|a (?:la |l')?|dans (?:la |l')?)"
    r"|(?:asistencia|ayuda|apoyo)(?: tecnica)? (?:en|para|con) (?:la |el |materia de )?)?"
)
_ANY_TAIL = r"(?:[ ,(:].*)?"
# EN: "good practices", "lessons learned"; FR and ES the same, with the words that join them.
_GOOD_EN = r"(?:good|best) practices?"
_LESSONS_EN = r"lessons? learn(?:ed|t)"
_SUMMARY_EN = r"(?:an? )?(?:summary|compilation|collection|synthesis|digest) of (?:the )?"
_GOOD_FR = r"(?:des |les )?bonnes pratiques"
_LESSONS_FR = r"(?:des |les |d')?(?:enseignements|lecons) (?:tire|appris|retenu)e?s"
_SUMMARY_FR = r"(?:un )?(?:resume|synthese|recueil|compilation) (?:des |de |d')?"
_GOOD_ES = r"(?:las )?(?:buenas|mejores) practicas"
_LESSONS_ES = r"(?:las )?(?:lecciones aprendidas|experiencias adquiridas)"
_SUMMARY_ES = r"(?:un )?(?:resumen|compilacion|recopilacion|sintesis) de (?:las )?"
_AND = r" ?(?:and|or|/|et|ou|y|o) ?"
_TREATY_QUALIFIER_FR_ES = (
    r"(?: (?:bilaterale?s?|bilateraux|multilaterale?s?|multilateraux|regionale?s?|regionaux"
    r"|d'extradition|d'entraide(?: judiciaire)?|de extradicion"
    r"|de asistencia judicial(?: reciproca)?))?"
)

# Each form: its taxonomy label, the words that are the form, what may follow them in any
# text, and what else may follow them in a first-cycle item or a line labelled "Article N:".
# Only the open-ended forms of the checklist take free words: "capacity-building programmes
# for <any authorities>", "other assistance (<anything>)" and "on-site assistance by
# <any qualifier> expert(s)". Any other form followed by more words is a sentence about
# something else ("legal advice on the draft law on ...", "on-site expert advice to the
# ministry on ..."), which the model codes.
_FORM_PATTERNS: tuple[tuple[str, str, str, str], ...] = (
    (
        "legal advice",
        r"legal advice|legal advisory services|conseils? juridiques?|avis juridiques?"
        r"|asesoramiento (?:juridico|legal)|asesoria (?:juridica|legal)",
        "",
        "",
    ),
    (
        "legislative drafting",
        r"(?:legislative|law|legal) drafting(?: assistance| support)?"
        r"|drafting (?:of )?(?:legislation|laws)"
        r"|(?:la )?redaction (?:legislative|de lois|des lois"
        r"|(?:de |des )textes(?: legislatifs| de loi)?)"
        r"|(?:la )?redaccion (?:de leyes|legislativa|de textos legislativos)",
        "",
        "",
    ),
    (
        "model legislation",
        r"model (?:[a-z-]+ ){0,2}(?:legislation|laws?|legislative provisions)"
        r"|(?:une? )?(?:legislation|lois?|dispositions legislatives) types?"
        r"|modeles? de (?:legislation|lois?)"
        r"|(?:legislacion|leyes?|disposiciones legislativas) modelos?"
        r"|modelos? de (?:legislacion|leyes?)",
        "",
        "",
    ),
    (
        "model treaty or agreement",
        r"(?:an? )?model (?:[a-z-]+ ){0,3}(?:treaty|treaties|agreements?|arrangements?)"
        rf"(?:{_AND}(?:[a-z-]+ )?(?:treaty|treaties|agreements?|arrangements?))?"
        r"|(?:une? )?(?:traites?|accords?)" + _TREATY_QUALIFIER_FR_ES + r"(?: (?:ou|et|/) ?"
        r"(?:traites?|accords?))? types?"
        r"|modeles? de (?:traites?|accords?)(?: (?:ou|et) d'(?:accords?|traites?))?"
        r"|(?:un )?(?:tratados?|acuerdos?|convenios?)"
        + _TREATY_QUALIFIER_FR_ES
        + r"(?: (?:o|y|/) ?"
        r"(?:tratados?|acuerdos?))? modelos?"
        r"|modelos? de (?:tratados?|acuerdos?)(?: (?:o|y) (?:tratados?|acuerdos?))?",
        "",
        "",
    ),
    (
        "summary of good practices / lessons learned",
        rf"(?:{_SUMMARY_EN})?(?:{_GOOD_EN}{_AND}{_LESSONS_EN}|{_LESSONS_EN}{_AND}{_GOOD_EN})"
        rf"|{_SUMMARY_EN}(?:{_GOOD_EN}|{_LESSONS_EN})"
        rf"|(?:{_SUMMARY_FR})?(?:{_GOOD_FR}{_AND}{_LESSONS_FR}|{_LESSONS_FR}{_AND}{_GOOD_FR})"
        rf"|{_SUMMARY_FR}(?:{_GOOD_FR}|{_LESSONS_FR})"
        rf"|(?:{_SUMMARY_ES})?(?:{_GOOD_ES}{_AND}{_LESSONS_ES}|{_LESSONS_ES}{_AND}{_GOOD_ES})"
        rf"|{_SUMMARY_ES}(?:{_GOOD_ES}|{_LESSONS_ES})",
        "",
        "",
    ),
    (
        "development of an action plan for implementation",
        r"(?:(?:development|elaboration|preparation|drafting|design|formulation) of"
        r" |developing |preparing |drafting )?(?:an? )?(?:implementation )?action plan"
        r"(?: for (?:the )?implementation(?: of the convention)?)?"
        r"|(?:(?:(?:l')?elaboration|(?:la )?preparation|(?:le )?developpement|(?:la )?redaction)"
        r" (?:d'un|du) |elaborer un )?plan d'action"
        r"(?: (?:pour|en vue de) la mise en oeuvre| de mise en oeuvre| pour l'application)?"
        r"(?: de la convention)?"
        r"|(?:(?:elaboracion|preparacion|desarrollo|formulacion|redaccion) (?:de un|del)"
        r" |elaborar un )?plan de accion"
        r"(?: para (?:la )?(?:aplicacion|implementacion))?(?: de la convencion)?",
        "",
        "",
    ),
    (
        "on-site assistance by an expert",
        r"(?:on[- ]?site|in-country|in situ) (?:technical |expert )?(?:assistance|advice|support)"
        r" (?:by|from|of) (?:(?:an?|the|one or more) )?(?:[a-z-]+ ){0,4}?experts?"
        r"|(?:on[- ]?site|in-country) experts?(?: assistance| advice| support)?"
        r"|(?:assistance|advice|support) (?:by|from) (?:an? )?on[- ]?site experts?"
        r"|assistance (?:technique )?sur (?:place|site) (?:d'une?|de|par une?|par des|d') ?experts?"
        r"|assistance (?:d'une?|de) ?experts? sur (?:place|site)"
        r"|asistencia (?:tecnica )?in situ (?:de|por parte de) (?:una? )?expert[oa]s?"
        r"|asistencia (?:de|por parte de) (?:una? )?expert[oa]s? (?:in situ|sobre el terreno"
        r"|en el lugar)",
        # "d'un expert anticorruption", "de un experto en recuperación de activos"
        r"(?: [a-z'-]+)?(?: (?:en|in) (?:[a-z'-]+ ){0,3}[a-z'-]+)?",
        "",
    ),
    (
        "capacity-building programmes for the authorities responsible for …",
        r"capacity[- ]building programm?e?s?"
        r"|programmes? de renforcement (?:des|de(?: la)?) capacites?"
        r"|programas? de (?:creacion|fomento|desarrollo|fortalecimiento) de (?:la )?capacidad"
        r"(?:es)?",
        r"(?: for (?:the )?(?:authorities|bodies|institutions|officials|agencies)"
        r" (?:responsible for|in charge of) .+"
        r"| (?:pour|a l'intention) (?:de |des )?(?:les )?autorites (?:chargees|responsables) .+"
        r"| para (?:las )?autoridades (?:encargadas|responsables) .+)?",
        _ANY_TAIL,
    ),
    (
        "other assistance",
        r"(?:any )?other (?:forms?|types?|kinds?) of (?:technical )?assistance"
        r"|(?:any )?other (?:technical )?assistance"
        r"|autres? (?:formes?|types?) d'assistance(?: technique)?|autres? assistances?"
        r"(?: techniques?)?"
        r"|otr[oa]s? (?:tipos?|formas?|clases?) de asistencia(?: tecnica)?"
        r"|otra asistencia(?: tecnica)?",
        r"(?: ?\(.*\)| ?: .+)?",
        _ANY_TAIL,
    ),
)
_STRICT_FORMS = tuple(
    (label, re.compile(f"{_FORM_LEAD}(?:{core}){tail}")) for label, core, tail, _ in _FORM_PATTERNS
)
_LOOSE_FORMS = tuple(
    (label, re.compile(f"{_FORM_LEAD}(?:{core})(?:{tail}|{loose})"))
    for label, core, tail, loose in _FORM_PATTERNS
)
_BULLET = re.compile(r"^[-–—•·*▪◦]\s*")
# An article reference closing the text without parentheses ("legal advice, art. 16").
_TRAILING_REFERENCE = re.compile(
    r"(?:\s*[,;–—-]\s*|\s+)(?:arts?\.?|articles?|art[ií]culos?)\s*\d+"
    r"(?:\s*(?:,|and|et|y|&|-|–|to|à)\s*\d+)*"
    r"(?:,?\s*(?:paras?\.?|par\.|p[aá]rrs?\.?|paragraphs?|subparas?\.?)\s*\d+(?:\s*\([a-z]\))?)?"
    r"\s*[.;,]?\s*$",
    re.IGNORECASE,
)
_SEMICOLON = re.compile(r";(?![^()]*\))")


def _normalize_form_text(text: str) -> str:
    text = re.sub("[\u2010\u2011\u2012]", "-", text)
    text = _BULLET.sub("", strip_references(_BULLET.sub("", text.strip())))
    text = fold(_TRAILING_REFERENCE.sub("", text))
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"\s+", " ", text)
    return _TRAILING.sub("", text).strip()


def match_form(text: str, loose: bool = False) -> str | None:
    """The first-cycle form (taxonomy label) that the text is, or None for a sentence.

    The text is a form when, without its "Article N:" label, article references and closing
    punctuation, it is the words of a form, in English, French or Spanish; ``loose`` (a
    first-cycle item) also lets the open-ended forms go on with free words. A line listing
    several forms separated by semicolons is the first of them.
    """
    parts = [p.strip() for p in _SEMICOLON.split(_normalize_form_text(text)) if p.strip()]
    patterns = _LOOSE_FORMS if loose else _STRICT_FORMS
    labels: list[str] = []
    for part in parts:
        found = next((label for label, rx in patterns if rx.fullmatch(part)), None)
        if found is None:
            return None
        labels.append(found)
    return labels[0] if labels else None


# ---------------------------------------------------------------- resource mobilization

# "Resource mobilization is other assistance" (CODEBOOK.md section 2), whatever the money is
# for: a request whose head is mobilizing resources, funds or donors ("Assistance in
# mobilizing resources for the training of judges", "Mobilisation de ressources pour ...",
# "Movilización de recursos para ...") is coded by rule. Resources asked for directly
# ("Funding for the witness protection programme", "vehicles for the police") are left to the
# model, which codes them as capacity-building (equipment and resources).
_RESOURCE_WORDS = (
    r"(?:resources?|ressources|recursos|funds?|fonds|fondos|funding|financing|financements?"
    r"|financiamientos?|financiacion|donors?|bailleurs|donantes|contributions?|aportes)"
)
_MOBILIZATION = re.compile(
    rf"(?:resources? mobili[sz]ation|(?:mobili[sz]|moviliz)[a-z]*(?: [a-z]+){{0,4}}"
    rf" {_RESOURCE_WORDS}|{_RESOURCE_WORDS} mobili[sz]ation|fund raising"
    r"|(?:rais|secur|obtain|attract)[a-z]*"
    r" (?:(?:of|the|more|new|external|additional|donor|international|financial|sufficient) ){0,2}"
    r"(?:funds|funding|financing|resources|donor support)"
    r"|levee de fonds|recaudacion de fondos)\b"
)


def is_resource_mobilization(text: str) -> bool:
    """Whether the request (its head, after "Assistance in ...") is to mobilize resources."""
    folded = fold(strip_references(text))
    return any(_MOBILIZATION.match(_head(part)) for part in folded.split(":", 1))


# ---------------------------------------------------------------- inference


@dataclass(frozen=True)
class Coding:
    """How one need was coded, with the evidence for it."""

    primary_category: str
    secondary_categories: tuple[str, ...]
    subcategory: str | None
    form: str | None
    confidence: float
    method: str
    explanation: str


@dataclass(frozen=True)
class _Linear:
    """A linear scorer: per-feature weight rows and a bias, one column per label."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, data: dict) -> _Linear:
        """Read one model of a weights dict."""
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(float(b) for b in data["bias"]),
            weights={f: tuple(float(x) for x in row) for f, row in data["weights"].items()},
        )

    def scores(self, features: Iterable[str], value: float) -> list[float]:
        """Bias plus the weights of the present features, each feature having ``value``."""
        totals = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for i, w in enumerate(row):
                    totals[i] += w * value
        return totals

    def top_features(self, features: Iterable[str], label: int, n: int) -> list[tuple[str, float]]:
        """The ``n`` features that push hardest towards the label."""
        found = [(f, self.weights[f][label]) for f in features if f in self.weights]
        found = [item for item in found if item[1] > 0]
        found.sort(key=lambda item: (-item[1], item[0]))
        return found[:n]


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _pretty(feature: str) -> str:
    """A feature as the explanation shows it: ``^`` marks the head, ``[...]`` a concept."""
    prefix, _, rest = feature.partition(":")
    if not rest:
        return feature.replace("_", " ")
    if prefix == "C":
        return f"[{rest}]"
    if prefix == "HC":
        return f"^[{rest}]"
    if prefix == "O":
        return f"asks for [{rest}]"
    return f"^{rest.replace('_', ' ')}"


class Classifier:
    """Codes need texts with the form rules and the shipped linear models."""

    def __init__(self, weights: dict) -> None:
        if weights.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported classifier weights format {weights.get('format')!r}")
        self._primary = _Linear.from_json(weights["primary"])
        self._subcategory = _Linear.from_json(weights["subcategory"])
        self._secondary = _Linear.from_json(weights["secondary"])
        self._threshold = float(weights["secondary"]["threshold"])
        self._vocabulary = frozenset(self._primary.weights)

    def classify(
        self, text: str, language: str | None = None, first_cycle_form: bool = False
    ) -> Coding:
        """Code one need; ``first_cycle_form`` says the text is an item of a per-article list.

        ``language`` ("en", "fr", "es", ...) is accepted for the record: the rules and the
        features cover the three languages at once, so it does not change the result.
        """
        loose = first_cycle_form or bool(_LABEL.match(text))
        label = match_form(text, loose=loose)
        if label is not None:
            mapped = form(label)
            return Coding(
                primary_category=mapped.category,
                secondary_categories=(),
                subcategory=mapped.subcategory,
                form=label,
                confidence=1.0,
                method="rule",
                explanation=f"rule: first-cycle form '{label}'",
            )
        if is_resource_mobilization(text):
            return self._classify_model(text, rule="other")
        return self._classify_model(text)

    def _classify_model(self, text: str, rule: str | None = None) -> Coding:
        """The model's coding, or with ``rule`` that category as primary and the model's
        secondary categories."""
        features = [f for f in featurize(text) if f in self._vocabulary]
        value = 1.0 / math.sqrt(len(features)) if features else 0.0
        probabilities = _softmax(self._primary.scores(features, value))
        best = max(range(len(probabilities)), key=lambda i: (probabilities[i], -i))
        if rule is not None:
            best = self._primary.labels.index(rule)
        primary = self._primary.labels[best]
        subcategory = None
        if primary == "capacity_building":
            sub_scores = self._subcategory.scores(features, value)
            subcategory = self._subcategory.labels[
                max(range(len(sub_scores)), key=lambda i: (sub_scores[i], -i))
            ]
        secondary = tuple(
            code
            for code, score in zip(
                self._secondary.labels, self._secondary.scores(features, value), strict=True
            )
            if code != primary and _sigmoid(score) >= self._threshold
        )
        if rule is not None:
            return Coding(
                primary_category=primary,
                secondary_categories=secondary,
                subcategory=subcategory,
                form=None,
                confidence=1.0,
                method="rule",
                explanation="rule: resource mobilization is other assistance",
            )
        top = self._primary.top_features(features, best, 3)
        evidence = ", ".join(f"{_pretty(f)} ({w * value:+.1f})" for f, w in top)
        return Coding(
            primary_category=primary,
            secondary_categories=secondary,
            subcategory=subcategory,
            form=None,
            confidence=round(probabilities[best], 4),
            method="model",
            explanation=f"model: {evidence}" if evidence else "model: no known words",
        )


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class _Segments:
    """How to sum entries that share a key: a sort order and where each key's run starts."""

    order: np.ndarray
    starts: np.ndarray
    keys: np.ndarray
    size: int

    @classmethod
    def of(cls, keys: np.ndarray, size: int) -> _Segments:
        """The segments of ``keys`` (integers below ``size``)."""
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        return cls(order, starts, sorted_keys[starts], size)

    def sum(self, contributions: np.ndarray) -> np.ndarray:
        """Per-key sums of the rows of ``contributions``."""
        out = np.zeros((self.size, contributions.shape[1]))
        if len(self.order):
            out[self.keys] = np.add.reduceat(contributions[self.order], self.starts, axis=0)
        return out


class _Sparse:
    """A sparse design matrix in coordinate form: row, column and value of each entry."""

    def __init__(
        self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray, shape: tuple[int, int]
    ) -> None:
        self.rows, self.columns, self.values, self.shape = rows, columns, values, shape
        self._by_row = _Segments.of(rows, shape[0])
        self._by_column = _Segments.of(columns, shape[1])

    def take(self, selected: list[int]) -> _Sparse:
        """The matrix of the selected rows, renumbered in order."""
        position = np.full(self.shape[0], -1)
        position[selected] = np.arange(len(selected))
        keep = position[self.rows] >= 0
        return _Sparse(
            position[self.rows[keep]],
            self.columns[keep],
            self.values[keep],
            (len(selected), self.shape[1]),
        )

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """This matrix times a dense (columns x k) matrix."""
        return self._by_row.sum(dense[self.columns] * self.values[:, None])

    def tdot(self, dense: np.ndarray) -> np.ndarray:
        """The transpose of this matrix times a dense (rows x k) matrix."""
        return self._by_column.sum(dense[self.rows] * self.values[:, None])


def _design(rows: list[list[str]], index: dict[str, int]) -> _Sparse:
    r: list[int] = []
    c: list[int] = []
    v: list[float] = []
    for i, features in enumerate(rows):
        columns = sorted(index[f] for f in features if f in index)
        for column in columns:
            r.append(i)
            c.append(column)
            v.append(1.0 / math.sqrt(len(columns)))
    shape = (len(rows), len(index))
    return _Sparse(np.array(r, dtype=np.intp), np.array(c, dtype=np.intp), np.array(v), shape)


def _fit(matrix: _Sparse, targets: np.ndarray, softmax: bool) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Nesterov gradient descent on the L2-penalized logistic loss, from zeros."""
    n, d = matrix.shape
    k = targets.shape[1]
    weights = np.zeros((d, k))
    bias = np.zeros(k)
    velocity_w = np.zeros((d, k))
    velocity_b = np.zeros(k)
    for _ in range(_ITERATIONS):
        look_w = weights + 0.9 * velocity_w
        look_b = bias + 0.9 * velocity_b
        logits = matrix.dot(look_w) + look_b
        if softmax:
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
        else:
            probs = 1.0 / (1.0 + np.exp(-logits))
        error = (probs - targets) / n
        grad_w = matrix.tdot(error) + _L2 * look_w
        grad_b = error.sum(axis=0)
        velocity_w = 0.9 * velocity_w - _LEARNING_RATE * grad_w
        velocity_b = 0.9 * velocity_b - _LEARNING_RATE * grad_b
        weights += velocity_w
        bias += velocity_b
    return weights, bias


def _export(
    labels: tuple[str, ...], weights: np.ndarray, bias: np.ndarray, vocabulary: list[str]
) -> dict:
    rows: dict[str, list[float]] = {}
    for feature, row in zip(vocabulary, np.round(weights, 4).tolist(), strict=True):
        if any(row):
            rows[feature] = [x + 0.0 for x in row]  # + 0.0 turns -0.0 into 0.0
    return {
        "labels": list(labels),
        "bias": [x + 0.0 for x in np.round(bias, 4).tolist()],
        "weights": rows,
    }


def _one_hot(values: list[str], labels: tuple[str, ...]) -> np.ndarray:
    targets = np.zeros((len(values), len(labels)))
    for i, value in enumerate(values):
        targets[i, labels.index(value)] = 1.0
    return targets


def train(examples: list[dict], seed: int = 0) -> dict:
    """Fit the three models on labelled needs and return their weights as plain JSON data.

    Training is full-batch gradient descent from zero weights over a sorted vocabulary, so
    it is deterministic; ``seed`` is kept for API stability and does not change the result.
    """
    del seed
    rows = [featurize(e["text"]) for e in examples]
    counts: dict[str, int] = {}
    for features in rows:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    vocabulary = sorted(f for f, c in counts.items() if c >= _MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    matrix = _design(rows, index)

    primary = [e["primary_category"] for e in examples]
    w, b = _fit(matrix, _one_hot(primary, CATEGORY_CODES), softmax=True)
    weights: dict = {"format": FORMAT_VERSION, "primary": _export(CATEGORY_CODES, w, b, vocabulary)}
    # The primary model keeps every vocabulary feature: inference scales by their count.
    weights["primary"]["weights"] = {
        f: weights["primary"]["weights"].get(f, [0.0] * len(CATEGORY_CODES)) for f in vocabulary
    }

    cb = [i for i, code in enumerate(primary) if code == "capacity_building"]
    subs = [examples[i]["subcategory"] for i in cb]
    w, b = _fit(matrix.take(cb), _one_hot(subs, SUBCATEGORY_CODES), softmax=True)
    weights["subcategory"] = _export(SUBCATEGORY_CODES, w, b, vocabulary)

    targets = np.array(
        [[float(c in e.get("secondary_categories", ())) for c in CATEGORY_CODES] for e in examples]
    )
    w, b = _fit(matrix, targets, softmax=False)
    weights["secondary"] = _export(CATEGORY_CODES, w, b, vocabulary)
    weights["secondary"]["threshold"] = SECONDARY_THRESHOLD
    return weights
