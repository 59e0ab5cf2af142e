"""The argument map: claim cards and relation edges in a scene, built by hand or laid out."""
