"""Job postings: saved by hand, or imported from a link, an uploaded page or pasted HTML and reviewed first."""
