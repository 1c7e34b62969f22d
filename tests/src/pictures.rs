//! Timeline pictures for the book, drawn from the exercises' timeline snapshots.
//!
//! A snapshot whose every line reads `<ms> ms  <event>` (what
//! `testkit::timeline::Timeline::render` writes) is a timeline. Each becomes an
//! SVG at `book/src/timelines/<section>/<snapshot>.svg`, one row per lane:
//!
//! - events that start and end something (`fetch 3 starts` … `fetch 3 ends`,
//!   `work started` … `work done`) share a lane named for it, drawn as a bar;
//! - events written `lane: text`, with a one-word lane, share that lane;
//! - any other event has a row of its own.
//!
//! The pictures are generated, never drawn by hand, so they cannot drift from
//! what the tests check.

use std::fmt::Write;

/// One event of a timeline: when, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub millis: u64,
    pub text: String,
}

/// The events of a snapshot's body, if every non-empty line is `<ms> ms  <event>`.
pub fn parse_timeline(body: &str) -> Option<Vec<Event>> {
    let events: Option<Vec<Event>> = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (millis, text) = line.trim_start().split_once(" ms  ")?;
            Some(Event {
                millis: millis.parse().ok()?,
                text: text.to_owned(),
            })
        })
        .collect();
    events.filter(|events| !events.is_empty())
}

/// The body of an insta snapshot file: what follows its second `---` line.
pub fn snapshot_body(file: &str) -> &str {
    let mut parts = file.splitn(3, "---\n");
    match (parts.next(), parts.next(), parts.next()) {
        (Some(""), Some(_header), Some(body)) => body,
        _ => file,
    }
}

/// Words that end an event which starts or ends the thing it names.
const SPAN_WORDS: [&str; 8] = [
    "starts", "started", "begins", "ends", "ended", "done", "finished", "stops",
];

/// The lane an event belongs to, or `None` for a row of its own.
pub fn lane_of(text: &str) -> Option<&str> {
    if let Some((lane, _)) = text.split_once(": ")
        && !lane.is_empty()
        && !lane.contains(' ')
    {
        return Some(lane);
    }
    let (subject, last) = text.rsplit_once(' ')?;
    SPAN_WORDS.contains(&last).then_some(subject)
}

/// A row of the picture: a lane's name and its events, or one event alone.
struct Row<'a> {
    label: &'a str,
    events: Vec<&'a Event>,
}

fn rows(events: &[Event]) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = Vec::new();
    for event in events {
        match lane_of(&event.text) {
            Some(lane) => match rows
                .iter_mut()
                .find(|row| row.label == lane && !row.events.is_empty())
            {
                Some(row) if lane_of(&row.events[0].text) == Some(lane) => row.events.push(event),
                _ => rows.push(Row {
                    label: lane,
                    events: vec![event],
                }),
            },
            None => rows.push(Row {
                label: &event.text,
                events: vec![event],
            }),
        }
    }
    rows
}

const ROW_HEIGHT: u64 = 26;
const TOP: u64 = 16;
const PLOT_WIDTH: u64 = 520;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draws `events` as an SVG, `title` read by screen readers.
pub fn render_svg(title: &str, events: &[Event]) -> String {
    let rows = rows(events);
    let longest = rows
        .iter()
        .map(|row| row.label.chars().count())
        .max()
        .unwrap_or(0) as u64;
    let left = 24 + longest * 7;
    let end = events.iter().map(|e| e.millis).max().unwrap_or(0).max(1);
    // Grid lines every second, or every 100 ms or 10 ms for short runs, about five in all.
    let step = [10, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000]
        .into_iter()
        .find(|step| end / step <= 8)
        .unwrap_or(60_000);
    let x = |millis: u64| left + millis * PLOT_WIDTH / end;
    let axis_y = TOP + rows.len() as u64 * ROW_HEIGHT;
    let (width, height) = (left + PLOT_WIDTH + 40, axis_y + 44);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let mut tick = 0;
    while tick <= end {
        let _ = writeln!(
            svg,
            r##"<line x1="{0}" y1="{TOP}" x2="{0}" y2="{axis_y}" stroke="#dddddd"/><text x="{0}" y="{1}" text-anchor="middle" fill="#555555">{2}</text>"##,
            x(tick),
            axis_y + 16,
            if step >= 1_000 && tick % 1_000 == 0 {
                format!("{} s", tick / 1_000)
            } else {
                format!("{tick} ms")
            }
        );
        tick += step;
    }
    for (index, row) in rows.iter().enumerate() {
        let y = TOP + index as u64 * ROW_HEIGHT + ROW_HEIGHT / 2;
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#222222">{}</text>"##,
            left - 12,
            y + 4,
            escape(row.label)
        );
        if let (Some(first), Some(last)) = (row.events.first(), row.events.last())
            && row.events.len() > 1
        {
            let _ = writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="10" rx="5" fill="#9ec5fe"/>"##,
                x(first.millis),
                y - 5,
                (x(last.millis) - x(first.millis)).max(2)
            );
        }
        for event in &row.events {
            let _ = writeln!(
                svg,
                r##"<circle cx="{}" cy="{y}" r="5" fill="#0b5ed7"><title>{} ms: {}</title></circle>"##,
                x(event.millis),
                event.millis,
                escape(&event.text)
            );
        }
    }
    let _ = writeln!(
        svg,
        r##"<text x="{}" y="{}" text-anchor="end" fill="#555555">virtual time</text>"##,
        x(end),
        axis_y + 34
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_rendered_timeline() {
        let events =
            parse_timeline("   0 ms  main: start\n1000 ms  Coroutine Two\n").expect("a timeline");
        assert_eq!(
            events[0],
            Event {
                millis: 0,
                text: "main: start".into()
            }
        );
        assert_eq!(events[1].millis, 1000);
    }

    #[test]
    fn lanes_come_from_spans_and_one_word_prefixes() {
        assert_eq!(lane_of("fetch 3 starts"), Some("fetch 3"));
        assert_eq!(lane_of("work done"), Some("work"));
        assert_eq!(lane_of("ticker: tick 2"), Some("ticker"));
        assert_eq!(lane_of("job 2 error: busy"), None);
        assert_eq!(lane_of("Coroutine Two"), None);
    }

    #[test]
    fn other_snapshots_are_not_timelines() {
        assert_eq!(parse_timeline("1\n2\n3\n"), None);
        assert_eq!(parse_timeline(""), None);
    }

    #[test]
    fn finds_the_body_of_a_snapshot_file() {
        assert_eq!(snapshot_body("---\nsource: x\n---\n0 ms  a\n"), "0 ms  a\n");
    }
}
