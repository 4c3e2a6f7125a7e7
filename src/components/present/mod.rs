//! Presenting a plan to a room: the audience window, the facilitator's panel, and the
//! sections both show.

pub mod audience;
pub mod facilitator;
pub mod sections;
