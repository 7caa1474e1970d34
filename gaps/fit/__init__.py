"""Fit to a job: what the job asks for (read by rules, and by a model where there is one) and how a persona
meets each point."""
