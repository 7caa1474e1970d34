"""A profile from LinkedIn's data export (the ZIP of CSV files from "Get a copy of your data")."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from cvs.parsing.dates import find_date_range

_FILES = ("Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Languages.csv", "Certifications.csv")


def is_linkedin_export(archive: zipfile.ZipFile) -> bool:
    names = {name.rsplit("/", 1)[-1] for name in archive.namelist()}
    return "Profile.csv" in names and bool(names & {"Positions.csv", "Education.csv", "Skills.csv"})


def linkedin_profile(archive: zipfile.ZipFile) -> dict[str, Any]:
    tables = {}
    for name in archive.namelist():
        base = name.rsplit("/", 1)[-1]
        if base in _FILES or base in ("Email Addresses.csv", "PhoneNumbers.csv"):
            # A NUL (from a damaged file: LinkedIn writes none) is no text, and PostgreSQL cannot store one.
            text = archive.read(name).decode("utf-8-sig", errors="replace").replace("\x00", "")
            # restval: a short row's missing cells are empty, not None
            tables[base] = list(csv.DictReader(io.StringIO(text), restval=""))
    profile: dict[str, Any] = {}
    person = (tables.get("Profile.csv") or [{}])[0]
    basics: dict[str, Any] = {}
    name = " ".join(p for p in (person.get("First Name", ""), person.get("Last Name", "")) if p).strip()
    _put(basics, "name", name)
    _put(basics, "label", person.get("Headline"))
    _put(basics, "summary", person.get("Summary"))
    if person.get("Geo Location"):
        basics["location"] = {"address": person["Geo Location"]}
    emails = tables.get("Email Addresses.csv") or []
    primary = next((e for e in emails if e.get("Primary") == "Yes"), emails[0] if emails else None)
    if primary:
        _put(basics, "email", primary.get("Email Address"))
    phones = tables.get("PhoneNumbers.csv") or []
    if phones:
        _put(basics, "phone", phones[0].get("Number"))
    if basics:
        profile["basics"] = basics

    work = []
    for row in tables.get("Positions.csv", []):
        item: dict[str, Any] = {}
        _put(item, "name", row.get("Company Name"))
        _put(item, "position", row.get("Title"))
        _put(item, "location", row.get("Location"))
        _put(item, "summary", row.get("Description"))
        _dates(item, row.get("Started On"), row.get("Finished On"))
        if item.get("name") or item.get("position"):
            work.append(item)
    education = []
    for row in tables.get("Education.csv", []):
        item = {}
        _put(item, "institution", row.get("School Name"))
        _put(item, "studyType", row.get("Degree Name"))
        _put(item, "summary", row.get("Notes"))
        _dates(item, row.get("Start Date"), row.get("End Date"))
        if item.get("institution"):
            education.append(item)
    skills = [{"name": row["Name"].strip()} for row in tables.get("Skills.csv", []) if row.get("Name", "").strip()]
    languages = []
    for row in tables.get("Languages.csv", []):
        item = {}
        _put(item, "language", row.get("Name"))
        _put(item, "fluency", row.get("Proficiency"))
        if item.get("language"):
            languages.append(item)
    certificates = []
    for row in tables.get("Certifications.csv", []):
        item = {}
        _put(item, "name", row.get("Name"))
        _put(item, "issuer", row.get("Authority"))
        _put(item, "url", row.get("Url"))
        started = find_date_range(row.get("Started On") or "")
        if started:
            item["date"] = started.start
        if item.get("name"):
            certificates.append(item)
    for key, items in (
        ("work", work),
        ("education", education),
        ("skills", skills),
        ("languages", languages),
        ("certificates", certificates),
    ):
        if items:
            profile[key] = items
    return profile


def _put(item: dict[str, Any], key: str, value: str | None) -> None:
    if value and value.strip():
        item[key] = value.strip()


def _dates(item: dict[str, Any], started: str | None, finished: str | None) -> None:
    start = find_date_range(started or "")
    end = find_date_range(finished or "")
    if start:
        item["startDate"] = start.start
    if end:
        item["endDate"] = end.start
