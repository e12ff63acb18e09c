"""The command line: `dossier ask | sources | actors | figures | timeline | chat | reload | run`."""
