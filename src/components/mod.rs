//! UI components, one per file.
