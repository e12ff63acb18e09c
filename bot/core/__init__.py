"""The platform-neutral service and its records: ask, sources, actors, figures, timeline, reload, stats."""
