//! Widgets shared by the views: form fields that keep a draft of typed text and refuse
//! bad input at the field, and the severity badge of a finding.

pub mod fields;
pub mod findings;
