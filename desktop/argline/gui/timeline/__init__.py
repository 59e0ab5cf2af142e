"""The timeline: one painter drawing what is visible, and its image export."""
