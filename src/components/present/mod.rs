//! Workshop mode: a facilitator window drives an audience (projector) window.
//! `sections` draws what the audience window shows, one agenda section at a time.

pub mod sections;
