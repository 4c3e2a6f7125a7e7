//! Workshop mode: a facilitator window drives an audience (projector) window.
//! `sections` draws what the audience window shows, one agenda section at a time;
//! `audience` is that window's root, `facilitator` the presenting window's panel.

pub mod audience;
pub mod facilitator;
pub mod sections;
