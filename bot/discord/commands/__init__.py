"""Slash commands, one decorated function each: questions (ask.py), lists (lists.py), admins (admin.py)."""
