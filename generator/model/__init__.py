"""Records (frozen dataclasses), dates and the one vocabulary of kinds, grades and labels."""
