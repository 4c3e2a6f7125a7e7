//! Long lists shown a page at a time (the People view's roster, the Roles board's people):
//! which rows a page holds and how the pager says it. Drawing 500 rows costs the browser
//! over a second; a page of them costs about what the example plan's whole list does.

/// Rows on one page of a long list.
pub const PAGE_SIZE: usize = 25;

/// One page of a list of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The page shown, from 0, always a page that exists (the last one when asked for more).
    pub index: usize,
    /// How many pages the list has (at least 1, also when it is empty).
    pub count: usize,
    /// The rows of this page: `start..end` of the list.
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

impl Page {
    /// Page `asked` of `total` rows, `size` a page; a page past the end shows the last one,
    /// so a list that shrank (a filter, a removal) never shows an empty page.
    pub fn of(total: usize, size: usize, asked: usize) -> Page {
        let size = size.max(1);
        let count = total.div_ceil(size).max(1);
        let index = asked.min(count - 1);
        let start = index * size;
        Page {
            index,
            count,
            start,
            end: (start + size).min(total),
            total,
        }
    }

    /// The page that holds row `row` (the last page for a row past the end).
    pub fn holding(total: usize, size: usize, row: usize) -> Page {
        Page::of(total, size, row / size.max(1))
    }

    /// Whether the list needs a pager at all.
    pub fn is_split(&self) -> bool {
        self.count > 1
    }

    /// "26–50 of 500 people", or "500 of 500" words for one page: what the pager and
    /// screen readers are told.
    pub fn words(&self, plural: &str) -> String {
        if self.total == 0 {
            return format!("No {plural}");
        }
        format!(
            "{}\u{2013}{} of {} {plural}",
            self.start + 1,
            self.end,
            self.total
        )
    }

    /// The label of page button `index`: "Page 3 of 20".
    pub fn page_label(&self, index: usize) -> String {
        format!("Page {} of {}", index + 1, self.count)
    }

    /// The page numbers a pager offers as buttons: the first and last, and the pages around
    /// the current one; `None` stands for a gap ("…"). At most 9 entries.
    pub fn nearby(&self) -> Vec<Option<usize>> {
        if self.count <= 9 {
            return (0..self.count).map(Some).collect();
        }
        let last = self.count - 1;
        let from = self.index.saturating_sub(2).max(1).min(last - 5);
        let to = (from + 4).min(last - 1);
        let mut out = vec![Some(0)];
        if from > 1 {
            out.push(None);
        }
        out.extend((from..=to).map(Some));
        if to < last - 1 {
            out.push(None);
        }
        out.push(Some(last));
        out
    }
}
