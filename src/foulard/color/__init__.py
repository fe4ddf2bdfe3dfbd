"""Colour science shared by operators and production: conversions, CIEDE2000, gamut.

- :mod:`foulard.color.space`: sRGB, linear sRGB, OKLab, OKLCH, hex (vectorised NumPy).
- :mod:`foulard.color.cielab`: CIELAB (D50, as ICC profiles use) and CIEDE2000.
- :mod:`foulard.color.gamut`: sRGB gamut tests and OKLCH chroma reduction.
- :mod:`foulard.color.names`: the bundled Chinese traditional colours and palettes.
"""
