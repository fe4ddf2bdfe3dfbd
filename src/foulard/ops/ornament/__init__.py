"""ornament operators."""
