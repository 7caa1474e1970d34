"""The shared ground every app stands on. It imports none of our apps."""
