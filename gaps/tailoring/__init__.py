"""Tailoring a persona to a job: the edits suggested (rules) and their request, run and decision (services)."""
