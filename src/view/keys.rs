//! The app's keyboard shortcuts: which keys undo and redo, and when they are left to
//! the field being typed in.

/// What a shortcut asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Undo,
    Redo,
}

/// Ctrl+Z (Cmd+Z on a Mac) undoes; Ctrl+Shift+Z and Ctrl+Y (Cmd+Shift+Z, Cmd+Y) redo.
/// `key` is the event's `key` ("z", or "Z" with Shift); `command` is Ctrl or Cmd held.
pub fn shortcut(key: &str, command: bool, shift: bool) -> Option<Shortcut> {
    if !command {
        return None;
    }
    match (key.to_lowercase().as_str(), shift) {
        ("z", false) => Some(Shortcut::Undo),
        ("z", true) | ("y", _) => Some(Shortcut::Redo),
        _ => None,
    }
}

/// Input types that hold no typed text, so have no text undo of their own.
const NOT_TYPED: [&str; 10] = [
    "button", "checkbox", "color", "file", "hidden", "image", "radio", "range", "reset", "submit",
];

/// Whether the focused element has its own undo: typing in a text field, a text area or
/// editable text is undone by the browser, a letter at a time, and the app's undo (a
/// whole change of the plan) must not take that away. Everywhere else (buttons, menus,
/// selects, checkboxes, the board, a read-only field) Ctrl+Z undoes the plan.
///
/// `tag` is the element's tag name, `input_type` its `type` attribute, `read_only`
/// whether it has `readonly`, `content_editable` whether its text is editable.
pub fn has_own_undo(
    tag: &str,
    input_type: Option<&str>,
    read_only: bool,
    content_editable: bool,
) -> bool {
    if content_editable {
        return true;
    }
    match tag.to_lowercase().as_str() {
        "textarea" => !read_only,
        "input" => {
            // A missing or unknown type is a text field, as the browser treats it.
            let kind = input_type.unwrap_or("text").trim().to_lowercase();
            !read_only && !NOT_TYPED.contains(&kind.as_str())
        }
        _ => false,
    }
}
