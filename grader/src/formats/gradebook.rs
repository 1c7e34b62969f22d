//! A class's gradebook: a CSV with a row per submission and a column per
//! exercise, and a self-contained HTML heat map of the same (no external
//! assets, no network: it opens from a file).

use std::fmt::Write;

use anyhow::Result;

use crate::report::{Report, Status};

/// The submission's name as the gradebook shows it.
fn name(report: &Report) -> &str {
    report
        .submission
        .as_ref()
        .map_or("(this checkout)", |s| s.name.as_str())
}

/// `submission, <exercise number and name>…, total, max`; a cell is the points earned.
pub fn csv(reports: &[Report]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let Some(first) = columns(reports) else {
        return Ok(String::new());
    };
    let mut header = vec!["submission".to_owned()];
    header.extend(
        first
            .exercises()
            .map(|(_, e)| format!("{} {}", e.number, e.name)),
    );
    header.extend(["total".to_owned(), "max".to_owned()]);
    writer.write_record(&header)?;
    for report in reports {
        let mut row = vec![name(report).to_owned()];
        if report.error().is_some() {
            // Not graded: every cell says so; the reason is in the JSON and HTML.
            row.extend(first.exercises().map(|_| "error".to_owned()));
            row.extend(["0".to_owned(), format_points(first.points().1)]);
            writer.write_record(&row)?;
            continue;
        }
        row.extend(report.exercises().map(|(_, e)| format_points(e.score())));
        let (total, max) = report.points();
        row.extend([format_points(total), format_points(max)]);
        writer.write_record(&row)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// The report whose exercises make the columns: the first that was graded.
fn columns(reports: &[Report]) -> Option<&Report> {
    reports
        .iter()
        .find(|r| r.error().is_none())
        .or(reports.first())
}

fn format_points(points: f64) -> String {
    let rounded = (points * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The heat map: a row per submission, a cell per exercise coloured from red
/// (nothing) to green (full points); click a header to sort by that column.
pub fn html(reports: &[Report], title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }}
h1 {{ font-size: 1.4rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: center; }}
th {{ background: #f4f4f4; cursor: pointer; user-select: none; position: sticky; top: 0; }}
th.name, td.name {{ text-align: left; }}
th[aria-sort=ascending]::after {{ content: " ▲"; }}
th[aria-sort=descending]::after {{ content: " ▼"; }}
td.cell {{ min-width: 2.2rem; font-variant-numeric: tabular-nums; }}
th, td.total {{ white-space: nowrap; }}
td.total {{ font-weight: bold; }}
td.error {{ text-align: left; background: #f8d7da; }}
.warning {{ background: #fff3cd; border: 1px solid #e0c060; padding: .5rem .8rem; }}
.legend span {{ display: inline-block; padding: .1rem .5rem; margin-right: .3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="legend">Points per exercise: <span style="background:{}">none</span><span style="background:{}">half</span><span style="background:{}">full</span> · ✘ does not compile · ∞ timed out · hover a number for the exercise · click a column to sort</p>
{warning}<table id="gradebook">
<thead><tr><th class="name">submission</th>"#,
        heat(0.0),
        heat(0.5),
        heat(1.0),
        title = escape(title),
        warning = reports
            .iter()
            .find_map(Report::isolation_warning)
            .map_or_else(String::new, |warning| format!(
                "<p class=\"warning\"><strong>{}</strong></p>\n",
                escape(&warning)
            )),
    );
    // The total comes first, so it stays in view beside the names however
    // many exercises the course has; the exercises' names are in tooltips.
    out.push_str("<th>total</th>");
    if let Some(first) = columns(reports) {
        for (_, exercise) in first.exercises() {
            let _ = write!(
                out,
                r#"<th title="{} — {}">{}</th>"#,
                escape(&exercise.name),
                escape(&exercise.title),
                escape(&exercise.number),
            );
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let width = columns(reports).map_or(0, |first| first.exercises().count());
    for report in reports {
        if let Some(error) = report.error() {
            let _ = writeln!(
                out,
                r#"<tr><td class="name">{}</td><td class="total" data-value="0">error</td><td class="error" colspan="{width}">{}</td></tr>"#,
                escape(name(report)),
                escape(error),
            );
            continue;
        }
        let (total, max) = report.points();
        let _ = write!(
            out,
            r#"<tr><td class="name">{}</td><td class="total" data-value="{total}">{} / {}</td>"#,
            escape(name(report)),
            format_points(total),
            format_points(max)
        );
        for (_, exercise) in report.exercises() {
            let fraction = if exercise.points > 0.0 {
                exercise.score() / exercise.points
            } else {
                0.0
            };
            let mark = match exercise.status() {
                Status::DoesNotCompile => " ✘",
                Status::TimedOut => " ∞",
                Status::Passed | Status::Failed => "",
            };
            let _ = write!(
                out,
                r#"<td class="cell" style="background:{}" data-value="{}" title="{}: {} ({}/{} tests)">{}{mark}</td>"#,
                heat(fraction),
                exercise.score(),
                escape(&exercise.name),
                exercise.status().label(),
                exercise.passed_tests(),
                exercise.tests.len(),
                format_points(exercise.score()),
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str(
        r##"</tbody>
</table>
<script>
// Sort by a column on click: numbers by value, names alphabetically.
document.querySelectorAll("#gradebook th").forEach((th, column) => {
  th.addEventListener("click", () => {
    const body = document.querySelector("#gradebook tbody");
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("#gradebook th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = row => {
      const cell = row.children[column];
      return cell.dataset.value !== undefined ? parseFloat(cell.dataset.value) : cell.textContent;
    };
    const rows = [...body.rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = typeof x === "number" ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(row => body.appendChild(row));
  });
});
</script>
</body>
</html>
"##,
    );
    out
}

/// Red (0) through yellow to green (1), light enough to read text on.
fn heat(fraction: f64) -> String {
    let hue = (fraction.clamp(0.0, 1.0) * 120.0).round();
    format!("hsl({hue}, 70%, 80%)")
}
