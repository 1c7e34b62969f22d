//! What a generated case compares: the timeline a small model in the test
//! predicts, and the timeline the learner's code produced, both in whole
//! milliseconds of virtual time.
//!
//! A property test builds the expected events itself (never from the
//! solution), records the real ones on a [`Timeline`], and calls
//! [`same_events`]. On a difference the message is the evidence: the input,
//! then the two timelines one above the other, and the first line where
//! they part.
//!
//! Where events that happen at the same instant may come in any order in a
//! right answer (two timers that fire together, two streams ready at once),
//! [`same_events_any_order_within_instants`] sorts both sides within each
//! instant before it compares them.

use std::cell::Cell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::sync::Once;
use std::task::Poll;

use crate::timeline::Timeline;

/// An event at a time: whole milliseconds of virtual time, and its text.
pub type Event = (u64, String);

/// The events of `timeline`, in whole milliseconds.
pub fn events_of(timeline: &Timeline) -> Vec<Event> {
    timeline
        .events()
        .into_iter()
        .map(|(at, text)| (at.as_millis() as u64, text))
        .collect()
}

/// `events`, sorted within each instant (stable across instants).
pub fn sorted_within_instants(events: &[Event]) -> Vec<Event> {
    let mut events = events.to_vec();
    events.sort();
    events
}

/// One line per event, as the course's timelines read: `  300 ms  got 1`.
pub fn render(events: &[Event]) -> String {
    let width = events
        .iter()
        .map(|(at, _)| at.to_string().len())
        .max()
        .unwrap_or(1);
    events
        .iter()
        .map(|(at, text)| format!("    {at:>width$} ms  {text}\n"))
        .collect()
}

/// [`same_events`] for runs whose events at one instant may come in any
/// order: both sides are sorted within each instant first.
pub fn same_events_any_order_within_instants(
    input: &str,
    expected: &[Event],
    actual: &[Event],
    idea: &str,
) -> Result<(), String> {
    same_events(
        input,
        &sorted_within_instants(expected),
        &sorted_within_instants(actual),
        idea,
    )
}

/// `Err(message)` when `actual` is not `expected`, event for event: the
/// message says what was given (`input`), shows both timelines, and names
/// the first event where they differ; `idea` says which idea to revisit.
pub fn same_events(
    input: &str,
    expected: &[Event],
    actual: &[Event],
    idea: &str,
) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let parting = expected
        .iter()
        .zip(actual)
        .position(|(e, a)| e != a)
        .unwrap_or(expected.len().min(actual.len()));
    let first = match (expected.get(parting), actual.get(parting)) {
        (Some((e_at, e)), Some((a_at, a))) => {
            format!("the course expects \"{e}\" at {e_at} ms where yours has \"{a}\" at {a_at} ms")
        }
        (Some((e_at, e)), None) => {
            format!("the course expects \"{e}\" at {e_at} ms, and yours stopped before it")
        }
        (None, Some((a_at, a))) => {
            format!("yours goes on with \"{a}\" at {a_at} ms, after the course's last event")
        }
        (None, None) => unreachable!("the timelines differ"),
    };
    // The words first, the evidence after: a report shows a failure's first
    // lines, and each line cut at a few hundred characters.
    Err(format!(
        "{}\nFirst difference: {first}.\n{}\n{}",
        wrap(input),
        wrap(idea),
        side_by_side(expected, actual)
    ))
}

/// The two timelines in two columns, the course's on the left: half as many
/// lines as one above the other, so that a report's first lines hold both.
pub fn side_by_side(expected: &[Event], actual: &[Event]) -> String {
    let left: Vec<String> = render(expected).lines().map(str::to_owned).collect();
    let right: Vec<String> = render(actual).lines().map(str::to_owned).collect();
    let width = left
        .iter()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
        .max("  the course expects".len());
    let mut out = format!("{:<width$}  |  yours\n", "  the course expects");
    for row in 0..left.len().max(right.len()) {
        let l = left.get(row).map_or("", String::as_str);
        let r = right
            .get(row)
            .map_or("", |line| line.strip_prefix("    ").unwrap_or(line));
        out.push_str(format!("{l:<width$}  |  {r}").trim_end());
        out.push('\n');
    }
    out
}

/// `text` cut into lines of about [`WIDTH`] characters, at spaces.
pub fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.len() + 1 + word.len() > WIDTH {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// The width [`wrap`] cuts at.
pub const WIDTH: usize = 100;

thread_local! {
    /// Whether a panic on this thread is being caught by [`quietly`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that stays silent for panics [`quietly`]
/// catches and prints every other one as before.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Polls `future` to its end, catching a panic in any poll without printing
/// it: a generated case records the panic as an event of its timeline, so
/// that the report shows the case's input and both timelines rather than a
/// bare panic printed once per case tried.
pub async fn quietly<F: Future>(future: F) -> Result<F::Output, String> {
    install_quiet_hook();
    let mut future = pin!(future);
    std::future::poll_fn(|cx| {
        let was = QUIET.with(|quiet| quiet.replace(true));
        let polled = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx)));
        QUIET.with(|quiet| quiet.set(was));
        match polled {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(panic_text(&*payload))),
        }
    })
    .await
}

/// [`quietly`] for a plain call.
pub fn quietly_call<R>(call: impl FnOnce() -> R) -> Result<R, String> {
    install_quiet_hook();
    let was = QUIET.with(|quiet| quiet.replace(true));
    let called = catch_unwind(AssertUnwindSafe(call));
    QUIET.with(|quiet| quiet.set(was));
    called.map_err(|payload| panic_text(&*payload))
}

/// What a panic said.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic with a payload that is not a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64, text: &str) -> Event {
        (ms, text.to_owned())
    }

    #[test]
    fn events_at_one_instant_may_come_in_any_order() {
        let expected = [at(0, "a"), at(0, "b"), at(5, "c")];
        let actual = [at(0, "b"), at(0, "a"), at(5, "c")];
        assert_eq!(
            same_events_any_order_within_instants("", &expected, &actual, ""),
            Ok(())
        );
        assert!(same_events("", &expected, &actual, "").is_err());
    }

    #[test]
    fn a_difference_shows_both_timelines_and_where_they_part() {
        let expected = [at(0, "a"), at(100, "b")];
        let actual = [at(0, "a"), at(200, "b")];
        let message = same_events("input: x", &expected, &actual, "Revisit y.").unwrap_err();
        assert!(
            message.starts_with("input: x\nFirst difference: "),
            "{message}"
        );
        assert!(
            message.contains("    100 ms  b         |  200 ms  b\n"),
            "{message}"
        );
        assert!(
            message.contains(
                "the course expects \"b\" at 100 ms where yours has \"b\" at 200 ms.\nRevisit y."
            ),
            "{message}"
        );
    }

    #[test]
    fn long_words_are_wrapped_at_spaces() {
        let text = "word ".repeat(50);
        let wrapped = wrap(text.trim());
        assert!(wrapped.lines().all(|line| line.len() <= WIDTH), "{wrapped}");
        assert_eq!(wrapped.replace('\n', " "), text.trim());
    }

    #[test]
    fn a_panic_caught_quietly_is_its_message() {
        let caught = quietly_call(|| -> u8 { panic!("said quietly") });
        assert_eq!(caught, Err("said quietly".to_owned()));
    }

    #[test]
    fn a_missing_event_is_named() {
        let message = same_events("", &[at(0, "a"), at(1, "end")], &[at(0, "a")], "").unwrap_err();
        assert!(
            message.contains("\"end\" at 1 ms, and yours stopped before it"),
            "{message}"
        );
    }
}
