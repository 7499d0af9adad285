"""Language detection: the supported languages, and others reported rather than misread."""

from __future__ import annotations

import pytest

from tamatrix.core.language import detect

SENTENCES = [
    (
        "en",
        "It is recommended that the State party consider adopting a law on access to "
        "information and strengthen the capacity of the anti-corruption commission.",
    ),
    (
        "en",
        "Capacity-building for the financial intelligence unit on the analysis of "
        "suspicious transaction reports (art. 14).",
    ),
    (
        "fr",
        "Il est recommandé que l'État partie envisage d'adopter une loi sur l'accès à "
        "l'information et renforce les capacités de la commission de lutte contre la corruption.",
    ),
    (
        "fr",
        "Renforcement des capacités de la cellule de renseignement financier en matière "
        "d'analyse des déclarations d'opérations suspectes (art. 14).",
    ),
    (
        "es",
        "Se recomienda que el Estado parte considere la posibilidad de aprobar una ley sobre "
        "el acceso a la información y fortalezca la comisión de lucha contra la corrupción.",
    ),
    (
        "es",
        "Fomento de la capacidad de la unidad de inteligencia financiera para el análisis de "
        "los informes de transacciones sospechosas (art. 14).",
    ),
    (
        "de",
        "Es wird empfohlen, dass der Vertragsstaat die Verabschiedung eines Gesetzes über den "
        "Zugang zu Informationen prüft und die Antikorruptionskommission stärkt.",
    ),
    (
        "pt",
        "Recomenda-se que o Estado parte considere a adoção de uma lei sobre o acesso à "
        "informação e reforce a capacidade da comissão de combate à corrupção.",
    ),
    (
        "it",
        "Si raccomanda che lo Stato parte valuti l'adozione di una legge sull'accesso alle "
        "informazioni e rafforzi la capacità della commissione anticorruzione.",
    ),
    (
        "ar",
        "يوصى بأن تنظر الدولة الطرف في اعتماد قانون بشأن الحصول على المعلومات وتعزيز قدرة "
        "هيئة مكافحة الفساد.",
    ),
    ("zh", "建议缔约国考虑通过一项关于获取信息的法律，并加强反腐败委员会开展风险评估的能力。"),
    (
        "ru",
        "Рекомендуется, чтобы государство-участник рассмотрело вопрос о принятии закона о "
        "доступе к информации и укрепило потенциал комиссии по борьбе с коррупцией.",
    ),
]


@pytest.mark.parametrize(("language", "text"), SENTENCES)
def test_detects_the_language(language: str, text: str) -> None:
    code, confidence = detect(text)
    assert code == language
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "Hello", "art. 5", "12/34 56-78 (a) (b)"])
def test_short_or_empty_text_is_undetermined(text: str) -> None:
    assert detect(text) == (None, 0.0)


@pytest.mark.parametrize(
    "text",
    [
        # Indonesian and Turkish: Latin script, but none of the languages it knows.
        "Direkomendasikan agar Negara Pihak mempertimbangkan untuk mengadopsi undang-undang "
        "tentang akses informasi dan memperkuat kapasitas komisi pemberantasan korupsi.",
        "Taraf Devletin bilgiye erişim konusunda bir yasa çıkarmayı değerlendirmesi ve "
        "yolsuzlukla mücadele komisyonunun kapasitesini güçlendirmesi tavsiye edilir.",
        "UNODC OECD UNDP GIZ Transparency International World Bank Basel Institute",
    ],
)
def test_unknown_latin_text_is_not_misread(text: str) -> None:
    assert detect(text) == (None, 0.0)


def test_english_with_foreign_names_stays_english() -> None:
    text = (
        "The Commission (هيئة النزاهة) and the Prosecutor's Office (Генеральная прокуратура) "
        "should receive training on the tracing of assets held abroad."
    )
    assert detect(text)[0] == "en"


def test_long_document_is_detected() -> None:
    text = SENTENCES[2][1] * 2000
    assert detect(text) == ("fr", 1.0)
