//! The mistakes catalogue: every wrong answer kept in
//! `solutions/<section>/mistakes/<exercise>/<name>.rs` is caught by the
//! exercise's tests, quickly, with the message that teaches.
//!
//! A mistake is the exercise's solution with one plausible learner mistake in
//! it. Its first two lines say what the learner believed and a phrase that
//! the first failing test's message must contain:
//!
//! ```text
//! //! Mistake: <the misconception, in a learner's words>
//! //! Expect: <a phrase of the first failing test's message>
//! ```
//!
//! Each mistake becomes a package of its own in one generated workspace (the
//! solved section with the mistake laid over the exercise's file, and a copy
//! of the exercise's test file and snapshots), and the grader's own library
//! builds them all in ONE cargo invocation and runs their tests two at a time:
//! the message checked is exactly the one `cargo grade` shows a learner.
//!
//! `MISTAKES=generators cargo test -p course-tests --test mistakes` checks a
//! subset: a comma-separated list of section packages or folders, exercise
//! names (`count_up_to` or `generators/count_up_to`) or mistake names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use course_tests::{cargo, copies_target_dir, course, root};
use grader::model::course::{Course, Exercise, Section, Side};
use grader::model::event::Quiet;
use grader::model::outcome::Outcome;
use grader::model::plan::{Filter, Plan};
use grader::model::report::Status;
use grader::run::runner::Limits;

/// Every exercise keeps at least this many mistakes.
const AT_LEAST: usize = 3;

/// The wall-clock time one test of a mistake may take. A wrong answer must
/// fail fast (paused time makes virtual waits free): a test that runs this
/// long hangs on the mistake, and must be bounded with `testkit::within`.
const TEST_TIME: Duration = Duration::from_secs(8);

/// One wrong answer of the catalogue.
#[derive(Debug)]
struct Mistake {
    section: Section,
    exercise: String,
    /// The file's stem: `off-by-one`.
    name: String,
    /// The file, relative to the course root.
    path: PathBuf,
    misconception: String,
    expect: String,
    source: String,
}

impl Mistake {
    fn id(&self) -> String {
        format!("{}/{}/{}", self.section.package, self.exercise, self.name)
    }

    /// Its package in the generated workspace; the folder doubles as the
    /// section slug the grader is given, so it is unique and stable.
    fn package(&self) -> String {
        format!(
            "mistake-{}-{}-{}",
            self.section.package,
            self.exercise.replace('_', "-"),
            self.name
        )
    }

    /// Whether `MISTAKES` (when set) names it.
    fn selected(&self, keys: &[String]) -> bool {
        keys.is_empty()
            || keys.iter().any(|key| {
                [
                    &self.section.package,
                    &self.section.slug,
                    &self.exercise,
                    &format!("{}/{}", self.section.package, self.exercise),
                    &self.name,
                    &self.id(),
                ]
                .contains(&key)
            })
    }
}

/// The keys in `MISTAKES`, if it is set.
fn selection() -> Vec<String> {
    std::env::var("MISTAKES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|key| !key.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads the whole catalogue. Files that break the format come back as defects.
fn catalogue() -> (Vec<Mistake>, Vec<String>) {
    let (mut mistakes, mut defects) = (Vec::new(), Vec::new());
    for section in &course().sections {
        let folder = Path::new("solutions").join(&section.slug).join("mistakes");
        let Ok(exercises) = std::fs::read_dir(root().join(&folder)) else {
            continue;
        };
        for entry in exercises {
            let exercise_dir = entry.expect("readable").path();
            let exercise = file_name(&exercise_dir);
            if section.exercise(&exercise).is_none() {
                defects.push(format!(
                    "{}: `{exercise}` is not an exercise of section {} in course.toml",
                    folder.join(&exercise).display(),
                    section.package
                ));
                continue;
            }
            for file in std::fs::read_dir(&exercise_dir).expect("readable") {
                let file = file.expect("readable").path();
                let path = folder.join(&exercise).join(file_name(&file));
                if file.extension().is_none_or(|e| e != "rs") {
                    defects.push(format!("{}: a mistake is a `.rs` file", path.display()));
                    continue;
                }
                let source = std::fs::read_to_string(&file).expect("a mistake is text");
                match headers(&source) {
                    Ok((misconception, expect)) => mistakes.push(Mistake {
                        section: section.clone(),
                        exercise: exercise.clone(),
                        name: file_name(&file).trim_end_matches(".rs").to_owned(),
                        path,
                        misconception,
                        expect,
                        source,
                    }),
                    Err(defect) => defects.push(format!("{}: {defect}", path.display())),
                }
            }
        }
    }
    mistakes.sort_by_key(Mistake::id);
    (mistakes, defects)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a named entry")
        .to_string_lossy()
        .into_owned()
}

/// The two header lines: (misconception, expected phrase).
fn headers(source: &str) -> Result<(String, String), String> {
    let mut lines = source.lines();
    let mut field = |key: &str| {
        let line = lines.next().unwrap_or_default();
        let value = line
            .strip_prefix(&format!("//! {key}: "))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| {
                format!(
                    "its lines start with `//! Mistake: ...` then `//! Expect: ...`; found {line:?}"
                )
            })?;
        Ok::<_, String>(value.to_owned())
    };
    let misconception = field("Mistake")?;
    let expect = field("Expect")?;
    if expect.starts_with(['"', '\'', '`']) && expect.ends_with(['"', '\'', '`']) {
        return Err(format!(
            "the Expect phrase is plain text, without quotes: {expect}"
        ));
    }
    Ok((misconception, expect))
}

#[test]
fn every_mistake_names_its_misconception_and_phrase() {
    let (_, defects) = catalogue();
    assert!(
        defects.is_empty(),
        "mistakes that break the catalogue's format:\n{}",
        defects.join("\n")
    );
}

#[test]
fn every_exercise_has_enough_mistakes() {
    let (mistakes, _) = catalogue();
    let short: Vec<String> = course()
        .exercises()
        .filter_map(|(section, exercise)| {
            let count = mistakes
                .iter()
                .filter(|m| m.section.slug == section.slug && m.exercise == exercise.name)
                .count();
            (count < AT_LEAST).then(|| {
                format!(
                    "{}/{}: {count} (in solutions/{}/mistakes/{}/)",
                    section.package, exercise.name, section.slug, exercise.name
                )
            })
        })
        .collect();
    assert!(
        short.is_empty(),
        "every exercise keeps at least {AT_LEAST} mistakes; these have fewer:\n{}",
        short.join("\n")
    );
}

#[test]
fn every_mistake_is_caught_quickly_with_its_phrase() {
    let keys = selection();
    let (mistakes, _) = catalogue();
    let chosen: Vec<&Mistake> = mistakes.iter().filter(|m| m.selected(&keys)).collect();
    assert!(
        !chosen.is_empty() || !keys.is_empty(),
        "the catalogue is empty"
    );
    if chosen.is_empty() {
        panic!("MISTAKES={} names no mistake", keys.join(","));
    }
    let started = Instant::now();
    let workspace = Workspace::write(&mistakes);
    let report = workspace.grade(&chosen);
    eprintln!(
        "{} mistakes built and graded in {:.1} s: {:?}",
        chosen.len(),
        started.elapsed().as_secs_f64(),
        per_section(&chosen)
    );

    let mut survivors = Vec::new();
    for mistake in &chosen {
        let package = mistake.package();
        let Some((_, exercise)) = report.exercises().find(|(s, _)| s.slug == package) else {
            survivors.push(format!("{}: was not graded", mistake.id()));
            continue;
        };
        let what_happened = match exercise.status() {
            Status::Passed => Some("every test passed".to_owned()),
            Status::DoesNotCompile => Some(format!(
                "it does not compile (a mistake must be a wrong answer, not a broken one):\n{}",
                exercise
                    .compile_error
                    .as_ref()
                    .map(|d| d.rendered.as_str())
                    .unwrap_or_default()
            )),
            Status::TimedOut => {
                let hung: Vec<&str> = exercise
                    .tests
                    .iter()
                    .filter(|t| t.outcome == Outcome::TimedOut)
                    .map(|t| t.name.as_str())
                    .collect();
                Some(format!(
                    "{} ran past {TEST_TIME:?} of wall time (a wrong answer must fail fast: \
                     bound the learner's future with testkit::within, or the collected items with take)",
                    hung.join(", ")
                ))
            }
            Status::Failed => {
                let first = exercise
                    .first_failure()
                    .expect("a failed exercise has a failing test");
                let message = first.message().unwrap_or_default();
                (!message.contains(&mistake.expect)).then(|| {
                    format!(
                        "the first failing test (in file order, as `cargo grade` shows it), `{}`, says:\n{}\n\
                         which does not contain the Expect phrase: {}",
                        first.name,
                        indent(&message),
                        mistake.expect
                    )
                })
            }
        };
        if let Some(what_happened) = what_happened {
            survivors.push(format!(
                "{} ({})\n  believed: {}\n  {}",
                mistake.id(),
                mistake.path.display(),
                mistake.misconception,
                what_happened.replace('\n', "\n  ")
            ));
        }
    }
    assert!(
        survivors.is_empty(),
        "{} of {} mistakes were not caught as their header says; strengthen the test \
         (never the catalogue):\n\n{}",
        survivors.len(),
        chosen.len(),
        survivors.join("\n\n")
    );
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    | {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The generated workspace: one package per mistake.
///
/// It lives at a stable path in the target folder shared by the course's
/// copies (not in a fresh temporary folder), and files are only written when
/// their text changed: cargo then rebuilds only the mistakes that changed,
/// and reuses the dependencies those copies already built. It builds in that
/// target folder rather than this checkout's: the mistake packages share
/// their library names with the sections (the exercises' tests say
/// `use generators::...`), and their outputs must not replace the ones the
/// checkout's own packages left there.
struct Workspace {
    root: PathBuf,
}

impl Workspace {
    fn write(mistakes: &[Mistake]) -> Workspace {
        let root = copies_target_dir().join("mistakes-workspace");
        let packages = root.join("exercises");
        std::fs::create_dir_all(&packages).expect("the target folder is writable");

        // Packages of mistakes that no longer exist would still be workspace members.
        let wanted: Vec<String> = mistakes.iter().map(Mistake::package).collect();
        for entry in std::fs::read_dir(&packages).expect("readable") {
            let path = entry.expect("readable").path();
            if !wanted.contains(&file_name(&path)) {
                std::fs::remove_dir_all(&path).expect("a stale package is removable");
            }
        }

        write_if_changed(&root.join("Cargo.toml"), &workspace_manifest());
        for mistake in mistakes {
            write_package(&packages.join(mistake.package()), mistake);
        }
        // The course's lock file, completed with the new members: the same
        // versions as the course, and no network.
        write_if_changed(&root.join("Cargo.lock"), &course_tests::read("Cargo.lock"));
        let status = Command::new(cargo())
            .args(["metadata", "--offline", "--format-version", "1"])
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("cargo runs");
        assert!(
            status.success(),
            "cargo cannot read the generated workspace at {}",
            root.display()
        );
        Workspace { root }
    }

    /// Grades the chosen mistakes with the grader's library: one build, then
    /// every test in a process of its own, two at a time.
    fn grade(&self, chosen: &[&Mistake]) -> grader::model::report::Report {
        let course = Course {
            sections: chosen
                .iter()
                .map(|mistake| Section {
                    slug: mistake.package(),
                    package: mistake.package(),
                    title: mistake.id(),
                    exercises: vec![exercise_of(mistake)],
                })
                .collect(),
        };
        let mut plan = Plan::new(self.root.clone(), course, Side::Exercises, &Filter::All)
            .expect("a plan of the mistakes");
        plan.target_dir = Some(copies_target_dir());
        plan.offline = true;
        let limits = Limits {
            time: TEST_TIME,
            jobs: 2,
            memory: Some(4 << 30),
            // Mistakes are the course's own code: confined as a learner's
            // would be, so that the check sees what `cargo grade` shows.
            confinement: grader::os::settle(grader::os::Isolation::Auto, std::path::Path::new("."))
                .expect("the sandbox settles"),
        };
        // `cargo grade`'s own pipeline (the mistakes' workspace ships no
        // checksum list, so its check of the course's files finds nothing).
        grader::grade::pipeline(&plan, limits, None, &Quiet).expect("the grader runs")
    }
}

fn exercise_of(mistake: &Mistake) -> Exercise {
    mistake
        .section
        .exercise(&mistake.exercise)
        .expect("checked when the catalogue was read")
        .clone()
}

/// The course's workspace manifest, with the mistake packages as its members
/// and its path dependencies pointing back into the course.
fn workspace_manifest() -> String {
    let manifest = course_tests::read("Cargo.toml");
    let mut out = String::from(
        "# Generated by tests/tests/mistakes.rs from the course's Cargo.toml: one package per mistake.\n",
    );
    for line in manifest.lines() {
        let line = if line.starts_with("members = ") {
            "members = [\"exercises/*\"]".to_owned()
        } else if line.starts_with("default-members = ") {
            continue;
        } else if line == "[profile.dev]" {
            // Each mistake is built once and then left alone: incremental
            // compilation's caches would cost time and disk for nothing.
            format!("{line}\nincremental = false")
        } else {
            line.replace("path = \"", &format!("path = \"{}/", root().display()))
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One mistake's package: the solved section with the mistake in place of the
/// exercise's solution, and the exercise's test file with its snapshots.
fn write_package(dir: &Path, mistake: &Mistake) {
    let solution = root().join("solutions").join(&mistake.section.slug);
    let manifest =
        std::fs::read_to_string(solution.join("Cargo.toml")).expect("a solution manifest");
    // Everything but the `[[test]]` targets, under the package's own name.
    let head = manifest.split("\n[[test]]").next().unwrap_or(&manifest);
    let solution_package = mistake.section.package_on(Side::Solutions);
    let head = head.replace(
        &format!("name = \"{solution_package}\""),
        &format!("name = \"{}\"\nautotests = false", mistake.package()),
    );
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "{head}\n[[test]]\nname = \"{0}\"\npath = \"tests/{0}.rs\"\n",
            mistake.exercise
        ),
    );

    for entry in std::fs::read_dir(solution.join("src")).expect("solutions/*/src") {
        let path = entry.expect("readable").path();
        let name = file_name(&path);
        let text = if name == format!("{}.rs", mistake.exercise) {
            mistake.source.clone()
        } else {
            std::fs::read_to_string(&path).expect("a source file")
        };
        write_if_changed(&dir.join("src").join(name), &text);
    }

    let tests = root()
        .join("exercises")
        .join(&mistake.section.slug)
        .join("tests");
    let test_file = format!("{}.rs", mistake.exercise);
    write_if_changed(
        &dir.join("tests").join(&test_file),
        &std::fs::read_to_string(tests.join(&test_file)).expect("the exercise's test file"),
    );
    let snapshots = tests.join("snapshots");
    let own = format!("{}__", mistake.exercise);
    if let Ok(entries) = std::fs::read_dir(&snapshots) {
        for entry in entries {
            let path = entry.expect("readable").path();
            let name = file_name(&path);
            if name.starts_with(&own) && name.ends_with(".snap") {
                write_if_changed(
                    &dir.join("tests/snapshots").join(&name),
                    &std::fs::read_to_string(&path).expect("a snapshot"),
                );
            }
        }
    }
}

/// Writes `text` unless the file holds it already: an unchanged mistake keeps
/// its timestamps, and cargo does not rebuild it.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// How many mistakes each section keeps, for the report.
fn per_section(mistakes: &[&Mistake]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for mistake in mistakes {
        *counts.entry(mistake.section.package.clone()).or_default() += 1;
    }
    counts
}
