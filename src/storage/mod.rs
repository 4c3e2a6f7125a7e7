//! The saved-document format.
