//! `cargo grade`: build and run every exercise's tests, and report progress.

mod cli;
mod deadline;
mod export;
mod instructor;
mod interrupt;
mod mode;
mod progress;
mod reset;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches};

use grader::Observer;
use grader::model::course::{self, Course, Exercise, ExerciseId, Section, Side};
use grader::model::plan::{Filter, Plan, Stubs};
use grader::model::report::Report;
use grader::render;
use grader::render::human;
use grader::run::runner::Limits;

use cli::Cli;
use mode::{Mode, ReportTo, Which};
use progress::Progress;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    interrupt::install();
    // `cargo grade` reaches us as `grader`; `cargo run -p grader -- grade` works too.
    let mut args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "grade") {
        args.remove(1);
    }
    let parsed = Cli::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Ok((Cli::from_arg_matches(&matches)?, mode::given(&matches))));
    let (cli, given) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let _ = error.print();
            if error.use_stderr() {
                // A script that named a platform's format and a file still
                // finds that file, saying what was wrong with its command line.
                let reason = anyhow::anyhow!("{}", error.render());
                write_error_document(&ErrorTo::from_args(&args), &reason);
            }
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let exit_zero = cli.exit_zero;
    let error_to = ErrorTo::from_cli(&cli);
    match run(cli, &given, started) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) if exit_zero => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            write_error_document(&error_to, &error);
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Where the document that says grading failed goes: the report's file, in
/// its format, when the command line named both (a class's `--output` is a
/// folder, where the gradebook says what failed instead).
#[derive(Debug)]
struct ErrorTo {
    format: Option<render::Format>,
    output: Option<PathBuf>,
    class: bool,
    course: Option<PathBuf>,
    filter: Filter,
}

impl ErrorTo {
    fn from_cli(cli: &Cli) -> ErrorTo {
        ErrorTo {
            format: Some(cli.format),
            output: cli.output.clone(),
            class: cli.class.is_some(),
            course: cli.run.course.clone(),
            filter: filter_of(cli),
        }
    }

    /// The same, read from a command line clap refused: `--format F`,
    /// `--format=F`, `--output P`, `--output=P`, `-o P`, `-oP`, `--course D`.
    fn from_args(args: &[std::ffi::OsString]) -> ErrorTo {
        let mut to = ErrorTo {
            format: None,
            output: None,
            class: false,
            course: None,
            filter: Filter::All,
        };
        let mut words = args
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            let (flag, inline) = match word.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_owned(), Some(value.to_owned()))
                }
                _ if word.starts_with("-o") && word.len() > 2 && !word.starts_with("--") => {
                    ("-o".to_owned(), Some(word[2..].to_owned()))
                }
                _ => (word.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| words.next());
            match flag.as_str() {
                "--format" => {
                    to.format = value()
                        .and_then(|name| render::FORMATS.iter().copied().find(|f| f.name == name))
                }
                "--output" | "-o" => to.output = value().map(PathBuf::from),
                "--course" => to.course = value().map(PathBuf::from),
                "--class" => to.class = true,
                _ => {}
            }
        }
        to
    }
}

/// Writes the error document of the format named, if the format has one and
/// a file was named; a failure to write it is said, not hidden.
fn write_error_document(to: &ErrorTo, error: &anyhow::Error) {
    let (Some(format), Some(path)) = (to.format, &to.output) else {
        return;
    };
    if to.class {
        return;
    }
    let Some(document) = format.render_error(error, max_points(to)) else {
        return;
    };
    if let Err(write) = render::write_atomically(path, document.as_bytes()) {
        eprintln!("error: {write:#}");
    }
}

/// The points the run would have been out of, as far as the course can be
/// read: the planned exercises' (the whole course's if the filter is wrong);
/// 0 when there is no course to read.
fn max_points(to: &ErrorTo) -> f64 {
    let start = match &to.course {
        Some(dir) => dir.clone(),
        None => match std::env::current_dir() {
            Ok(dir) => dir,
            Err(_) => return 0.0,
        },
    };
    let Ok(root) = course::find_root(&start) else {
        return 0.0;
    };
    let Ok(course) = Course::load(&root) else {
        return 0.0;
    };
    match Plan::new(root, course.clone(), Side::Exercises, &to.filter) {
        Ok(plan) => plan
            .exercises
            .iter()
            .map(|&id| course.get(id).1.points)
            .sum(),
        Err(_) => course.exercises().map(|(_, e)| e.points).sum(),
    }
}

/// The exercises a command line asks for.
fn filter_of(cli: &Cli) -> Filter {
    match (cli.section.as_slice(), &cli.exercise) {
        ([_, ..], _) => Filter::Sections(cli.section.clone()),
        (_, Some(exercise)) => Filter::Exercise(exercise.clone()),
        _ => Filter::All,
    }
}

/// What every mode shares: the course, and how to build and run its tests.
struct Session {
    root: PathBuf,
    course: Course,
    limits: Limits,
    side: Side,
    offline: bool,
    /// Run every test, reusing no verdict of the last grade.
    fresh: bool,
    filter: Filter,
    work_dir: PathBuf,
    /// `--deadline`: when grading stops, and the seconds it was given as.
    deadline: Option<(std::time::Instant, f64)>,
}

impl Session {
    fn new(cli: &Cli, started: std::time::Instant) -> Result<Session> {
        let start = match &cli.run.course {
            Some(dir) => dir.clone(),
            None => std::env::current_dir().context("cannot read the current folder")?,
        };
        let root = course::find_root(&start)?;
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", root.display()))?;
        let course = Course::load(&root)?;
        anyhow::ensure!(
            cli.run.timeout.is_finite() && cli.run.timeout > 0.0,
            "--timeout must be a positive number of seconds"
        );
        let limits = Limits {
            time: Duration::from_secs_f64(cli.run.timeout),
            jobs: cli
                .run
                .jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
            memory: (cli.run.memory_limit > 0).then_some(cli.run.memory_limit << 20),
            confinement: grader::os::settle(cli.run.isolation.into())?,
        };
        if let Some(seconds) = cli.deadline {
            anyhow::ensure!(
                seconds.is_finite() && seconds > 0.0,
                "--deadline must be a positive number of seconds"
            );
        }
        let filter = filter_of(cli);
        let work_dir = cli
            .run
            .work_dir
            .clone()
            .unwrap_or_else(|| root.join("target").join("grader"));
        Ok(Session {
            side: if cli.run.solutions {
                Side::Solutions
            } else {
                Side::Exercises
            },
            offline: cli.run.offline,
            fresh: cli.run.fresh,
            root,
            course,
            limits,
            filter,
            work_dir,
            deadline: cli
                .deadline
                .map(|seconds| (deadline::at(started, seconds), seconds)),
        })
    }

    /// A plan for the course at `root` (this checkout, or a working copy).
    fn plan(&self, root: &Path, filter: &Filter, target_dir: Option<PathBuf>) -> Result<Plan> {
        let mut plan = Plan::new(root.to_path_buf(), self.course.clone(), self.side, filter)?;
        plan.offline = self.offline;
        // A working copy is the grader's own: a learner's file that breaks
        // its section may be swapped there for this course's stub. The
        // learner's checkout is never written: the swap happens in a copy.
        plan.stubs = Some(match target_dir {
            Some(_) => Stubs::Pristine(self.root.clone()),
            None => Stubs::FromHistory {
                work_dir: self.work_dir.clone(),
            },
        });
        // Only the grader's working copy has a section's tests as one target.
        plan.combined_tests = target_dir.is_some();
        // A learner's checkout: the tests of unchanged executables are not run
        // again (an instructor's working copy changes with every submission).
        if target_dir.is_none() {
            plan.results_dir = Some(self.work_dir.clone());
            plan.reuse_results = !self.fresh;
        }
        plan.target_dir = target_dir;
        Ok(plan)
    }

    /// The exercise a learner named (`fibonacci` or `generators/fibonacci`);
    /// an unknown or ambiguous name is an error that lists the candidates.
    fn exercise(&self, key: &str) -> Result<(&Section, &Exercise)> {
        Ok(self.course.get(self.exercise_id(key)?))
    }

    /// The same exercise, as its place in the course.
    fn exercise_id(&self, key: &str) -> Result<ExerciseId> {
        let plan = self.plan(&self.root, &Filter::Exercise(key.to_owned()), None)?;
        plan.exercises
            .first()
            .copied()
            .context("the plan names the exercise")
    }

    /// Grades `plan`, showing progress on the terminal.
    fn grade(&self, plan: &Plan, observer: &dyn Observer) -> Result<Report> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        let mut report = match self.deadline {
            None => runtime.block_on(grader::grade(plan, self.limits, observer))?,
            Some((at, seconds)) => {
                let recorder = deadline::Recorder::new(observer);
                let left = at.saturating_duration_since(std::time::Instant::now());
                let started = std::time::Instant::now();
                let graded = runtime.block_on(async {
                    tokio::time::timeout(left, grader::grade(plan, self.limits, &recorder)).await
                });
                match graded {
                    Ok(report) => report?,
                    // The grading future is dropped: its build and tests are killed.
                    Err(_elapsed) => {
                        deadline::partial(plan, self.limits, recorder, seconds, started.elapsed())
                    }
                }
            }
        };
        // A pass against changed tests or snapshots is not a pass.
        grader::course::integrity::enforce(&plan.root, &mut report)?;
        Ok(report)
    }
}

/// Runs the mode `cli` asks for; `Ok(true)` when everything graded passes.
fn run(
    cli: Cli,
    given: &std::collections::BTreeSet<String>,
    started: std::time::Instant,
) -> Result<bool> {
    let mode = Mode::new(&cli, given)?;
    // Joining gradebooks reads only them: it needs no course (a CI job that
    // merges a class's parts may have only the grader).
    if let (
        Mode::Merge {
            parts,
            folder,
            roster,
        },
        false,
    ) = (&mode, cli.dry_run)
    {
        return instructor::merge(parts, folder, roster.as_deref());
    }
    let session = Session::new(&cli, started)?;
    if cli.dry_run {
        return dry_run(&session, &mode);
    }
    match &mode {
        Mode::Hint { exercise, which } => hint(&session, exercise, *which),
        Mode::Reset { exercise } => reset::run(&session, exercise),
        Mode::Watch { poll } => watch::run(&session, *poll),
        Mode::Export { dir } => export::student(&session.root, &session.course, dir),
        Mode::Merge {
            parts,
            folder,
            roster,
        } => instructor::merge(parts, folder, roster.as_deref()),
        Mode::Class { dir, .. } => instructor::grade_class(&session, dir, &cli),
        Mode::List => {
            let report = grade_here(&session)?;
            print!("{}", human::render_list(&report, human::Style::detect()));
            Ok(report.all_passed())
        }
        Mode::Grade(to) => report(grade_here(&session), to),
        Mode::Submission { dir, report: to } => {
            report(instructor::grade_submission(&session, dir), to)
        }
    }
}

/// Grades this checkout with a progress bar.
fn grade_here(session: &Session) -> Result<Report> {
    let plan = session.plan(&session.root, &session.filter, None)?;
    let progress = Progress::new().estimate(&plan);
    let report = session.grade(&plan, &progress);
    progress.clear();
    report
}

/// Writes a report where `to` says, in its format; `Ok(true)` when everything passed.
fn report(graded: Result<Report>, to: &ReportTo) -> Result<bool> {
    // An error reaches `main`, which writes the format's error document.
    let report = graded?;
    let human = || human::render(&report, human::Style::detect());
    let text = if to.format.is_human() {
        human()
    } else {
        to.format.render(&report)?
    };
    match &to.output {
        Some(path) => {
            render::write_atomically(path, text.as_bytes())?;
            print!("{}", human());
            eprintln!("Wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(report.all_passed())
}

/// `--dry-run`: the plan in words.
fn dry_run(session: &Session, mode: &Mode) -> Result<bool> {
    let filter = match mode {
        Mode::Hint { exercise, .. } | Mode::Reset { exercise } => {
            Filter::Exercise(exercise.clone())
        }
        _ => session.filter.clone(),
    };
    let plan = session.plan(&session.root, &filter, None)?;
    let (what, to) = match mode {
        Mode::Hint { exercise, .. } => (format!("show a hint of {exercise}"), None),
        Mode::Reset { exercise } => (format!("put the stub of {exercise} back"), None),
        Mode::Watch { poll } => (
            format!("watch for changes{}", if *poll { " (polling)" } else { "" }),
            None,
        ),
        Mode::Export { dir } => (
            format!("write the student edition to {}", dir.display()),
            None,
        ),
        Mode::Merge { parts, folder, .. } => (
            format!(
                "join {} gradebook{} into {}",
                parts.len(),
                if parts.len() == 1 { "" } else { "s" },
                folder.display()
            ),
            None,
        ),
        Mode::List => ("list the exercises".to_owned(), None),
        Mode::Submission { dir, report } => (
            format!("grade the submission {}", dir.display()),
            Some((report.format, report.output.clone())),
        ),
        Mode::Class {
            dir,
            format,
            folder,
        } => (
            format!("grade every submission in {}", dir.display()),
            Some((*format, Some(folder.clone()))),
        ),
        Mode::Grade(report) => (
            format!("grade {}", session.root.display()),
            Some((report.format, report.output.clone())),
        ),
    };
    println!("would {what}: {} exercises", plan.exercises.len());
    if let Some((format, output)) = to {
        match output {
            Some(path) => println!("would write a {} report to {}", format.name, path.display()),
            None => println!("would print a {} report", format.name),
        }
    }
    Ok(true)
}

/// `cargo grade hint EXERCISE [N | --all]`.
fn hint(session: &Session, exercise: &str, which: Which) -> Result<bool> {
    let id = session.exercise_id(exercise)?;
    let (_, entry) = session.course.get(id);
    let count = entry.hints.len();
    let shown = match which {
        Which::All => 1..=count,
        Which::One(n) if n <= count => n..=n,
        Which::One(_) => anyhow::bail!(
            "{} has {count} hint{}: `cargo grade hint {} --all` shows {}",
            entry.name,
            if count == 1 { "" } else { "s" },
            entry.name,
            if count == 1 { "it" } else { "them" }
        ),
    };
    print!(
        "{}",
        human::render_hint(&session.course, id, shown, human::Style::detect())
    );
    Ok(true)
}
