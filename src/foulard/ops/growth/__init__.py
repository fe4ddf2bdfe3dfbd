"""growth operators."""
