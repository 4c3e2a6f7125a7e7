//! Widgets shared by the views: form fields that keep a draft of typed text and refuse
//! bad input at the field, the options of an enum's select, an "Add …" form, the
//! severity badge and finding list, the workload badge, the pager of a long list, and moving
//! the focus.

pub mod add_item;
pub mod fields;
pub mod findings;
pub mod focus;
pub mod options;
pub mod pager;
pub mod workload;
