//! The options of a select that picks one variant of an enum, valued by index.

use yew::prelude::*;

/// Option values of enum variants: their index in `ALL`, as static text so the
/// hundreds of selects of a large roster allocate nothing for them.
const INDEX_TEXT: [&str; 16] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
];

fn index_text(i: usize) -> AttrValue {
    match INDEX_TEXT.get(i) {
        Some(text) => AttrValue::Static(text),
        None => AttrValue::from(i.to_string()),
    }
}

/// The (value, label) options of an enum's variants, valued by index.
pub(crate) fn option_values<T: Copy>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    all.iter()
        .enumerate()
        .map(|(i, &v)| (index_text(i), AttrValue::Static(label(v))))
        .collect()
}

pub(crate) fn index_of<T: PartialEq>(all: &[T], value: &T) -> AttrValue {
    index_text(all.iter().position(|v| v == value).unwrap_or(0))
}

pub(crate) fn from_index<T: Copy>(all: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| all.get(i).copied())
}
