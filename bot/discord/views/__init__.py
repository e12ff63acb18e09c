"""Buttons whose state lives in their custom id: an answer's paging and feedback, a list's paging."""
