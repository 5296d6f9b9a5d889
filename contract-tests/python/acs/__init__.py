"""Helpers of the Python contract suite: targets, emulator process, SDK clients in every mode, admin calls."""
