"""Icons, desktop entry, metainfo and themes, installed as argline.resources."""
