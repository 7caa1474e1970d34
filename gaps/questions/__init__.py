"""Follow-up questions: what to ask (drafts), and asking, answering and closing them (services)."""
