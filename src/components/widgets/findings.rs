//! How a finding looks everywhere: a severity badge with an icon and the word, so it
//! never rests on colour alone, and the list of findings about one row or section.

use crate::model::assessment::{Finding, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeverityBadgeProps {
    pub severity: Severity,
    /// The badge's words; the severity's label when not given.
    #[prop_or_default]
    pub text: Option<AttrValue>,
}

/// A severity badge: "✖ Critical", "⚠ Warning", "ℹ Advice".
#[component]
pub fn SeverityBadge(props: &SeverityBadgeProps) -> Html {
    let (class, icon) = match props.severity {
        Severity::Critical => ("badge-danger", "\u{2716}"),
        Severity::Warning => ("badge-warn", "\u{26a0}"),
        Severity::Advice => ("badge-advice", "\u{2139}"),
    };
    let text = props
        .text
        .clone()
        .unwrap_or_else(|| AttrValue::from(props.severity.label()));
    html! {
        <span class={classes!("badge", class)}>
            <span aria-hidden="true">{ icon }{ " " }</span>{ text }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct FindingListProps {
    pub findings: Vec<Finding>,
}

/// The assessment's findings about one row (or one section), severity first, in words.
#[component]
pub(crate) fn FindingList(props: &FindingListProps) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="row-findings">
            { for props.findings.iter().map(|f| {
                html! {
                    <li class={classes!("row-finding", format!("row-finding-{}", f.severity.label().to_lowercase()))}>
                        <SeverityBadge severity={f.severity} />
                        { " " }
                        <span class="row-finding-message">{ &f.message }</span>
                        { " " }
                        <span class="row-finding-fix">{ &f.fix }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
