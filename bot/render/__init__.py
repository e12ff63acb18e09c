"""What every renderer shares: links, passage ids, source names, date wording and the JSON shapes."""
