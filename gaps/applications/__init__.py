"""Applications and what goes with them: their tracking, cover letters and reminders."""
