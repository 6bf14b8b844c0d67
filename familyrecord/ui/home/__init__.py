"""Home: what is coming up, what is due, what was recently written."""
