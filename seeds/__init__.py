"""The seed corpus, installed with the package as argline.seeds."""
