"""Rule-based CV parsing: from the lines of a document to a JSON Resume profile, with no network."""
