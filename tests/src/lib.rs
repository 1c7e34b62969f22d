//! Workspace-level checks live in `tests/tests/`.
