//! A plan that departs from the organization's built-in standard, for the standard's
//! browser tests and journeys.

use super::{apply, engagement, function};
use engagement_planner::model::*;

/// "Intranet", an in-house project that departs from the built-in standard in two
/// places: its Delivery function is called "Build", and it has no Procurement function.
pub fn departing_intranet(w: &mut Workspace) -> EngagementId {
    let e = engagement(w, "Intranet", Template::InHouseProject);
    let delivery = function(w, e, FunctionKind::Delivery);
    apply(
        w,
        Action::RenameFunction {
            engagement: e,
            function: delivery,
            name: "Build".into(),
        },
    );
    let procurement = function(w, e, FunctionKind::Procurement);
    apply(
        w,
        Action::RemoveFunction {
            engagement: e,
            function: procurement,
        },
    );
    e
}
