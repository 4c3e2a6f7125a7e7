//! Checks of what people type, shared by the workspace's and the pricing's actions:
//! names, free text, and room for one more item.

use super::error::ModelError;
use super::workspace::{is_visible_name, NAME_MAX, TEXT_MAX};

pub(super) fn name(value: &str, what: &'static str) -> Result<String, ModelError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ModelError::EmptyName(what));
    }
    if !is_visible_name(trimmed) {
        return Err(ModelError::InvisibleName(what));
    }
    if trimmed.chars().count() > NAME_MAX {
        return Err(ModelError::TooLong {
            what,
            max: NAME_MAX,
        });
    }
    Ok(trimmed.to_string())
}

pub(super) fn text(value: &str, what: &'static str) -> Result<String, ModelError> {
    if value.chars().count() > TEXT_MAX {
        return Err(ModelError::TooLong {
            what,
            max: TEXT_MAX,
        });
    }
    Ok(value.to_string())
}

pub(super) fn room(len: usize, max: usize, what: &'static str) -> Result<(), ModelError> {
    if len >= max {
        Err(ModelError::TooMany(what))
    } else {
        Ok(())
    }
}
