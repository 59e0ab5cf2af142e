"""Argline: timelines of world events linked to pro/con maps of the assessments about them."""

__version__ = "0.1.0"
