//! Assessment: the checks of DOMAIN.md as a pure function of the workspace.
