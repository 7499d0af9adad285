"""The wording of generated executive summaries: institutions, laws, need phrases per article,
frames per category, observations, recommendations and good practices.

Every phrase was written for ta-matrix. Phrases hold slots in braces: ``{acb}`` and the other
institution roles, ``{law_procurement}`` and the other laws, ``{strategy}`` and ``{short}`` are
filled from the document's world (``corpus.World``); the need roles (``{subject}``,
``{audience}``, ``{new_law}`` ...) are filled from the vocabulary of the need's articles.

Two rules keep the documents readable by the extractor whatever the line breaks of a PDF:
running text never uses the words that open section headings ("challenges", "good practices",
"successes", "introduction", "observations", "contents") except at the start of a bullet, and
never writes "chapter" followed by a numeral and a full stop or colon.
"""

from __future__ import annotations

from collections.abc import Mapping

Phrases = tuple[str, ...]
Vocabulary = Mapping[str, Phrases]

# --------------------------------------------------------------------------- the State's world

INSTITUTIONS: Mapping[str, Phrases] = {
    "acb": (
        "the Anti-Corruption Commission",
        "the National Integrity Commission",
        "the Corruption Prevention Bureau",
        "the Office of the Inspector General of Government",
        "the High Authority for Good Governance",
        "the Independent Commission against Corruption",
        "the National Anti-Corruption Agency",
        "the Directorate of Ethics and Integrity",
        "the Public Integrity Office",
        "the National Authority for the Prevention of Corruption",
    ),
    "audit": (
        "the Auditor General",
        "the Court of Audit",
        "the National Audit Office",
        "the Supreme Audit Chamber",
        "the Office of the Comptroller General",
        "the State Audit Institution",
    ),
    "procurement": (
        "the Public Procurement Authority",
        "the Procurement Regulatory Agency",
        "the Central Tender Board",
        "the Directorate of Public Procurement",
        "the Public Procurement Oversight Office",
        "the State Procurement Agency",
    ),
    "civil_service": (
        "the Public Service Commission",
        "the Civil Service Agency",
        "the Ministry of Public Administration",
        "the Office of Personnel Management",
        "the Civil Service Board",
    ),
    "fiu": (
        "the Financial Intelligence Unit",
        "the Financial Intelligence Centre",
        "the Financial Analysis Unit",
        "the Financial Information Agency",
        "the Financial Monitoring Service",
    ),
    "prosecution": (
        "the Office of the Director of Public Prosecutions",
        "the Office of the Prosecutor General",
        "the Public Prosecution Service",
        "the National Prosecuting Authority",
    ),
    "central_authority": (
        "the Ministry of Justice",
        "the Office of the Attorney General",
        "the Department of International Legal Cooperation",
        "the Central Authority for Mutual Legal Assistance",
    ),
    "judiciary": (
        "the Judicial Service Commission",
        "the Supreme Council of the Judiciary",
        "the Judicial Council",
        "the Council of Magistrates",
    ),
    "judicial_school": (
        "the Judicial Training Institute",
        "the School of Magistrates",
        "the National Judicial Academy",
        "the Judicial Studies Centre",
    ),
    "police": (
        "the Economic Crimes Unit of the police",
        "the Directorate of Criminal Investigations",
        "the Financial Crimes Department of the police",
        "the National Bureau of Investigation",
    ),
    "registry": (
        "the Registrar of Companies",
        "the Business Registration Service",
        "the Commercial Registry",
    ),
    "info_body": (
        "the Information Commission",
        "the Ombudsman",
        "the Access to Information Council",
    ),
    "electoral": (
        "the Electoral Commission",
        "the Independent Electoral Board",
        "the Central Election Commission",
    ),
    "central_bank": ("the Central Bank", "the Reserve Bank", "the Monetary Authority"),
    "aro": (
        "the Asset Recovery Office",
        "the Asset Forfeiture Unit",
        "the Criminal Assets Bureau",
        "the Agency for the Management of Seized Assets",
    ),
}

LAWS: Mapping[str, Phrases] = {
    "anticorruption": (
        "Anti-Corruption Act",
        "Law on the Prevention of Corruption",
        "Corruption (Prevention and Punishment) Act",
        "Integrity in Public Life Act",
        "Law on Combating Corruption",
    ),
    "procurement": (
        "Public Procurement Act",
        "Public Procurement and Asset Disposal Act",
        "Law on Public Contracts",
        "Procurement Code",
    ),
    "aml": (
        "Money-Laundering Control Act",
        "Law on the Prevention of Money-Laundering and Terrorist Financing",
        "Money-Laundering (Prevention) Act",
        "Financial Intelligence Act",
    ),
    "poc": (
        "Proceeds of Crime (Recovery) Act",
        "Law on the Confiscation of Criminal Assets",
        "Criminal Assets Recovery Act",
    ),
    "mla": (
        "Mutual Legal Assistance in Criminal Matters Act",
        "Law on International Cooperation in Criminal Matters",
        "International Cooperation (Criminal Matters) Act",
    ),
    "civil_service": ("Civil Service Act", "Public Service Act", "Law on Civil Servants"),
    "ethics": (
        "Public Officers Ethics Act",
        "Code of Conduct for Public Officers Act",
        "Law on the Ethics of Public Officials",
        "Leadership Code Act",
    ),
    "ati": (
        "Access to Information Act",
        "Freedom of Information Act",
        "Law on the Right of Access to Public Information",
    ),
    "parties": (
        "Political Parties Act",
        "Law on the Financing of Political Parties",
        "Electoral Code",
    ),
    "companies": ("Companies Act", "Commercial Code", "Law on Commercial Companies"),
    "penal": ("Penal Code", "Criminal Code"),
    "cpc": ("Code of Criminal Procedure", "Criminal Procedure Act"),
    "audit": ("Public Audit Act", "Public Finance Management Act", "Law on State Audit"),
    "extradition": ("Extradition Act", "Law on Extradition"),
}

STRATEGIES: Phrases = (
    "National Strategy against Corruption {start}–{end}",
    "National Integrity Plan {start}–{end}",
    "National Anti-Corruption Policy {start}–{end}",
    "Strategy for the Prevention of Corruption {start}–{end}",
)

LEGAL_SYSTEMS: Phrases = (
    "a civil law system",
    "a common law system",
    "a mixed legal system in which written law, customary law and judicial precedent apply",
    "a legal system based on civil law, with elements of customary law",
    "a common law system with a written constitution",
)

TREATY_RULES: Phrases = (
    "Treaties ratified by {short} form part of its domestic law once published and take "
    "precedence over ordinary laws.",
    "Ratified treaties apply directly in the domestic legal order and rank above ordinary "
    "legislation.",
    "Treaties take effect in {short} only through implementing legislation passed by Parliament.",
    "International agreements need implementing legislation before the courts can apply them.",
)

ORIGINALS: Mapping[str, Phrases] = {
    "african": ("English", "English", "French", "Arabic"),
    "asia_pacific": ("English", "English", "Arabic", "Chinese"),
    "eastern_european": ("English", "Russian", "Russian"),
    "latin_american_caribbean": ("Spanish", "Spanish", "English"),
    "western_european_other": ("English", "French", "English"),
}

# --------------------------------------------------------------------------- front matter

MECHANISM_PARAGRAPHS: tuple[Phrases, ...] = (
    (
        "Under the terms of reference that the Conference of the States Parties adopted in "
        "resolution 3/1, two States parties review each State party, with the Secretariat's "
        "support.",
        "The review mechanism that the Conference of the States Parties created by its "
        "resolution 3/1 provides for a peer review of every State party by two others.",
        "In resolution 3/1, the Conference of the States Parties set up a peer review mechanism "
        "in which two States parties review each State party, assisted by the Secretariat.",
    ),
    (
        "Each review produces a country report and a summary of its findings, which the "
        "Implementation Review Group receives as an official document.",
        "The findings of each review are set out in a country report, and a shorter summary of "
        "them is issued as a document of the Implementation Review Group.",
        "A review ends with a full country report and a summary for the Implementation Review "
        "Group, in keeping with the terms of reference.",
    ),
    (
        "What follows summarizes the {ordinal}-cycle review of {name}, on chapters {chapters}.",
        "Set out below is the summary of the {ordinal}-cycle review of {name}, whose subject "
        "was chapters {chapters}.",
    ),
)

GENERATED_NOTE = (
    "GENERATED DEMO DATA. ta-matrix wrote this file from templates (profile {profile}, seed "
    "{seed}); the State named here is invented, and so are its laws, its institutions, the "
    "symbol, the job number and all of the text. This is not a United Nations document and "
    "it describes no real country."
)

# The same in at most 255 characters, the limit of a Word file's comments property.
GENERATED_METADATA = (
    "Generated demo data (ta-matrix, profile {profile}, seed {seed}): the State, its laws, "
    "institutions, symbol and text are invented. Not a United Nations document."
)

# --------------------------------------------------------------------------- need frames

# A frame is a need's opening words, which decide its primary category (CODEBOOK.md).
FRAMES: Mapping[tuple[str, str | None], Phrases] = {
    ("capacity_building", "training"): (
        "Training for {audience} on {subject}",
        "Specialized training of {audience} in {subject}",
        "Training courses for {audience} on {subject}",
        "Workshops for {audience} on {subject}",
        "Training of {audience} on {subject}",
        "A training programme for {audience} on {subject}",
        "Practical training for {audience} in {subject}, based on case studies",
        "Training of trainers from {body} on {subject}",
        "Regular training for {audience} on {subject}",
    ),
    ("capacity_building", "ict_tools"): (
        "Technical support in developing {system}",
        "Development of {system}",
        "Provision of {system} and technical support in its use",
        "Technical support for the design and roll-out of {system}",
        "Software and technical support for {system}",
    ),
    ("capacity_building", "awareness_raising"): (
        "Development of awareness-raising materials on {campaign} for {public}",
        "Support for a public awareness campaign on {campaign}",
        "Awareness-raising activities for {public} on {campaign}",
        "Production of audiovisual awareness materials for {public} on {campaign}",
        "Public education and awareness materials on {campaign} aimed at {public}",
    ),
    ("capacity_building", "expert_advice"): (
        "On-site expert advice to {body} on {subject}",
        "Expert support in preparing a manual on {subject} for {body}",
        "Mentoring of {audience} by experienced practitioners in {subject}",
        "Expert support in drafting guidelines on {subject}",
        "The placement of an expert adviser with {body} to assist with {subject}",
    ),
    ("capacity_building", "equipment_resources"): (
        "Provision of {equipment}",
        "Supply of {equipment}",
        "Material support in the form of {equipment}",
    ),
    ("capacity_building", "coordination"): (
        "Support for mechanisms of inter-agency coordination on {subject}",
        "Support in setting up {network}",
        "Strengthening of {network}",
        "Support for regular coordination meetings of the bodies responsible for {subject}",
    ),
    ("capacity_building", "general"): (
        "Capacity-building for {body} on {subject}",
        "Strengthening the capacities of {body} with regard to {subject}",
        "Capacity-building for {body}",
        "General capacity-building in the area of {subject}",
        "Capacity-building for {audience} in {subject}",
    ),
    ("legislative_assistance", None): (
        "Legislative assistance in drafting {new_law}",
        "Legal advice on {new_law}",
        "Assistance in reviewing {law} to bring it into line with the Convention",
        "Legislative assistance in amending {law} with regard to {subject}",
        "Model legislation on {subject}",
        "Legislative drafting support for {new_law}",
    ),
    ("institution_building", None): (
        "Assistance in establishing {unit}",
        "Support in setting up {unit}",
        "Institutional support to strengthen {ib}",
        "Assistance in strengthening {ib}",
        "Assistance in developing standard operating procedures on {subject} to be followed "
        "by all the agencies concerned",
    ),
    ("policymaking", None): (
        "Support in developing {plan}",
        "Assistance in designing {plan}",
        "Assistance in drawing up {plan}",
        "Policy advice for the preparation of {plan}",
    ),
    ("research_data", None): (
        "Assistance in conducting {study}",
        "Support in conducting {study}",
        "Assistance in carrying out {study}",
        "Assistance in collecting and analysing statistics on {subject}",
        "Development of indicators to measure progress in {subject}",
    ),
    ("international_cooperation", None): (
        "Sharing of good practices with other States on {subject}",
        "Study visits to {peer} in other States to learn about {subject}",
        "Exchange of experience with foreign counterparts on {subject}",
        "Facilitation of cooperation with counterparts in other States on {subject}",
        "Examples of good practices from other States on {subject}",
        "Peer exchanges with {peer} of other States on {subject}",
    ),
    ("other", None): (
        "Assistance in mobilizing resources for {activity}",
        "Support in mobilizing funds for {activity}",
        "Resource mobilization for {activity}",
        "Support for advocacy in favour of {advocacy}",
    ),
}

# A lead-in bullet and the frame of its sub-bullets; the sub-bullets start in lower case.
LEAD_INS: Mapping[tuple[str, str | None], tuple[tuple[str, str], ...]] = {
    ("capacity_building", "training"): (
        ("Training for:", "{audience} on {subject}"),
        ("Capacity-building, mainly through training, for:", "{audience} on {subject}"),
        ("Specialized training for the following officials:", "{audience} on {subject}"),
    ),
    ("capacity_building", "ict_tools"): (("Technical support in developing:", "{system}"),),
    ("capacity_building", "expert_advice"): (("On-site expert advice on:", "{subject}"),),
    ("capacity_building", "general"): (("Capacity-building for:", "{body} on {subject}"),),
    ("capacity_building", "awareness_raising"): (
        ("Awareness-raising materials and activities on:", "{campaign}"),
    ),
    ("legislative_assistance", None): (
        ("Legislative assistance in drafting:", "{new_law}"),
        ("Legal advice on:", "{new_law}"),
    ),
    ("institution_building", None): (("Assistance in establishing:", "{unit}"),),
    ("research_data", None): (("Assistance in conducting:", "{study}"),),
    ("international_cooperation", None): (
        ("Sharing of good practices with other States on:", "{subject}"),
        ("Exchange of experience with foreign counterparts on:", "{subject}"),
    ),
}

# Lead-ins whose own reference covers every sub-bullet: "{subject}" is shared.
SHARED_LEAD_INS: Mapping[tuple[str, str | None], tuple[tuple[str, str], ...]] = {
    ("capacity_building", "training"): (
        ("Training on {subject} for the following officials {ref}:", "{audience}"),
        ("Workshops on {subject} {ref} for:", "{audience}"),
    ),
    ("legislative_assistance", None): (
        ("Legislative assistance in drafting the following texts {ref}:", "{new_law}"),
    ),
}

# Roles that a frame may use when the article's vocabulary has none of its own.
DEFAULTS: Vocabulary = {
    "public": ("the general public", "citizens and civil society organizations"),
    "campaign": ("{subject}",),
    "peer": ("the competent authorities", "the bodies responsible"),
    "activity": ("the work of {body} on {subject}", "measures concerning {subject}"),
    "equipment": ("equipment and additional staff for {body}", "computers and vehicles for {body}"),
    "network": ("a network of focal points on {subject}",),
    "ib": ("the mandate and structure of {body}",),
    "unit": ("a specialized unit responsible for {subject}",),
    "plan": ("a policy on {subject}", "an action plan on {subject}"),
    "study": ("a study on {subject}", "an assessment of {subject}"),
    "system": ("an electronic database on {subject}",),
    "new_law": ("legislation on {subject}", "amendments to the legislation on {subject}"),
    "law": ("the legislation on {subject}",),
}

# --------------------------------------------------------------------------- need vocabulary

VOCAB: Mapping[int, Vocabulary] = {
    5: {
        "subject": (
            "the implementation of {strategy}",
            "corruption risk management in public institutions",
            "the monitoring and evaluation of anti-corruption policies",
            "the coordination of prevention measures across ministries",
            "the periodic evaluation of laws and administrative measures against corruption",
            "the links between corruption, gender and human rights",
            "integrity planning in line ministries",
            "corruption prevention in local government",
        ),
        "audience": (
            "staff of {acb}",
            "integrity officers of line ministries",
            "members of the steering committee of {strategy}",
            "planning officers of ministries and local authorities",
            "focal points responsible for {strategy}",
        ),
        "body": ("{acb}", "the secretariat of {strategy}", "the integrity units of ministries"),
        "law": ("the {law_anticorruption}",),
        "new_law": (
            "a comprehensive law on the prevention of corruption",
            "regulations defining the roles of the bodies that implement {strategy}",
            "a legal framework that harmonizes the mandates of the prevention bodies and avoids "
            "duplication",
        ),
        "unit": (
            "a unit within {acb} responsible for monitoring {strategy}",
            "a national mechanism for coordinating corruption prevention",
            "integrity units in the ministries most exposed to corruption",
        ),
        "ib": (
            "the mandates of the bodies that implement {strategy}",
            "the coordinating role of {acb} in the prevention of corruption",
        ),
        "system": (
            "an online platform for reporting on the implementation of {strategy}",
            "a database that tracks the measures taken by ministries",
            "data-mining tools for analysing large volumes of administrative data",
        ),
        "study": (
            "a national corruption risk assessment",
            "a survey measuring the experience and perception of corruption",
            "corruption risk assessments of the health, education and land sectors",
            "a survey of corruption in public services, with training in the analysis of its "
            "results",
            "a national corruption index with indicators of the impact of prevention measures",
        ),
        "public": ("young people", "civil servants and the general public", "local communities"),
        "campaign": (
            "the objectives of {strategy}",
            "the role of citizens in preventing corruption",
        ),
        "plan": (
            "a new national anti-corruption strategy",
            "an action plan for the implementation of {strategy}",
            "a system for monitoring and evaluating {strategy}",
            "sectoral anti-corruption action plans for ministries",
            "a corruption prevention policy for local government",
        ),
        "equipment": ("computers and vehicles for the regional offices of {acb}",),
        "network": (
            "a network of integrity focal points in ministries and local authorities",
            "integrity committees in central and local government",
        ),
        "activity": ("the implementation of {strategy}", "the prevention programme of {acb}"),
        "peer": ("anti-corruption agencies", "prevention bodies"),
    },
    6: {
        "subject": (
            "corruption prevention reviews of public institutions",
            "strategic planning and performance management",
            "the handling of complaints from the public",
            "risk-based planning of prevention work",
            "the combination of preventive and investigative functions",
        ),
        "audience": (
            "newly recruited staff of {acb}",
            "prevention officers of {acb}",
            "commissioners and senior managers of {acb}",
            "staff of the regional offices of {acb}",
        ),
        "body": ("{acb}",),
        "law": ("the {law_anticorruption}",),
        "new_law": (
            "amendments to the {law_anticorruption} that strengthen the independence of {acb}",
            "regulations on the internal organization of {acb}",
        ),
        "unit": (
            "regional offices of {acb}",
            "a research and policy unit within {acb}",
            "a corruption prevention department within {acb}",
        ),
        "ib": (
            "the independence and budgetary autonomy of {acb}",
            "the mandate and internal structure of {acb}",
        ),
        "system": (
            "a case and complaints management system for {acb}",
            "an electronic document management system for {acb}",
        ),
        "study": (
            "a functional review of {acb}",
            "an assessment of the staffing and training needs of {acb}",
            "a corruption risk survey to guide the prevention work of {acb}",
        ),
        "campaign": ("the mandate and services of {acb}",),
        "equipment": (
            "vehicles and information technology equipment for {acb}",
            "additional qualified staff for {acb}",
        ),
        "network": ("a network of focal points linking {acb} with line ministries",),
        "activity": ("the expansion of {acb} to all regions",),
        "peer": ("anti-corruption agencies", "prevention bodies"),
    },
    7: {
        "subject": (
            "merit-based recruitment and promotion",
            "the identification of positions especially vulnerable to corruption",
            "the rotation of staff in exposed positions",
            "transparency in the funding of political parties and election campaigns",
            "remuneration and pay scales in the public service",
            "ethics and integrity in the public service",
            "criteria for candidature for and election to public office",
        ),
        "audience": (
            "human resources managers of ministries",
            "staff of {civil_service}",
            "officials of {electoral}",
            "newly recruited civil servants",
        ),
        "body": ("{civil_service}", "{electoral}"),
        "law": ("the {law_civil_service}", "the {law_parties}"),
        "new_law": (
            "amendments to the {law_civil_service} on recruitment and promotion",
            "a law on the financing of political parties and election campaigns",
            "regulations on the rotation of staff in positions exposed to corruption",
        ),
        "unit": (
            "a unit within {civil_service} responsible for integrity in recruitment",
            "a political finance oversight unit within {electoral}",
        ),
        "ib": ("the oversight role of {electoral} in political finance",),
        "system": (
            "an electronic human resources management system for the public service",
            "an online recruitment portal for the civil service",
            "a database of donations to political parties",
        ),
        "study": (
            "a study identifying public positions especially vulnerable to corruption",
            "a survey of remuneration in the civil service",
            "a comparative study of political finance rules in other States",
        ),
        "campaign": ("integrity in the public service",),
        "public": ("civil servants", "candidates and political parties"),
        "activity": ("a reform of recruitment in the public service",),
        "peer": ("civil service commissions", "electoral bodies"),
    },
    8: {
        "subject": (
            "the application of the code of conduct for public officials",
            "the handling of gifts and hospitality",
            "disciplinary procedures for breaches of the code of conduct",
            "ethics in public administration",
            "ethical dilemmas in day-to-day public service",
        ),
        "audience": (
            "ethics officers of ministries",
            "members of disciplinary boards",
            "senior public officials",
            "staff of {acb}",
        ),
        "body": ("{acb}", "the ethics committees of ministries"),
        "law": ("the {law_ethics}",),
        "new_law": (
            "a revised code of conduct for public officials",
            "regulations on gifts and hospitality",
            "codes of conduct for the sectors most exposed to corruption",
        ),
        "unit": (
            "ethics units in ministries",
            "an ethics office that advises public officials",
        ),
        "ib": ("the role of the ethics committees of ministries",),
        "system": (
            "an e-learning platform on the code of conduct",
            "an online register of gifts received by public officials",
        ),
        "study": (
            "a survey of ethics and integrity among public officials",
            "an evaluation of the application of the code of conduct",
        ),
        "campaign": ("the code of conduct for public officials",),
        "public": ("public officials",),
        "activity": ("the revision of the code of conduct",),
        "peer": ("ethics bodies",),
    },
    9: {
        "subject": (
            "risk-based auditing of public contracts",
            "preventing and detecting procurement fraud",
            "the investigation of procurement irregularities",
            "framework agreements and other methods under the {law_procurement}",
            "internal control and internal audit",
            "budget transparency and the management of public finances",
            "the preparation of procurement audit and investigation reports",
            "record management in public finance",
        ),
        "audience": (
            "procurement officers and members of tender boards",
            "auditors of {audit}",
            "internal auditors of ministries",
            "accountants and finance officers",
            "fraud investigators and forensic auditors",
            "staff of {procurement}",
            "suppliers and service providers",
        ),
        "body": ("{procurement}", "{audit}"),
        "law": ("the {law_procurement}", "the {law_audit}"),
        "new_law": (
            "regulations implementing the {law_procurement}",
            "amendments to the {law_procurement}",
            "supplementary provisions on the mandate of {procurement}",
            "rules bringing internal audit into line with international standards",
        ),
        "unit": (
            "a unit within {acb} responsible for monitoring public contracts",
            "internal audit units in all ministries",
            "an independent body to hear procurement complaints",
        ),
        "ib": ("the mandate and independence of {procurement}",),
        "system": (
            "an electronic procurement system",
            "an electronic records management system for public finances",
            "a system for detecting irregularities and fraud in procurement data",
            "a central database of public contracts",
        ),
        "study": (
            "a comparative study of strategies for preventing procurement fraud",
            "a benchmarking exercise on procurement performance",
            "an assessment of the procurement system against international benchmarks",
            "a risk assessment of procurement in the health and infrastructure sectors",
            "a full review of the laws on procurement and public finances, with recommendations",
        ),
        "equipment": (
            "computers and servers for {procurement}",
            "additional auditors for {audit}",
        ),
        "network": ("coordination among {procurement}, {audit} and {acb} on procurement cases",),
        "activity": ("the roll-out of electronic procurement",),
        "peer": ("procurement authorities", "audit institutions"),
    },
    10: {
        "subject": (
            "access to information",
            "the proactive publication of information by public bodies",
            "the handling of requests for information",
            "the simplification of administrative procedures",
            "periodic public reports on corruption risks",
        ),
        "audience": (
            "information officers of public bodies",
            "staff of {info_body}",
            "officials who handle requests for information",
        ),
        "body": ("{info_body}", "the government communication office"),
        "law": ("the {law_ati}",),
        "new_law": (
            "a law on access to information",
            "implementing regulations on access to information",
            "rules on exemptions and appeals in access to information cases",
        ),
        "unit": (
            "an independent body to oversee access to information",
            "information offices in ministries",
        ),
        "ib": ("the mandate of {info_body} in access to information cases",),
        "system": (
            "an online portal for requests for information",
            "an open data portal for public information",
            "a records management system for public bodies",
        ),
        "study": (
            "a study on the simplification of administrative procedures",
            "an assessment of the way public bodies publish information",
        ),
        "campaign": ("the right of access to information",),
        "public": ("citizens", "journalists and civil society organizations"),
        "peer": ("information commissions",),
    },
    11: {
        "subject": (
            "judicial integrity and independence",
            "the handling of complex corruption and financial crime cases",
            "case management in the courts",
            "codes of conduct for judges and prosecutors",
            "transparency in the allocation of cases",
        ),
        "audience": (
            "judges and prosecutors",
            "magistrates and court staff",
            "prosecutors and investigators",
            "members of {judiciary}",
        ),
        "body": ("{judiciary}", "{prosecution}", "{judicial_school}"),
        "new_law": (
            "a revised code of judicial conduct",
            "amendments to the law on the status of judges",
            "a code of ethics for prosecutors",
        ),
        "unit": (
            "a judicial inspection unit",
            "an integrity unit within {prosecution}",
            "a specialized division for corruption cases in the courts",
        ),
        "ib": ("the independence of {judiciary}",),
        "system": (
            "an electronic case management system for the courts",
            "a random case allocation system for the courts",
            "digitized court records",
        ),
        "study": (
            "an assessment of integrity risks in the judiciary",
            "a survey of court users",
        ),
        "equipment": ("computers and recording equipment for the courts",),
        "activity": ("the integrity programme of {judiciary}",),
        "peer": ("judicial councils", "prosecution services"),
    },
    12: {
        "subject": (
            "the prevention of bribery in companies",
            "compliance programmes in the private sector",
            "codes of ethics for businesses",
            "transparency about the beneficial owners of companies",
            "accounting and auditing standards for companies",
            "typologies of corruption offences in the private sector",
        ),
        "audience": (
            "compliance officers of companies",
            "civil servants who regulate businesses",
            "staff of {registry}",
            "managers of small and medium-sized enterprises",
        ),
        "body": ("{registry}", "the chamber of commerce"),
        "law": ("the {law_companies}",),
        "new_law": (
            "amendments to the {law_companies} on beneficial ownership",
            "guidelines for companies on procedures to prevent bribery",
            "provisions on the non-deductibility of bribes from taxable income",
        ),
        "study": (
            "a study of typologies of corruption in the private sector",
            "a survey of corruption risks faced by businesses",
        ),
        "campaign": ("integrity in business",),
        "public": ("business associations and companies",),
        "peer": ("business registries",),
    },
    13: {
        "subject": (
            "the participation of civil society in preventing corruption",
            "the reporting of corruption by members of the public",
            "anti-corruption education in schools and universities",
            "investigative journalism on corruption",
            "the protection of persons who report corruption",
        ),
        "audience": (
            "civil society organizations",
            "journalists",
            "teachers",
            "youth organizations",
            "community leaders",
        ),
        "body": ("{acb}", "civil society organizations"),
        "new_law": (
            "a law on the protection of reporting persons",
            "rules on public consultation on draft laws",
        ),
        "unit": (
            "a complaints unit within {acb}",
            "a civil society liaison office within {acb}",
        ),
        "ib": ("the complaints function of {acb}",),
        "system": (
            "an online and mobile platform for reporting corruption",
            "a toll-free hotline for reporting corruption",
        ),
        "study": (
            "a survey of public perceptions of corruption",
            "a study on the participation of civil society in policymaking",
        ),
        "campaign": (
            "the reporting channels of {acb}",
            "the role of citizens in preventing corruption",
            "integrity, through cartoons and short films",
        ),
        "public": ("young people", "rural communities", "the general public", "school pupils"),
        "network": ("a coordination platform linking {acb} with civil society organizations",),
        "activity": ("the public education programme of {acb}",),
        "peer": ("civil society networks",),
    },
    14: {
        "subject": (
            "the supervision of designated non-financial businesses and professions",
            "customer due diligence and the identification of beneficial owners",
            "the reporting of suspicious transactions",
            "risk-based supervision of financial institutions",
            "the regulation of money or value transfer services",
        ),
        "audience": (
            "staff of {fiu}",
            "compliance officers of banks",
            "supervisors of {central_bank}",
            "staff of reporting institutions",
        ),
        "body": ("{fiu}", "{central_bank}"),
        "law": ("the {law_aml}",),
        "new_law": (
            "amendments to the {law_aml}",
            "regulations on the supervision of designated non-financial businesses and professions",
        ),
        "unit": (
            "a department for the supervision of designated non-financial businesses and "
            "professions",
        ),
        "ib": ("the supervisory powers of {central_bank}",),
        "system": (
            "an electronic reporting system linking {fiu} with reporting institutions",
            "analytical software for {fiu}",
        ),
        "study": (
            "a national money-laundering risk assessment",
            "a risk assessment of designated non-financial businesses and professions",
        ),
        "equipment": ("servers and secure communication equipment for {fiu}",),
        "network": ("coordination among {fiu}, supervisors and law enforcement agencies",),
        "peer": ("financial intelligence units", "supervisors"),
    },
    51: {
        "subject": (
            "asset recovery",
            "the recovery of assets through international cooperation",
            "financial investigations and asset tracing",
            "the management of asset recovery cases",
        ),
        "audience": (
            "investigators, prosecutors and judges",
            "staff of {central_authority}",
            "financial investigators",
            "members of the inter-agency asset recovery team",
        ),
        "body": ("{central_authority}", "{prosecution}", "{police}"),
        "new_law": (
            "a comprehensive legal framework for asset recovery",
            "amendments to the {law_mla} covering asset recovery requests",
        ),
        "law": ("the {law_mla}",),
        "unit": (
            "an inter-agency asset recovery task force",
            "a dedicated asset recovery office",
        ),
        "ib": ("the role of {central_authority} in asset recovery",),
        "plan": ("a national asset recovery strategy", "an action plan on asset recovery"),
        "study": (
            "an assessment of the national asset recovery system",
            "the compilation of statistics on asset recovery cases",
        ),
        "network": ("coordination among the agencies involved in asset recovery",),
        "activity": (
            "asset recovery work",
            "the part of {strategy} that deals with asset recovery",
        ),
        "peer": ("asset recovery networks", "central authorities"),
    },
    52: {
        "subject": (
            "enhanced scrutiny of high-risk accounts",
            "the tracing and detection of proceeds of crime",
            "financial investigations",
            "the identification of beneficial owners",
            "record-keeping by financial institutions",
            "cybercrime forensics",
            "the regulation of designated non-financial businesses and professions",
        ),
        "audience": (
            "staff of {fiu} and law enforcement agencies",
            "compliance officers of banks",
            "financial investigators",
        ),
        "body": ("{fiu}", "{central_bank}"),
        "law": ("the {law_aml}",),
        "new_law": (
            "regulations on enhanced scrutiny of high-risk accounts",
            "amendments to the {law_aml} on beneficial ownership",
        ),
        "system": (
            "information technology tools for communication between {fiu} and reporting "
            "institutions",
            "an electronic system for gathering and analysing financial data",
        ),
        "study": (
            "a risk assessment of the financial sector",
            "an analysis of financial flows linked to corruption",
        ),
        "peer": ("financial intelligence units", "financial supervisors"),
    },
    53: {
        "subject": (
            "civil actions by foreign States to establish title to property",
            "compensation and damages for foreign States",
            "the recognition of claims of foreign States in confiscation proceedings",
        ),
        "audience": ("judges and State lawyers", "staff of {central_authority}"),
        "body": ("{central_authority}", "the courts"),
        "new_law": (
            "provisions allowing foreign States to bring civil actions in the courts",
            "rules on the recognition of foreign States as owners of property",
        ),
        "peer": ("central authorities",),
    },
    54: {
        "subject": (
            "the enforcement of foreign confiscation orders",
            "confiscation without a criminal conviction",
            "the confiscation of virtual assets",
            "freezing and seizure at the request of other States",
        ),
        "audience": ("prosecutors and judges", "financial investigators", "staff of {aro}"),
        "body": ("{aro}", "{prosecution}"),
        "law": ("the {law_poc}",),
        "new_law": (
            "amendments to the {law_poc} allowing confiscation without a conviction",
            "provisions letting the courts enforce foreign confiscation orders directly",
            "provisions on the confiscation of virtual currencies",
        ),
        "unit": ("asset forfeiture units in the law enforcement agencies",),
        "ib": ("the mandate of {aro}",),
        "system": (
            "a case management system for confiscation cases",
            "a database of frozen and seized assets",
        ),
        "study": ("statistics on confiscation at the request of other States",),
        "activity": ("the work of {aro}",),
        "peer": ("asset recovery offices",),
    },
    55: {
        "subject": (
            "the execution of foreign requests for confiscation",
            "the management of frozen and seized property",
            "the preparation of requests for confiscation",
        ),
        "audience": ("prosecutors", "staff of {central_authority}", "staff of {aro}"),
        "body": ("{central_authority}", "{aro}"),
        "new_law": ("rules on the execution of foreign requests for confiscation",),
        "unit": (
            "an agency to manage frozen, seized and confiscated assets",
            "asset management units in all law enforcement agencies",
        ),
        "ib": ("the mandate of {aro} in managing seized property",),
        "system": ("a register of seized and confiscated property",),
        "equipment": ("storage facilities and vehicles for the management of seized property",),
        "peer": ("asset management offices",),
    },
    56: {
        "subject": (
            "the spontaneous sharing of information on proceeds of crime",
            "the exchange of information with foreign financial intelligence units",
        ),
        "audience": ("staff of {fiu}", "investigators and prosecutors"),
        "body": ("{fiu}", "{prosecution}"),
        "new_law": ("provisions allowing information to be shared without a prior request",),
        "peer": ("financial intelligence units",),
    },
    57: {
        "subject": (
            "the return and disposal of confiscated property",
            "the valuation and sale of seized property",
            "agreements on the final disposal of confiscated assets",
        ),
        "audience": ("staff of {aro}", "staff of {central_authority}", "judges and prosecutors"),
        "body": ("{aro}", "{central_authority}"),
        "new_law": (
            "procedures for the return of confiscated assets to requesting States",
            "rules on valuing seized property and selling it at auction",
        ),
        "unit": ("an office responsible for the disposal of confiscated assets",),
        "ib": ("the role of {aro} in the disposal of assets",),
        "study": ("a study of the cases in which assets were returned",),
        "activity": ("the return of assets",),
        "peer": ("asset management offices",),
    },
    58: {
        "subject": (
            "strategic and operational financial analysis",
            "the analysis of suspicious transaction reports",
            "the dissemination of financial intelligence to law enforcement agencies",
        ),
        "audience": ("analysts of {fiu}", "staff of {fiu}"),
        "body": ("{fiu}",),
        "law": ("the {law_aml}",),
        "new_law": ("amendments to the {law_aml} on the powers of {fiu}",),
        "unit": ("a strategic analysis unit within {fiu}",),
        "ib": ("the operational independence of {fiu}",),
        "system": (
            "analytical software for {fiu}",
            "software for presenting complex financial cases in court with infographics",
            "a secure system for the exchange of information between {fiu} and foreign "
            "counterparts",
        ),
        "study": ("a strategic analysis of suspicious transaction reports",),
        "equipment": ("computers and secure servers for {fiu}",),
        "peer": ("financial intelligence units",),
    },
    59: {
        "subject": (
            "bilateral agreements on asset recovery",
            "arrangements for the sharing of confiscated assets",
        ),
        "audience": ("staff of {central_authority}", "treaty negotiators"),
        "body": ("{central_authority}",),
        "new_law": ("model bilateral agreements on asset recovery",),
        "peer": ("central authorities",),
    },
}

JOINT: Mapping[tuple[int, ...], Vocabulary] = {
    (5, 6): {
        "subject": (
            "the prevention policy and the work of {acb}",
            "the organizational and operational capacity of {acb} to implement and evaluate "
            "{strategy}",
        ),
    },
    (7, 8): {"subject": ("integrity in the public service", "ethics in public employment")},
    (10, 13): {
        "subject": (
            "access to information and public participation",
            "the involvement of the public in monitoring public bodies",
        ),
    },
    (9, 10): {"subject": ("the publication of procurement data in an open format",)},
    (12, 14): {"subject": ("due diligence by companies and their beneficial ownership",)},
    (54, 55): {"subject": ("the enforcement of foreign freezing and confiscation orders",)},
    (55, 57): {"subject": ("the management and return of confiscated assets",)},
    (52, 58): {"subject": ("suspicious transaction reports and their analysis",)},
    (51, 59): {"subject": ("asset recovery agreements with other States",)},
    (56, 59): {"subject": ("the exchange of information with other States without a request",)},
}

GENERAL: Mapping[str, Vocabulary] = {
    "II": {
        "subject": (
            "the prevention of corruption",
            "the implementation of chapter II of the Convention",
            "preventive measures across the public sector",
        ),
        "audience": ("public officials", "staff of the bodies responsible for prevention"),
        "body": ("the bodies responsible for preventing corruption", "{acb}"),
        "study": ("a study of the state of implementation of preventive measures",),
        "activity": ("corruption prevention programmes", "the implementation of {strategy}"),
        "network": ("coordination among the bodies responsible for preventing corruption",),
    },
    "V": {
        "subject": (
            "international cooperation in asset recovery cases",
            "the implementation of chapter V of the Convention",
            "the tracing, freezing and recovery of assets",
        ),
        "audience": (
            "investigators, prosecutors and judges",
            "officials of the agencies that trace and recover assets",
        ),
        "body": ("the agencies responsible for asset recovery", "{central_authority}"),
        "system": ("a case management database for asset recovery",),
        "activity": ("asset recovery work",),
    },
    "III": {
        "subject": (
            "the investigation and prosecution of corruption offences",
            "the implementation of chapter III of the Convention",
        ),
        "audience": ("investigators, prosecutors and judges", "law enforcement officers"),
        "body": ("the law enforcement agencies", "{prosecution}"),
    },
    "IV": {
        "subject": (
            "international cooperation in criminal matters",
            "the implementation of chapter IV of the Convention",
        ),
        "audience": ("staff of {central_authority}", "prosecutors and judges"),
        "body": ("{central_authority}",),
    },
}

TOPICS: Mapping[str, Vocabulary] = {
    "conflicts": {
        "subject": (
            "the prevention and management of conflicts of interest",
            "the detection of conflicts of interest",
        ),
        "new_law": ("rules on the management of conflicts of interest",),
        "law": ("the rules on conflicts of interest in the {law_ethics}",),
        "system": ("a computerized system to identify areas exposed to conflicts of interest",),
        "unit": ("a conflicts of interest unit within {acb}",),
        "ib": ("the role of the ethics commission in managing conflicts of interest",),
        "study": ("a study of the areas of public service most exposed to conflicts of interest",),
        "peer": ("ethics commissions",),
    },
    "declarations": {
        "subject": (
            "the receipt, monitoring and verification of declarations of assets and interests",
            "the verification of declarations of assets, interests and gifts",
        ),
        "new_law": ("a law on the declaration of assets, interests and gifts",),
        "law": ("the rules on declarations of assets in the {law_ethics}",),
        "system": ("an electronic system for submitting and verifying declarations of assets",),
        "unit": ("a unit responsible for verifying declarations of assets and interests",),
        "ib": ("the verification mandate of {acb} for declarations of assets",),
        "study": ("an evaluation of the system of declarations of assets and interests",),
        "peer": ("asset declaration agencies",),
    },
    "whistleblowing": {
        "subject": (
            "the protection of public officials who report corruption",
            "the handling of reports of corruption made by public officials",
        ),
        "new_law": (
            "a bill on the protection of whistle-blowers",
            "a law protecting public officials who report acts of corruption",
        ),
        "law": ("the provisions on reporting by public officials in the {law_ethics}",),
        "system": ("a secure platform for reports by public officials",),
        "campaign": ("the channels that public officials can use to report corruption",),
        "advocacy": ("the adoption of a law protecting whistle-blowers",),
        "activity": ("advocacy for a law protecting whistle-blowers",),
    },
    "pep": {
        "subject": (
            "the identification of politically exposed persons and the management of related risks",
        ),
        "new_law": ("statutory instruments defining politically exposed persons",),
        "law": ("the definition of politically exposed persons in the {law_aml}",),
        "study": ("a study of the risks posed by politically exposed persons",),
        "peer": ("financial intelligence units",),
    },
    "disclosure": {
        "subject": (
            "the financial disclosure system for public officials",
            "procedures for receiving, monitoring and verifying financial declarations",
        ),
        "audience": ("staff of the body that receives financial declarations",),
        "new_law": (
            "a law on asset disclosure covering a wider range of officials",
            "provisions giving {fiu} access to financial declarations",
        ),
        "law": ("the financial disclosure rules of the {law_ethics}",),
        "system": ("a digitized financial disclosure system",),
        "study": ("an assessment of the financial disclosure system",),
        "peer": ("asset disclosure agencies",),
    },
    "asset-return": {
        "subject": (
            "the procedures for requesting the return of assets",
            "preparing requests for mutual legal assistance based on information from {fiu}",
            "the steps involved in requesting the return of assets from other States",
        ),
    },
}

# Vocabulary for the first cycle (chapters III and IV): a subject and an audience per article.
CYCLE1_SUBJECTS: Mapping[int, Phrases] = {
    15: ("the bribery of national public officials",),
    16: ("the bribery of foreign public officials",),
    17: ("embezzlement by public officials",),
    18: ("trading in influence",),
    19: ("abuse of functions",),
    20: ("illicit enrichment",),
    21: ("bribery in the private sector",),
    22: ("embezzlement in the private sector",),
    23: ("the investigation of money-laundering", "the laundering of proceeds of crime"),
    24: ("the concealment of proceeds of crime",),
    25: ("obstruction of justice",),
    26: ("the liability of legal persons",),
    27: ("participation in and attempts to commit corruption offences",),
    29: ("statutes of limitations for corruption offences",),
    30: ("sentencing in corruption cases", "the prosecution of corruption offences"),
    31: ("the freezing, seizure and confiscation of proceeds of crime",),
    32: ("the protection of witnesses and experts",),
    33: ("the protection of reporting persons",),
    34: ("the consequences of acts of corruption for contracts and licences",),
    35: ("compensation for damage caused by corruption",),
    36: ("the work of specialized anti-corruption authorities",),
    37: ("cooperation with offenders who assist investigations",),
    38: ("cooperation between national authorities",),
    39: ("cooperation between the authorities and the private sector",),
    40: ("access to bank records in corruption cases",),
    41: ("the use of foreign criminal records",),
    42: ("jurisdiction over corruption offences",),
    44: ("extradition", "the handling of extradition requests"),
    45: ("the transfer of sentenced persons",),
    46: (
        "mutual legal assistance",
        "the preparation and execution of requests for mutual legal assistance",
    ),
    47: ("the transfer of criminal proceedings",),
    48: ("law enforcement cooperation",),
    49: ("joint investigations",),
    50: ("special investigative techniques",),
}

CYCLE1_AUDIENCES: Mapping[str, Phrases] = {
    "III": (
        "investigators and prosecutors",
        "judges and magistrates",
        "staff of {acb}",
        "officers of {police}",
    ),
    "IV": (
        "staff of {central_authority}",
        "prosecutors and judges",
        "police officers working with foreign counterparts",
    ),
}

CYCLE1_BODIES: Mapping[str, Phrases] = {
    "III": ("{acb}", "{prosecution}", "{police}"),
    "IV": ("{central_authority}", "{prosecution}"),
}

# The first cycle's forms of assistance as documents write them (CODEBOOK.md section 4).
FORM_WORDINGS: Mapping[str, Phrases] = {
    "legal advice": ("legal advice",),
    "legislative drafting": ("legislative drafting", "assistance with legislative drafting"),
    "model legislation": ("model legislation",),
    "model treaty or agreement": ("model treaty", "model agreement", "model treaty or agreement"),
    "summary of good practices / lessons learned": (
        "summary of good practices and lessons learned",
        "summary of good practices",
        "summary of lessons learned",
    ),
    "development of an action plan for implementation": (
        "development of an action plan for implementation",
    ),
    "on-site assistance by an expert": (
        "on-site assistance by an anti-corruption expert",
        "on-site assistance by a relevant expert",
    ),
    "capacity-building programmes for the authorities responsible for …": (
        "capacity-building programmes for {body}",
        "capacity-building programmes for the authorities responsible for {subject}",
    ),
    "other assistance": ("other assistance",),
}

# --------------------------------------------------------------------------- references

# Number of paragraphs of each article (0: none), to write "(art. 9, para. 2)".
PARAGRAPHS: Mapping[int, int] = {
    5: 4, 6: 2, 7: 4, 8: 6, 9: 5, 10: 0, 11: 2, 12: 4, 13: 2, 14: 5,
    15: 0, 16: 2, 17: 0, 18: 0, 19: 0, 20: 0, 21: 0, 22: 0, 23: 2, 24: 0, 25: 0, 26: 4,
    27: 3, 29: 0, 30: 10, 31: 9, 32: 5, 33: 0, 34: 0, 35: 0, 36: 0, 37: 5, 38: 0, 39: 2,
    40: 0, 41: 0, 42: 6, 44: 18, 45: 0, 46: 30, 47: 0, 48: 3, 49: 0, 50: 5,
    51: 0, 52: 6, 53: 0, 54: 2, 55: 9, 56: 0, 57: 5, 58: 0, 59: 0,
}  # fmt: skip

# Sub-paragraph letters: (article, paragraph) -> letters; paragraph 0 means the article itself.
SUBPARAGRAPHS: Mapping[tuple[int, int], str] = {
    (7, 1): "abcd", (9, 1): "abcde", (9, 2): "abcde", (12, 2): "abcdef", (14, 1): "ab",
    (54, 1): "abc", (55, 1): "ab", (57, 3): "abc", (10, 0): "abc", (53, 0): "abc",
    (31, 4): "", (46, 3): "abcdefghi", (23, 1): "ab",
}  # fmt: skip

# --------------------------------------------------------------------------- observations

# Groups of articles under one observation heading; an empty heading joins the articles'
# titles from the Convention ("Public reporting; participation of society").
OBSERVATION_GROUPS: Mapping[str, tuple[tuple[tuple[int, ...], str], ...]] = {
    "II": (((5, 6), ""), ((7, 8, 11), ""), ((9,), ""), ((10, 13), ""), ((12,), ""), ((14,), "")),
    "V": (((51, 56, 59), ""), ((52, 58), ""), ((53, 54, 55), ""), ((57,), "")),
    "III": (
        ((15, 16, 18, 21), "Bribery and trading in influence"),
        ((23, 24), "Money-laundering and concealment"),
        ((17, 19, 20, 22), "Embezzlement, abuse of functions and illicit enrichment"),
        ((25,), "Obstruction of justice"),
        ((26,), "Liability of legal persons"),
        ((27, 29, 30, 41), "Participation and attempt; prosecution, adjudication and sanctions"),
        ((31, 40), "Freezing, seizure and confiscation; bank secrecy"),
        ((32, 33, 37), "Protection of witnesses and reporting persons"),
        ((34, 35), "Consequences of acts of corruption; compensation for damage"),
        ((36, 38, 39), "Specialized authorities and inter-agency coordination"),
        ((42,), "Jurisdiction"),
    ),
    "IV": (
        (
            (44, 45, 47),
            "Extradition; transfer of sentenced persons; transfer of criminal proceedings",
        ),
        ((46,), "Mutual legal assistance"),
        (
            (48, 49, 50),
            "Law enforcement cooperation; joint investigations; special investigative techniques",
        ),
    ),
}

CHAPTER_TITLES: Mapping[str, Phrases] = {
    "II": ("preventive measures", "Preventive measures"),
    "III": ("criminalization and law enforcement", "Criminalization and law enforcement"),
    "IV": ("international cooperation", "International cooperation"),
    "V": ("asset recovery", "Asset recovery"),
}

OBSERVATIONS: Mapping[int, Phrases] = {
    5: (
        "{short} adopted {strategy} in {year_strategy} after consultations with ministries, "
        "local authorities and civil society.",
        "A steering committee chaired by {ministry} oversees {strategy}, but it has met "
        "irregularly and has no budget of its own.",
        "Ministries report every year on the measures they have taken under {strategy}, "
        "although the reports are not consolidated or published.",
        "No comprehensive assessment of corruption risks preceded the adoption of the {strategy}.",
        "{short} takes part in regional initiatives on the prevention of corruption and has "
        "hosted several meetings of practitioners.",
        "The legal and administrative measures against corruption have not been evaluated "
        "systematically since the {law_anticorruption} entered into force.",
    ),
    6: (
        "{acb_cap} was established by the {law_anticorruption} and reports to Parliament every "
        "year.",
        "{acb_cap} combines prevention, public education and investigation, and has offices in "
        "{offices} of the country's regions.",
        "The head of {acb} is appointed for a fixed term of {term} years and can be removed "
        "only on grounds set out in the law.",
        "The budget of {acb} is proposed by the Government, and the officials met during the "
        "country visit considered it insufficient for its mandate.",
        "{acb_cap} had {staff} staff members at the time of the review, most of them at its "
        "headquarters.",
    ),
    7: (
        "{civil_service_cap} fills civil service posts through open competitions, except "
        "temporary posts in local government.",
        "Positions especially exposed to corruption have not been identified, and no rules "
        "provide for the rotation of the officials who hold them.",
        "The {law_parties} requires political parties to keep accounts and submit them to "
        "{electoral}, but the accounts are not published.",
        "Conditions of eligibility for elected office are set out in the Constitution and the "
        "electoral law.",
        "Salaries in the public service were reviewed in {year_recent}, and a new pay scale "
        "was being introduced in stages.",
    ),
    8: (
        "The {law_ethics} contains a general code of conduct for public officials, and several "
        "ministries have adopted codes of their own.",
        "Public officials must report gifts above a set value, although no central register "
        "of gifts exists.",
        "Senior officials declare their assets and liabilities when they take office and when "
        "they leave it; the declarations are kept on paper.",
        "Public officials are required to report acts of corruption to their superiors, but "
        "the law does not protect them against retaliation.",
        "Breaches of the code of conduct are dealt with by disciplinary boards in each ministry.",
    ),
    9: (
        "The {law_procurement} of {year_procurement} made open tendering the default method and "
        "set up {procurement} to regulate the system.",
        "Complaints by bidders are heard by a review panel whose decisions can be appealed to "
        "the courts.",
        "Implementing regulations under the {law_procurement} were still being drafted at the "
        "time of the country visit.",
        "The budget is adopted by Parliament, and {audit} audits the public accounts and "
        "publishes its reports.",
        "Internal audit units exist in most ministries, but their staff have had little training.",
        "Procurement plans and contract awards are published on the website of {procurement}.",
    ),
    10: (
        "[!ati]{short} has no general law on access to information, although a bill has been "
        "under discussion for several years.",
        "[ati]The {law_ati} gives everyone the right to request information held by public bodies, "
        "subject to exemptions.",
        "Most ministries publish annual reports, but few of them publish information on their "
        "procedures and decisions.",
        "Several administrative procedures have been simplified, and some can now be completed "
        "online.",
    ),
    11: (
        "The independence of the judiciary is guaranteed by the Constitution, and judges are "
        "appointed on the proposal of {judiciary}.",
        "A code of conduct for judges was adopted in {year_recent}; prosecutors follow a "
        "separate code of ethics.",
        "Judges and prosecutors receive training on ethics when they join {judicial_school}, "
        "but rarely afterwards.",
        "Cases are allocated to judges by the presidents of the courts, without a random "
        "procedure.",
    ),
    12: (
        "{registry_cap} keeps the register of companies and started recording beneficial "
        "owners in {year_recent}.",
        "Companies prepare and audit their accounts according to international standards.",
        "Bribes are not deductible from taxable income under the tax laws.",
        "Few companies have compliance programmes, and business associations have no common "
        "code of ethics.",
    ),
    13: (
        "Civil society organizations take part in the bodies that oversee {strategy}.",
        "{acb_cap} runs a telephone line for reports of corruption, which also accepts "
        "anonymous reports, but it is little known outside the capital.",
        "Anti-corruption subjects are taught in some secondary schools as part of civic education.",
        "Public consultation on draft laws is not required by law but takes place in practice "
        "for major reforms.",
    ),
    14: (
        "Banks, other financial institutions and designated non-financial businesses and "
        "professions all have obligations under the {law_aml}.",
        "{fiu_cap} and {central_bank} share the supervision of reporting institutions.",
        "A national risk assessment of money-laundering was completed in {year_recent}.",
        "Reporting by designated non-financial businesses and professions remains very low.",
    ),
    51: (
        "Under the {law_mla}, {short} may grant mutual legal assistance whether or not a treaty "
        "applies, and may rely on the Convention directly.",
        "Requests for mutual legal assistance go through {central_authority}, the central "
        "authority.",
        "No request to return assets under the Convention had yet been sent or received by "
        "{short}.",
        "The agencies involved in asset recovery cooperate case by case, without a formal "
        "framework.",
    ),
    52: (
        "Financial institutions must identify their customers and the beneficial owners of "
        "accounts and apply enhanced measures to high-risk customers.",
        "The definition of politically exposed persons in the {law_aml} covers foreign persons "
        "only.",
        "Financial institutions must keep records of accounts and transactions for at least "
        "{retention} years.",
        "Senior public officials must declare their financial interests, including accounts "
        "held abroad.",
    ),
    53: (
        "A foreign State may sue in the courts of {short} to have its ownership of property "
        "recognized.",
        "Courts can award damages to a foreign State harmed by an offence.",
        "There has been no case in which a foreign State appeared as a party in the courts of "
        "{short}.",
    ),
    54: (
        "A foreign confiscation order has no direct effect: {short} must open its own "
        "proceedings to give effect to it.",
        "Confiscation without a criminal conviction is not possible under the {law_poc}.",
        "The {law_poc} allows the confiscation of property of equivalent value.",
    ),
    55: (
        "The {law_poc} governs the execution of foreign freezing and seizure requests, of which "
        "there have been few.",
        "[!aro]The police look after seized property; no specialized office exists.",
        "[aro]{aro_cap} administers seized property and reports on it every year.",
        "Freezing orders made at the request of another State remain in force until the "
        "foreign proceedings are concluded.",
    ),
    56: (
        "{fiu_cap} can share information with foreign counterparts without a prior request.",
        "Information on proceeds of crime can also be shared spontaneously through police "
        "channels.",
    ),
    57: (
        "Under the {law_poc}, confiscated property may go back to a requesting State, although "
        "no procedure for doing so has been laid down.",
        "Reasonable expenses incurred in the proceedings may be deducted before property is "
        "returned.",
        "Confiscated property is otherwise transferred to the State treasury.",
    ),
    58: (
        "{fiu_cap}, an administrative body set up in {year_fiu}, receives and analyses "
        "suspicious transaction reports.",
        "{fiu_cap} had {staff_fiu} staff members and analysed reports manually at the time of "
        "the review.",
        "{fiu_cap} is a member of the international network of financial intelligence units.",
    ),
    59: (
        "{short} is bound by bilateral treaties on mutual legal assistance with {treaties} States.",
        "Regional agreements on cooperation in criminal matters also apply to asset recovery.",
    ),
}

# First-cycle observations, by the first article of each group of OBSERVATION_GROUPS.
CYCLE1_OBSERVATIONS: Mapping[int, Phrases] = {
    15: (
        "The {law_penal} criminalizes active and passive bribery of national public officials, "
        "including bribery through intermediaries.",
        "The bribery of foreign public officials was made an offence in {year_recent}, but no "
        "case has yet been prosecuted.",
        "Trading in influence is not criminalized as such.",
        "Bribery in the private sector is covered by a separate provision of the {law_penal}.",
    ),
    23: (
        "Money-laundering is criminalized in the {law_aml}, which follows an all-crimes approach.",
        "Self-laundering can be prosecuted, and a conviction for the predicate offence is not "
        "required.",
        "Concealment and continued retention of proceeds of crime are covered by the offence of "
        "receiving stolen property.",
    ),
    17: (
        "Embezzlement by public officials is punished more severely than theft.",
        "Illicit enrichment is not an offence, although its criminalization was being considered.",
        "Abuse of functions is criminalized, including where the advantage is for a third person.",
    ),
    25: (
        "The use of force or threats to interfere with testimony is punishable, but the offence "
        "does not cover the promise of an undue advantage.",
        "Interference with the work of judicial and law enforcement officials is criminalized.",
    ),
    26: (
        "Legal persons can be held criminally liable under the {law_penal}.",
        "Legal persons face administrative fines only, and no case had been brought at the time "
        "of the review.",
    ),
    27: (
        "Participation and attempt are covered by the general part of the {law_penal}.",
        "{prosecution_cap} decides on prosecution according to the principle of legality.",
        "The statute of limitations for corruption offences runs for {term} years from the "
        "commission of the offence.",
    ),
    31: (
        "The {law_cpc} provides for the freezing, seizure and confiscation of proceeds of crime "
        "and of instrumentalities.",
        "Bank secrecy cannot be invoked against a court order in criminal proceedings.",
        "The confiscation of property of equivalent value is not possible.",
    ),
    32: (
        "Witnesses may be protected through measures ordered by the courts, but there is no "
        "witness protection programme.",
        "The law does not protect persons who report corruption in good faith.",
        "Offenders who cooperate with the authorities may receive reduced sentences.",
    ),
    34: (
        "Contracts obtained through corruption can be annulled by the courts.",
        "Persons who have suffered damage from corruption can claim compensation in criminal "
        "proceedings.",
    ),
    36: (
        "{acb_cap} investigates corruption offences, and {prosecution} prosecutes them.",
        "Cooperation between {acb} and {police} rests on a memorandum of understanding.",
        "Public officials must report suspected offences to the police or to {acb}.",
    ),
    42: (
        "{short} has jurisdiction over offences committed on its territory and on board its "
        "vessels and aircraft.",
        "Jurisdiction over offences committed abroad by nationals requires dual criminality.",
    ),
    44: (
        "The {law_extradition} regulates extradition, which reciprocity also allows without a "
        "treaty.",
        "{short} does not extradite its nationals but can prosecute them instead.",
        "Sentenced persons can be transferred under bilateral agreements.",
    ),
    46: (
        "The {law_mla} allows a wide range of mutual legal assistance, and only coercive "
        "measures require dual criminality.",
        "{central_authority_cap} serves as central authority for incoming and outgoing requests.",
        "Requests are executed in about four months on average.",
    ),
    48: (
        "Law enforcement agencies cooperate with their foreign counterparts through regional "
        "and international police networks.",
        "Joint investigations are possible case by case, although none had been conducted at "
        "the time of the review.",
        "Controlled delivery and electronic surveillance are allowed with the authorization of "
        "a judge.",
    ),
}

# Technical assistance the State already received: an observation, never a need.
RECEIVED: Phrases = (
    "{short} reported that it had already received training on {subject} from a development "
    "partner in {year_recent}.",
    "A regional programme supported {body} in {year_recent} with a short course on {subject}.",
)

# --------------------------------------------------------------------------- recommendations

RECOMMENDATIONS: Mapping[int, Phrases] = {
    5: (
        "Adopt a framework for monitoring and evaluating {strategy} and give it adequate resources",
        "Evaluate periodically the laws and administrative measures relevant to preventing "
        "corruption",
        "Ensure that civil society continues to take part in carrying out {strategy}",
        "Base the next anti-corruption strategy on an assessment of corruption risks",
    ),
    6: (
        "Provide {acb} with the resources and specialized staff it needs to carry out its "
        "functions across the country",
        "Strengthen the guarantees of independence of {acb}, including for its budget",
        "Inform the Secretary-General of the name and address of the authority that can help "
        "other States in preventing corruption",
    ),
    7: (
        "Determine which public posts are most exposed to corruption and set rules for "
        "selecting, training and rotating their holders",
        "Consider making the funding of political parties and candidates more transparent",
        "Extend open competition to appointments in local government",
        "Continue to review the remuneration of public officials",
    ),
    8: (
        "Establish a system for verifying declarations of assets and interests",
        "Consider adopting measures to protect public officials who report acts of corruption",
        "Adopt rules on the acceptance of gifts and keep a register of gifts received",
        "Ensure that breaches of the code of conduct lead to disciplinary measures",
    ),
    9: (
        "Issue the implementing regulations of the {law_procurement}",
        "Strengthen the internal audit units of ministries and train their staff",
        "Make procurement data available in machine-readable form",
        "Introduce declarations of interest for members of tender boards",
    ),
    10: (
        "[!ati]Enact a law guaranteeing access to information",
        "[ati]Ensure that all public bodies apply the {law_ati} consistently",
        "Take further steps to publish information on the organization and decisions of "
        "public bodies",
        "Continue to simplify administrative procedures",
    ),
    11: (
        "Continue to train judges and prosecutors on integrity beyond their initial training",
        "Consider introducing a random procedure for allocating cases to judges",
        "Strengthen the mechanisms for enforcing the code of conduct for judges",
    ),
    12: (
        "Promote the adoption of compliance programmes by companies",
        "Complete the register of beneficial owners of companies and make it accessible to "
        "the competent authorities",
        "Encourage business associations to adopt codes of ethics",
    ),
    13: (
        "Publicize the reporting channels of {acb} more widely",
        "Promote the participation of civil society and the media in preventing corruption",
        "Include integrity in school curricula",
    ),
    14: (
        "Strengthen the supervision of designated non-financial businesses and professions",
        "Ensure that the results of the national risk assessment guide supervision",
        "Consider giving {fiu} access to more sources of information",
    ),
    51: (
        "Consider adopting a framework for coordination among the agencies involved in asset "
        "recovery",
        "Keep statistics on requests for asset recovery made and received",
    ),
    52: (
        "Cover domestic officials in the definition of politically exposed persons",
        "Give financial institutions guidance on which customers and accounts call for "
        "enhanced scrutiny",
        "Consider requiring public officials to declare accounts held abroad",
    ),
    53: (
        "Take measures to allow foreign States to bring civil actions to establish title to "
        "property",
        "Ensure that the courts can recognize the ownership claims of foreign States",
    ),
    54: (
        "Make it possible to enforce foreign confiscation orders without new proceedings",
        "Consider providing for non-conviction-based confiscation where appropriate",
    ),
    55: (
        "Set up a system for administering frozen, seized and confiscated assets",
        "Ensure that requests for confiscation from other States can be executed in full",
    ),
    56: ("Continue to share information on proceeds of crime with other States spontaneously",),
    57: (
        "Regulate the procedure and conditions for returning confiscated property to "
        "requesting States",
        "Consider concluding agreements on the final disposal of confiscated property",
    ),
    58: (
        "Give {fiu} the software and analysts it needs to process reports promptly",
        "Strengthen the operational independence of {fiu}",
    ),
    59: ("Consider concluding further agreements to enhance cooperation in asset recovery",),
}

CYCLE1_RECOMMENDATIONS: Mapping[str, tuple[tuple[int, str], ...]] = {
    "III": (
        (16, "Criminalize the bribery of foreign public officials"),
        (18, "Consider criminalizing trading in influence"),
        (20, "Consider establishing illicit enrichment as a criminal offence"),
        (26, "Ensure that legal persons are liable to effective and dissuasive sanctions"),
        (29, "Extend the statute of limitations for corruption offences"),
        (30, "Ensure that sanctions for corruption offences are effective and dissuasive"),
        (31, "Allow the confiscation of property of equivalent value"),
        (32, "Adopt a witness protection programme"),
        (33, "Consider adopting measures to protect reporting persons"),
        (38, "Strengthen coordination between the investigating and prosecuting authorities"),
    ),
    "IV": (
        (44, "Consider relying on the Convention as the legal basis for extradition requests"),
        (44, "Consider simplifying extradition procedures"),
        (
            46,
            "Keep statistics on requests for mutual legal assistance and execute them without "
            "undue delay",
        ),
        (
            48,
            "Strengthen direct cooperation between law enforcement agencies and their foreign "
            "counterparts",
        ),
        (49, "Consider concluding agreements on joint investigations"),
        (50, "Consider allowing special investigative techniques in international cases"),
    ),
}

GOOD_PRACTICES: Mapping[int, Phrases] = {
    5: (
        "The broad consultations held with ministries and civil society while {strategy} "
        "was prepared",
        "The annual public reports of ministries on the measures taken under {strategy}",
    ),
    6: (
        "The public hearings held by Parliament before the head of {acb} is appointed",
        "The regional offices opened by {acb} to bring prevention closer to citizens",
    ),
    7: ("The open competitions for posts in the civil service, with results published online",),
    8: ("The code of conduct, which is distributed to every official on appointment",),
    9: (
        "The prompt publication by {audit} of every audit report, in most cases within the "
        "same year",
        "The electronic publication of procurement plans and contract awards",
    ),
    10: ("The online services that allow citizens to complete administrative procedures",),
    11: ("The training on ethics given to all new judges and prosecutors",),
    12: ("The register of beneficial owners of companies kept by {registry}",),
    13: (
        "The involvement of civil society in overseeing {strategy}",
        "The telephone line for reports of corruption, which accepts anonymous reports",
    ),
    14: ("The completion of a national risk assessment of money-laundering",),
    51: ("The possibility of providing mutual legal assistance without a treaty",),
    52: ("The register of beneficial owners that financial institutions can consult",),
    54: ("The power of the courts to confiscate property of equivalent value",),
    56: (
        "The spontaneous exchange of information by {fiu} with foreign counterparts, which "
        "needs no memorandum of understanding",
    ),
    57: ("The deduction of reasonable expenses only, so that the largest share is returned",),
    58: ("The membership of {fiu} in the international network of financial intelligence units",),
    59: ("The network of bilateral agreements on mutual legal assistance",),
}

CYCLE1_GOOD_PRACTICES: Mapping[str, tuple[tuple[int, str], ...]] = {
    "III": (
        (15, "The comprehensive criminalization of bribery, covering all forms of undue advantage"),
        (36, "The close cooperation between {acb} and {prosecution} in corruption cases"),
        (26, "The liability of legal persons, which is criminal as well as administrative"),
    ),
    "IV": (
        (44, "The extradition of persons on the basis of reciprocity, without a treaty"),
        (
            46,
            "The wide range of mutual legal assistance available, with dual criminality "
            "required for coercive measures only",
        ),
    ),
}

# --------------------------------------------------------------------------- sections

NEEDS_HEADINGS: Phrases = (
    "Technical assistance needs identified to improve implementation of the Convention",
    "Technical assistance needs identified to improve implementation of the Convention",
    "Technical assistance needs identified",
    "Technical assistance needs",
)

NEEDS_LEADS: Phrases = (
    "{short} identified the following needs for technical assistance:",
    "{short} listed the following kinds of assistance:",
    "{short} indicated that it would benefit from the following technical assistance:",
    "The following technical assistance was requested:",
)

FORM_LEADS: Phrases = (
    "{short} asked for the following forms of assistance:",
    "The following forms of assistance were requested:",
)

NO_NEEDS: Phrases = (
    "No technical assistance needs were identified.",
    "No technical assistance needs were identified for this chapter.",
    "None.",
    "No needs for technical assistance were identified.",
)

GOOD_PRACTICE_LEADS: Phrases = (
    "The reviewers noted the following good practices:",
    "The following were noted as good practices:",
    "",
)

RECOMMENDATION_LEADS: Phrases = ("It is recommended that {short}:",)
