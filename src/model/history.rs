//! Undo and redo: a bounded history of whole workspaces.
//!
//! Keeping snapshots rather than inverse actions makes undo exact by construction:
//! undoing restores the very workspace that was there before. Snapshots are shared
//! (`Rc`), so copying a history — as the UI does on every change — copies pointers,
//! not workspaces.

use super::action::{Action, ModelError};
use super::workspace::Workspace;
use std::rc::Rc;

/// How many steps can be undone.
pub const HISTORY_LIMIT: usize = 100;

/// The present workspace with what came before and what was undone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    past: Vec<Rc<Workspace>>,
    present: Rc<Workspace>,
    future: Vec<Rc<Workspace>>,
}

impl History {
    pub fn new(present: Workspace) -> History {
        History {
            past: Vec::new(),
            present: Rc::new(present),
            future: Vec::new(),
        }
    }

    pub fn present(&self) -> &Workspace {
        &self.present
    }

    /// The present workspace as a shared pointer, cheap to hand to views.
    pub fn present_rc(&self) -> Rc<Workspace> {
        Rc::clone(&self.present)
    }

    /// Applies an action; on success it can be undone, and the redo list is cleared.
    /// An action that changes nothing leaves no step to undo.
    pub fn apply(&mut self, action: Action) -> Result<(), ModelError> {
        let mut next = Workspace::clone(&self.present);
        next.apply(action)?;
        if next != *self.present {
            let previous = std::mem::replace(&mut self.present, Rc::new(next));
            self.past.push(previous);
            if self.past.len() > HISTORY_LIMIT {
                self.past.remove(0);
            }
            self.future.clear();
        }
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Steps back; returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.past.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.present, previous);
                self.future.push(current);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let current = std::mem::replace(&mut self.present, next);
                self.past.push(current);
                true
            }
            None => false,
        }
    }
}
