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
//! Each row's label sits above its track, so that the picture is as wide as
//! a phone's text column whatever the labels; a lane's bars are drawn per run,
//! from each `starts` to the next `ends`, so that an idle gap shows.
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
    let lane = text.split_once(": ").map(|(lane, _)| lane);
    if let Some(lane) = lane.filter(|lane| !lane.is_empty() && !lane.contains(' ')) {
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
        let lane = lane_of(&event.text);
        // Every row holds at least one event: a lane's row is found by its first.
        match rows
            .iter_mut()
            .find(|row| lane.is_some() && lane_of(&row.events[0].text) == lane)
        {
            Some(row) => row.events.push(event),
            None => rows.push(Row {
                label: lane.unwrap_or(&event.text),
                events: vec![event],
            }),
        }
    }
    rows
}

/// Words that start the thing an event names; the others of `SPAN_WORDS` end it.
const START_WORDS: [&str; 3] = ["starts", "started", "begins"];

/// The intervals a row spends running, in milliseconds: from each event that
/// starts its thing to the next one that ends it. A lane that stops and
/// starts again has one interval per run, so an idle gap stays visible.
pub fn intervals(events: &[&Event]) -> Vec<(u64, u64)> {
    let mut intervals = Vec::new();
    let mut open = None;
    for event in events {
        let last = event.text.rsplit(' ').next().unwrap_or("");
        if START_WORDS.contains(&last) {
            open.get_or_insert(event.millis);
        } else if SPAN_WORDS.contains(&last) {
            if let Some(start) = open.take() {
                intervals.push((start, event.millis));
            }
        }
    }
    intervals
}

/// The picture's width, in CSS pixels at its natural size: it fits the text
/// column of a 390 px phone without scaling, and scales down, labels
/// included, on a narrower one (`book/theme/course.css`).
pub const WIDTH: u64 = 360;
const MARGIN: u64 = 12;
/// Each row is its label, on a line of its own, above the row's track.
const ROW_HEIGHT: u64 = 36;
const LABEL_DROP: u64 = 12;
const TRACK_DROP: u64 = 25;
const TOP: u64 = 6;
/// The longest label shown whole; a longer one ends in "…" (its events'
/// tooltips and the figure's aria-label keep the whole text).
const LONGEST_LABEL: usize = 52;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// How the picture is painted. Every colour is one of mdBook's theme variables,
/// so that a picture shown inline in a page (see `book/theme/course.css`) follows
/// the reader's theme, light or dark; the fallback after each variable is for the
/// file opened on its own. There is no background: the page's shows through.
/// Every mark (events, spans, labels, ticks) is the text colour, at full
/// strength, so that it keeps the text's contrast (at least 4.5:1) in every
/// theme; only the grid, which carries no information, is faint. Spans are
/// outlined bars and events solid dots ringed in the background colour, so
/// the two read apart without a second colour.
const STYLE: &str = "<style>\
.tl-grid{stroke:var(--fg,#222);stroke-opacity:.2}\
.tl-tick{fill:var(--fg,#222)}\
.tl-label{fill:var(--fg,#222)}\
.tl-span{fill:none;stroke:var(--fg,#222);stroke-width:1.5}\
.tl-event{fill:var(--fg,#222);stroke:var(--bg,#fff);stroke-width:1.5}\
</style>";

/// Draws `events` as an SVG, `title` read by screen readers.
pub fn render_svg(title: &str, events: &[Event]) -> String {
    let rows = rows(events);
    let end = events.iter().map(|e| e.millis).max().unwrap_or(0).max(1);
    // Grid lines every second, or every 100 ms or 10 ms for short runs, about
    // four in all, so that their labels never touch at this width.
    let step = [10, 20, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000]
        .into_iter()
        .find(|step| end / step <= 5)
        .unwrap_or(60_000);
    // The plot leaves room on both sides for a dot and for a tick's label.
    let (left, right) = (MARGIN + 12, WIDTH - MARGIN - 16);
    let x = |millis: u64| left + millis * (right - left) / end;
    let axis_y = TOP + rows.len() as u64 * ROW_HEIGHT + 4;
    let height = axis_y + 36;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-picture" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(svg, "{STYLE}");
    let mut tick = 0;
    while tick <= end {
        let _ = writeln!(
            svg,
            r#"<line class="tl-grid" x1="{0}" y1="{TOP}" x2="{0}" y2="{axis_y}"/><text class="tl-tick" x="{0}" y="{1}" text-anchor="middle">{2}</text>"#,
            x(tick),
            axis_y + 14,
            if step >= 1_000 && tick % 1_000 == 0 {
                format!("{} s", tick / 1_000)
            } else {
                format!("{tick} ms")
            }
        );
        tick += step;
    }
    for (index, row) in rows.iter().enumerate() {
        let top = TOP + index as u64 * ROW_HEIGHT;
        let y = top + TRACK_DROP;
        let label: String = if row.label.chars().count() > LONGEST_LABEL {
            row.label
                .chars()
                .take(LONGEST_LABEL - 1)
                .chain(['…'])
                .collect()
        } else {
            row.label.to_owned()
        };
        let _ = writeln!(
            svg,
            r#"<text class="tl-label" x="{MARGIN}" y="{}">{}</text>"#,
            top + LABEL_DROP,
            escape(&label)
        );
        for (start, stop) in intervals(&row.events) {
            let _ = writeln!(
                svg,
                r#"<rect class="tl-span" x="{}" y="{}" width="{}" height="8" rx="4"/>"#,
                x(start),
                y - 4,
                (x(stop) - x(start)).max(2)
            );
        }
        for event in &row.events {
            let _ = writeln!(
                svg,
                r#"<circle class="tl-event" cx="{}" cy="{y}" r="5"><title>{} ms: {}</title></circle>"#,
                x(event.millis),
                event.millis,
                escape(&event.text)
            );
        }
    }
    let _ = writeln!(
        svg,
        r#"<text class="tl-tick" x="{}" y="{}" text-anchor="end">virtual time</text>"#,
        WIDTH - MARGIN,
        axis_y + 30
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
    fn pictures_take_every_colour_from_the_theme_and_have_no_background() {
        let events = parse_timeline("0 ms  work starts\n500 ms  beat\n1000 ms  work done\n")
            .expect("a timeline");
        let svg = render_svg("a test", &events);
        for painted in ["fill=", "stroke=", "style=", "<rect width=\"100%\""] {
            assert!(
                !svg.contains(painted),
                "a colour or background set outside the style: {painted}"
            );
        }
        let (_, style) = svg.split_once("<style>").expect("a <style>");
        let (style, _) = style.split_once("</style>").expect("a closed <style>");
        for declaration in style.split(['{', '}', ';']) {
            let painting = declaration
                .split_once(':')
                .filter(|(property, _)| ["fill", "stroke"].contains(property));
            if let Some((property, value)) = painting {
                assert!(
                    value.starts_with("var(--") || value == "none",
                    "{property}:{value} is fixed"
                );
            }
        }
        // Inlined in a page, the picture is one HTML block: a blank line would end it.
        assert!(!svg.trim_end().contains("\n\n"));
    }

    #[test]
    fn a_lane_that_stops_and_starts_again_has_one_span_per_run() {
        let events = parse_timeline(
            "0 ms  flush starts\n100 ms  flush ends\n300 ms  flush starts\n400 ms  flush ends\n",
        )
        .expect("a timeline");
        let refs: Vec<&Event> = events.iter().collect();
        assert_eq!(intervals(&refs), [(0, 100), (300, 400)]);
        let svg = render_svg("a test", &events);
        assert_eq!(svg.matches("class=\"tl-span\"").count(), 2, "{svg}");
    }

    #[test]
    fn every_mark_lies_inside_the_pictures_width() {
        let long = "x".repeat(80);
        let events = parse_timeline(&format!(
            "0 ms  a starts\n7000 ms  a ends\n9999 ms  {long}\n"
        ))
        .expect("a timeline");
        let svg = render_svg("a test", &events);
        for attribute in [" x=\"", " cx=\"", " x2=\""] {
            for (at, _) in svg.match_indices(attribute) {
                let rest = &svg[at + attribute.len()..];
                let value: u64 = rest[..rest.find('"').unwrap()].parse().unwrap();
                assert!(value <= WIDTH, "{attribute}{value} lies outside {WIDTH}");
            }
        }
        assert!(svg.contains('…'), "a long label is shortened");
    }

    #[test]
    fn finds_the_body_of_a_snapshot_file() {
        assert_eq!(snapshot_body("---\nsource: x\n---\n0 ms  a\n"), "0 ms  a\n");
    }
}
