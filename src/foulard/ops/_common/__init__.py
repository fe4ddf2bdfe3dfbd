"""Helpers shared by operator families (geometry, channels, palettes, drawings)."""
