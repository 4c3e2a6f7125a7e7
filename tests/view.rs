//! Host tests of the views' pure helpers (`src/view/`) and of the address of a view
//! (`src/route.rs`): what a view shows and what a gesture means, without a browser.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::view::keys::{has_own_undo, shortcut, Shortcut};

// ---------------------------------------------------------------------------------
// Keyboard shortcuts

#[test]
fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo() {
    assert_eq!(shortcut("z", true, false), Some(Shortcut::Undo));
    assert_eq!(shortcut("Z", true, true), Some(Shortcut::Redo));
    assert_eq!(shortcut("z", true, true), Some(Shortcut::Redo));
    assert_eq!(shortcut("y", true, false), Some(Shortcut::Redo));
    assert_eq!(shortcut("Y", true, true), Some(Shortcut::Redo));
}

#[test]
fn shortcuts_need_ctrl_or_cmd_and_their_letter() {
    assert_eq!(shortcut("z", false, false), None);
    assert_eq!(shortcut("y", false, false), None);
    assert_eq!(shortcut("x", true, false), None);
    assert_eq!(shortcut("Enter", true, false), None);
}

#[test]
fn text_fields_keep_their_own_undo() {
    assert!(has_own_undo("INPUT", None, false, false));
    assert!(has_own_undo("input", Some("text"), false, false));
    assert!(has_own_undo("INPUT", Some("search"), false, false));
    assert!(has_own_undo("INPUT", Some("number"), false, false));
    assert!(has_own_undo("INPUT", Some("Email"), false, false));
    // An unknown type is a text field to the browser.
    assert!(has_own_undo("INPUT", Some("something-new"), false, false));
    assert!(has_own_undo("TEXTAREA", None, false, false));
    assert!(has_own_undo("DIV", None, false, true));
}

#[test]
fn controls_without_typed_text_leave_undo_to_the_app() {
    for kind in [
        "checkbox", "radio", "button", "submit", "file", "range", "color",
    ] {
        assert!(!has_own_undo("INPUT", Some(kind), false, false), "{kind}");
    }
    assert!(!has_own_undo("SELECT", None, false, false));
    assert!(!has_own_undo("BUTTON", None, false, false));
    assert!(!has_own_undo("TD", None, false, false));
    assert!(!has_own_undo("BODY", None, false, false));
}

#[test]
fn a_read_only_field_leaves_undo_to_the_app() {
    assert!(!has_own_undo("INPUT", Some("text"), true, false));
    assert!(!has_own_undo("TEXTAREA", None, true, false));
}
