//! Timeline pictures for the book, drawn from the exercises' timeline snapshots.
//!
//! A snapshot whose every line reads `<ms> ms  <event>` (what
//! `testkit::timeline::Timeline::render` writes) is a timeline. Each becomes an
//! SVG at `book/src/timelines/<section>/<snapshot>.svg`: one row per lane, where
//! an event `lane: text` belongs to `lane` and any other to the lane "events",
//! a dot at each event's time and a bar from a lane's first event to its last.
//! The pictures are generated, never drawn by hand, so they cannot drift from
//! what the tests check.

use std::fmt::Write;

/// One event of a timeline: when, which lane, what.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub millis: u64,
    pub lane: String,
    pub text: String,
}

/// The events of a snapshot's body, if every non-empty line is `<ms> ms  <event>`.
pub fn parse_timeline(body: &str) -> Option<Vec<Event>> {
    let events: Option<Vec<Event>> = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (millis, event) = line.trim_start().split_once(" ms  ")?;
            let millis = millis.parse().ok()?;
            let (lane, text) = match event.split_once(": ") {
                Some((lane, text)) if !lane.is_empty() => (lane.to_owned(), text.to_owned()),
                _ => ("events".to_owned(), event.to_owned()),
            };
            Some(Event { millis, lane, text })
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

const LANE_HEIGHT: u64 = 56;
const LEFT: u64 = 150;
const PLOT_WIDTH: u64 = 560;
const TOP: u64 = 24;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draws `events` as an SVG, `title` read by screen readers.
pub fn render_svg(title: &str, events: &[Event]) -> String {
    let mut lanes: Vec<&str> = Vec::new();
    for event in events {
        if !lanes.contains(&event.lane.as_str()) {
            lanes.push(&event.lane);
        }
    }
    let end = events.iter().map(|e| e.millis).max().unwrap_or(0).max(1);
    // Grid lines every second, or every 100 ms for short runs.
    let step = if end >= 2_000 {
        1_000
    } else if end >= 200 {
        100
    } else {
        10
    };
    let x = |millis: u64| LEFT + millis * PLOT_WIDTH / end;
    let height = TOP + lanes.len() as u64 * LANE_HEIGHT + 40;
    let width = LEFT + PLOT_WIDTH + 150;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="13">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let axis_y = TOP + lanes.len() as u64 * LANE_HEIGHT;
    let mut tick = 0;
    while tick <= end {
        let _ = writeln!(
            svg,
            r##"<line x1="{0}" y1="{TOP}" x2="{0}" y2="{axis_y}" stroke="#dddddd"/><text x="{0}" y="{1}" text-anchor="middle" fill="#555555">{2}</text>"##,
            x(tick),
            axis_y + 18,
            format_time(tick, step)
        );
        tick += step;
    }
    for (row, lane) in lanes.iter().enumerate() {
        let y = TOP + row as u64 * LANE_HEIGHT + LANE_HEIGHT / 2;
        let lane_events: Vec<&Event> = events.iter().filter(|e| e.lane == *lane).collect();
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" font-weight="bold" fill="#222222">{}</text>"##,
            LEFT - 12,
            y + 4,
            escape(lane)
        );
        let first = lane_events.first().map_or(0, |e| e.millis);
        let last = lane_events.last().map_or(0, |e| e.millis);
        let _ = writeln!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="8" rx="4" fill="#9ec5fe"/>"##,
            x(first),
            y - 4,
            (x(last) - x(first)).max(1)
        );
        for (i, event) in lane_events.iter().enumerate() {
            // Labels alternate above and below the bar so that close events stay readable.
            let label_y = if i % 2 == 0 { y - 10 } else { y + 20 };
            let _ = writeln!(
                svg,
                r##"<circle cx="{0}" cy="{y}" r="5" fill="#0b5ed7"><title>{1} ms: {2}</title></circle><text x="{0}" y="{label_y}" fill="#222222">{2}</text>"##,
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
        axis_y + 36
    );
    svg.push_str("</svg>\n");
    svg
}

fn format_time(millis: u64, step: u64) -> String {
    if step >= 1_000 {
        format!("{} s", millis / 1_000)
    } else {
        format!("{millis} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_rendered_timeline_with_lanes() {
        let events =
            parse_timeline("   0 ms  main: start\n1000 ms  Coroutine Two\n").expect("a timeline");
        assert_eq!(
            events[0],
            Event {
                millis: 0,
                lane: "main".into(),
                text: "start".into()
            }
        );
        assert_eq!(events[1].lane, "events");
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
