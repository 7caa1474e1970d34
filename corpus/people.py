"""The people of the corpus: every name, employer and date here was written for PersonaForge's tests.

Each person is a JSON Resume (the ground truth); `generate.py` renders it in a layout and a language.
Institutions are real universities (public facts); companies, people and achievements are invented.
"""

from __future__ import annotations

import random
from typing import Any

import phonenumbers

FIRST = {
    "en": ["Alex", "Priya", "Tom", "Grace", "Samuel", "Aisha", "Owen", "Chloe", "Daniel", "Ruth", "Marcus", "Hannah"],
    "de": ["Jonas", "Lena", "Felix", "Miriam", "Tobias", "Katrin"],
    "fr": ["Camille", "Julien", "Élodie", "Mathieu", "Inès", "Bastien"],
    "es": ["Lucía", "Javier", "Carmen", "Diego", "Marta", "Álvaro"],
}
LAST = {
    "en": [
        "Morgan",
        "Patel",
        "Hughes",
        "Okafor",
        "Bennett",
        "Rahman",
        "Fletcher",
        "Nguyen",
        "Walsh",
        "Adeyemi",
        "Thornton",
        "Kowalski",
    ],
    "de": ["Schneider", "Bauer", "Hoffmann", "Weiß", "Krüger", "Neumann"],
    "fr": ["Lefèvre", "Moreau", "Girard", "Dubois", "Fontaine", "Marchand"],
    "es": ["García", "Fernández", "Ruiz", "Navarro", "Ortega", "Molina"],
}
CITIES = {
    "en": [
        ("Manchester", "GB"),
        ("London", "GB"),
        ("Leeds", "GB"),
        ("Bristol", "GB"),
        ("Dublin", "IE"),
        ("Edinburgh", "GB"),
        ("Toronto", "CA"),
        ("Austin", "US"),
    ],
    "de": [("Berlin", "DE"), ("Hamburg", "DE"), ("München", "DE"), ("Köln", "DE"), ("Wien", "AT")],
    "fr": [("Lyon", "FR"), ("Paris", "FR"), ("Toulouse", "FR"), ("Bordeaux", "FR"), ("Nantes", "FR")],
    "es": [("Madrid", "ES"), ("Sevilla", "ES"), ("Valencia", "ES"), ("Barcelona", "ES"), ("Bilbao", "ES")],
}
COMPANIES = {
    "en": [
        "Northwind Payments Ltd",
        "Brightfield Analytics",
        "Harbourline Logistics Ltd",
        "Copperleaf Health",
        "Quillstone Software Ltd",
        "Meridian Retail Group",
        "Foxglove Energy plc",
        "Tidewater Insurance",
        "Kestrel Labs",
        "Bluefin Media Ltd",
        "Orchard Robotics Inc",
        "Pinecrest Bank",
    ],
    "de": [
        "Lumen Analytics GmbH",
        "Nordlicht Versicherung AG",
        "Rheinblick Software GmbH",
        "Alpenwerk Logistik GmbH",
        "Sternwarte Digital GmbH",
        "Hafenstadt Energie AG",
    ],
    "fr": [
        "Atelier Numérique SAS",
        "Banque Rivage",
        "Lumière Santé SA",
        "Vignoble Data SARL",
        "Horizon Mobilité SAS",
        "Cèdre Conseil",
    ],
    "es": [
        "Soluciones Mirador S.L.",
        "Banco Alameda",
        "Faro Logística S.A.",
        "Olivo Digital S.L.",
        "Brisa Energía S.A.",
        "Nube Andaluza S.L.",
    ],
}
TRACKS = {
    "en": [
        ("Backend engineer", "Senior backend engineer", "Lead engineer"),
        ("Data analyst", "Data engineer", "Senior data engineer"),
        ("Junior designer", "Product designer", "Senior product designer"),
        ("Project coordinator", "Project manager", "Head of delivery"),
        ("Frontend developer", "Senior frontend developer", "Engineering manager"),
        ("Marketing assistant", "Marketing manager", "Marketing director"),
    ],
    "de": [
        ("Werkstudent Softwareentwicklung", "Softwareentwickler", "Senior Softwareentwickler"),
        ("Junior Data Analyst", "Data Engineer", "Teamleiter Data Platform"),
        ("Praktikant Projektmanagement", "Projektleiter", "Bereichsleiter IT"),
    ],
    "fr": [
        ("Stagiaire développeur", "Développeur backend", "Ingénieur logiciel senior"),
        ("Analyste de données", "Ingénieur data", "Responsable data"),
        ("Assistante chef de projet", "Chef de projet", "Directrice de programme"),
    ],
    "es": [
        ("Becario de desarrollo", "Desarrollador backend", "Ingeniero de software sénior"),
        ("Analista de datos", "Ingeniero de datos", "Jefe de datos"),
        ("Técnico de soporte", "Consultor técnico", "Gerente de proyectos"),
    ],
}
HIGHLIGHTS = {
    "en": [
        "Cut the monthly cloud bill by {n}% by moving cold data to object storage.",
        "Led a team of {m} engineers through a rewrite of the billing service.",
        "Reduced page load time from {m} seconds to under one second.",
        "Introduced code review guidelines adopted by {n} teams.",
        "Built the reporting pipeline that serves {n} dashboards every morning.",
        "Mentored {m} junior colleagues, two of whom now lead teams.",
        "Shipped a redesign of the onboarding flow that lifted activation by {n}%.",
        "Automated the release process, from two days of manual work to one click.",
    ],
    "de": [
        "Monatliche Cloud-Kosten um {n}% gesenkt.",
        "Ein Team von {m} Entwicklern bei der Migration auf Kubernetes geleitet.",
        "Berichtsplattform aufgebaut, die täglich {n} Dashboards versorgt.",
        "Einarbeitung von {m} neuen Kolleginnen und Kollegen verantwortet.",
    ],
    "fr": [
        "Réduction de {n}% des coûts d'hébergement mensuels.",
        "Encadrement d'une équipe de {m} développeurs lors de la refonte du site.",
        "Mise en place d'une chaîne de données alimentant {n} tableaux de bord.",
        "Formation de {m} nouveaux collaborateurs aux bonnes pratiques de test.",
    ],
    "es": [
        "Reducción del {n}% en los costes mensuales de la nube.",
        "Dirigí un equipo de {m} desarrolladores en la migración a microservicios.",
        "Construí la plataforma de informes que alimenta {n} cuadros de mando.",
        "Formé a {m} compañeros nuevos en buenas prácticas de pruebas.",
    ],
}
SCHOOLS = {
    "en": [
        "University of Leeds",
        "University of Manchester",
        "Imperial College London",
        "University of Bristol",
        "Trinity College Dublin",
        "University of Edinburgh",
        "King's College London",
    ],
    "de": ["Technische Universität München", "Universität Hamburg", "Freie Universität Berlin", "Universität zu Köln"],
    "fr": ["Université de Lyon", "Sorbonne Université", "Université de Bordeaux", "INSA Toulouse"],
    "es": [
        "Universidad de Sevilla",
        "Universidad Complutense de Madrid",
        "Universidad de Valencia",
        "Universidad Politécnica de Madrid",
    ],
}
DEGREES = {
    "en": [
        ("BSc", "Computer Science"),
        ("MSc", "Data Science"),
        ("BA", "Graphic Design"),
        ("BSc", "Mathematics"),
        ("MA", "Marketing"),
        ("BEng", "Software Engineering"),
        ("MSc", "Artificial Intelligence"),
    ],
    "de": [("Bachelor", "Informatik"), ("Master", "Wirtschaftsinformatik"), ("Diplom", "Mathematik")],
    "fr": [("Licence", "Informatique"), ("Master", "Science des données"), ("Diplôme d'ingénieur", "Informatique")],
    "es": [("Grado", "Ingeniería Informática"), ("Máster", "Ciencia de Datos"), ("Grado", "Matemáticas")],
}
SKILL_GROUPS = [
    ("Languages", ["Python", "SQL", "TypeScript", "Go", "Java", "Kotlin", "Scala", "JavaScript"]),
    ("Frameworks", ["Django", "FastAPI", "React", "Spring Boot", "Vue.js", "Flask", "Next.js"]),
    ("Data", ["PostgreSQL", "Kafka", "Airflow", "dbt", "Snowflake", "pandas", "Spark", "Redis"]),
    ("Cloud", ["AWS", "Docker", "Kubernetes", "Terraform", "Google Cloud", "GitHub Actions"]),
    ("Design", ["Figma", "Sketch", "Adobe Illustrator", "Prototyping", "User research"]),
    ("Management", ["Scrum", "Jira", "Stakeholder management", "Budgeting", "Confluence"]),
]
GROUP_NAMES = {
    "de": {
        "Languages": "Programmiersprachen",
        "Frameworks": "Frameworks",
        "Data": "Daten",
        "Cloud": "Cloud",
        "Design": "Design",
        "Management": "Management",
    },
    "fr": {
        "Languages": "Langages",
        "Frameworks": "Frameworks",
        "Data": "Données",
        "Cloud": "Cloud",
        "Design": "Design",
        "Management": "Gestion",
    },
    "es": {
        "Languages": "Lenguajes",
        "Frameworks": "Frameworks",
        "Data": "Datos",
        "Cloud": "Nube",
        "Design": "Diseño",
        "Management": "Gestión",
    },
}
SPOKEN = {
    "en": [("English", "Native"), ("French", "B2"), ("Spanish", "Conversational"), ("German", "A2")],
    "de": [("Deutsch", "Muttersprache"), ("Englisch", "C1"), ("Französisch", "B1")],
    "fr": [("Français", "Langue maternelle"), ("Anglais", "C1"), ("Espagnol", "B2")],
    "es": [("Español", "Nativo"), ("Inglés", "C1"), ("Francés", "B1")],
}
CERTIFICATES = [
    ("AWS Certified Solutions Architect", "Amazon Web Services"),
    ("Certified Kubernetes Administrator", "The Linux Foundation"),
    ("Professional Scrum Master I", "Scrum.org"),
    ("Google Data Analytics Certificate", "Google"),
]
SUMMARIES = {
    "en": "{label} with {years} years of experience in {area}. I care about clear writing, careful testing and "
    "teams that ship steadily.",
    "de": "{label} mit {years} Jahren Erfahrung im Bereich {area}. Mir sind saubere Dokumentation und gründliche "
    "Tests wichtig.",
    "fr": "{label} avec {years} ans d'expérience dans le domaine {area}. J'accorde une grande importance aux tests "
    "et à la documentation.",
    "es": "{label} con {years} años de experiencia en {area}. Me importan las pruebas cuidadosas y la buena "
    "documentación.",
}


def _phone(country: str, rng: random.Random) -> str:
    region = country if country in ("GB", "IE", "DE", "AT", "FR", "ES", "US", "CA") else "GB"
    kind = rng.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
    number = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    assert number is not None
    style = rng.choice([phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL])
    return phonenumbers.format_number(number, style)


def _ascii(text: str) -> str:
    import unicodedata

    text = text.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def make_person(index: int, language: str) -> dict[str, Any]:
    """A JSON Resume for person number `index`; the same index always gives the same person."""
    rng = random.Random(f"persona-{index}-{language}")
    first, last = rng.choice(FIRST[language]), rng.choice(LAST[language])
    city, country = rng.choice(CITIES[language])
    track = rng.choice(TRACKS[language])
    jobs = rng.randint(2, 3)
    companies = rng.sample(COMPANIES[language], jobs)
    end_year, end_month = 2026, 12
    work = []
    for number in range(jobs):  # newest first; each job ends in the year and month the next one starts
        start_year = end_year - rng.randint(1, 4)
        start_month = rng.randint(1, 12)
        job: dict[str, Any] = {
            "name": companies[number],
            "position": track[jobs - 1 - number] if jobs - 1 - number < len(track) else track[0],
            "location": city,
            "startDate": f"{start_year}-{start_month:02d}",
        }
        if number > 0:
            job["endDate"] = f"{end_year}-{end_month:02d}"
        job["highlights"] = [
            h.format(n=rng.randint(12, 60), m=rng.randint(3, 9))
            for h in rng.sample(HIGHLIGHTS[language], rng.randint(2, 3))
        ]
        work.append(job)
        end_year, end_month = start_year, start_month
    school = rng.choice(SCHOOLS[language])
    study_type, area = rng.choice(DEGREES[language])
    graduation = end_year - rng.randint(0, 1)
    education = [
        {
            "institution": school,
            "studyType": study_type,
            "area": area,
            "startDate": str(graduation - 3),
            "endDate": str(graduation),
        },
    ]
    groups = rng.sample(SKILL_GROUPS, 3)
    skills = [
        {"name": GROUP_NAMES.get(language, {}).get(name, name), "keywords": rng.sample(words, rng.randint(3, 5))}
        for name, words in groups
    ]
    languages = [{"language": lang, "fluency": level} for lang, level in rng.sample(SPOKEN[language], 2)]
    domain = rng.choice(["example.com", "example.org", "example.net"])
    basics: dict[str, Any] = {
        "name": f"{first} {last}",
        "label": work[0]["position"],
        "email": f"{_ascii(first)}.{_ascii(last)}@{domain}",
        "phone": _phone(country, rng),
        "location": {"city": city, "countryCode": country},
        "summary": SUMMARIES[language].format(
            label=work[0]["position"], years=2026 - int(work[-1]["startDate"][:4]), area=area
        ),
        "profiles": [
            {
                "network": "LinkedIn",
                "username": f"{_ascii(first)}-{_ascii(last)}",
                "url": f"https://www.linkedin.com/in/{_ascii(first)}-{_ascii(last)}",
            },
        ],
    }
    person: dict[str, Any] = {
        "basics": basics,
        "work": work,
        "education": education,
        "skills": skills,
        "languages": languages,
    }
    if rng.random() < 0.5:
        name, issuer = rng.choice(CERTIFICATES)
        person["certificates"] = [{"name": name, "issuer": issuer, "date": str(rng.randint(2019, 2025))}]
    return person
