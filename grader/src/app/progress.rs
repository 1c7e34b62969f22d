//! Progress on the terminal: a bar on stderr when it is one, else a plain
//! line every few seconds (a piped first build can take minutes: it must not
//! look stuck).

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

use grader::model::event::{Event, Observer, Phase, Tally};
use grader::model::outcome::Outcome;
use grader::model::plan::Plan;
use grader::model::report::Report;

/// How often a plain progress line is printed while building.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// The progress of one run: building, then running tests.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// The run's events so far, counted.
    tally: Mutex<Tally>,
    /// How many crates the build has in all, once estimated (0 until then).
    to_build: Arc<AtomicUsize>,
    last_line: Mutex<Instant>,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress {
            bar,
            tally: Mutex::new(Tally::default()),
            to_build: Arc::new(AtomicUsize::new(0)),
            last_line: Mutex::new(Instant::now()),
        }
    }

    /// Counts, on a thread of its own while the build starts, how many crates
    /// building `plan` involves, so that progress reads "37/152 crates".
    pub fn estimate(self, plan: &Plan) -> Progress {
        let (to_build, bar) = (self.to_build.clone(), self.bar.clone());
        // Piped, no bar shows the estimate: not worth cargo's time.
        if bar.is_none() {
            return self;
        }
        estimate_crates(plan, move |total| {
            to_build.store(total, Ordering::Relaxed);
            if let Some(bar) = bar {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} building the exercises {bar:30} {pos}/{len} crates {msg}",
                    )
                    .expect("the template is valid"),
                );
                bar.set_length(total as u64);
            }
        });
        self
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn see(&self, event: &Event<'_>) {
        let tally = {
            let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
            tally.see(event);
            tally.to_build = self.to_build.load(Ordering::Relaxed);
            tally.clone()
        };
        match (*event, &self.bar) {
            (Event::BuildStarted, Some(bar)) => bar.set_message("building the exercises…"),
            (Event::BuildStarted, None) => eprintln!("Building the exercises…"),
            (Event::CrateCompiled { name }, Some(bar)) => {
                if tally.to_build > 0 {
                    bar.set_length(tally.to_build.max(tally.built) as u64);
                    bar.inc(1);
                    bar.set_message(name.to_owned());
                } else {
                    bar.set_message(format!(
                        "building the exercises… {} ({name})",
                        tally.crates()
                    ));
                }
            }
            (Event::CrateCompiled { .. }, None) => {
                let mut last = self.last_line.lock().unwrap_or_else(|e| e.into_inner());
                if last.elapsed() >= PLAIN_EVERY {
                    *last = Instant::now();
                    eprintln!("Building: {} compiled…", tally.crates());
                }
            }
            (Event::TestsListed { total }, Some(bar)) => {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} running tests {bar:30} {pos}/{len} {msg}",
                    )
                    .expect("the template is valid"),
                );
                bar.set_position(0);
                bar.set_length(total as u64);
                bar.set_message("");
            }
            (Event::TestsListed { total }, None) => eprintln!("Running {total} tests…"),
            (Event::TestFinished(result), Some(bar)) => {
                bar.inc(1);
                if result.outcome == Outcome::TimedOut {
                    bar.println(format!(
                        "timed out: {} {}",
                        result.job.exercise, result.job.name
                    ));
                }
            }
            (Event::TestFinished(_), None) | (Event::StubStandsIn { .. } | Event::Done, _) => {}
        }
    }
}

/// How long a build goes on before its crates are counted.
const ESTIMATE_AFTER: Duration = Duration::from_secs(1);

/// Calls `then` with the number of crates that building `plan` involves,
/// from a thread of its own (cargo takes a moment to say); never, if cargo
/// cannot say.
pub fn estimate_crates(plan: &Plan, then: impl FnOnce(usize) + Send + 'static) {
    let root = plan.root.clone();
    let packages: Vec<String> = plan
        .sections()
        .map(|(_, s)| s.package_on(plan.side))
        .collect();
    // One exercise alone: its test target only (see compile.rs).
    let tests = (plan.exercises.len() == 1).then_some(1);
    std::thread::spawn(move || {
        // A warm build (the learner's loop) is over before this wakes, and
        // `cargo metadata` is not run: on two cores it took a third of a
        // second of CPU from the build it was estimating.
        std::thread::sleep(ESTIMATE_AFTER);
        if let Some(total) = units_to_build(&root, &packages, tests) {
            then(total);
        }
    });
}

/// How many compilation units (each a `compiler-artifact` message) `cargo test
/// --no-run` of `packages` builds, from cargo's own dependency graph: every
/// library and build script the packages need (with their dev-dependencies),
/// and their test targets (`tests` of them, when given). An estimate: a crate
/// that a build script and a library both need with other features is built
/// twice. `None` when cargo cannot say.
fn units_to_build(root: &Path, packages: &[String], tests: Option<usize>) -> Option<usize> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let host = Command::new("rustc").arg("-vV").output().ok()?;
    let host = String::from_utf8_lossy(&host.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_owned))?;
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .output()
        .ok()?;
    let metadata: Value = serde_json::from_slice(&output.stdout).ok()?;
    let packages_by_id: HashMap<&str, &Value> = metadata["packages"]
        .as_array()?
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let roots: Vec<&str> = packages_by_id
        .iter()
        .filter(|(_, p)| {
            p["name"]
                .as_str()
                .is_some_and(|n| packages.iter().any(|x| x == n))
        })
        .map(|(id, _)| *id)
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut pending: Vec<(&str, bool)> = roots.iter().map(|id| (*id, true)).collect();
    while let Some((id, is_root)) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes.get(id)?["deps"].as_array()? {
            let kinds = dep["dep_kinds"].as_array()?;
            // Dev-dependencies are built for a root's tests only.
            let needed = kinds
                .iter()
                .any(|k| is_root || k["kind"].as_str() != Some("dev"));
            if let (true, Some(pkg)) = (needed, dep["pkg"].as_str()) {
                pending.push((pkg, false));
            }
        }
    }
    let targets = |id: &str, kind: &str| {
        packages_by_id.get(id).map_or(0, |p| {
            p["targets"].as_array().map_or(0, |targets| {
                targets
                    .iter()
                    .filter(|t| {
                        t["kind"]
                            .as_array()
                            .is_some_and(|k| k.iter().any(|k| k == kind))
                    })
                    .count()
            })
        })
    };
    let libraries: usize = seen
        .iter()
        .map(|id| {
            let library = targets(id, "lib") + targets(id, "proc-macro") + targets(id, "rlib");
            library.min(1) + targets(id, "custom-build")
        })
        .sum();
    let test_targets: usize = match tests {
        Some(n) => n,
        None => roots.iter().map(|id| targets(id, "test")).sum(),
    };
    Some(libraries + test_targets)
}

/// The progress of a class: a line per submission as it finishes, with an
/// estimate of the time left (on a terminal, a bar under those lines; in a
/// CI log or a file, the lines alone).
pub struct ClassProgress {
    bar: Option<ProgressBar>,
    total: usize,
    started: Instant,
    finished: AtomicUsize,
    /// The submission being graded, and its run's events so far.
    current: Mutex<(String, Tally)>,
}

impl ClassProgress {
    pub fn new(total: usize) -> ClassProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64).with_style(
                ProgressStyle::with_template("{spinner} grading {bar:30} {pos}/{len} {msg}")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        ClassProgress {
            bar,
            total,
            started: Instant::now(),
            finished: AtomicUsize::new(0),
            current: Mutex::new((String::new(), Tally::default())),
        }
    }

    pub fn start(&self, name: &str) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) =
            (name.to_owned(), Tally::default());
        match &self.bar {
            Some(bar) => bar.set_message(format!("{name}{}", self.left_note())),
            None => eprintln!("Grading {name}…"),
        }
    }

    /// The submission's line: its name, exercises passed, points, and how
    /// far the class is.
    pub fn done(&self, report: &Report) {
        let finished = self.finished.fetch_add(1, Ordering::Relaxed) + 1;
        let line = format!(
            "{} [{finished}/{}{}]",
            summary(report),
            self.total,
            self.left_note()
        );
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
    }

    /// ", about 2 min left", once a submission has finished; nothing before.
    fn left_note(&self) -> String {
        let finished = self.finished.load(Ordering::Relaxed);
        time_left(self.started.elapsed(), finished, self.total)
            .map_or_else(String::new, |left| format!(", {left}"))
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// On a terminal, the bar's message follows the submission's build and
/// tests; piped, the class prints a line per submission and nothing more.
impl Observer for ClassProgress {
    fn see(&self, event: &Event<'_>) {
        let Some(bar) = &self.bar else { return };
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (name, tally) = &mut *current;
        tally.see(event);
        let doing = match tally.phase {
            Phase::Building => format!(": building, {} compiled", tally.crates()),
            Phase::Running | Phase::Done => {
                format!(": running tests {}/{}", tally.finished, tally.tests)
            }
            Phase::NotStarted => String::new(),
        };
        bar.set_message(format!("{name}{doing}{}", self.left_note()));
    }
}

/// "alice: 9/16 exercises, 42.5/80 points, 8.2 s", or why it was not graded.
fn summary(report: &Report) -> String {
    let name = report.submission.as_ref().map_or("", |s| s.name.as_str());
    if let Some(why) = report.ungradable() {
        let first = why.why.lines().next().unwrap_or_default();
        return format!("{name}: not graded: {first}");
    }
    let (passed, total) = report.exercise_totals();
    let (points, max) = report.points();
    format!(
        "{name}: {passed}/{total} exercises, {}/{} points, {:.1} s",
        (points * 100.0).round() / 100.0,
        (max * 100.0).round() / 100.0,
        report.duration.as_secs_f64()
    )
}

/// The time the rest of a class should take, at the pace so far: `elapsed`
/// for `finished` of `total` submissions. `None` before the first has
/// finished, or once all have. (The first submission warms the working copy
/// and costs more than the others: the estimate starts high and comes down.)
pub fn time_left(elapsed: Duration, finished: usize, total: usize) -> Option<String> {
    if finished == 0 || finished >= total {
        return None;
    }
    let each = elapsed.as_secs_f64() / finished as f64;
    let left = each * (total - finished) as f64;
    Some(if left < 90.0 {
        format!("about {} s left", left.round().max(1.0))
    } else if left < 90.0 * 60.0 {
        format!("about {} min left", (left / 60.0).round())
    } else {
        format!("about {:.1} h left", left / 3600.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_left_is_the_pace_so_far_times_what_is_left() {
        let secs = Duration::from_secs;
        assert_eq!(time_left(secs(10), 0, 6), None, "nothing to go by yet");
        assert_eq!(
            time_left(secs(10), 2, 6).as_deref(),
            Some("about 20 s left")
        );
        assert_eq!(
            time_left(secs(60), 2, 32).as_deref(),
            Some("about 15 min left")
        );
        assert_eq!(
            time_left(secs(600), 10, 310).as_deref(),
            Some("about 5.0 h left")
        );
        assert_eq!(time_left(secs(10), 6, 6), None, "done");
    }
}
