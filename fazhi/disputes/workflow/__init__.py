"""Transition tables of disputes and remedies."""
