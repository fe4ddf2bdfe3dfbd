"""symmetry operators."""
