//! `cargo grade`, the app: the command line ([`cli`], [`mode`]), what every
//! mode shares ([`session`]), the progress bar ([`progress`]), watch mode
//! ([`watch`]), instructors' commands ([`instructor`], [`export`]), `hint`
//! and `reset`. It is the binary, on top of the library's stages.
//!
//! May import: every stage of the library (`model`, `course`, `build`,
//! `run`, `intake`, `grade`, `render`, `os`), by its path, never the crate
//! root's re-exports.

mod cli;
mod export;
mod instructor;
mod interrupt;
mod mode;
mod progress;
mod reset;
mod session;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches};

use grader::model::course::{Course, Side};
use grader::model::plan::{Filter, Plan};
use grader::model::report::Report;
use grader::render;
use grader::render::human;

use cli::Cli;
use mode::{Mode, ReportTo, Which};
use progress::Progress;
use session::{Session, filter_of};

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
    if let Err(write) = grader::os::write_atomically(path, document.as_bytes()) {
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
    let Ok(root) = grader::course::manifest::find_root(&start) else {
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
    // A mode that runs tests probes the sandbox first, so that `--isolation
    // required` refuses before anything else is read; the others never do.
    if !matches!(
        mode,
        Mode::Hint { .. } | Mode::Reset { .. } | Mode::Export { .. } | Mode::Merge { .. }
    ) {
        session.settle()?;
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
            grader::os::write_atomically(path, text.as_bytes())?;
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
