"""The keys of the New commands, named once: the menus set them and the empty views cite them."""

# Not Ctrl+E: a text field with the focus takes it (the end of the line), as the
# inspector's fields have after New Assessment.
NEW_EVENT = "Ctrl+Shift+E"
NEW_CLAIM = "Ctrl+Shift+C"
NEW_ASSESSMENT = "Ctrl+Shift+N"
