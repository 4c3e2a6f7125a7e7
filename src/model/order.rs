//! Sorting for the whole app, through one copy of the standard library's sort.
//!
//! The standard stable sort (driftsort) is compiled once for every element type and every
//! comparison closure it is called with, at 2–5 KB of WebAssembly each; forty call sites
//! made 140 KB of the shipped app. These functions sort a list of positions instead, with a
//! comparison passed as `dyn`, so the standard sort is compiled once; what remains per call
//! site is a few hundred bytes. They are stable, like `slice::sort_by`: equal elements keep
//! their order. The cost is an indirect call per comparison and one list of positions, which
//! the planner's lists (at most a few thousand entries) do not notice.
//!
//! A test below fails on a standard sort anywhere else in `src/`, so new code comes here.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut positions: Vec<usize> = (0..items.len()).collect();
    {
        let items = &*items;
        sort_positions(&mut positions, &mut |a, b| compare(&items[a], &items[b]));
    }
    permute(items, &mut positions);
}

/// Sorts `items` stably by the key `key` gives each.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one place the standard sort is compiled: positions, by a comparison of the items
/// at two positions.
#[inline(never)]
fn sort_positions(positions: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    positions.sort_by(|&a, &b| compare(a, b));
}

/// Moves the item at `positions[i]` to `i`, for every `i`, by following each cycle of the
/// permutation with swaps. `positions` is used up (every entry marked done).
fn permute<T>(items: &mut [T], positions: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..positions.len() {
        if positions[start] == DONE {
            continue;
        }
        // The item that was at `start` travels along the cycle until its own place.
        let mut here = start;
        loop {
            let from = positions[here];
            positions[here] = DONE;
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
        assert_eq!(
            v,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn sorts_in_natural_order_and_by_a_comparison() {
        let mut v = vec!["pear", "apple", "fig", "apple"];
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
        sort_by(&mut v, |a, b| b.len().cmp(&a.len()));
        assert_eq!(v, ["apple", "apple", "pear", "fig"]);
    }

    #[test]
    fn two_items_out_of_order_are_swapped() {
        let mut v = vec![2, 1];
        sort(&mut v);
        assert_eq!(v, [1, 2]);
    }

    #[test]
    fn empty_and_single_lists_stay() {
        let mut empty: Vec<u8> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
    }

    #[test]
    fn every_permutation_of_five_sorts() {
        // All 120 orders of five distinct items, and each with a repeated key.
        fn permutations(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut all = Vec::new();
            for p in permutations(n - 1) {
                for i in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(i, n - 1);
                    all.push(q);
                }
            }
            all
        }
        for p in permutations(5) {
            let mut v = p.clone();
            sort(&mut v);
            assert_eq!(v, [0, 1, 2, 3, 4], "from {p:?}");
            let mut pairs: Vec<(usize, usize)> = p.iter().map(|&x| (x / 2, x)).collect();
            let mut expected = pairs.clone();
            expected.sort_by_key(|q| q.0);
            sort_by_key(&mut pairs, |q| q.0);
            assert_eq!(pairs, expected, "from {p:?}");
        }
    }

    /// The app sorts only through this module: a standard sort called anywhere else in
    /// `src/` would put another copy of it into the shipped app.
    #[test]
    fn the_app_sorts_only_here() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src/ is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("model/order.rs")
                {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for (n, line) in text.lines().enumerate() {
                        let code = line.split("//").next().unwrap_or("");
                        if [
                            ".sort(",
                            ".sort_by(",
                            ".sort_by_key(",
                            ".sort_by_cached_key(",
                            ".sort_unstable",
                        ]
                        .iter()
                        .any(|call| code.contains(call))
                        {
                            found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(
            found.is_empty(),
            "sort through crate::model::order instead:\n{}",
            found.join("\n")
        );
    }
}
