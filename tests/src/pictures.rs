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

const ROW_HEIGHT: u64 = 26;
const TOP: u64 = 16;
const PLOT_WIDTH: u64 = 520;

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
const STYLE: &str = "<style>\
.tl-grid{stroke:var(--fg,#222);stroke-opacity:.18}\
.tl-tick{fill:var(--fg,#222);fill-opacity:.75}\
.tl-label{fill:var(--fg,#222)}\
.tl-span{fill:var(--links,#20609f);fill-opacity:.3}\
.tl-event{fill:var(--links,#20609f)}\
</style>";

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
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-picture" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    let _ = writeln!(svg, "{STYLE}");
    let mut tick = 0;
    while tick <= end {
        let _ = writeln!(
            svg,
            r#"<line class="tl-grid" x1="{0}" y1="{TOP}" x2="{0}" y2="{axis_y}"/><text class="tl-tick" x="{0}" y="{1}" text-anchor="middle">{2}</text>"#,
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
            r#"<text class="tl-label" x="{}" y="{}" text-anchor="end">{}</text>"#,
            left - 12,
            y + 4,
            escape(row.label)
        );
        let span = (row.events.len() > 1).then(|| row.events.first().zip(row.events.last()));
        if let Some(Some((first, last))) = span {
            let _ = writeln!(
                svg,
                r#"<rect class="tl-span" x="{}" y="{}" width="{}" height="10" rx="5"/>"#,
                x(first.millis),
                y - 5,
                (x(last.millis) - x(first.millis)).max(2)
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
                assert!(value.starts_with("var(--"), "{property}:{value} is fixed");
            }
        }
        // Inlined in a page, the picture is one HTML block: a blank line would end it.
        assert!(!svg.trim_end().contains("\n\n"));
    }

    #[test]
    fn finds_the_body_of_a_snapshot_file() {
        assert_eq!(snapshot_body("---\nsource: x\n---\n0 ms  a\n"), "0 ms  a\n");
    }
}
