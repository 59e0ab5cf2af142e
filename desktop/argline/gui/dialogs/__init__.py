"""The dialogs that add things to the store: a new event, a new assessment."""
