"""Discord's rendering: answers, lists and admin replies as embeds within every Discord limit."""
