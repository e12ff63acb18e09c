"""The long-running process of `dossier run`, and watching the corpus folder."""
