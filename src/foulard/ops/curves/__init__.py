"""curves operators."""
