//! Instructor modes: one submission, or a whole class and its gradebook.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use futures::StreamExt;
use futures::stream::FuturesUnordered;

use grader::intake::class::{Key, SectionCache};
use grader::intake::submission::WorkingCopy;
use grader::model::event::Quiet;
use grader::model::plan::Plan;
use grader::model::report::Report;
use grader::model::submission::Submission;
use grader::model::submission::Ungradable;
use grader::render;
use grader::render::human;

use crate::cli::Cli;
use crate::progress::{self, Progress};
use crate::session::Session;

/// `--submission DIR`: the learner's sources in a pristine working copy.
pub fn grade_submission(session: &Session, dir: &Path) -> Result<Report> {
    let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
    let submission = load(session, &copy, dir)?;
    if submission.ungradable.is_some() {
        // Its row says why; nothing is built.
        return Ok(Report::failed(
            submission,
            &copy.root,
            session.confinement(),
        ));
    }
    if let Some(notes) = submission.notes() {
        eprintln!("{notes}");
    }
    let plan = session.plan(&copy.root, &session.filter, Some(copy.target.clone()))?;
    let progress = Progress::new();
    let report = session.grade(&plan, &progress);
    progress.clear();
    let mut report = report?;
    report.submission = Some(submission);
    Ok(report)
}

/// `dir`'s files in the working copy, or, for a submission that cannot be
/// graded, the report that says why. Tests whose files were not confined
/// could have changed the build output: it is rebuilt rather than trusted.
fn load(session: &Session, copy: &WorkingCopy, dir: &Path) -> Result<Submission> {
    if !session.confinement().files {
        copy.distrust_build_output()?;
    }
    copy.load(dir, &session.course)
}

/// One submission of a class, in the working copy, its unchanged sections
/// answered from `cache`.
fn grade_one(
    session: &Session,
    copy: &WorkingCopy,
    plan: &grader::model::plan::Plan,
    cache: &mut SectionCache,
    dir: &Path,
    bar: &progress::ClassProgress,
) -> Result<Report> {
    let submission = load(session, copy, dir)?;
    if submission.ungradable.is_some() {
        // Its row says why; nothing is built.
        return Ok(Report::failed(
            submission,
            &copy.root,
            session.confinement(),
        ));
    }
    bar.start(&submission.name);
    let keys = SectionCache::keys(plan)?;
    let fresh = match cache.uncached(plan, &keys) {
        Some(narrowed) => Some(session.grade(&narrowed, bar)?),
        None => None,
    };
    let mut report = cache.assemble(&keys, fresh, &plan.root);
    report.submission = Some(submission);
    Ok(report)
}

/// The row of a submission that could not be graded, which says why.
fn failed(session: &Session, plan: &Plan, dir: &Path, error: anyhow::Error) -> Report {
    Report::failed(
        Submission::failed(
            dir,
            Ungradable::of_course(format!("{error:#}"), &plan.course),
        ),
        &plan.root,
        session.confinement(),
    )
}

/// Whether a class builds each submission while the tests of those before
/// it run ([`grade_overlapping`]). Only where the tests cannot write the
/// working copy (the next submission is already in it when they run), and
/// without a deadline (which stops one grading, not two at once).
fn overlapping(session: &Session) -> bool {
    session.confinement().files && session.deadline.is_none()
}

/// How many submissions' tests may run at once while the next one builds.
/// Building is the class's bottleneck, and a submission whose tests wait out
/// their limits (code that hangs) would otherwise hold up the builds behind
/// it: with two in flight, the next build starts while it waits (a realistic
/// class: see bench/run). Each adds a folder of executables. They share
/// `--jobs` ([`shared_jobs`]).
const RUNNING_AT_ONCE: usize = 2;

/// How many submissions' tests run at once, and the test processes each may
/// start, so that a class never runs more than `jobs` test processes at once,
/// as `--jobs` says (an instructor lowers it to bound memory, say).
fn shared_jobs(jobs: usize) -> (usize, usize) {
    let submissions = RUNNING_AT_ONCE.min(jobs).max(1);
    (submissions, (jobs / submissions).max(1))
}

/// A submission whose tests are built, and not yet run.
struct Pending {
    /// Its place in the class, which orders the reports.
    index: usize,
    submission: Submission,
    dir: PathBuf,
    keys: Vec<Key>,
}

/// A submission whose tests have run: what they reported, before the
/// cache adds its other sections ([`Pipeline::assemble`]).
struct Ran {
    pending: Pending,
    fresh: Result<Option<Report>>,
    /// The folder of executables it ran, free again.
    stash: PathBuf,
}

/// Every submission of a class, built one after the other while the tests of
/// those before run. Running tests is mostly waiting (on a paused clock's
/// timers, on a time limit, on a process's start), and building is all CPU:
/// side by side they use the cores that each alone leaves idle. The reports
/// are the same as one after the other: the executables a submission's tests
/// run are copies (the next build writes over the originals), and the files
/// tests read in the working copy (the course's tests and snapshots) are the
/// same for every submission; only the learners' sources, compiled in, change.
fn grade_overlapping(
    session: &Session,
    copy: &WorkingCopy,
    plan: &Plan,
    cache: &mut SectionCache,
    submissions: &[PathBuf],
    bar: &progress::ClassProgress,
) -> Result<Vec<Report>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let limits = session.settle()?;
    let (at_once, jobs) = shared_jobs(limits.jobs);
    // One folder of executables for each submission whose tests run, and
    // one for the build.
    let stashes = (0..=at_once)
        .map(|slot| copy.target.join("grader-runs").join(slot.to_string()))
        .collect();
    let mut pipeline = Pipeline {
        session,
        plan,
        bar,
        running: FuturesUnordered::new(),
        jobs,
        stashes,
        in_flight: Vec::new(),
        reports: Vec::new(),
    };
    runtime.block_on(async {
        for (index, dir) in submissions.iter().enumerate() {
            let (submission, keys) = match load_keyed(session, copy, plan, dir) {
                Ok(loaded) => loaded,
                // A row of its own, which says why.
                Err(report) => {
                    pipeline.report(index, *report);
                    continue;
                }
            };
            // A section byte for byte one whose tests still run is answered
            // from the cache: that one's results first.
            pipeline.finish_sharing(&keys, cache).await;
            bar.start(&submission.name);
            let narrowed = cache.uncached(plan, &keys);
            let pending = Pending {
                index,
                submission,
                dir: dir.clone(),
                keys,
            };
            pipeline.build(pending, narrowed, limits, cache).await;
        }
        while pipeline.next_ran(cache).await {}
    });
    let mut reports = pipeline.reports;
    reports.sort_by_key(|(index, _)| *index);
    Ok(reports.into_iter().map(|(_, report)| report).collect())
}

/// The submissions of a class on their way: the builds, one at a time, and
/// the tests of up to [`RUNNING_AT_ONCE`] built ones.
struct Pipeline<'a> {
    session: &'a Session,
    plan: &'a Plan,
    bar: &'a progress::ClassProgress,
    running: FuturesUnordered<std::pin::Pin<Box<dyn std::future::Future<Output = Ran> + 'a>>>,
    /// The test processes each submission's tests may start at once.
    jobs: usize,
    /// The folders of executables no tests are running from.
    stashes: Vec<PathBuf>,
    /// The place in the class and the sections' keys of each submission
    /// whose tests run.
    in_flight: Vec<(usize, Vec<Key>)>,
    /// Each report with its submission's place in the class.
    reports: Vec<(usize, Report)>,
}

impl<'a> Pipeline<'a> {
    /// Builds `pending`'s sections not in the cache (`narrowed`) while the
    /// tests of those before run, then starts its tests.
    async fn build(
        &mut self,
        pending: Pending,
        narrowed: Option<Plan>,
        limits: grader::run::runner::Limits,
        cache: &mut SectionCache,
    ) {
        let Some(narrowed) = narrowed else {
            // Every section from the cache: nothing to build or run.
            let (index, report) = self.assemble(pending, Ok(None), cache);
            self.report(index, report);
            return;
        };
        while self.stashes.is_empty() {
            self.next_ran(cache).await;
        }
        let stash = self.stashes.pop().expect("a free folder");
        let built = {
            let building = grader::grade::build(&narrowed, limits, Some(&stash), &Quiet);
            let mut building = std::pin::pin!(building);
            loop {
                tokio::select! {
                    built = &mut building => break built,
                    Some(ran) = self.running.next(), if !self.running.is_empty() => {
                        self.finished(ran, cache);
                    }
                }
            }
        };
        match built {
            Ok(built) => {
                self.in_flight.push((pending.index, pending.keys.clone()));
                let limits = grader::run::runner::Limits {
                    jobs: self.jobs,
                    ..limits
                };
                self.running.push(Box::pin(async move {
                    // The tests, then the check of the course's files, as
                    // `grade::pipeline` does.
                    let fresh = grader::grade::run_checked(&narrowed, built, limits, &Quiet)
                        .await
                        .map(Some);
                    Ran {
                        pending,
                        fresh,
                        stash,
                    }
                }));
            }
            Err(error) => {
                self.stashes.push(stash);
                let report = failed(self.session, self.plan, &pending.dir, error);
                self.report(pending.index, report);
            }
        }
    }

    /// Waits for the tests of every submission that shares a section with
    /// `keys`, so that the cache has its results.
    async fn finish_sharing(&mut self, keys: &[Key], cache: &mut SectionCache) {
        while self
            .in_flight
            .iter()
            .any(|(_, theirs)| theirs.iter().any(|key| keys.contains(key)))
        {
            self.next_ran(cache).await;
        }
    }

    /// The next submission whose tests finish, reported; `false` when none run.
    async fn next_ran(&mut self, cache: &mut SectionCache) -> bool {
        match self.running.next().await {
            Some(ran) => {
                self.finished(ran, cache);
                true
            }
            None => false,
        }
    }

    /// A submission whose tests have run: its folder free, its report made.
    fn finished(&mut self, ran: Ran, cache: &mut SectionCache) {
        self.stashes.push(ran.stash);
        self.in_flight
            .retain(|(index, _)| *index != ran.pending.index);
        let (index, report) = self.assemble(ran.pending, ran.fresh, cache);
        self.report(index, report);
    }

    /// `pending`'s whole report: the sections its tests graded, the others
    /// from the cache (which keeps the fresh ones).
    fn assemble(
        &self,
        pending: Pending,
        fresh: Result<Option<Report>>,
        cache: &mut SectionCache,
    ) -> (usize, Report) {
        let report = match fresh {
            Ok(fresh) => {
                let mut report = cache.assemble(&pending.keys, fresh, &self.plan.root);
                report.submission = Some(pending.submission);
                report
            }
            Err(error) => failed(self.session, self.plan, &pending.dir, error),
        };
        (pending.index, report)
    }

    /// A submission's row, shown on the class's progress as it comes.
    fn report(&mut self, index: usize, report: Report) {
        self.bar.done(&report);
        self.reports.push((index, report));
    }
}

/// `dir` loaded into the working copy, with the keys of its sections in the
/// cache; or, for a submission that cannot be graded, its row.
fn load_keyed(
    session: &Session,
    copy: &WorkingCopy,
    plan: &Plan,
    dir: &Path,
) -> std::result::Result<(Submission, Vec<Key>), Box<Report>> {
    match load(session, copy, dir) {
        // Its row says why; nothing is built.
        Ok(submission) if submission.ungradable.is_some() => Err(Box::new(Report::failed(
            submission,
            &copy.root,
            session.confinement(),
        ))),
        Ok(submission) => match SectionCache::keys(plan) {
            Ok(keys) => Ok((submission, keys)),
            Err(error) => Err(Box::new(failed(session, plan, dir, error))),
        },
        Err(error) => Err(Box::new(failed(session, plan, dir, error))),
    }
}

/// Where a class's time went, for the instructor waiting on it: building the
/// tests (most of it, on a small machine), running them, and the rest
/// (copying each submission in, checking files, writing reports).
fn time_spent(reports: &[Report], total: std::time::Duration) -> String {
    let building: std::time::Duration = reports.iter().map(|r| r.building).sum();
    let running: std::time::Duration = reports
        .iter()
        .map(|r| r.duration.saturating_sub(r.building))
        .sum();
    let rest = total.saturating_sub(building + running);
    let each = total.as_secs_f64() / reports.len().max(1) as f64;
    let share = |part: std::time::Duration| {
        (100.0 * part.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON)).round()
    };
    let tests: usize = reports.iter().map(|r| r.test_totals().1).sum();
    let processes = grader::run::runner::PROCESSES.load(std::sync::atomic::Ordering::Relaxed);
    // Submissions graded side by side (one's tests running while the next
    // builds) spend more in the two steps than the class took.
    let side_by_side = (building + running).saturating_sub(total);
    let overlap = if side_by_side.is_zero() {
        String::new()
    } else {
        format!(
            " ({:.1} s of it side by side, the tests of one submission running while the next built)",
            side_by_side.as_secs_f64()
        )
    };
    format!(
        "Graded {} in {:.1} s, {each:.1} s each: building the tests {:.1} s ({}%), \
         running them {:.1} s ({}%){overlap}, copying and the rest {:.1} s ({}%). {tests} test \
         verdicts, from {processes} test processes.",
        match reports.len() {
            1 => "1 submission".to_string(),
            n => format!("{n} submissions"),
        },
        total.as_secs_f64(),
        building.as_secs_f64(),
        share(building),
        running.as_secs_f64(),
        share(running),
        rest.as_secs_f64(),
        share(rest),
    )
}

/// `--class DIR`: every submission in turn in one warm working copy, then a
/// gradebook; with `--partition K/N`, only the submissions of that part.
pub fn grade_class(session: &Session, class: &Path, cli: &Cli) -> Result<bool> {
    let submissions = submissions_of(class)?;
    let roster = match &cli.roster {
        Some(path) => read_roster(path)?,
        None => render::gradebook::Roster::default(),
    };
    let submissions = this_part(submissions, class, cli)?;
    let provenance = render::gradebook::Provenance::new(
        &grader::course::integrity::checksum_list(&session.root)?,
        class_name(class),
        cli.partition,
    );

    let mut cache = SectionCache::default();
    let reports = grade_submissions(session, &submissions, &mut cache)?;
    if cache.reused > 0 {
        eprintln!(
            "Reused {} section results: their files were byte for byte those of an earlier submission.",
            cache.reused
        );
    }

    let out = cli
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("gradebook"));
    write_gradebook(
        &out,
        &reports,
        &render::gradebook::json(&reports, &provenance)?,
        &provenance.class,
        &roster,
    )?;
    write_reports(&out, cli.format, &reports)?;
    print!("{}", human::render_class(&reports, human::Style::detect()));
    eprintln!("Wrote the gradebook to {}", out.display());
    Ok(reports.iter().all(Report::all_passed))
}

/// The submission folders of `class`, in the order people sort names.
fn submissions_of(class: &Path) -> Result<Vec<PathBuf>> {
    // Folders, and links in their place: a link is never followed, but it
    // gets its row, which says so.
    let mut submissions: Vec<PathBuf> = std::fs::read_dir(class)
        .with_context(|| format!("cannot read the class folder {}", class.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_type()
                .is_ok_and(|kind| kind.is_dir() || kind.is_symlink())
                && !entry.file_name().to_string_lossy().starts_with('.')
        })
        .map(|entry| entry.path())
        .collect();
    // As people sort names: accents and case folded, numbers by value.
    submissions.sort_by(|a, b| render::gradebook::by_name(&folder_name(a), &folder_name(b)));
    Ok(submissions)
}

/// Of a class's `submissions`, none of which it may lack, those of the part
/// `--partition K/N` names (all without it).
fn this_part(mut submissions: Vec<PathBuf>, class: &Path, cli: &Cli) -> Result<Vec<PathBuf>> {
    anyhow::ensure!(
        !submissions.is_empty(),
        "{} holds no submission folders",
        class.display()
    );
    let whole = submissions.len();
    if let Some(partition) = cli.partition {
        submissions.retain(|dir| partition.holds(&folder_name(dir)));
        eprintln!(
            "Part {partition} of the class: {} of its {whole} submissions.",
            submissions.len()
        );
    }
    Ok(submissions)
}

/// A submission's folder name, as a class's part and order know it.
fn folder_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The class's name: its folder's.
fn class_name(class: &Path) -> String {
    class
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| class.display().to_string())
}

/// Every submission graded in turn in one warm working copy (or side by
/// side, see [`overlapping`]), with where the time went.
fn grade_submissions(
    session: &Session,
    submissions: &[PathBuf],
    cache: &mut SectionCache,
) -> Result<Vec<Report>> {
    let mut reports = Vec::new();
    let started = std::time::Instant::now();
    // A part may hold no submission (a small class split many ways): it still
    // writes its gradebook, which `gradebook merge` expects.
    if !submissions.is_empty() {
        let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
        let plan = session.plan(&copy.root, &session.filter, Some(copy.target.clone()))?;
        let bar = progress::ClassProgress::new(submissions.len());
        if overlapping(session) {
            reports = grade_overlapping(session, &copy, &plan, cache, submissions, &bar)?;
        } else {
            for dir in submissions {
                // One submission that cannot be graded is a row that says why; the
                // others are graded all the same.
                let report = grade_one(session, &copy, &plan, cache, dir, &bar)
                    .unwrap_or_else(|error| failed(session, &plan, dir, error));
                bar.done(&report);
                reports.push(report);
            }
        }
        bar.clear();
        eprintln!("{}", time_spent(&reports, started.elapsed()));
    }
    Ok(reports)
}

/// Each submission's report in `format`, in `out`, when the format has files there.
fn write_reports(out: &Path, format: render::Format, reports: &[Report]) -> Result<()> {
    if let Some(extension) = format.extension {
        for report in reports {
            let name = report
                .submission
                .as_ref()
                .map_or("submission", |s| s.name.as_str());
            let text = format.render(report)?;
            grader::os::write_atomically(
                &out.join(format!("{name}.{extension}")),
                text.as_bytes(),
            )?;
        }
    }
    Ok(())
}

/// The three files of a gradebook in `out`: the CSV and the HTML from
/// `reports`, and `json` as it is.
fn write_gradebook(
    out: &Path,
    reports: &[Report],
    json: &str,
    class: &str,
    roster: &render::gradebook::Roster,
) -> Result<()> {
    let title = render::gradebook::title(class);
    grader::os::write_atomically(
        &out.join("gradebook.csv"),
        render::gradebook::csv(reports, roster)?.as_bytes(),
    )?;
    grader::os::write_atomically(
        &out.join("gradebook.html"),
        render::gradebook::html(reports, &title, roster).as_bytes(),
    )?;
    grader::os::write_atomically(&out.join("gradebook.json"), json.as_bytes())
}

/// `gradebook merge PART.json… --output DIR`: the gradebook of a class
/// graded in parts. Its exit status says whether the gradebook was written,
/// not whether the class passed.
pub fn merge(parts: &[PathBuf], out: &Path, roster: Option<&Path>) -> Result<bool> {
    let texts = parts
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the gradebook {}", path.display()))
                .map(|text| (path.clone(), text))
        })
        .collect::<Result<Vec<_>>>()?;
    let merged = render::gradebook::merge(&texts)?;
    let roster = match roster {
        Some(path) => read_roster(path)?,
        None => render::gradebook::Roster::default(),
    };
    write_gradebook(
        out,
        &merged.reports,
        &merged.json()?,
        &merged.provenance.class,
        &roster,
    )?;
    print!(
        "{}",
        human::render_class(&merged.reports, human::Style::detect())
    );
    eprintln!(
        "Joined {} part{}, {} submissions, into the gradebook in {}",
        parts.len(),
        if parts.len() == 1 { "" } else { "s" },
        merged.reports.len(),
        out.display()
    );
    Ok(true)
}

/// The roster at `path` (`--roster`).
fn read_roster(path: &Path) -> Result<render::gradebook::Roster> {
    let text = std::fs::read(path)
        .with_context(|| format!("cannot read the roster {}", path.display()))?;
    render::gradebook::Roster::parse(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_never_runs_more_test_processes_than_jobs() {
        for jobs in 1..=9 {
            let (submissions, each) = shared_jobs(jobs);
            assert!(
                submissions >= 1 && each >= 1,
                "--jobs {jobs}: some tests run"
            );
            assert!(
                submissions * each <= jobs,
                "--jobs {jobs}: {submissions} submissions × {each} processes"
            );
        }
        assert_eq!(
            shared_jobs(2),
            (2, 1),
            "two cores: two submissions, one each"
        );
        assert_eq!(shared_jobs(1), (1, 1));
        assert_eq!(shared_jobs(8), (RUNNING_AT_ONCE, 8 / RUNNING_AT_ONCE));
    }
}
