//! The health view: the assessment of the selected engagement (docs/DOMAIN.md, "What the
//! planner checks"), grouped by severity, each finding with its fix and a link to the
//! row where it is fixed, and the list of checks with what passed, for a workshop to
//! walk through.

use super::context::{anchor, use_plan, Target};
use super::standard::{
    use_focus_first, AcceptedDepartures, ApplyAll, DepartureActions, StandardSection,
};
use super::widgets::fields::SelectField;
use super::widgets::findings::SeverityBadge;
use crate::model::assessment::{assess, Assessment, Check, Finding, Severity, Subject};
use crate::model::{DepartureKey, EngagementId, Workspace};
use crate::view::health::{applies, check_result, count_words, departure_anchor, fix_label};
use std::rc::Rc;
use yew::prelude::*;

/// The workspace compared by identity: every change makes a new `Rc`, so comparing
/// pointers is exact and far cheaper than comparing whole workspaces.
#[derive(Clone)]
pub(crate) struct SameWorkspace(pub(crate) Rc<Workspace>);

impl PartialEq for SameWorkspace {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a finding is fixed: its view and, when the subject has a row, that row.
pub fn fix_target(subject: &Subject) -> Target {
    let view = subject.view();
    let focus = match *subject {
        Subject::Engagement => Some(anchor::ENGAGEMENT.to_string()),
        Subject::Function(id) => Some(anchor::function(id)),
        Subject::Person(id) => Some(anchor::person(id)),
        Subject::Decision(id) => Some(anchor::decision(id)),
        Subject::Report(id) => Some(anchor::report(id)),
        Subject::Reporting => Some(anchor::REPORTING.to_string()),
        Subject::Need(id) => Some(anchor::need(id)),
        Subject::Compliance(id) => Some(anchor::compliance(id)),
        Subject::SignOff(party) => Some(anchor::signoff(party)),
        Subject::SponsorValue => Some(anchor::SPONSOR_VALUE.to_string()),
        // The set as a whole (a required function or decision area is missing) has no
        // row of its own: the view is the place.
        Subject::Functions | Subject::Decisions => None,
        // A worksheet's row in the comparison (focusing it shows the worksheet); pricing
        // as a whole (no worksheet yet) is the view itself.
        Subject::Worksheet(id) => Some(super::pricing::worksheet_anchor(id)),
        Subject::Pricing => None,
    };
    match focus {
        Some(id) => Target::focus(view, id),
        None => Target::view(view),
    }
}

#[derive(Properties, PartialEq)]
struct FindingItemProps {
    finding: Finding,
    engagement: EngagementId,
    /// The engagement's open departures from the standard, in the order shown.
    open: Vec<DepartureKey>,
    /// Focuses the first of these elements after the next render (the view's).
    focus: Callback<Vec<String>>,
}

#[component]
fn FindingItem(props: &FindingItemProps) -> Html {
    let plan = use_plan();
    let finding = &props.finding;
    let onclick = {
        let navigate = plan.navigate.clone();
        let target = fix_target(&finding.subject);
        Callback::from(move |_: MouseEvent| navigate.emit(target.clone()))
    };
    let severity = finding.severity;
    let fix_link = html! {
        <button type="button" class="link-button fix-link no-print" aria-label={fix_label(finding)} {onclick}>
            { format!("Fix in {} →", finding.subject.view().label()) }
        </button>
    };
    html! {
        <li class={classes!("finding", format!("finding-{}", severity.label().to_lowercase()))} data-testid="finding"
            data-check={finding.check.number().to_string()}>
            <p class="finding-head">
                <SeverityBadge {severity} />
                <span class="finding-check">{ format!("Check {}: {}", finding.check.number(), finding.check.title()) }</span>
            </p>
            <p class="finding-message"
                id={finding.departure.as_ref().map(|k| format!("{}-message", departure_anchor(k)))}>{ &finding.message }</p>
            <p class="finding-fix"><strong>{ "Fix: " }</strong>{ &finding.fix }</p>
            if let Some(departure) = finding.departure.clone() {
                <DepartureActions engagement={props.engagement} {departure} message={finding.message.clone()}
                    open={props.open.clone()} focus={props.focus.clone()}>
                    { fix_link }
                </DepartureActions>
            } else {
                { fix_link }
            }
        </li>
    }
}

/// The assessment of the selected engagement.
#[component]
pub fn HealthView() -> Html {
    let plan = use_plan();
    let filter = use_state(|| None::<Check>);
    let focus = use_focus_first();
    // Assessed once per change of the plan, not on every render (a filter change
    // re-renders without re-assessing).
    let assessment = use_memo(
        (SameWorkspace(plan.workspace.clone()), plan.engagement),
        |(workspace, engagement): &(SameWorkspace, Option<EngagementId>)| match engagement {
            Some(id) => assess(&workspace.0, *id),
            None => Assessment::default(),
        },
    );

    let Some(engagement) = plan.current() else {
        return html! {
            <section class="view health" aria-labelledby="health-title">
                <h2 id="health-title">{ "Health" }</h2>
                <p class="empty">{ "Select or create an engagement to assess it." }</p>
            </section>
        };
    };
    let relationship = engagement.relationship;
    let engagement_id = engagement.id;
    let open: Vec<DepartureKey> = assessment
        .findings
        .iter()
        .filter_map(|f| f.departure.clone())
        .collect();
    let checks: Vec<Check> = Check::ALL.to_vec();

    let mut filter_options = vec![(AttrValue::from(""), AttrValue::from("All checks"))];
    filter_options.extend(checks.iter().map(|c| {
        let n = assessment.findings.iter().filter(|f| f.check == *c).count();
        (
            AttrValue::from(c.number().to_string()),
            AttrValue::from(format!("{}. {} ({n})", c.number(), c.title())),
        )
    }));
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let check = value
                .parse::<u8>()
                .ok()
                .and_then(|n| Check::ALL.iter().copied().find(|c| c.number() == n));
            filter.set(check);
            Ok(())
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let show_all = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(None))
    };

    let shown: Vec<&Finding> = assessment
        .findings
        .iter()
        .filter(|f| filter.is_none_or(|c| f.check == c))
        .collect();
    let totals: Vec<String> = Severity::ALL
        .iter()
        .map(|&s| count_words(assessment.count(s), s))
        .collect();
    let summary = if assessment.is_clean() {
        "No findings.".to_string()
    } else {
        format!("{}.", totals.join(", "))
    };

    let groups = Severity::ALL.iter().map(|&severity| {
        let group: Vec<&Finding> = shown.iter().copied().filter(|f| f.severity == severity).collect();
        let heading_id = format!("health-{}", severity.label().to_lowercase());
        html! {
            <section class={classes!("finding-group", format!("group-{}", severity.label().to_lowercase()))}
                aria-labelledby={heading_id.clone()}>
                <h3 id={heading_id}>{ format!("{} ({})", severity.label(), group.len()) }</h3>
                if group.is_empty() {
                    <p class="empty">{ format!("No {} findings.", severity.label().to_lowercase()) }</p>
                } else {
                    <ol class="finding-list">
                        { for group.iter().enumerate().map(|(i, f)| html! {
                            <FindingItem key={i} finding={(*f).clone()} engagement={engagement_id}
                                open={open.clone()} focus={focus.clone()} />
                        }) }
                    </ol>
                }
            </section>
        }
    });

    let check_rows = checks.iter().map(|&check| {
        let (result, class) = check_result(check, relationship, &assessment);
        html! {
            <tr data-check={check.number().to_string()}>
                <td class="check-number">{ check.number() }</td>
                <th scope="row" class="check-title">{ check.title() }</th>
                <td class="check-rule">{ check.rule() }</td>
                <td class="check-result"><span class={classes!("badge", class)}>{ result }</span></td>
            </tr>
        }
    });
    let applicable = checks.iter().filter(|&&c| applies(c, relationship)).count();
    let failed = checks
        .iter()
        .filter(|&&c| {
            assessment
                .findings
                .iter()
                .any(|f| f.check == c && f.severity != Severity::Advice)
        })
        .count();
    let not_applicable = match checks.len() - applicable {
        0 => String::new(),
        1 => format!(
            " One check does not apply to a {} engagement.",
            relationship.label().to_lowercase()
        ),
        n => format!(
            " {n} checks do not apply to a {} engagement.",
            relationship.label().to_lowercase()
        ),
    };

    html! {
        <section class="view health" aria-labelledby="health-title">
            <h2 id="health-title">{ "Health" }</h2>
            <p class="health-intro">
                { format!("The planner checks {} against the rules of engagement management. Each finding says what is wrong, which rule it comes from and how to fix it; \u{201c}Fix in\u{201d} takes you to the place to fix it.", engagement.name) }
            </p>
            <div class="health-tools no-print">
                <SelectField label="Show findings of" options={filter_options}
                    selected={AttrValue::from(filter.map(|c| c.number().to_string()).unwrap_or_default())}
                    on_change={on_filter} testid="health-filter" />
                <button type="button" onclick={on_print}>{ "Print health report" }</button>
            </div>
            <p class="health-summary" data-testid="health-summary" tabindex="-1">
                <strong>{ format!("{}: ", engagement.name) }</strong>{ summary }
                { format!(" {} of {applicable} checks passed.{not_applicable}", applicable - failed) }
            </p>
            if assessment.is_clean() {
                <p class="all-clear" data-testid="all-clear">
                    <span aria-hidden="true">{ "✓ " }</span>
                    { "All clear: every check passed. Roles, decisions, reporting, expectations and compliance are defined. Keep them current as the engagement moves on." }
                </p>
            } else {
                if let Some(check) = *filter {
                    <p class="filter-note">
                        { format!("Showing only check {}: {}. ", check.number(), check.title()) }
                        <button type="button" class="link-button no-print" onclick={show_all}>{ "Show all findings" }</button>
                    </p>
                }
                <ApplyAll engagement={engagement_id} open={open.len()} focus={focus.clone()} />
                { for groups }
            }
            <AcceptedDepartures engagement={engagement_id} focus={focus.clone()} />
            <section class="check-list" aria-labelledby="health-checks">
                <h3 id="health-checks">{ "The checks" }</h3>
                <p data-testid="pricing-checks-note">{ "Checks 7 and 8 (pricing input and margin) look at the deal's pricing worksheet, or the only one; the Pricing view shows their findings beside the worksheet." }</p>
                <table class="table checks-table">
                    <caption>{ format!("Checks run on {}, and their results", engagement.name) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "No." }</th>
                            <th scope="col">{ "Check" }</th>
                            <th scope="col">{ "Rule" }</th>
                            <th scope="col">{ "Result" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for check_rows }</tbody>
                </table>
            </section>
            <StandardSection />
        </section>
    }
}
