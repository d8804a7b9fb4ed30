"""tbtalert: early warning on technical barriers to trade for a province's exporters."""

__version__ = "0.1.0"
