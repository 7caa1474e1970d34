"""The general review of a persona: what a recruiter would raise, field by field."""
