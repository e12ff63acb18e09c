"""Word-level rules shared by the index and extraction: tokens, dates, numbers and general word lists."""
