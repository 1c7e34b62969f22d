//! Two timelines side by side, from just before their first difference: the
//! evidence of a generated case, short enough for the first lines of a
//! failure that `cargo grade` shows (it keeps 16 lines of a message).
//!
//! ```text
//!   expected                         | yours
//!       0 ms  ask for job 7          |     0 ms  ask for job 7
//! ≠     0 ms  job 7 try 1            |    30 ms  job 7 try 1
//! ```

use std::fmt::Write;

/// How many rows [`side_by_side`] shows: enough to see a difference and what
/// led to it, few enough to leave room for the sentence above them.
pub const ROWS: usize = 8;

/// Events as `(whole ms, text)`, one line each, the way timelines print.
pub fn lines(events: &[(u128, String)]) -> Vec<String> {
    events
        .iter()
        .map(|(at, event)| format!("{at:>5} ms  {event}"))
        .collect()
}

/// `expected` and `observed` in two columns, from two rows before the first
/// row where they differ (each such row marked `≠`), at most [`ROWS`] rows,
/// and a last line saying how many rows were left out.
pub fn side_by_side(expected: &[String], observed: &[String]) -> String {
    let first = expected
        .iter()
        .zip(observed)
        .position(|(e, o)| e != o)
        .unwrap_or(expected.len().min(observed.len()));
    let start = first.saturating_sub(2);
    let total = expected.len().max(observed.len());
    let end = total.min(start + ROWS);
    let width = expected
        .iter()
        .chain(observed)
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 40);
    let mut out = format!("  {:<width$} | yours", "expected");
    if start > 0 {
        let _ = write!(out, "\n  ({start} equal rows before)");
    }
    for row in start..end {
        let (e, o) = (expected.get(row), observed.get(row));
        let mark = if e == o { ' ' } else { '≠' };
        let (e, o) = (
            e.map_or("(nothing)", String::as_str),
            o.map_or("(nothing)", String::as_str),
        );
        let _ = write!(out, "\n{mark} {e:<width$} | {o}");
    }
    if end < total {
        let _ = write!(out, "\n  ({} more rows)", total - end);
    }
    out
}

/// [`side_by_side`] of two lists of `(whole ms, event)`.
pub fn timelines(expected: &[(u128, String)], observed: &[(u128, String)]) -> String {
    side_by_side(&lines(expected), &lines(observed))
}

/// Awaits `future` as [`within`](crate::limit::within) does (same limit,
/// same detectors of blocking and busy polling), and if it has not finished
/// a millisecond before `limit`, fails with `what_never_happened` followed
/// by what had happened by then: `timeline`, rendered. A time limit then
/// reports evidence (the events so far, and by their absence what was still
/// pending) rather than a guess at the cause.
///
/// The timer is checked before `future` is polled, for the reason `within`
/// gives: a future that forgot its waker must not complete on the poll that
/// the timer's own wake-up causes, and hide this message.
#[cfg(feature = "async")]
pub async fn within_showing<F: std::future::Future>(
    limit: tokio::time::Duration,
    what_never_happened: &str,
    timeline: &crate::timeline::Timeline,
    future: F,
) -> F::Output {
    let shown_at = limit.saturating_sub(tokio::time::Duration::from_millis(1));
    let raced = async {
        tokio::select! {
            biased;
            () = tokio::time::sleep(shown_at) => panic!(
                "{what_never_happened} (still waiting after {shown_at:?} of virtual time). \
                 What had happened by then:\n{}",
                timeline.render()
            ),
            output = future => output,
        }
    };
    crate::limit::within(limit, what_never_happened, raced).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(list: &[(u128, &str)]) -> Vec<(u128, String)> {
        list.iter().map(|&(at, e)| (at, e.to_owned())).collect()
    }

    #[test]
    fn starts_two_rows_before_the_first_difference() {
        let expected = events(&[(0, "a"), (1, "b"), (2, "c"), (3, "d"), (4, "e")]);
        let observed = events(&[(0, "a"), (1, "b"), (2, "c"), (9, "d")]);
        let shown = timelines(&expected, &observed);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows[0].starts_with("  expected"), "{shown}");
        assert_eq!(rows[1], "  (1 equal rows before)", "{shown}");
        assert!(rows[2].starts_with("      1 ms  b"), "{shown}");
        assert!(rows[4].starts_with("≠     3 ms  d"), "{shown}");
        assert!(rows[4].ends_with("|     9 ms  d"), "{shown}");
        assert!(rows[5].ends_with("| (nothing)"), "{shown}");
        assert_eq!(rows.len(), 6, "{shown}");
    }

    #[test]
    fn a_long_timeline_is_cut_after_its_rows() {
        let expected: Vec<String> = (0..30).map(|i| format!("line {i}")).collect();
        let mut observed = expected.clone();
        observed[0] = "other".to_owned();
        let shown = side_by_side(&expected, &observed);
        assert_eq!(shown.lines().count(), 1 + ROWS + 1);
        assert!(shown.ends_with("(22 more rows)"), "{shown}");
    }
}
