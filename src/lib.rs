//! Engagement Planner: a browser-only engagement management planner.
//!
//! `model` is pure and host-tested; `storage` owns the saved-document format (pure) and,
//! in the browser only, localStorage and files; `app` and `components` are the Yew UI.

pub mod model;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
