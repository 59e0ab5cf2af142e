"""The keys of the New commands, named once: the menus set them and the empty views cite them."""

NEW_EVENT = "Ctrl+E"
NEW_CLAIM = "Ctrl+Shift+C"
NEW_ASSESSMENT = "Ctrl+Shift+N"
