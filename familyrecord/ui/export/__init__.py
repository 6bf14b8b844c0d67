"""The wizard that makes a bundle for the family's solicitor."""
