"""The basics of a CV: name, headline, email, phone, links and location, read from its top lines."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from cvs.parsing.document import Line
from cvs.parsing.places import find_place
from cvs.parsing.titles import looks_like_title

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?://|www\.)[^\s,;|()<>]+|(?:linkedin\.com|github\.com|gitlab\.com)/[^\s,;|()<>]+", re.I)
_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "twitter.com": "Twitter",
    "x.com": "X",
    "xing.com": "XING",
    "behance.net": "Behance",
    "dribbble.com": "Dribbble",
    "stackoverflow.com": "Stack Overflow",
    "medium.com": "Medium",
    "kaggle.com": "Kaggle",
}
_PHONE_REGIONS = ("GB", "DE", "FR", "ES", "US")
_LABELS = re.compile(
    r"^(?:e-?mail|mail|phone|tel(?:efon|éfono|ephone)?|t[ée]l\.?|mobile?|móvil|portable|handy|cell|"
    r"address|adresse|dirección|location|ort|lieu|ubicación|web(?:site)?|linkedin|github)\s*[:.]\s*",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:[|•·●◦▪■✉☎📞📧🏠]|\t|\s{2,}|\s-\s)\s*")


def segments(line: Line) -> list[str]:
    """The pieces of a contact line ("jane@x.com | +44 … | London") without their labels."""
    return [_LABELS.sub("", part).strip() for part in _SEPARATORS.split(line.text) if part.strip()]


def read_basics(header: list[Line], contact: list[Line]) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    # Contact details sit at the top or in a contact block; a CV with no headings is all "header".
    lines = header[:40] + contact[:40]
    text = "\n".join(line.text for line in lines)

    for candidate in EMAIL.findall(text) if "@" in text else []:
        try:
            basics["email"] = validate_email(candidate, check_deliverability=False).normalized
            break
        except EmailNotValidError:
            continue

    phone = _find_phone(text)
    if phone:
        basics["phone"] = phone

    profiles: list[dict[str, str]] = []
    website = None
    for url in URL.findall(text):
        url = url.rstrip(".")
        if "@" in url:
            continue
        network = next((name for domain, name in _NETWORKS.items() if domain in url.lower()), None)
        if network and any(p["username"] == url.rstrip("/").rsplit("/", 1)[-1] for p in profiles):
            continue  # the same profile written twice (header and sidebar)
        if network:
            username = url.rstrip("/").rsplit("/", 1)[-1]
            full = url if url.lower().startswith("http") else f"https://{url}"
            profiles.append({"network": network, "username": username, "url": full})
        elif website is None:
            website = url if url.lower().startswith("http") else f"https://{url}"
    if website:
        basics["url"] = website
    if profiles:
        basics["profiles"] = profiles

    place = next((p for line in lines for part in segments(line) if (p := find_place(part))), None)
    if place:
        basics["location"] = {"city": place.city}
        if place.country_code:
            basics["location"]["countryCode"] = place.country_code

    name_index = _name_index(header)
    if name_index is not None:
        basics["name"] = header[name_index].text
        label = _label(header[name_index + 1 :])
        if label:
            basics["label"] = label
    return basics


def _find_phone(text: str) -> str | None:
    for region in _PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            return match.raw_string.strip()
    return None


_PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "la", "le", "di", "du", "y", "bin", "al"}


def _name_word(word: str) -> bool:
    """'Kowalski', 'KOWALSKI', "O'Neill", 'Weiß', 'J.', or a particle such as 'van'."""
    if word in _PARTICLES:
        return True
    letters = word.replace("'", "").replace("’", "").replace("-", "").rstrip(".")
    return bool(letters) and letters.isalpha() and word[0].isupper() and (len(letters) > 1 or word.endswith("."))


def looks_like_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() or ch in "@/:" for ch in text):
        return False
    if looks_like_title(text) or find_place(text):
        return False
    return all(_name_word(word) for word in words)


def _name_index(header: list[Line]) -> int | None:
    """The name: the biggest-type line near the top when sizes are known, else the first name-like line."""
    candidates = [i for i, line in enumerate(header[:8]) if looks_like_name(line.text)]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (header[i].size, -i))


def _label(after_name: list[Line]) -> str | None:
    for line in after_name[:2]:
        text = line.text.strip()
        if EMAIL.search(text) or URL.search(text) or any(ch.isdigit() for ch in text):
            continue
        if looks_like_title(text) and len(text) <= 80:
            return text
    return None
