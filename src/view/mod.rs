//! Pure view helpers: what the views show and decide, as plain functions of the plan.
//!
//! Nothing here knows about Yew or the DOM (no yew, web-sys or gloo types in any
//! signature), so it compiles on every target and is tested on the host with plain
//! `cargo test`; the components in `components/` call these and only render the result.
//! Rules of the domain belong in the model, not here: these decide wording, layout and
//! the meaning of a gesture.

pub mod board;
pub mod charter;
pub mod health;
pub mod keys;
pub mod needs;
pub mod offline;
pub mod paging;
pub mod portfolio;
pub mod present;
pub mod presenting;
pub mod pricing_chart;
pub mod share;
