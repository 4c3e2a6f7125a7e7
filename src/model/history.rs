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
        self.commit(next);
        Ok(())
    }

    /// Applies several actions as one step: each in turn, to the workspace as the ones
    /// before it left it. A refused action is skipped and the others still apply; the
    /// result says, action by action, whether it was taken or why it was refused. One
    /// undo takes back everything that was taken; when nothing changed, no step is left.
    pub fn apply_all(
        &mut self,
        actions: impl IntoIterator<Item = Action>,
    ) -> Vec<Result<(), ModelError>> {
        self.apply_batch(actions, |w, action| w.apply(action))
    }

    /// Applies a batch of items as one undoable step: `take` applies one item to the
    /// workspace as the items before it left it, and is given a copy, so an item it
    /// refuses (returning the error) leaves nothing half-done and the next item goes on
    /// from where the last taken one left. Returns each item's result, in order.
    pub fn apply_batch<T, E>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut take: impl FnMut(&mut Workspace, T) -> Result<(), E>,
    ) -> Vec<Result<(), E>> {
        let mut next = Workspace::clone(&self.present);
        let mut results = Vec::new();
        for item in items {
            let mut trial = next.clone();
            let result = take(&mut trial, item);
            if result.is_ok() {
                next = trial;
            }
            results.push(result);
        }
        self.commit(next);
        results
    }

    /// Makes `next` the present as one undoable step, unless it changes nothing.
    fn commit(&mut self, next: Workspace) {
        if next != *self.present {
            let previous = std::mem::replace(&mut self.present, Rc::new(next));
            self.past.push(previous);
            if self.past.len() > HISTORY_LIMIT {
                self.past.remove(0);
            }
            self.future.clear();
        }
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
