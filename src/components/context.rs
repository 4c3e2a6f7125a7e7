//! The plan context: what every view needs from the app, handed down once.
//!
//! Views read the workspace and the selected engagement from here and change the plan
//! only through an [`Action`]. The app applies it (the one `History::apply`) and
//! records it for undo. A field edit goes through [`Plan::try_apply`], which answers
//! at once with the model's refusal for the field to show beside itself; other
//! gestures (buttons, drops) go through [`Plan::dispatch`], whose refusals the app
//! shows in its error notice.

use crate::model::assessment::View;
use crate::model::{Action, Engagement, EngagementId, ModelError, Workspace};
use std::rc::Rc;
use yew::prelude::*;

/// Where to go: a view, and optionally the id of an element to bring into focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub view: View,
    pub focus: Option<String>,
}

impl Target {
    pub fn view(view: View) -> Target {
        Target { view, focus: None }
    }

    pub fn focus(view: View, element_id: impl Into<String>) -> Target {
        Target {
            view,
            focus: Some(element_id.into()),
        }
    }
}

/// What views get from the app.
#[derive(Clone, PartialEq)]
pub struct Plan {
    pub workspace: Rc<Workspace>,
    /// The selected engagement; always one of the workspace's when set.
    pub engagement: Option<EngagementId>,
    /// Applies an action to the plan (undoable; errors are shown by the app).
    pub dispatch: Callback<Action>,
    /// Applies an action to the plan (undoable) and returns what `apply` answered: the
    /// model's refusal is the caller's to show, where the edit was made.
    pub try_apply: Callback<Action, Result<(), ModelError>>,
    /// Moves to a view (and focuses an element in it).
    pub navigate: Callback<Target>,
    /// Announces a short message to screen readers and on screen (a polite status).
    pub announce: Callback<String>,
}

impl Plan {
    /// The selected engagement.
    pub fn current(&self) -> Option<&Engagement> {
        self.engagement.and_then(|id| self.workspace.engagement(id))
    }
}

/// The plan context of the nearest provider. Views are only ever rendered inside the
/// app's provider, so a missing one is a programming error.
#[hook]
pub fn use_plan() -> Plan {
    use_context::<Plan>().expect("views are rendered inside the app's Plan provider")
}

/// Element ids views give to rows, so findings and links can focus them.
pub mod anchor {
    use crate::model::*;

    pub fn person(id: PersonId) -> String {
        format!("person-{id}")
    }
    pub fn function(id: FunctionId) -> String {
        format!("function-{id}")
    }
    pub fn decision(id: DecisionId) -> String {
        format!("decision-{id}")
    }
    pub fn report(id: ReportId) -> String {
        format!("report-{id}")
    }
    pub fn need(id: NeedId) -> String {
        format!("need-{id}")
    }
    pub fn compliance(id: ComplianceId) -> String {
        format!("compliance-{id}")
    }
    pub fn signoff(party: SignOffParty) -> String {
        format!("signoff-{party:?}").to_lowercase()
    }
    pub const SPONSOR_VALUE: &str = "sponsor-value";
    pub const REPORTING: &str = "reports";
    pub const ENGAGEMENT: &str = "engagement-facts";
}
