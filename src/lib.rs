//! Engagement Planner: a browser-only engagement management planner.
//!
//! `model` is pure and host-tested; `storage` owns the saved-document format (pure) and,
//! in the browser only, localStorage and files; `route` (the address of a view) and
//! `view` (the views' pure helpers) are host-tested too; `app` and `components` are the
//! Yew UI.

pub mod model;
pub mod route;
pub mod storage;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
