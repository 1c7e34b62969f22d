//! The pipeline: a whole run, build, list, run, and gather the results into
//! a [`Report`], telling an [`Observer`] as it goes. `cargo grade` and the
//! course's own checks grade through [`grade`].
//!
//! May import: `model`, `course`, `build`, `run`, `intake`, `os`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use futures::StreamExt;

use crate::build::compile::{self, Build};
use crate::course::history::stub_from_history;
use crate::intake::submission::WorkingCopy;
use crate::model::course::{ExerciseId, FileRole};
use crate::model::event::{Event, Observer};
use crate::model::outcome::Diagnostic;
use crate::model::outcome::{Cause, Outcome, TestJob, TestResult};
use crate::model::plan::{Plan, Stubs};
use crate::model::report::{ExerciseReport, Report, SectionReport, TestReport};
use crate::run::reuse;
use crate::run::runner::{self, Limits};

pub mod deadline;
use deadline::Deadline;

/// Grades every exercise in `plan`. A learner's compile error or failing test
/// is part of the report; only a broken course or toolchain is an `Err`.
/// `cargo grade`'s pipeline, whole, as the course's own checks run it too:
/// a runtime of its own, the build and the tests (stopped at `deadline`, if
/// one is given, with a report of what finished), then the course's own
/// files checked against the checksums it shipped: a pass against changed
/// tests or snapshots is not a pass.
pub fn pipeline(
    plan: &Plan,
    limits: Limits,
    deadline: Option<Deadline>,
    observer: &dyn Observer,
) -> Result<Report> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let mut report = match deadline {
        None => runtime.block_on(grade(plan, limits, observer))?,
        Some(deadline) => {
            let recorder = deadline::Recorder::new(observer);
            let left = deadline
                .at
                .saturating_duration_since(std::time::Instant::now());
            let started = std::time::Instant::now();
            let graded = runtime.block_on(async {
                tokio::time::timeout(left, grade(plan, limits, &recorder)).await
            });
            match graded {
                Ok(report) => report?,
                // The grading future is dropped: its build and tests are killed.
                Err(_elapsed) => {
                    deadline::partial(plan, limits, recorder, deadline.seconds, started.elapsed())
                }
            }
        }
    };
    crate::course::integrity::enforce(&plan.root, &plan.course, &mut report)?;
    Ok(report)
}

/// The end of [`pipeline`] for a build made apart ([`build`], as a class
/// does while the previous submission's tests run): the tests, then the
/// check of the course's files.
pub async fn run_checked(
    plan: &Plan,
    built: Built,
    limits: Limits,
    observer: &dyn Observer,
) -> Result<Report> {
    let mut report = run(plan, built, limits, observer).await?;
    crate::course::integrity::enforce(&plan.root, &plan.course, &mut report)?;
    Ok(report)
}

/// The build and the tests of `plan`, telling `observer` as they go: the
/// heart of [`pipeline`], without its runtime and its checks.
pub async fn grade(plan: &Plan, limits: Limits, observer: &dyn Observer) -> Result<Report> {
    let built = build(plan, limits, None, observer).await?;
    run(plan, built, limits, observer).await
}

/// What step one (the build) leaves for step two (the tests): the jobs to
/// run and what the report needs of the build.
#[derive(Debug)]
pub struct Built {
    build: Build,
    stand_ins: StandIns,
    building: std::time::Duration,
    jobs: Vec<TestJob>,
    listed: HashMap<ExerciseId, Vec<String>>,
    kept: Option<reuse::Results>,
    keys: HashMap<ExerciseId, String>,
    reused: HashMap<ExerciseId, Vec<TestReport>>,
}

/// Step one of [`grade`]: builds `plan`'s tests and lists the jobs to run.
///
/// With `stash`, a folder, the test executables are copied there and run
/// from there: a class builds the next submission in the same target folder
/// while this one's tests run ([`run`] may then come later), and cargo
/// writes the next executables where these were.
pub async fn build(
    plan: &Plan,
    limits: Limits,
    stash: Option<&Path>,
    observer: &dyn Observer,
) -> Result<Built> {
    let started = std::time::Instant::now();
    observer.see(&Event::BuildStarted);
    let mut build = compile::build(plan, observer).await?;
    let stand_ins = swap_breaking_files(plan, &mut build, observer).await?;
    if let Some(stash) = stash {
        stash_binaries(&mut build, stash)?;
    }
    let swapped = &stand_ins.swapped;

    let mut jobs = Vec::new();
    let mut listed: HashMap<ExerciseId, Vec<String>> = HashMap::new();
    let mut listings: HashMap<std::path::PathBuf, Vec<String>> = HashMap::new();
    // A learner's last verdicts, for the executables that did not change.
    let kept = plan.results_dir.as_deref().map(reuse::Results::load);
    let mut keys: HashMap<ExerciseId, String> = HashMap::new();
    let mut reused: HashMap<ExerciseId, Vec<TestReport>> = HashMap::new();
    for &id in &plan.exercises {
        // An exercise whose stub stood in for it built, but is not the learner's.
        let Some(binary) = build
            .binaries
            .get(&id)
            .filter(|_| !swapped.contains_key(&id))
        else {
            continue;
        };
        let (section, exercise) = plan.course.get(id);
        // Only a learner's own build keeps verdicts: a combined executable
        // is the grader's working copy, graded afresh.
        let kept_here = kept
            .as_ref()
            .filter(|_| combined_prefix(&build, id, &exercise.name).is_none());
        if let Some(results) = kept_here {
            let tests_dir = plan.package_dir(section).join("tests");
            if let Some(key) = reuse::key(binary, &tests_dir, &limits) {
                let earlier = results.get(binary, &key).filter(|_| plan.reuse_results);
                if let Some(tests) = earlier {
                    let tests = tests.iter().map(|kept| TestReport {
                        name: kept.name.clone(),
                        outcome: kept.outcome(),
                        duration: kept.duration(),
                    });
                    reused.insert(id, tests.collect());
                    continue;
                }
                keys.insert(id, key);
            }
        }
        if !listings.contains_key(binary) {
            listings.insert(binary.clone(), runner::list_tests(binary).await?);
        }
        let mut names = listings[binary].clone();
        // A section's one executable lists every exercise's tests.
        if let Some(prefix) = combined_prefix(&build, id, &exercise.name) {
            names.retain(|name| name.starts_with(&prefix));
        }
        sort_in_file_order(&mut names, &plan.root.join(exercise.test_path(section)));
        // A section built in a working copy runs its tests there: its
        // snapshots and the files its tests read are the copy's.
        let root = stand_ins.root_of(plan, id.section);
        jobs.extend(names.iter().map(|name| TestJob {
            exercise: exercise.name.clone(),
            name: name.clone(),
            binary: binary.clone(),
            dir: root.join(section.dir_on(plan.side)),
            course: root.to_path_buf(),
        }));
        listed.insert(id, names);
    }
    Ok(Built {
        building: started.elapsed(),
        build,
        stand_ins,
        jobs,
        listed,
        kept,
        keys,
        reused,
    })
}

/// Step two of [`grade`]: runs the tests `built` lists, and reports.
pub async fn run(
    plan: &Plan,
    built: Built,
    limits: Limits,
    observer: &dyn Observer,
) -> Result<Report> {
    let started = std::time::Instant::now();
    let Built {
        build,
        stand_ins,
        building,
        jobs,
        listed,
        mut kept,
        mut keys,
        mut reused,
    } = built;
    let reused_count = reused.len();
    observer.see(&Event::TestsListed { total: jobs.len() });
    let mut results = run_tests(plan, jobs, limits, observer).await;

    let mut sections: Vec<SectionReport> = Vec::new();
    for &id in &plan.exercises {
        let exercise = exercise_report(
            plan,
            &build,
            &stand_ins,
            &listed,
            &mut reused,
            &mut results,
            id,
        );
        if let (Some(results), Some(key), Some(binary)) =
            (&mut kept, keys.remove(&id), build.binaries.get(&id))
        {
            keep(results, binary, key, &exercise);
        }
        add_in_course_order(&mut sections, plan, exercise);
    }
    if let (Some(results), Some(dir)) = (&kept, &plan.results_dir) {
        results.save(dir);
    }
    let mut report = Report {
        sections,
        // Building and running, without any wait between the two (a class
        // runs a submission's tests while it builds the next one).
        duration: building + started.elapsed(),
        building,
        submission: None,
        root: plan.root.clone(),
        following: following(plan),
        isolation: crate::os::as_ran(limits.confinement),
        reused: reused_count,
    };
    crate::course::facts::add(&plan.course, &mut report);
    Ok(report)
}

/// The exercise `id`'s report: its compile error, or its tests' results
/// (kept from the last grade, or taken out of `results`).
fn exercise_report(
    plan: &Plan,
    build: &Build,
    stand_ins: &StandIns,
    listed: &HashMap<ExerciseId, Vec<String>>,
    reused: &mut HashMap<ExerciseId, Vec<TestReport>>,
    results: &mut TestResults,
    id: ExerciseId,
) -> ExerciseReport {
    let mut exercise = ExerciseReport::new(&plan.course, id);
    exercise.compile_error = stand_ins
        .swapped
        .get(&id)
        .cloned()
        .or_else(|| compile_error(plan, build, id));
    // A file broke the section's build and nothing could stand in for
    // it: whichever of its exercises the learner reads first says why
    // the others were not graded.
    if let (Some(note), Some(error)) = (
        stand_ins.missing.get(&id.section),
        &mut exercise.compile_error,
    ) {
        error.rendered = format!("{note}\n{}", error.rendered);
    }
    if let Some(error) = &exercise.compile_error {
        exercise.tests = not_compiled(plan, id, error);
    } else if let Some(tests) = reused.remove(&id) {
        exercise.tests = tests;
    } else if let (Some(binary), Some(names)) = (build.binaries.get(&id), listed.get(&id)) {
        exercise.tests = tests_of(build, &exercise, binary, names, results);
    }
    exercise
}

/// Adds `exercise` to its section, the last of `sections` or a new one.
fn add_in_course_order(sections: &mut Vec<SectionReport>, plan: &Plan, exercise: ExerciseReport) {
    let id = exercise.id;
    // The plan is in course order, so a section's exercises come together.
    match sections.last_mut() {
        Some(section) if section.number == id.section + 1 => section.exercises.push(exercise),
        _ => {
            let mut section = SectionReport::new(&plan.course, id.section);
            section.exercises.push(exercise);
            sections.push(section);
        }
    }
}

/// A test's result, known by its executable (one per exercise, or one per
/// section in a working copy) and its full name there.
type TestResults = HashMap<(PathBuf, String), TestResult>;

/// Runs `jobs`, telling `observer` of each result as it comes, then that
/// all are done.
async fn run_tests(
    plan: &Plan,
    jobs: Vec<TestJob>,
    limits: Limits,
    observer: &dyn Observer,
) -> TestResults {
    let mut results = HashMap::new();
    // In the grader's working copy, a section's tests run in batches (runner.rs).
    let mut stream = std::pin::pin!(runner::run_all(jobs, limits, plan.combined_tests));
    while let Some(result) = stream.next().await {
        observer.see(&Event::TestFinished(&result));
        results.insert((result.job.binary.clone(), result.job.name.clone()), result);
    }
    observer.see(&Event::Done);
    results
}

/// The results of `exercise`'s tests, `names` in `binary`, taken out of
/// `results`.
fn tests_of(
    build: &Build,
    exercise: &ExerciseReport,
    binary: &Path,
    names: &[String],
    results: &mut TestResults,
) -> Vec<TestReport> {
    let prefix = combined_prefix(build, exercise.id, &exercise.name);
    names
        .iter()
        .filter_map(|name| results.remove(&(binary.to_path_buf(), name.clone())))
        .map(|r| {
            // As the learner's own executable names it: `first_ten`,
            // not the combined one's `fibonacci::first_ten`.
            let name = prefix
                .as_deref()
                .and_then(|prefix| r.job.name.strip_prefix(prefix))
                .map_or_else(|| r.job.name.clone(), str::to_owned);
            let outcome = match prefix {
                Some(_) => crate::build::combined::as_the_course_names_it(r.outcome),
                None => r.outcome,
            };
            TestReport {
                name,
                outcome,
                duration: r.duration,
            }
        })
        .collect()
}

/// Keeps `exercise`'s verdicts for the next grade, under `key`, if none
/// depends on the moment it ran.
fn keep(results: &mut reuse::Results, binary: &Path, key: String, exercise: &ExerciseReport) {
    let tests = exercise.tests.iter();
    let tests = tests.map(|t| reuse::Kept::of(&t.name, &t.outcome, t.duration));
    // An executable that lists no test is not worth keeping either.
    let tests = tests.collect::<Option<Vec<_>>>().filter(|t| !t.is_empty());
    results.put(binary, key, tests);
}

/// When `plan` grades only part of the course: the course's exercise after
/// the last one graded, to name as the next.
fn following(plan: &Plan) -> Option<Box<ExerciseReport>> {
    let graded_part = plan.exercises.len() < plan.course.ids().count();
    plan.exercises
        .last()
        .filter(|_| graded_part)
        .and_then(|last| plan.course.ids().skip_while(|id| id != last).nth(1))
        .map(|id| Box::new(ExerciseReport::new(&plan.course, id)))
}

/// Copies every executable of `build` into `stash`, emptied first, and
/// points `build` at the copies.
fn stash_binaries(build: &mut Build, stash: &Path) -> Result<()> {
    match std::fs::remove_dir_all(stash) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            return Err(error).with_context(|| format!("cannot empty {}", stash.display()));
        }
        _ => {}
    }
    std::fs::create_dir_all(stash).with_context(|| format!("cannot create {}", stash.display()))?;
    let mut copies: HashMap<PathBuf, PathBuf> = HashMap::new();
    for binary in build.binaries.values_mut() {
        if let Some(copy) = copies.get(binary) {
            *binary = copy.clone();
            continue;
        }
        let copy = stash.join(binary.file_name().context("an executable has a name")?);
        std::fs::copy(&*binary, &copy)
            .with_context(|| format!("cannot copy {} to {}", binary.display(), copy.display()))?;
        copies.insert(binary.clone(), copy.clone());
        *binary = copy;
    }
    Ok(())
}

/// The prefix of `id`'s tests' names in its executable, when its section's
/// tests are one executable ([`crate::build::combined`]).
fn combined_prefix(build: &Build, id: ExerciseId, name: &str) -> Option<String> {
    build
        .combined
        .contains(&id.section)
        .then(|| crate::build::combined::prefix(name))
}

/// What stood in for learners' files that broke their sections' builds.
#[derive(Debug, Default)]
struct StandIns {
    /// The exercises whose file a stub replaced, each with the error that broke it.
    swapped: HashMap<ExerciseId, Diagnostic>,
    /// The sections whose broken file no stub could stand in for, each with
    /// a note that says which file and why.
    missing: HashMap<usize, String>,
    /// The working copy of a learner's checkout that sections were rebuilt
    /// in, held (and so locked) until their tests have run there.
    copy: Option<WorkingCopy>,
    /// The sections rebuilt in `copy`.
    copied: Vec<usize>,
}

impl StandIns {
    /// The course root that `section` was built in, where its tests run.
    fn root_of<'a>(&'a self, plan: &'a Plan, section: usize) -> &'a Path {
        match &self.copy {
            Some(copy) if self.copied.contains(&section) => &copy.root,
            _ => &plan.root,
        }
    }
}

/// Makes a learner's file that breaks its section's library cost only its
/// own exercise. Each exercise file that a library error points at is
/// swapped for its stub (`plan.stubs` says where from, and where the swap
/// happens) and the section built again, until it builds or no error points
/// at an exercise's file (`lib.rs`, say). A section whose every graded
/// exercise breaks it is not built again: nothing of it would be graded (a
/// save of a broken file in watch mode grades that file alone).
///
/// In the grader's own working copy the swap is in place, and the learner's
/// files are put back before this returns. A learner's checkout is never
/// written, not even for a moment (an editor would reload the stub, an
/// interruption would lose their work): it is copied into a working copy,
/// the stub is swapped in there, and the section's tests run there.
async fn swap_breaking_files(
    plan: &Plan,
    build: &mut Build,
    observer: &dyn Observer,
) -> Result<StandIns> {
    let mut stand_ins = StandIns::default();
    let Some(stubs) = &plan.stubs else {
        return Ok(stand_ins);
    };
    let mut theirs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let rebuilt = async {
        loop {
            let breaking = breaking_files(plan, build, &stand_ins);
            let (found, sections) = find_stand_ins(plan, stubs, &breaking, &mut stand_ins);
            if found.is_empty() {
                return Ok::<_, anyhow::Error>(());
            }
            let Some(root) = stand_in_root(plan, stubs, &found, &mut stand_ins) else {
                return Ok(());
            };
            for (id, error, stub) in found {
                let (section, exercise) = plan.course.get(id);
                let file = root.join(exercise.stub_path(section));
                if matches!(stubs, Stubs::Pristine(_)) {
                    theirs.push((file.clone(), std::fs::read(&file)?));
                }
                std::fs::write(&file, stub)?;
                stand_ins.swapped.insert(id, error);
                observer.see(&Event::StubStandsIn { exercise: id });
            }
            let mut again = plan.clone();
            again.exercises.retain(|id| sections.contains(&id.section));
            if let Some(copy) = &stand_ins.copy {
                again.root = copy.root.clone();
                again.target_dir = Some(copy_target_dir(plan));
                again.shared_target = true;
                stand_ins.copied.extend(&sections);
            }
            let rebuild = compile::build(&again, observer).await?;
            build.replace_sections(&sections, rebuild);
        }
    }
    .await;
    for (file, content) in theirs {
        std::fs::write(&file, content)?;
    }
    rebuilt?;
    Ok(stand_ins)
}

/// A broken file with the error that broke it and the stub to stand in for it.
type StandIn = (ExerciseId, Diagnostic, Vec<u8>);

/// A stub for each file of `breaking`, and the sections to build again with
/// them. A section with nothing else left to grade gets none (its broken
/// exercises are marked swapped); a section one of whose files has no stub
/// gets none either (its note in `stand_ins.missing` says why).
fn find_stand_ins(
    plan: &Plan,
    stubs: &Stubs,
    breaking: &[(ExerciseId, Diagnostic)],
    stand_ins: &mut StandIns,
) -> (Vec<StandIn>, Vec<usize>) {
    let mut sections: Vec<usize> = breaking.iter().map(|(id, _)| id.section).collect();
    sections.sort_unstable();
    sections.dedup();
    let mut found = Vec::new();
    for section in std::mem::take(&mut sections) {
        let broken: Vec<&(ExerciseId, Diagnostic)> = breaking
            .iter()
            .filter(|(id, _)| id.section == section)
            .collect();
        let graded_left = plan.exercises.iter().any(|id| {
            id.section == section
                && !stand_ins.swapped.contains_key(id)
                && !broken.iter().any(|(b, _)| b == id)
        });
        if !graded_left {
            // Nothing of the section would be graded: no stub is
            // looked for, and nothing is built again.
            stand_ins.swapped.extend(broken.into_iter().cloned());
            continue;
        }
        let mut stand_in = Vec::new();
        for (id, error) in broken {
            match stub(plan, stubs, *id) {
                Ok(stub) => stand_in.push((*id, error.clone(), stub)),
                // One file without a stand-in, and the section cannot
                // build whatever stands in for the others.
                Err(why) => {
                    let note = no_stand_in(plan, *id, &format!("{why:#}"));
                    stand_ins.missing.insert(section, note);
                    break;
                }
            }
        }
        if !stand_ins.missing.contains_key(&section) {
            found.extend(stand_in);
            sections.push(section);
        }
    }
    (found, sections)
}

/// The course root the stubs of `found` are written into: the course itself
/// for pristine stubs, else a working copy of the learner's checkout (made
/// once, kept in `stand_ins`). `None` when that copy cannot be made: every
/// section of `found` then has a note that says why.
fn stand_in_root(
    plan: &Plan,
    stubs: &Stubs,
    found: &[StandIn],
    stand_ins: &mut StandIns,
) -> Option<PathBuf> {
    match stubs {
        Stubs::Pristine(_) => Some(plan.root.clone()),
        Stubs::FromHistory { work_dir } => match &stand_ins.copy {
            Some(copy) => Some(copy.root.clone()),
            None => match copy_of(plan, work_dir) {
                Ok(copy) => Some(stand_ins.copy.insert(copy).root.clone()),
                Err(why) => {
                    for (id, ..) in found {
                        let note = no_stand_in(plan, *id, &format!("{why:#}"));
                        stand_ins.missing.insert(id.section, note);
                    }
                    None
                }
            },
        },
    }
}

/// The exercises whose own file breaks their section's library, not yet
/// swapped, each with its first error there; none of a section known to
/// have a file no stub can stand in for.
fn breaking_files(
    plan: &Plan,
    build: &Build,
    stand_ins: &StandIns,
) -> Vec<(ExerciseId, Diagnostic)> {
    let mut breaking: Vec<(ExerciseId, Diagnostic)> = Vec::new();
    for (section, errors) in &build.library_errors {
        if stand_ins.missing.contains_key(section) {
            continue;
        }
        for error in errors {
            // Only a learner's own exercise file has a stub to stand in.
            let Some(FileRole::Stub(id)) = error.file.as_deref().map(|f| plan.course.role_of(f))
            else {
                continue;
            };
            if id.section == *section
                && !stand_ins.swapped.contains_key(&id)
                && !breaking.iter().any(|(b, _)| *b == id)
            {
                breaking.push((id, error.clone()));
            }
        }
    }
    breaking
}

/// The stub of `id`'s file, from where `stubs` keeps it.
fn stub(plan: &Plan, stubs: &Stubs, id: ExerciseId) -> Result<Vec<u8>> {
    let (section, exercise) = plan.course.get(id);
    let path = exercise.stub_path(section);
    Ok(match stubs {
        Stubs::Pristine(course) => std::fs::read(course.join(&path))
            .with_context(|| format!("cannot read {}", path.display()))?,
        Stubs::FromHistory { .. } => stub_from_history(&plan.root, &path)?.text.into_bytes(),
    })
}

/// A working copy, in `work_dir`, of the learner's checkout at `plan.root`:
/// its files as they are now, nothing of it written.
fn copy_of(plan: &Plan, work_dir: &Path) -> Result<WorkingCopy> {
    let copy = WorkingCopy::prepare(&plan.root, work_dir)?;
    copy.load(&plan.root, &plan.course)?;
    Ok(copy)
}

/// Why a section's other exercises were not graded: `id`'s file does not
/// compile and no stub could stand in for it, for the reason `why`.
fn no_stand_in(plan: &Plan, id: ExerciseId, why: &str) -> String {
    let (section, exercise) = plan.course.get(id);
    format!(
        "{} does not compile; with no stub to stand in for it, the section's other \
         exercises cannot be built.\nNo stub: {why}.",
        exercise.stub_path(section).display()
    )
}

/// Where a working copy of a learner's checkout builds: in the learner's own
/// target folder (`CARGO_TARGET_DIR`, else the checkout's `target/`), so that
/// the crates it depends on are the learner's builds, not built cold again (a
/// first broken file of section 4 waited 35 s for its own target folder, 7 s
/// with the learner's, on two loaded cores). The copy's own packages get names
/// of their own there ([`Plan::shared_target`]): the learner's next build
/// rebuilds nothing it would not have rebuilt anyway.
fn copy_target_dir(plan: &Plan) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        // Cargo reads a relative one from where it was started, as we were.
        Some(dir) => std::path::absolute(dir).unwrap_or_else(|_| plan.root.join("target")),
        None => plan.root.join("target"),
    }
}

/// The tests of an exercise that does not compile, each failed with `error`:
/// a report counts them as failed, never as absent.
fn not_compiled(plan: &Plan, id: ExerciseId, error: &Diagnostic) -> Vec<TestReport> {
    let (section, exercise) = plan.course.get(id);
    let source = std::fs::read_to_string(plan.root.join(exercise.test_path(section)));
    let message = match &error.file {
        Some(file) => format!("does not compile: see {}", file.display()),
        None => "does not compile".to_owned(),
    };
    crate::course::source::test_functions(&source.unwrap_or_default())
        .into_iter()
        .map(|function| TestReport {
            name: function.name,
            outcome: Outcome::Failed {
                cause: Cause::NotCounted {
                    why: message.clone(),
                },
                panic: None,
                output: String::new(),
            },
            duration: std::time::Duration::ZERO,
        })
        .collect()
}

/// The error that kept `id` from building: its own test file's first error,
/// else the library error that points at its stub, else the section's first
/// library error (another exercise's file broke the shared library).
fn compile_error(plan: &Plan, build: &Build, id: ExerciseId) -> Option<Diagnostic> {
    if let Some(first) = build.test_errors.get(&id).and_then(|errors| errors.first()) {
        return Some(first.clone());
    }
    let errors = build.library_errors.get(&id.section)?;
    let own = errors.iter().find(|d| {
        d.file
            .as_deref()
            .and_then(|file| plan.course.exercise_of_file(file))
            == Some(id)
    });
    own.or(errors.first()).cloned()
}

/// Puts `names`, which libtest lists sorted, in the order the test file
/// defines them, so that a learner meets the first failure of the file first.
fn sort_in_file_order(names: &mut [String], test_file: &std::path::Path) {
    let Ok(source) = std::fs::read_to_string(test_file) else {
        return;
    };
    let order: Vec<String> = crate::course::source::test_functions(&source)
        .into_iter()
        .map(|function| function.name)
        .collect();
    names.sort_by_cached_key(|name| {
        let leaf = name.rsplit("::").next().unwrap_or(name);
        order.iter().position(|n| n == leaf).unwrap_or(usize::MAX)
    });
}
