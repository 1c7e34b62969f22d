//! Instructor modes: one submission, or a whole class and its gradebook.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use grader::class::SectionCache;
use grader::formats;
use grader::human;
use grader::report::Report;
use grader::submission::{Submission, WorkingCopy};

use crate::Session;
use crate::cli::Cli;
use crate::progress::{self, Progress};

/// `--submission DIR`: the learner's sources in a pristine working copy.
pub fn grade_submission(session: &Session, dir: &Path) -> Result<Report> {
    let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
    let submission = match load(session, &copy, dir)? {
        Ok(submission) => submission,
        Err(report) => return Ok(report),
    };
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
fn load(
    session: &Session,
    copy: &WorkingCopy,
    dir: &Path,
) -> Result<std::result::Result<Submission, Report>> {
    if !session.limits.confinement.files {
        copy.distrust_build_output()?;
    }
    let submission = copy.load(dir, &session.course)?;
    if submission.error.is_some() {
        let confinement = session.limits.confinement;
        return Ok(Err(Report::failed(submission, &copy.root, confinement)));
    }
    Ok(Ok(submission))
}

/// One submission of a class, in the working copy, its unchanged sections
/// answered from `cache`.
fn grade_one(
    session: &Session,
    copy: &WorkingCopy,
    plan: &grader::plan::Plan,
    cache: &mut SectionCache,
    dir: &Path,
    bar: &progress::ClassProgress,
) -> Result<Report> {
    let submission = match load(session, copy, dir)? {
        Ok(submission) => submission,
        Err(report) => return Ok(report),
    };
    bar.start(&submission.name);
    let keys = SectionCache::keys(plan)?;
    let fresh = match cache.uncached(plan, &keys) {
        Some(narrowed) => Some(session.grade(&narrowed, &grader::Quiet)?),
        None => None,
    };
    let mut report = cache.assemble(&keys, fresh, &plan.root);
    report.submission = Some(submission);
    Ok(report)
}

/// The row of a submission that could not be graded, which says why.
fn failed(
    session: &Session,
    plan: &grader::plan::Plan,
    dir: &Path,
    error: anyhow::Error,
) -> Report {
    Report::failed(
        Submission::failed(dir, format!("{error:#}")),
        &plan.root,
        session.limits.confinement,
    )
}

/// Whether a class builds each submission while the previous one's tests
/// run ([`grade_overlapping`]). Only where the tests cannot write the
/// working copy (the next submission is already in it when they run), and
/// without a deadline (which stops one grading, not two at once).
fn overlapping(session: &Session) -> bool {
    session.limits.confinement.files && session.deadline.is_none()
}

/// A submission whose tests are built, and not yet run.
struct Pending {
    submission: Submission,
    dir: PathBuf,
    keys: Vec<(String, [u8; 32])>,
    /// The part of the plan graded afresh, and its build.
    fresh: Option<(grader::plan::Plan, grader::grade::Built)>,
}

/// Every submission of a class, each built while the tests of the one before
/// run. Running tests is mostly waiting (on a paused clock's timers, on a
/// time limit, on a process's start), and building is all CPU: side by side
/// they use the cores that each alone leaves idle. The reports are the same
/// as one after the other: the executables a submission's tests run are
/// copies (the next build writes over the originals), and the files tests
/// read in the working copy (the course's tests and snapshots) are the same
/// for every submission; only the learners' sources, compiled in, change.
fn grade_overlapping(
    session: &Session,
    copy: &WorkingCopy,
    plan: &grader::plan::Plan,
    cache: &mut SectionCache,
    submissions: &[PathBuf],
    bar: &progress::ClassProgress,
) -> Result<Vec<Report>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let mut reports = Vec::new();
        let mut pending: Option<Pending> = None;
        for (index, dir) in submissions.iter().enumerate() {
            let loaded = match load(session, copy, dir) {
                Ok(Ok(submission)) => match SectionCache::keys(plan) {
                    Ok(keys) => Ok((submission, keys)),
                    Err(error) => Err(failed(session, plan, dir, error)),
                },
                Ok(Err(report)) => Err(report),
                Err(error) => Err(failed(session, plan, dir, error)),
            };
            let (submission, keys) = match loaded {
                Ok(loaded) => loaded,
                // A row of its own, after the one before it.
                Err(report) => {
                    if let Some(before) = pending.take() {
                        let before = finish(session, plan, cache, before).await;
                        bar.done(&before);
                        reports.push(before);
                    }
                    bar.done(&report);
                    reports.push(report);
                    continue;
                }
            };
            // A section byte for byte the one before's is answered from the
            // cache: that one's results first.
            if let Some(before) = pending.take_if(|before| {
                before.fresh.is_some() && before.keys.iter().any(|key| keys.contains(key))
            }) {
                let before = finish(session, plan, cache, before).await;
                bar.done(&before);
                reports.push(before);
            }
            bar.start(&submission.name);
            let narrowed = cache.uncached(plan, &keys);
            // Two folders in turn: this build's copies, the tests' before.
            let stash = copy
                .target
                .join("grader-runs")
                .join((index % 2).to_string());
            let building = async {
                match &narrowed {
                    Some(narrowed) => {
                        let built = grader::grade::build(
                            narrowed,
                            session.limits,
                            Some(&stash),
                            &grader::Quiet,
                        );
                        built.await.map(Some)
                    }
                    None => Ok(None),
                }
            };
            let before = pending.take();
            let running = async {
                match before {
                    Some(before) => Some(finish(session, plan, cache, before).await),
                    None => None,
                }
            };
            let (built, finished) = futures::join!(building, running);
            if let Some(report) = finished {
                bar.done(&report);
                reports.push(report);
            }
            match built {
                Ok(built) => {
                    pending = Some(Pending {
                        submission,
                        dir: dir.clone(),
                        keys,
                        fresh: narrowed.zip(built),
                    });
                }
                Err(error) => {
                    let report = failed(session, plan, dir, error);
                    bar.done(&report);
                    reports.push(report);
                }
            }
        }
        if let Some(last) = pending.take() {
            let report = finish(session, plan, cache, last).await;
            bar.done(&report);
            reports.push(report);
        }
        Ok(reports)
    })
}

/// The report of a `pending` submission: its tests run, its other sections
/// from the cache.
async fn finish(
    session: &Session,
    plan: &grader::plan::Plan,
    cache: &mut SectionCache,
    pending: Pending,
) -> Report {
    let fresh = match pending.fresh {
        Some((narrowed, built)) => {
            let run = grader::grade::run(&narrowed, built, session.limits, &grader::Quiet).await;
            // A pass against changed tests or snapshots is not a pass.
            let run = run.and_then(|mut report| {
                grader::integrity::enforce(&plan.root, &mut report)?;
                Ok(report)
            });
            match run {
                Ok(report) => Some(report),
                Err(error) => return failed(session, plan, &pending.dir, error),
            }
        }
        None => None,
    };
    let mut report = cache.assemble(&pending.keys, fresh, &plan.root);
    report.submission = Some(pending.submission);
    report
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
    let processes = grader::runner::PROCESSES.load(std::sync::atomic::Ordering::Relaxed);
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
        "Graded {} submissions in {:.1} s, {each:.1} s each: building the tests {:.1} s ({}%), \
         running them {:.1} s ({}%){overlap}, copying and the rest {:.1} s ({}%). {tests} test \
         verdicts, from {processes} test processes.",
        reports.len(),
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
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    // As people sort names: accents and case folded, numbers by value.
    submissions.sort_by(|a, b| formats::gradebook::by_name(&name(a), &name(b)));
    let roster = match &cli.roster {
        Some(path) => formats::gradebook::Roster::load(path)?,
        None => formats::gradebook::Roster::default(),
    };
    anyhow::ensure!(
        !submissions.is_empty(),
        "{} holds no submission folders",
        class.display()
    );
    let whole = submissions.len();
    if let Some(partition) = cli.partition {
        submissions.retain(|dir| partition.holds(&name(dir)));
        eprintln!(
            "Part {partition} of the class: {} of its {whole} submissions.",
            submissions.len()
        );
    }
    let class_name = class
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| class.display().to_string());
    let provenance =
        formats::gradebook::Provenance::new(&session.root, class_name.clone(), cli.partition)?;

    let mut reports = Vec::new();
    let started = std::time::Instant::now();
    let mut cache = SectionCache::default();
    // A part may hold no submission (a small class split many ways): it still
    // writes its gradebook, which `gradebook merge` expects.
    if !submissions.is_empty() {
        let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
        let plan = session.plan(&copy.root, &session.filter, Some(copy.target.clone()))?;
        let bar = progress::ClassProgress::new(submissions.len());
        if overlapping(session) {
            reports = grade_overlapping(session, &copy, &plan, &mut cache, &submissions, &bar)?;
        } else {
            for dir in &submissions {
                // One submission that cannot be graded is a row that says why; the
                // others are graded all the same.
                let report = grade_one(session, &copy, &plan, &mut cache, dir, &bar)
                    .unwrap_or_else(|error| failed(session, &plan, dir, error));
                bar.done(&report);
                reports.push(report);
            }
        }
        bar.clear();
        eprintln!("{}", time_spent(&reports, started.elapsed()));
    }
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
        &formats::gradebook::json(&reports, &provenance)?,
        &provenance.class,
        &roster,
    )?;
    let format = cli.format;
    if let Some(extension) = format.extension {
        for report in &reports {
            let name = report
                .submission
                .as_ref()
                .map_or("submission", |s| s.name.as_str());
            let text = format.render(report)?;
            formats::write_atomically(&out.join(format!("{name}.{extension}")), text.as_bytes())?;
        }
    }
    print!("{}", human::render_class(&reports, human::Style::detect()));
    eprintln!("Wrote the gradebook to {}", out.display());
    Ok(reports.iter().all(Report::all_passed))
}

/// The three files of a gradebook in `out`: the CSV and the HTML from
/// `reports`, and `json` as it is.
fn write_gradebook(
    out: &Path,
    reports: &[Report],
    json: &str,
    class: &str,
    roster: &formats::gradebook::Roster,
) -> Result<()> {
    let title = formats::gradebook::title(class);
    formats::write_atomically(
        &out.join("gradebook.csv"),
        formats::gradebook::csv(reports, roster)?.as_bytes(),
    )?;
    formats::write_atomically(
        &out.join("gradebook.html"),
        formats::gradebook::html(reports, &title, roster).as_bytes(),
    )?;
    formats::write_atomically(&out.join("gradebook.json"), json.as_bytes())
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
    let merged = formats::gradebook::merge(&texts)?;
    let roster = match roster {
        Some(path) => formats::gradebook::Roster::load(path)?,
        None => formats::gradebook::Roster::default(),
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
