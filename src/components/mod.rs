//! UI components, one per file. Views read the plan through [`context::use_plan`] and
//! change it only by dispatching model actions.

pub mod account;
pub mod banners;
pub mod board;
pub mod charter;
pub mod compare;
pub mod context;
pub mod decision_log;
pub mod expectations;
pub mod governance;
pub mod header;
pub mod health;
pub mod offline;
pub mod overview;
pub mod people;
pub mod portfolio;
pub mod present;
pub mod pricing;
pub mod roles;
pub mod share;
pub mod spreadsheets;
pub mod standard;
pub mod views;
pub mod widgets;
