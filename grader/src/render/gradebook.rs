//! A class's gradebook: a CSV with a row per submission and a column per
//! exercise, a self-contained HTML heat map of the same (no external
//! assets, no network: it opens from a file), and every report in one JSON
//! document that says where it comes from ([`Provenance`]).
//!
//! A class split across machines (`--partition K/N`) writes one gradebook per
//! part; [`merge`] joins their JSON into the whole class's reports, refusing
//! parts that overlap, that are missing, or that were graded against another
//! version of the course, and the CSV and HTML are written from those.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::json::GRADEBOOK_SCHEMA;
use crate::model::course::ExerciseId;
use crate::model::outcome::Diagnostic;
use crate::model::outcome::{Cause, Outcome};
use crate::model::partition::Partition;
use crate::model::report::{ExerciseReport, Report, SectionReport, Status, TestReport};

/// A student as the LMS knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub id: String,
    pub email: String,
}

/// Who handed in which submission: a submission folder's name → its student,
/// so that a gradebook joins with the LMS's own list.
#[derive(Debug, Clone, Default)]
pub struct Roster(HashMap<String, Student>);

impl Roster {
    /// Reads a CSV with the columns `submission`, `id` and `email` (a header
    /// row names them; other columns are ignored): `text`, the content of
    /// the file at `path` (named in errors; the app reads it).
    pub fn parse(text: &[u8], path: &Path) -> Result<Roster> {
        let mut reader = csv::Reader::from_reader(text);
        let headers = reader.headers()?.clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
                .with_context(|| format!("the roster {} has no column {name:?}", path.display()))
        };
        let (submission, id, email) = (column("submission")?, column("id")?, column("email")?);
        let mut students = HashMap::new();
        for record in reader.records() {
            let record = record.with_context(|| format!("in the roster {}", path.display()))?;
            let field = |at: usize| record.get(at).unwrap_or("").trim().to_owned();
            students.insert(
                field(submission),
                Student {
                    id: field(id),
                    email: field(email),
                },
            );
        }
        Ok(Roster(students))
    }

    /// The student who handed in the submission `name`, if the roster knows.
    pub fn get(&self, name: &str) -> Option<&Student> {
        self.0.get(name)
    }
}

/// Where a gradebook comes from, written at the top of its `gradebook.json`:
/// parts of one class merge only if they were graded against the same
/// course by the same grader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The class folder's name, in the HTML's title.
    pub class: String,
    /// `sha256:` and the SHA-256 of the course's own files as graded (the
    /// checksum list of [`crate::course::integrity::course_files`]: manifests, tests,
    /// snapshots, test helpers).
    pub course: String,
    /// The grader's version.
    pub grader: String,
    /// The part of the class this gradebook holds, when it holds one.
    pub partition: Option<Partition>,
}

impl Provenance {
    /// The provenance of a gradebook of the class `class` graded by this
    /// grader against the course whose checksum list
    /// ([`crate::course::integrity::checksum_list`]) is `course_files`.
    pub fn new(course_files: &str, class: String, partition: Option<Partition>) -> Provenance {
        Provenance {
            class,
            course: format!("sha256:{:x}", Sha256::digest(course_files.as_bytes())),
            grader: env!("CARGO_PKG_VERSION").to_owned(),
            partition,
        }
    }
}

/// The gradebook's HTML title.
pub fn title(class: &str) -> String {
    format!("Gradebook: {class}")
}

/// `gradebook.json`: `{ "schema": "course-grader/gradebook/v1", "class",
/// "course", "grader", "partition": null | { "part", "of" }, "submissions":
/// [ <report of schema course-grader/report/v1>, … ] }`, the submissions in
/// [`by_name`] order.
pub fn json(reports: &[Report], provenance: &Provenance) -> Result<String> {
    let submissions: Vec<_> = sorted(reports)
        .into_iter()
        .map(super::json::document)
        .collect();
    document(provenance, &submissions)
}

fn document(provenance: &Provenance, submissions: &[impl Serialize]) -> Result<String> {
    #[derive(Serialize)]
    struct Gradebook<'a, S> {
        schema: &'static str,
        #[serde(flatten)]
        provenance: &'a Provenance,
        submissions: &'a [S],
    }
    super::format::pretty(&Gradebook {
        schema: GRADEBOOK_SCHEMA,
        provenance,
        submissions,
    })
}

/// A whole class joined from its parts.
#[derive(Debug)]
pub struct Merged {
    /// The parts' own, without a partition.
    pub provenance: Provenance,
    /// Every submission's report, read back for the CSV and the HTML.
    pub reports: Vec<Report>,
    /// The same, as the parts wrote them, in [`by_name`] order.
    submissions: Vec<Value>,
}

impl Merged {
    /// The class's `gradebook.json`: the parts' reports as they wrote them.
    pub fn json(&self) -> Result<String> {
        document(&self.provenance, &self.submissions)
    }
}

/// Joins the `gradebook.json` of a class's parts, each given with the path
/// it was read from (for the messages). Refused: a file that is not a
/// gradebook, parts graded against different courses or by different
/// graders, a part given twice or missing, a submission in two parts.
pub fn merge(parts: &[(PathBuf, String)]) -> Result<Merged> {
    let mut first: Option<(&Path, Provenance)> = None;
    let mut owner: HashMap<String, &Path> = HashMap::new();
    let mut held: HashMap<u32, &Path> = HashMap::new();
    let mut submissions: Vec<Value> = Vec::new();
    for (path, text) in parts {
        let path = path.as_path();
        let shown = path.display();
        let value: Value = serde_json::from_str(text)
            .with_context(|| format!("{shown} is not a gradebook.json: not JSON"))?;
        if value["schema"] != GRADEBOOK_SCHEMA {
            bail!("{shown} is not a gradebook.json (its schema is not {GRADEBOOK_SCHEMA})");
        }
        let provenance = Provenance::deserialize(&value).with_context(|| {
            format!(
                "{shown} does not say which course it was graded against (a grader older than \
                 `gradebook merge` wrote it): grade that part again"
            )
        })?;
        match &first {
            None => first = Some((path, provenance.clone())),
            Some((other, expected)) => {
                let other = other.display();
                if provenance.course != expected.course {
                    bail!(
                        "{other} and {shown} were graded against different versions of the \
                         course (its tests, snapshots or manifests differ: {} and {}): grade \
                         every part with the same commit of the course",
                        expected.course,
                        provenance.course
                    );
                }
                if provenance.grader != expected.grader {
                    bail!(
                        "{other} and {shown} were graded by different graders ({} and {}): \
                         grade every part with the same commit of the course",
                        expected.grader,
                        provenance.grader
                    );
                }
                if provenance.partition.map(|p| p.of) != expected.partition.map(|p| p.of) {
                    let said = |p: Option<Partition>| {
                        p.map_or_else(|| "a whole class".to_owned(), |p| format!("part {p}"))
                    };
                    bail!(
                        "{other} is {} and {shown} is {}: merge the N parts of one \
                         `--partition K/N`",
                        said(expected.partition),
                        said(provenance.partition)
                    );
                }
            }
        }
        let twice = provenance
            .partition
            .and_then(|partition| Some((partition, held.insert(partition.part, path)?)));
        if let Some((partition, other)) = twice {
            bail!(
                "{} and {shown} are both part {partition}: give each part once",
                other.display()
            );
        }
        let Some(theirs) = value["submissions"].as_array() else {
            bail!("{shown} is not a gradebook.json: it has no \"submissions\" list");
        };
        for submission in theirs {
            let name = submission["submission"]["name"]
                .as_str()
                .with_context(|| format!("{shown}: a submission without a name"))?;
            if let Some(other) = owner.insert(name.to_owned(), path) {
                bail!(
                    "{name} is in both {} and {shown}: parts of a class must not overlap (were \
                     they graded with different --partition counts, or from different class \
                     folders?)",
                    other.display()
                );
            }
            submissions.push(submission.clone());
        }
    }
    let Some((_, mut provenance)) = first else {
        bail!("no gradebook to merge");
    };
    if let Some(Partition { of, .. }) = provenance.partition {
        let missing: Vec<String> = (1..=of)
            .filter(|part| !held.contains_key(part))
            .map(|part| format!("{part}/{of}"))
            .collect();
        if !missing.is_empty() {
            bail!(
                "part {} of the class {} missing: give every part's gradebook.json (a part \
                 that holds no submission writes one too)",
                missing.join(", "),
                if missing.len() == 1 { "is" } else { "are" }
            );
        }
    }
    provenance.partition = None;
    let name_of = |v: &Value| v["submission"]["name"].as_str().unwrap_or("").to_owned();
    submissions.sort_by(|a, b| by_name(&name_of(a), &name_of(b)));
    let reports = submissions
        .iter()
        .map(|s| report_from_json(s).with_context(|| format!("the report of {}", name_of(s))))
        .collect::<Result<Vec<_>>>()?;
    Ok(Merged {
        provenance,
        reports,
        submissions,
    })
}

/// A report read back from its JSON (schema `course-grader/report/v1`): all
/// that the gradebook's CSV and HTML show (names, statuses, points, tests
/// passed, the isolation, why a submission was not graded). A test's
/// failure keeps its cause and, as its output, its message.
fn report_from_json(value: &Value) -> Result<Report> {
    let json = read_back::Json::deserialize(value)?;
    let mut position = 0;
    let sections = json
        .sections
        .into_iter()
        .enumerate()
        .map(|(s, section)| section_from_json(s, section, &mut position))
        .collect();
    Ok(Report {
        sections,
        duration: Duration::from_millis(json.duration_ms),
        building: Duration::from_millis(json.build_ms),
        submission: json.submission.map(submission_from_json),
        root: PathBuf::new(),
        following: None,
        isolation: crate::model::report::Confinement {
            files: json.isolation.files,
            network: json.isolation.network,
            processes: json.isolation.processes,
            unprivileged: json.isolation.unprivileged,
        },
        // A class's gradebook part: every verdict was run for it.
        reused: 0,
    })
}

/// The section numbered `s` (from 0) of a report read back; `position`
/// counts the exercises of the course before it.
fn section_from_json(
    s: usize,
    section: read_back::JsonSection,
    position: &mut usize,
) -> SectionReport {
    let exercises = section
        .exercises
        .into_iter()
        .enumerate()
        .map(|(e, exercise)| {
            *position += 1;
            let id = ExerciseId {
                section: s,
                exercise: e,
            };
            exercise_from_json(id, *position, exercise)
        });
    let exercises: Vec<ExerciseReport> = exercises.collect();
    SectionReport {
        number: exercises
            .first()
            .and_then(|e| e.number.split('.').next()?.parse().ok())
            .unwrap_or(s + 1),
        slug: section.slug,
        package: section.package,
        title: section.title,
        exercises,
    }
}

/// The exercise `id`, at `position` in the course, of a report read back:
/// what a gradebook shows of it, and nothing of the course it was graded in.
fn exercise_from_json(
    id: ExerciseId,
    position: usize,
    exercise: read_back::JsonExercise,
) -> ExerciseReport {
    ExerciseReport {
        id,
        name: exercise.name,
        title: exercise.title,
        number: exercise.number,
        position,
        points: exercise.max_points,
        hints: Vec::new(),
        chapter: String::new(),
        file: PathBuf::new(),
        test_file: PathBuf::new(),
        command: String::new(),
        compile_error: exercise.compile_error.map(|d| Diagnostic {
            file: d.file,
            rendered: d.rendered,
        }),
        tests: exercise.tests.into_iter().map(test_from_json).collect(),
        test_functions: Vec::new(),
        solution: None,
    }
}

/// A test of a report read back: its status, and for a failure its cause and,
/// as its output, its message.
fn test_from_json(test: read_back::JsonTest) -> TestReport {
    TestReport {
        outcome: match (test.status.as_str(), test.cause) {
            ("passed", _) => Outcome::Passed,
            ("timed_out", _) => Outcome::TimedOut,
            (_, cause) => Outcome::Failed {
                cause: cause.unwrap_or(Cause::NotCounted { why: String::new() }),
                panic: None,
                output: test.message.unwrap_or_default(),
            },
        },
        name: test.name,
        duration: Duration::from_millis(test.duration_ms),
    }
}

/// The submission of a report read back: its name, where it was, how it was
/// read, and why it was not graded.
fn submission_from_json(s: read_back::JsonSubmission) -> crate::model::submission::Submission {
    crate::model::submission::Submission {
        name: s.name,
        dir: s.path,
        layout: s.layout,
        placed: s.placed,
        unplaced: Vec::new(),
        ignored: Vec::new(),
        skipped: Vec::new(),
        // A gradebook keeps why, not the points: no format that
        // needs them is rendered from a gradebook.
        ungradable: s.error.map(|why| crate::model::submission::Ungradable {
            why,
            max_points: 0.0,
        }),
    }
}

/// The parts of a report's JSON that a gradebook reads back: what the CSV
/// and the HTML show, no more (serde skips the rest).
mod read_back {
    use std::path::PathBuf;

    use serde::Deserialize;

    use crate::model::outcome::Cause;

    #[derive(Deserialize)]
    pub(super) struct Json {
        pub duration_ms: u64,
        pub build_ms: u64,
        pub submission: Option<JsonSubmission>,
        pub isolation: JsonIsolation,
        pub sections: Vec<JsonSection>,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonIsolation {
        pub files: bool,
        pub network: bool,
        pub processes: bool,
        pub unprivileged: bool,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonCompileError {
        pub file: Option<PathBuf>,
        pub rendered: String,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonSubmission {
        pub name: String,
        pub path: PathBuf,
        pub layout: Option<String>,
        pub placed: usize,
        pub error: Option<String>,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonSection {
        pub slug: String,
        pub package: String,
        pub title: String,
        pub exercises: Vec<JsonExercise>,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonExercise {
        pub number: String,
        pub name: String,
        pub title: String,
        pub max_points: f64,
        pub compile_error: Option<JsonCompileError>,
        pub tests: Vec<JsonTest>,
    }
    #[derive(Deserialize)]
    pub(super) struct JsonTest {
        pub name: String,
        pub status: String,
        pub cause: Option<Cause>,
        pub message: Option<String>,
        pub duration_ms: u64,
    }
}

/// The submission's name as the gradebook shows it.
fn name(report: &Report) -> &str {
    report
        .submission
        .as_ref()
        .map_or("(this checkout)", |s| s.name.as_str())
}

/// The order of names in a gradebook: as people sort them, not by bytes.
/// Accents and case are folded (`García` beside `Garcia`, after `alice`),
/// and numbers compare by value (`student2` before `student10`).
pub fn by_name(a: &str, b: &str) -> Ordering {
    natural_key(a).cmp(&natural_key(b)).then_with(|| a.cmp(b))
}

/// `a` as runs of digits (kind 0, compared by length then digits, so by
/// value) and of other characters (kind 1, accent- and case-folded).
fn natural_key(text: &str) -> Vec<(u8, usize, String)> {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut key: Vec<(u8, usize, String)> = Vec::new();
    for c in folded.chars() {
        let kind = u8::from(!c.is_ascii_digit());
        match key.last_mut() {
            Some(run) if run.0 == kind => run.2.push(c),
            _ => key.push((kind, 0, c.to_string())),
        }
    }
    for run in key.iter_mut().filter(|run| run.0 == 0) {
        run.2 = run.2.trim_start_matches('0').to_owned();
        run.1 = run.2.len();
    }
    key
}

/// A spreadsheet opens a CSV as UTF-8 only when it starts with this mark.
const BYTE_ORDER_MARK: &str = "\u{feff}";

/// `submission, id, email, total, max`, then two columns per exercise: the
/// points earned and the status (so that "does not compile" and "failed",
/// both 0 points, stay apart). Rows in [`by_name`] order.
pub fn csv(reports: &[Report], roster: &Roster) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let Some(first) = columns(reports) else {
        return Ok(String::new());
    };
    let mut header: Vec<String> = ["submission", "id", "email", "total", "max"]
        .map(str::to_owned)
        .to_vec();
    for (_, e) in first.exercises() {
        header.push(format!("{} {}", e.number, e.name));
        header.push(format!("{} {} status", e.number, e.name));
    }
    writer.write_record(&header)?;
    for report in sorted(reports) {
        let student = roster.get(name(report));
        let (total, max) = report.points();
        let mut row = vec![
            name(report).to_owned(),
            student.map_or_else(String::new, |s| s.id.clone()),
            student.map_or_else(String::new, |s| s.email.clone()),
            format_points(total),
            format_points(max),
        ];
        if report.ungradable().is_some() {
            // Not graded: every cell says so; the reason is in the JSON and HTML.
            row[3] = "0".to_owned();
            row[4] = format_points(first.points().1);
            for _ in first.exercises() {
                row.extend(["0".to_owned(), "error".to_owned()]);
            }
            writer.write_record(&row)?;
            continue;
        }
        for (_, e) in report.exercises() {
            row.push(format_points(e.score()));
            row.push(e.status().names().json.to_owned());
        }
        writer.write_record(&row)?;
    }
    Ok(BYTE_ORDER_MARK.to_owned() + &String::from_utf8(writer.into_inner()?)?)
}

/// The report whose exercises make the columns: the first that was graded.
fn columns(reports: &[Report]) -> Option<&Report> {
    reports
        .iter()
        .find(|r| r.ungradable().is_none())
        .or(reports.first())
}

/// The reports in [`by_name`] order.
fn sorted(reports: &[Report]) -> Vec<&Report> {
    let mut sorted: Vec<&Report> = reports.iter().collect();
    sorted.sort_by(|a, b| by_name(name(a), name(b)));
    sorted
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
pub fn html(reports: &[Report], title: &str, roster: &Roster) -> String {
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
/* The table scrolls inside its own box, so that the heading stays put and
   the sticky cells below stick to the box's edges. */
.scroll {{ overflow: auto; max-height: 85vh; max-width: 100%; }}
table {{ border-collapse: separate; border-spacing: 0; }}
th, td {{ border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: center; background: #fff; }}
thead th {{ background: #f4f4f4; cursor: pointer; user-select: none; position: sticky; top: 0; z-index: 2; }}
/* The name and the total stay in view while the exercises scroll past. */
.name {{ position: sticky; left: 0; z-index: 1; box-sizing: border-box; width: 12rem; min-width: 12rem; max-width: 12rem;
        overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: left; }}
.total {{ position: sticky; left: 12rem; z-index: 1; }}
thead th.name, thead th.total {{ z-index: 3; }}
tfoot th, tfoot td {{ background: #f4f4f4; font-weight: normal; }}
th[aria-sort=ascending]::after {{ content: " ▲"; }}
th[aria-sort=descending]::after {{ content: " ▼"; }}
td.cell {{ min-width: 2.2rem; font-variant-numeric: tabular-nums; }}
th, td.total {{ white-space: nowrap; }}
td.total {{ font-weight: bold; }}
td.error {{ text-align: left; background: #f8d7da; white-space: pre-line; }}
.warning {{ background: #fff3cd; border: 1px solid #e0c060; padding: .5rem .8rem; }}
.legend span {{ display: inline-block; padding: .1rem .5rem; margin-right: .3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="legend">Points per exercise: <span style="background:{}">none</span><span style="background:{}">half</span><span style="background:{}">full</span> · ✘ does not compile · ∞ timed out · hover a number for the exercise · click a column to sort</p>
{warning}<div class="scroll">
<table id="gradebook">
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
    out.push_str(r#"<th class="total">total</th>"#);
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
    for report in sorted(reports) {
        out.push_str(&html_row(report, roster, width));
    }
    out.push_str("</tbody>\n");
    summary(&mut out, reports);
    out.push_str(
        r##"</table>
</div>
<script>
// Sort by a column on click: numbers by value, names alphabetically.
document.querySelectorAll("#gradebook thead th").forEach((th, column) => {
  th.addEventListener("click", () => {
    const body = document.querySelector("#gradebook tbody");
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("#gradebook thead th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = row => {
      const cell = row.children[column];
      return cell.dataset.value !== undefined ? parseFloat(cell.dataset.value) : cell.textContent;
    };
    const rows = [...body.rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = typeof x === "number" ? x - y : x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
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

/// A submission's row of the HTML gradebook: its name, its total, and a
/// cell per exercise coloured by the share of its points; or why it could
/// not be graded, across the exercises' `width` columns.
fn html_row(report: &Report, roster: &Roster, width: usize) -> String {
    let mut out = String::new();
    if let Some(why) = report.ungradable() {
        let _ = writeln!(
            out,
            r#"<tr><td class="name">{}</td><td class="total" data-value="0">error</td><td class="error" colspan="{width}">{}</td></tr>"#,
            escape(name(report)),
            escape(&why.why),
        );
        return out;
    }
    let (total, max) = report.points();
    let who = roster
        .get(name(report))
        .map_or_else(String::new, |s| format!("{} · {}", s.id, s.email));
    let _ = write!(
        out,
        r#"<tr><td class="name" title="{}">{}</td><td class="total" data-value="{total}">{} / {}</td>"#,
        escape(&who),
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
    out
}

/// The class's row, below the table and never sorted: the mean total, and per
/// exercise the mean points with how many passed and how many do not compile.
fn summary(out: &mut String, reports: &[Report]) {
    // A submission that could not be graded has no points to average: the
    // mean is the graded submissions'.
    let reports: Vec<&Report> = reports
        .iter()
        .filter(|r| r.ungradable().is_none())
        .collect();
    let Some(&first) = reports.first() else {
        return;
    };
    let count = reports.len() as f64;
    let mean_total = reports.iter().map(|r| r.points().0).sum::<f64>() / count;
    let _ = write!(
        out,
        r#"<tfoot><tr class="summary"><th class="name" title="the mean of {} submissions">class mean</th><td class="total">{} / {}</td>"#,
        reports.len(),
        format_points(mean_total),
        format_points(first.points().1),
    );
    for (index, (_, exercise)) in first.exercises().enumerate() {
        let nth = |r: &&Report| r.exercises().nth(index).map(|(_, e)| e.clone());
        let all: Vec<_> = reports.iter().filter_map(nth).collect();
        let mean = all.iter().map(|e| e.score()).sum::<f64>() / count;
        let passed = all.iter().filter(|e| e.status() == Status::Passed).count();
        let broken = all
            .iter()
            .filter(|e| e.status() == Status::DoesNotCompile)
            .count();
        let fraction = if exercise.points > 0.0 {
            mean / exercise.points
        } else {
            0.0
        };
        let _ = write!(
            out,
            r#"<td class="summary-cell" style="background:{}" title="{}: {passed}/{} passed, {broken} do not compile">{}</td>"#,
            heat(fraction),
            escape(&exercise.name),
            reports.len(),
            format_points(mean),
        );
    }
    out.push_str("</tr></tfoot>\n");
}

/// Red (0) through yellow to green (1), light enough to read text on.
fn heat(fraction: f64) -> String {
    let hue = (fraction.clamp(0.0, 1.0) * 120.0).round();
    format!("hsl({hue}, 70%, 80%)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_people_sort_them() {
        let mut names = [
            "student10",
            "García, José",
            "alice",
            "student2",
            "Garcia, Ana",
            "Bob",
            "Émile",
        ];
        names.sort_by(|a, b| by_name(a, b));
        assert_eq!(
            names,
            [
                "alice",
                "Bob",
                "Émile",
                "Garcia, Ana",
                "García, José",
                "student2",
                "student10"
            ]
        );
    }

    #[test]
    fn a_roster_maps_submission_folders_to_students() {
        let path = Path::new("roster.csv");
        let roster = Roster::parse(
            b"email,submission,id,name\nada@example.org, ada ,s-001,Ada\n",
            path,
        )
        .expect("a roster");
        assert_eq!(
            roster.get("ada"),
            Some(&Student {
                id: "s-001".into(),
                email: "ada@example.org".into()
            })
        );
        let error = Roster::parse(b"submission,email\nada,a@b\n", path).expect_err("no id column");
        assert!(
            format!("{error:#}").contains("no column \"id\""),
            "{error:#}"
        );
    }
}
