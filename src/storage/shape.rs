//! What a document must look like, field by field, and every way one does not, in
//! the words of the person who opens it.
//!
//! serde decides whether a document can be read ([`super::from_json`] deserializes it
//! first). Only when it cannot does [`check`] walk the document against [`DOCUMENT`]
//! to say why: every value of the wrong kind, every missing field, every unknown
//! option, each named by the thing it belongs to (`person "Ada"`, `line 2 of worksheet
//! "Base"`, `the 3rd engagement` when the thing has no name) and with the real limit
//! of the field, taken from the model's constants. The tests check that this table,
//! serde and `docs/FORMAT.md` agree on every field, and which may be left out.

use super::PathSegment;
use crate::model::describe::{self, assignment, named, numbered, ordinal, quoted};
use crate::model::limits::QUORUM;
use crate::model::pricing::{
    COMMISSION_MAX, CONTINGENCY_MAX, DISCOUNT_MAX, LINE_HOURS_MAX, MARKUP_MAX, TARGET_MARGIN_MAX,
};
use crate::model::units::{HOURS_PER_WEEK, MONEY_LIMIT};
use crate::model::workspace::is_currency_code;
use crate::model::*;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What a field holds.
pub enum Kind {
    /// The thing's own id: a whole number from 0, below `next_id`.
    Id,
    /// `next_id`: any whole number an id can be.
    NextId,
    /// The id of another thing (`"person"`, `"function"`, …).
    Ref(&'static str),
    /// Hours in hundredths, at most the limit.
    Hours(Hours),
    /// Money in minor units of the engagement's currency.
    Money,
    /// Basis points from 0 to the limit.
    Percent(Bps),
    Bool,
    Text,
    /// One of a fixed list of options, as written in the document.
    Choice(fn() -> Vec<String>),
    /// The value, or null.
    Optional(&'static Kind),
    List(&'static Shape),
    Object(&'static Shape),
    /// A list of options (a set).
    ChoiceSet(fn() -> Vec<String>),
    /// A list of ids of one kind of thing (a set).
    RefSet(&'static str),
    /// Hours per rate card role: `{"52": 1200}`.
    HoursByRole(Hours),
    /// A worksheet's approval: `"draft"`, `"submitted"`, `{"approved": {"by": 3}}`, …
    Approval,
    /// One of a fixed list of kinds with a text: `{"function_missing": "Legal"}`.
    Tagged(fn() -> Vec<String>),
}

/// One field of an object of the document.
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    /// Whether the field may be left out (it then reads as null, or as empty).
    pub optional: bool,
}

/// The fields of one kind of object, and how a message names one of them.
pub struct Shape {
    /// Its heading in `docs/FORMAT.md` ("Person", "LineItem", …).
    pub name: &'static str,
    pub thing: Thing,
    pub fields: &'static [Field],
}

/// How a message names an object of a list.
pub enum Thing {
    /// Not a thing of its own: its fields belong to what holds it.
    Part,
    /// A kind of thing and the field that holds its name: `person "Ada"`.
    Named(&'static str, &'static str),
    /// A worksheet's line, by number and name: `line 2 "Checkout"`.
    Line,
    /// An assignment, by who, in which role, on what.
    Assignment,
    /// An entry of a worksheet's approval log, by number.
    LogEntry,
    /// A function the PM accepted by default, by the function's name.
    PmAcceptance,
}

const fn required(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        optional: false,
    }
}

/// A field that is null when absent; serde reads a missing one as null too.
const fn nullable(key: &'static str, kind: &'static Kind) -> Field {
    Field {
        key,
        kind: Kind::Optional(kind),
        optional: true,
    }
}

/// A field with a default that may be left out.
const fn defaulted(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        optional: true,
    }
}

/// The option names of an enum, as serde writes them.
fn names<T: Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .filter_map(|v| serde_json::to_value(v).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn sides() -> Vec<String> {
    names(&Side::ALL)
}
fn groups() -> Vec<String> {
    names(&StakeholderGroup::ALL)
}
fn relationships() -> Vec<String> {
    names(&Relationship::ALL)
}
fn stages() -> Vec<String> {
    names(&Stage::ALL)
}
fn function_kinds() -> Vec<String> {
    let mut all = names(&FunctionKind::NINE);
    all.extend(names(&[FunctionKind::Custom]));
    all
}
fn roles() -> Vec<String> {
    names(&Raci::ALL)
}
fn decision_kinds() -> Vec<String> {
    let mut all = names(&DecisionKind::STANDARD);
    all.extend(names(&[DecisionKind::Custom]));
    all
}
fn signoff_parties() -> Vec<String> {
    names(&SignOffParty::ALL)
}
/// A departure is written `{"function_missing": "Legal"}`: its kind is the key.
fn departure_kinds() -> Vec<String> {
    [
        "function_missing",
        "function_renamed",
        "decision_missing",
        "decision_renamed",
        "method_differs",
        "report_missing",
        "frequency_differs",
    ]
    .map(String::from)
    .to_vec()
}
fn methods() -> Vec<String> {
    names(&DecisionMethod::ALL)
}
fn frequencies() -> Vec<String> {
    names(&Frequency::ALL)
}
fn coverages() -> Vec<String> {
    names(&Coverage::ALL)
}
fn compliance_statuses() -> Vec<String> {
    names(&ComplianceStatus::ALL)
}
fn selling_styles() -> Vec<String> {
    names(&SellingStyle::ALL)
}
fn billing_types() -> Vec<String> {
    names(&BillingType::ALL)
}
fn stances() -> Vec<String> {
    names(&Stance::ALL)
}
fn approval_steps() -> Vec<String> {
    names(&[
        ApprovalStep::Submitted,
        ApprovalStep::Approved,
        ApprovalStep::Rejected,
        ApprovalStep::Reopened,
    ])
}

/// The part of a document serde reads; the envelope (`format`, `version`, `kind`,
/// `saved_at`, `app_version`) is checked by hand before.
pub static DOCUMENT: Shape = Shape {
    name: "The document",
    thing: Thing::Part,
    fields: &[required("workspace", Kind::Object(&WORKSPACE))],
};

pub static WORKSPACE: Shape = Shape {
    name: "Workspace",
    thing: Thing::Part,
    fields: &[
        required("people", Kind::List(&PERSON)),
        required("engagements", Kind::List(&ENGAGEMENT)),
        required("next_id", Kind::NextId),
        nullable("default_target_margin", &Kind::Percent(TARGET_MARGIN_MAX)),
        defaulted("accounts", Kind::List(&ACCOUNT)),
        defaulted("standard", Kind::Object(&STANDARD)),
    ],
};

pub static ACCOUNT: Shape = Shape {
    name: "Account",
    thing: Thing::Named("account", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        nullable("owner", &Kind::Ref("person")),
        defaulted("notes", Kind::Text),
    ],
};

pub static STANDARD: Shape = Shape {
    name: "Standard",
    thing: Thing::Part,
    fields: &[
        required("in_house", Kind::Object(&PROCESS)),
        required("contracted", Kind::Object(&PROCESS)),
    ],
};

pub static PROCESS: Shape = Shape {
    name: "Process",
    thing: Thing::Part,
    fields: &[
        required("functions", Kind::List(&STANDARD_FUNCTION)),
        required("decisions", Kind::List(&STANDARD_DECISION)),
        required("reports", Kind::List(&STANDARD_REPORT)),
        required("signoffs", Kind::ChoiceSet(signoff_parties)),
    ],
};

pub static STANDARD_FUNCTION: Shape = Shape {
    name: "StandardFunction",
    thing: Thing::Named("function of the standard", "name"),
    fields: &[
        required("kind", Kind::Choice(function_kinds)),
        required("name", Kind::Text),
    ],
};

pub static STANDARD_DECISION: Shape = Shape {
    name: "StandardDecision",
    thing: Thing::Named("decision area of the standard", "name"),
    fields: &[
        required("kind", Kind::Choice(decision_kinds)),
        required("name", Kind::Text),
        nullable("method", &Kind::Choice(methods)),
    ],
};

pub static STANDARD_REPORT: Shape = Shape {
    name: "StandardReport",
    thing: Thing::Named("report of the standard", "name"),
    fields: &[
        required("name", Kind::Text),
        required("audience", Kind::ChoiceSet(groups)),
        nullable("frequency", &Kind::Choice(frequencies)),
    ],
};

pub static ACCEPTED_DEPARTURE: Shape = Shape {
    name: "AcceptedDeparture",
    thing: Thing::Part,
    fields: &[
        required("key", Kind::Tagged(departure_kinds)),
        required("reason", Kind::Text),
    ],
};

pub static PERSON: Shape = Shape {
    name: "Person",
    thing: Thing::Named("person", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("side", Kind::Choice(sides)),
        required("group", Kind::Choice(groups)),
        required("capacity", Kind::Hours(HOURS_PER_WEEK)),
    ],
};

pub static ENGAGEMENT: Shape = Shape {
    name: "Engagement",
    thing: Thing::Named("engagement", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        nullable("account", &Kind::Ref("account")),
        required("provider", Kind::Text),
        required("relationship", Kind::Choice(relationships)),
        required("stage", Kind::Choice(stages)),
        required("currency", Kind::Text),
        required("functions", Kind::List(&FUNCTION)),
        required("assignments", Kind::List(&ASSIGNMENT)),
        nullable("pm", &Kind::Ref("person")),
        nullable("engagement_manager", &Kind::Ref("person")),
        nullable("champion", &Kind::Ref("person")),
        required("agreement_formal", Kind::Bool),
        nullable("agreement_documenter", &Kind::Ref("person")),
        required("pm_accepted", Kind::List(&PM_ACCEPTANCE)),
        required("decisions", Kind::List(&DECISION_AREA)),
        required("reports", Kind::List(&REPORT)),
        required("needs", Kind::List(&CLIENT_NEED)),
        required("sponsor_value", Kind::Object(&SPONSOR_VALUE)),
        required("compliance", Kind::List(&COMPLIANCE_ITEM)),
        required("signoffs", Kind::Object(&SIGN_OFFS)),
        defaulted("pricing", Kind::Object(&PRICING)),
        defaulted("accepted_departures", Kind::List(&ACCEPTED_DEPARTURE)),
    ],
};

pub static FUNCTION: Shape = Shape {
    name: "Function",
    thing: Thing::Named("function", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("kind", Kind::Choice(function_kinds)),
    ],
};

pub static ASSIGNMENT: Shape = Shape {
    name: "Assignment",
    thing: Thing::Assignment,
    fields: &[
        required("person", Kind::Ref("person")),
        required("function", Kind::Ref("function")),
        required("role", Kind::Choice(roles)),
        required("hours", Kind::Hours(HOURS_PER_WEEK)),
    ],
};

pub static PM_ACCEPTANCE: Shape = Shape {
    name: "PmAcceptance",
    thing: Thing::PmAcceptance,
    fields: &[
        required("function", Kind::Ref("function")),
        required("hours", Kind::Hours(HOURS_PER_WEEK)),
    ],
};

pub static DECISION_AREA: Shape = Shape {
    name: "DecisionArea",
    thing: Thing::Named("decision area", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("kind", Kind::Choice(decision_kinds)),
        nullable("method", &Kind::Choice(methods)),
        nullable("authority", &Kind::Ref("person")),
        required("log", Kind::List(&PROPOSAL)),
    ],
};

pub static PROPOSAL: Shape = Shape {
    name: "Proposal",
    thing: Thing::Named("proposal", "text"),
    fields: &[
        required("id", Kind::Id),
        required("text", Kind::Text),
        required("date", Kind::Text),
        nullable("quorum", &Kind::Percent(QUORUM.max)),
        nullable("worksheet", &Kind::Ref("worksheet")),
        required("positions", Kind::List(&POSITION)),
    ],
};

pub static POSITION: Shape = Shape {
    name: "Position",
    thing: Thing::Part,
    fields: &[
        required("person", Kind::Ref("person")),
        required("stance", Kind::Choice(stances)),
        required("reason", Kind::Text),
    ],
};

pub static REPORT: Shape = Shape {
    name: "Report",
    thing: Thing::Named("report", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        nullable("owner", &Kind::Ref("person")),
        required("audience", Kind::ChoiceSet(groups)),
        nullable("frequency", &Kind::Choice(frequencies)),
    ],
};

pub static CLIENT_NEED: Shape = Shape {
    name: "ClientNeed",
    thing: Thing::Named("client need", "title"),
    fields: &[
        required("id", Kind::Id),
        required("title", Kind::Text),
        required("promised", Kind::Choice(coverages)),
        required("bought", Kind::Choice(coverages)),
        required("needed", Kind::Choice(coverages)),
        required("delivered", Kind::Choice(coverages)),
        required("note", Kind::Text),
        defaulted("complete", Kind::Bool),
    ],
};

pub static SPONSOR_VALUE: Shape = Shape {
    name: "SponsorValue",
    thing: Thing::Part,
    fields: &[
        nullable("expected_benefits", &Kind::Money),
        nullable("expected_budget", &Kind::Money),
        required("benefits_description", Kind::Text),
    ],
};

pub static COMPLIANCE_ITEM: Shape = Shape {
    name: "ComplianceItem",
    thing: Thing::Named("compliance item", "rule"),
    fields: &[
        required("id", Kind::Id),
        required("rule", Kind::Text),
        nullable("owner", &Kind::Ref("person")),
        required("status", Kind::Choice(compliance_statuses)),
    ],
};

pub static SIGN_OFFS: Shape = Shape {
    name: "SignOffs",
    thing: Thing::Part,
    fields: &[
        nullable("sales", &Kind::Ref("person")),
        nullable("customer_service", &Kind::Ref("person")),
        nullable("delivery", &Kind::Ref("person")),
        nullable("sales_stamp", &Kind::Object(&SIGN_OFF_STAMP)),
        nullable("customer_service_stamp", &Kind::Object(&SIGN_OFF_STAMP)),
        nullable("delivery_stamp", &Kind::Object(&SIGN_OFF_STAMP)),
    ],
};

pub static SIGN_OFF_STAMP: Shape = Shape {
    name: "SignOffStamp",
    thing: Thing::Part,
    fields: &[
        required("date", Kind::Text),
        required("process", Kind::Text),
    ],
};

pub static PRICING: Shape = Shape {
    name: "Pricing",
    thing: Thing::Part,
    fields: &[
        defaulted("rate_card", Kind::List(&RATE_ROLE)),
        defaulted("worksheets", Kind::List(&WORKSHEET)),
        nullable("deal", &Kind::Ref("worksheet")),
    ],
};

pub static RATE_ROLE: Shape = Shape {
    name: "RateRole",
    thing: Thing::Named("rate card role", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("cost_rate", Kind::Money),
        required("bill_rate", Kind::Money),
    ],
};

pub static WORKSHEET: Shape = Shape {
    name: "Worksheet",
    thing: Thing::Named("worksheet", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("style", Kind::Choice(selling_styles)),
        required("lines", Kind::List(&LINE_ITEM)),
        required("cost_contingency", Kind::Percent(CONTINGENCY_MAX)),
        required("billable_contingency", Kind::Percent(CONTINGENCY_MAX)),
        required("global_discount", Kind::Percent(DISCOUNT_MAX)),
        nullable("target_margin", &Kind::Percent(TARGET_MARGIN_MAX)),
        required("commission_rate", Kind::Percent(COMMISSION_MAX)),
        required("approval", Kind::Approval),
        required("log", Kind::List(&APPROVAL_EVENT)),
    ],
};

pub static LINE_ITEM: Shape = Shape {
    name: "LineItem",
    thing: Thing::Line,
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("billing", Kind::Choice(billing_types)),
        nullable("fee", &Kind::Money),
        nullable("cap", &Kind::Money),
        required("hours", Kind::HoursByRole(LINE_HOURS_MAX)),
        nullable("need", &Kind::Ref("client need")),
        nullable("estimator", &Kind::Ref("person")),
        required("delivery_hours", Kind::HoursByRole(LINE_HOURS_MAX)),
        required("discount", Kind::Percent(DISCOUNT_MAX)),
        required("expenses", Kind::List(&EXPENSE)),
    ],
};

pub static EXPENSE: Shape = Shape {
    name: "Expense",
    thing: Thing::Named("expense", "name"),
    fields: &[
        required("id", Kind::Id),
        required("name", Kind::Text),
        required("cost", Kind::Money),
        required("markup", Kind::Percent(MARKUP_MAX)),
    ],
};

pub static APPROVAL_EVENT: Shape = Shape {
    name: "ApprovalEvent",
    thing: Thing::LogEntry,
    fields: &[
        required("step", Kind::Choice(approval_steps)),
        nullable("by", &Kind::Ref("person")),
        required("note", Kind::Text),
    ],
};

/// Every shape, for the tests that hold this table against `docs/FORMAT.md`.
pub static SHAPES: &[&Shape] = &[
    &WORKSPACE,
    &PERSON,
    &ENGAGEMENT,
    &FUNCTION,
    &ASSIGNMENT,
    &PM_ACCEPTANCE,
    &DECISION_AREA,
    &PROPOSAL,
    &POSITION,
    &REPORT,
    &CLIENT_NEED,
    &SPONSOR_VALUE,
    &COMPLIANCE_ITEM,
    &SIGN_OFFS,
    &SIGN_OFF_STAMP,
    &PRICING,
    &RATE_ROLE,
    &WORKSHEET,
    &LINE_ITEM,
    &EXPENSE,
    &APPROVAL_EVENT,
    &ACCOUNT,
    &STANDARD,
    &PROCESS,
    &STANDARD_FUNCTION,
    &STANDARD_DECISION,
    &STANDARD_REPORT,
    &ACCEPTED_DEPARTURE,
];

/// Every value of `document` that does not have the shape of [`DOCUMENT`], in words.
/// Empty when the shape is right (serde may still refuse the document for what a
/// `Value` cannot show, such as a field written twice).
pub fn check(document: &Value) -> Problems {
    let mut walker = Walker::default();
    let mut path = String::new();
    walker.object(&DOCUMENT, document, &mut path, &mut Vec::new());
    walker.problems
}

/// The names a message needs from around the value it is about.
#[derive(Default)]
struct Walker<'a> {
    problems: Problems,
    people: BTreeMap<u64, &'a str>,
    /// Of the engagement being walked.
    functions: BTreeMap<u64, &'a str>,
    rate_roles: BTreeMap<u64, &'a str>,
    currency: Option<&'a str>,
}

/// `id → name` for a list of objects.
fn names_by_id<'a>(list: Option<&'a Value>, name_key: &str) -> BTreeMap<u64, &'a str> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| Some((item.get("id")?.as_u64()?, item.get(name_key)?.as_str()?)))
        .collect()
}

impl<'a> Walker<'a> {
    fn problem(&mut self, path: &str, frames: &[String], message: String) {
        // The workspace's own fields have no thing to name but the workspace.
        let place = if frames.is_empty() && path.starts_with("workspace.") {
            "the workspace".to_string()
        } else {
            describe::place(frames)
        };
        self.problems.push(Problem {
            path: path.to_string(),
            place,
            message,
        });
    }

    fn object(
        &mut self,
        shape: &'static Shape,
        value: &'a Value,
        path: &mut String,
        frames: &mut Vec<String>,
    ) {
        let Some(object) = value.as_object() else {
            return;
        };
        if std::ptr::eq(shape, &WORKSPACE) {
            self.people = names_by_id(object.get("people"), "name");
        }
        if std::ptr::eq(shape, &ENGAGEMENT) {
            self.functions = names_by_id(object.get("functions"), "name");
            let rate_card = object.get("pricing").and_then(|p| p.get("rate_card"));
            self.rate_roles = names_by_id(rate_card, "name");
            self.currency = object.get("currency").and_then(Value::as_str);
        }
        for field in shape.fields {
            let mark = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field.key);
            match object.get(field.key) {
                None if !field.optional => {
                    let words = describe::field(field.key);
                    let aside = if words == field.key {
                        String::new()
                    } else {
                        format!(" (the {words})")
                    };
                    let message = format!("the field \"{}\"{aside} is missing", field.key);
                    self.problem(path, frames, message);
                }
                None => {}
                Some(v) => self.value(&field.kind, v, field.key, path, frames),
            }
            path.truncate(mark);
        }
    }

    fn value(
        &mut self,
        kind: &'static Kind,
        value: &'a Value,
        key: &str,
        path: &mut String,
        frames: &mut Vec<String>,
    ) {
        if let Some(expected) = self.mismatch(kind, value) {
            let message = if approval_without_approver(kind, value) {
                "the approval must name who decided by their person id, written {\"approved\": {\"by\": 3}} or {\"rejected\": {\"by\": 3}}".to_string()
            } else {
                format!(
                    "the {} must be {expected}, not {}",
                    describe::field(key),
                    found(value)
                )
            };
            self.problem(path, frames, message);
            return;
        }
        match kind {
            Kind::Optional(inner) if !value.is_null() => {
                self.value(inner, value, key, path, frames)
            }
            Kind::Object(shape) => self.object(shape, value, path, frames),
            Kind::List(shape) => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    let mark = path.len();
                    path.push_str(&format!("[{i}]"));
                    let frame = self.frame(&shape.thing, i, item, key);
                    let pushed = frame.is_some();
                    frames.extend(frame);
                    if item.is_object() {
                        self.object(shape, item, path, frames);
                    } else {
                        let message = format!(
                            "it must be {}, not {}",
                            expected_words(&Kind::Object(shape), None),
                            found(item)
                        );
                        self.problem(path, frames, message);
                    }
                    if pushed {
                        frames.pop();
                    }
                    path.truncate(mark);
                }
                if std::ptr::eq(*shape, &ENGAGEMENT) {
                    self.functions.clear();
                    self.rate_roles.clear();
                    self.currency = None;
                }
            }
            Kind::ChoiceSet(choices) => {
                let choices = choices();
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    if !item
                        .as_str()
                        .is_some_and(|s| choices.iter().any(|c| c == s))
                    {
                        let message = format!(
                            "each entry of the {} must be {}, not {}",
                            describe::field(key),
                            one_of(&choices),
                            found(item)
                        );
                        self.problem(&format!("{path}[{i}]"), frames, message);
                    }
                }
            }
            Kind::RefSet(thing) => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    if !fits_u32(item) {
                        let message = format!(
                            "each entry of the {} must be the id of a {thing} (a whole number), not {}",
                            describe::field(key),
                            found(item)
                        );
                        self.problem(&format!("{path}[{i}]"), frames, message);
                    }
                }
            }
            Kind::HoursByRole(limit) => {
                let Some(map) = value.as_object() else {
                    return;
                };
                for (role, hours) in map {
                    let id = role_id(role);
                    let of = match id.and_then(|id| self.rate_roles.get(&u64::from(id))) {
                        Some(name) => quoted(name),
                        None => format!("rate card role {}", quoted(role)),
                    };
                    let at = format!("{path}.{role}");
                    if id.is_none() {
                        let message = format!(
                            "the {} must be given per rate card role, by its id in quotes (such as \"12\"), not by {}",
                            describe::field(key),
                            quoted(role)
                        );
                        self.problem(&at, frames, message);
                    } else if !fits_u32(hours) {
                        let message = format!(
                            "the {} of {of} must be {}, not {}",
                            describe::field(key),
                            expected_words(&Kind::Hours(*limit), None),
                            found(hours)
                        );
                        self.problem(&at, frames, message);
                    }
                }
            }
            _ => {}
        }
    }

    /// What `value` should have been, if it is not a `kind`; `None` if it is (the
    /// parts of lists and objects are checked by the caller).
    fn mismatch(&self, kind: &Kind, value: &Value) -> Option<String> {
        let fits = match kind {
            Kind::Id | Kind::NextId | Kind::Ref(_) | Kind::Hours(_) => fits_u32(value),
            Kind::Money => value.as_i64().is_some(),
            Kind::Percent(_) => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            Kind::Bool => value.is_boolean(),
            Kind::Text => value.is_string(),
            Kind::Choice(choices) => is_choice(value, &choices()),
            Kind::Optional(inner) => value.is_null() || self.mismatch(inner, value).is_none(),
            Kind::List(_) | Kind::ChoiceSet(_) | Kind::RefSet(_) => value.is_array(),
            // serde reads an empty list as a struct whose fields all have defaults.
            Kind::Object(shape) if std::ptr::eq(*shape, &PRICING) => {
                value.is_object() || value.as_array().is_some_and(Vec::is_empty)
            }
            Kind::Object(_) | Kind::HoursByRole(_) => value.is_object(),
            Kind::Approval => is_approval(value),
            Kind::Tagged(kinds) => value.as_object().is_some_and(|map| {
                map.len() == 1
                    && map
                        .iter()
                        .all(|(k, v)| kinds().contains(k) && v.is_string())
            }),
        };
        (!fits).then(|| expected_words(kind, self.currency))
    }

    /// How a message names the `i`th object of a list.
    fn frame(&self, thing: &Thing, i: usize, item: &Value, key: &str) -> Option<String> {
        let text = |k: &str| item.get(k).and_then(Value::as_str);
        Some(match thing {
            Thing::Part => return None,
            Thing::Named(kind, name_key) => named(kind, i, text(name_key)),
            Thing::Line => numbered("line", i, text("name")),
            Thing::LogEntry => format!(
                "the {} entry of the {}",
                ordinal(i + 1),
                describe::field(key)
            ),
            Thing::PmAcceptance => describe::pm_acceptance(
                i,
                item.get("function")
                    .and_then(Value::as_u64)
                    .and_then(|f| self.functions.get(&f).copied()),
            ),
            Thing::Assignment => {
                let id = |k: &str| item.get(k).and_then(Value::as_u64);
                let role = item
                    .get("role")
                    .and_then(|r| serde_json::from_value::<Raci>(r.clone()).ok());
                assignment(
                    i,
                    id("person").and_then(|p| self.people.get(&p).copied()),
                    role,
                    id("function").and_then(|f| self.functions.get(&f).copied()),
                )
            }
        })
    }
}

/// An approval that says it was approved or rejected but not by whom.
fn approval_without_approver(kind: &Kind, value: &Value) -> bool {
    matches!(kind, Kind::Approval)
        && value.as_object().is_some_and(|map| {
            map.len() == 1 && map.keys().all(|k| k == "approved" || k == "rejected")
        })
}

fn fits_u32(value: &Value) -> bool {
    value.as_u64().is_some_and(|n| u32::try_from(n).is_ok())
}

/// A unit option: `"client"`, or the long form serde also reads, `{"client": null}`.
fn is_choice(value: &Value, choices: &[String]) -> bool {
    let known = |name: &str| choices.iter().any(|c| c == name);
    match value {
        Value::String(s) => known(s),
        Value::Object(map) => map.len() == 1 && map.iter().all(|(k, v)| known(k) && v.is_null()),
        _ => false,
    }
}

fn is_approval(value: &Value) -> bool {
    let by = |decided: &Value| match decided {
        Value::Object(fields) => fields.get("by").is_some_and(fits_u32),
        Value::Array(items) => items.len() == 1 && fits_u32(&items[0]),
        _ => false,
    };
    match value {
        Value::String(s) => s == "draft" || s == "submitted",
        Value::Object(map) if map.len() == 1 => map.iter().all(|(k, v)| match k.as_str() {
            "draft" | "submitted" => v.is_null(),
            "approved" | "rejected" => by(v),
            _ => false,
        }),
        _ => false,
    }
}

/// A rate card role id as a key of an hours object: digits, without a sign or a
/// leading zero, as serde reads them.
fn role_id(key: &str) -> Option<u32> {
    let canonical =
        key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
    if canonical {
        key.parse().ok()
    } else {
        None
    }
}

fn one_of(choices: &[String]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    format!("one of {}", quoted.join(", "))
}

/// What a value of a kind is, with its real limit, for "… must be ___".
fn expected_words(kind: &Kind, currency: Option<&str>) -> String {
    match kind {
        Kind::Id => "a whole number from 0, below next_id".to_string(),
        Kind::NextId => format!(
            "a whole number from 0 to {}",
            describe::thousands(u128::from(u32::MAX))
        ),
        Kind::Ref(thing) => format!("the id of a {thing} (a whole number)"),
        Kind::Hours(limit) => format!(
            "a whole number of hundredths of an hour from 0 to {} ({} hours)",
            limit.0,
            describe::hours(*limit)
        ),
        Kind::Money => {
            let code = currency.filter(|c| is_currency_code(c));
            let scale = match code.map(|c| crate::model::currency(c).decimals) {
                Some(0) => format!("a whole number of {}", code.unwrap_or_default()),
                Some(2) => format!("a whole number of cents (hundredths of a {})", code.unwrap_or_default()),
                Some(3) => format!("a whole number of thousandths of a {}", code.unwrap_or_default()),
                _ => "a whole number of the currency's cents".to_string(),
            };
            let written = code
                .map(|c| format!(" ({})", describe::money(MONEY_LIMIT, c)))
                .unwrap_or_default();
            format!(
                "{scale} from 0 to {}{written}",
                describe::thousands(MONEY_LIMIT.0 as u128)
            )
        }
        Kind::Percent(max) => format!(
            "a whole number of hundredths of a percent from 0 to {} (0 % to {})",
            max.0,
            describe::percent(*max)
        ),
        Kind::Bool => "true or false".to_string(),
        Kind::Text => "a text in double quotes".to_string(),
        Kind::Choice(choices) => one_of(&choices()),
        Kind::Optional(inner) => format!("{}, or be left out", expected_words(inner, currency)),
        Kind::List(_) => "a list written between [ and ]".to_string(),
        Kind::Object(_) => "a group of fields written between { and }".to_string(),
        Kind::ChoiceSet(choices) => format!("a list of values, each {}", one_of(&choices())),
        Kind::RefSet(thing) => format!("a list of {thing} ids"),
        Kind::HoursByRole(_) => {
            "hours per rate card role, written between { and } as \"role id\": hours".to_string()
        }
        Kind::Tagged(kinds) => format!(
            "{{\"kind\": \"name\"}} with a text as the name and the kind {}",
            one_of(&kinds())
        ),
        Kind::Approval => "\"draft\", \"submitted\", or who decided, written {\"approved\": {\"by\": person id}} or {\"rejected\": {\"by\": person id}}".to_string(),
    }
}

/// A value as the message quotes it: `"forty"`, `-1`, `true`, `a list`.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quoted(s),
        Value::Array(items) if items.is_empty() => "an empty list".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a group of fields".to_string(),
    }
}

/// Where a path from serde's error is, in words (the place, and the field it ends in),
/// for a refusal [`check`] could not explain.
pub fn describe_path(document: &Value, segments: &[PathSegment]) -> (String, Option<String>) {
    let mut walker = Walker::default();
    let mut frames = Vec::new();
    let mut shape: Option<&'static Shape> = Some(&DOCUMENT);
    let mut value = Some(document);
    let mut field_key = None;
    let mut list: Option<&'static Shape> = None;
    for segment in segments {
        match segment {
            PathSegment::Key(key) => {
                field_key = Some(key.clone());
                let object = value.and_then(Value::as_object);
                if let (Some(s), Some(o)) = (shape, object) {
                    if std::ptr::eq(s, &WORKSPACE) {
                        walker.people = names_by_id(o.get("people"), "name");
                    }
                    if std::ptr::eq(s, &ENGAGEMENT) {
                        walker.functions = names_by_id(o.get("functions"), "name");
                    }
                }
                let field = shape.and_then(|s| s.fields.iter().find(|f| f.key == key));
                value = object.and_then(|o: &Map<String, Value>| o.get(key.as_str()));
                (shape, list) = match field.map(|f| &f.kind) {
                    Some(Kind::Object(s)) => (Some(*s), None),
                    Some(Kind::List(s)) => (None, Some(*s)),
                    _ => (None, None),
                };
            }
            PathSegment::Index(i) => {
                value = value.and_then(|v| v.get(*i));
                if let (Some(s), Some(item)) = (list, value) {
                    let key = field_key.clone().unwrap_or_default();
                    frames.extend(walker.frame(&s.thing, *i, item, &key));
                    field_key = None;
                }
                (shape, list) = (list.take(), None);
            }
        }
    }
    (
        describe::place(&frames),
        field_key.map(|k| describe::field(&k)),
    )
}
