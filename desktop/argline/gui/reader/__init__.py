"""The Reader: an assessment's source document, its cited passages marked, to make claims from."""
