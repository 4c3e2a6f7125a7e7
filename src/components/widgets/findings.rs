//! How a finding's severity looks everywhere: a badge with an icon and the word, so
//! it never rests on colour alone.

use crate::model::assessment::Severity;
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
