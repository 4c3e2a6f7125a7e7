//! The workload badge: a person over capacity, across every engagement.

use crate::model::Hours;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct WorkloadBadgeProps {
    pub assigned: Hours,
    pub capacity: Hours,
}

/// "Over capacity: 50 of 40 h a week", across every engagement.
#[component]
pub(crate) fn WorkloadBadge(props: &WorkloadBadgeProps) -> Html {
    html! {
        <span class="badge badge-danger workload-badge" data-testid="workload-badge">
            <span aria-hidden="true">{ "\u{26a0} " }</span>
            { format!("Over capacity: {} of {} h a week", props.assigned, props.capacity) }
        </span>
    }
}
