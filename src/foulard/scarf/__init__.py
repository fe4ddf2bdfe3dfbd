"""The scarf as a scarf: formats, anatomy and layouts (growing)."""
