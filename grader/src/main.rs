//! `cargo grade`: build and run every exercise's tests, and report progress.

mod cli;
mod instructor;
mod interrupt;
mod progress;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;

use grader::formats::{self, Format};
use grader::manifest::{self, Course, Side};
use grader::plan::{Filter, Plan};
use grader::report::Report;
use grader::runner::Limits;
use grader::{Observer, human};

use cli::{Cli, Command};
use progress::Progress;

fn main() -> ExitCode {
    interrupt::install();
    // `cargo grade` reaches us as `grader`; `cargo run -p grader -- grade` works too.
    let mut args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "grade") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let exit_zero = cli.exit_zero;
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) if exit_zero => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// What every mode shares: the course, and how to build and run its tests.
struct Session {
    root: PathBuf,
    course: Course,
    limits: Limits,
    side: Side,
    offline: bool,
    filter: Filter,
    work_dir: PathBuf,
}

impl Session {
    fn new(cli: &Cli) -> Result<Session> {
        let start = match &cli.run.course {
            Some(dir) => dir.clone(),
            None => std::env::current_dir().context("cannot read the current folder")?,
        };
        let root = manifest::find_root(&start)?;
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
            confinement: grader::sandbox::settle(cli.run.isolation.into())?,
        };
        let filter = match (cli.section.as_slice(), &cli.exercise) {
            ([_, ..], _) => Filter::Sections(cli.section.clone()),
            (_, Some(exercise)) => Filter::Exercise(exercise.clone()),
            _ => Filter::All,
        };
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
            root,
            course,
            limits,
            filter,
            work_dir,
        })
    }

    /// A plan for the course at `root` (this checkout, or a working copy).
    fn plan(&self, root: &Path, filter: &Filter, target_dir: Option<PathBuf>) -> Result<Plan> {
        let mut plan = Plan::new(root.to_path_buf(), self.course.clone(), self.side, filter)?;
        plan.offline = self.offline;
        plan.target_dir = target_dir;
        Ok(plan)
    }

    /// Grades `plan`, showing progress on the terminal.
    fn grade(&self, plan: &Plan, observer: &dyn Observer) -> Result<Report> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        runtime.block_on(grader::grade(plan, self.limits, observer))
    }
}

/// Runs the mode `cli` asks for; `Ok(true)` when everything graded passes.
fn run(cli: Cli) -> Result<bool> {
    let session = Session::new(&cli)?;
    if cli.dry_run {
        return dry_run(&session, &cli);
    }
    match &cli.command {
        Some(Command::Hint { exercise }) => return hint(&session, exercise),
        Some(Command::Watch { poll }) => return watch::run(&session, *poll),
        Some(Command::List) | None => {}
    }
    if let Some(class) = &cli.class {
        return instructor::grade_class(&session, class, &cli);
    }
    let format = Format::from(cli.format);
    let graded = match &cli.submission {
        Some(submission) => instructor::grade_submission(&session, submission),
        None => session
            .plan(&session.root, &session.filter, None)
            .and_then(|plan| {
                let progress = Progress::new();
                let report = session.grade(&plan, &progress);
                progress.clear();
                report
            }),
    };
    let report = match graded {
        Ok(report) => report,
        Err(error) => {
            // A platform reading --output must find a file that says what went wrong.
            if let (Some(path), Some(document)) =
                (&cli.output, formats::render_error(format, &error))
            {
                formats::write_atomically(path, document.as_bytes())?;
            }
            return Err(error);
        }
    };
    if matches!(cli.command, Some(Command::List)) {
        print!(
            "{}",
            human::render_list(&report, &session.course, human::Style::detect())
        );
        return Ok(report.all_passed());
    }
    let text = match format {
        Format::Human => human::render(&report, &session.course, human::Style::detect()),
        other => formats::render(other, &report, &session.course)?,
    };
    match &cli.output {
        Some(path) => {
            formats::write_atomically(path, text.as_bytes())?;
            print!(
                "{}",
                human::render(&report, &session.course, human::Style::detect())
            );
            eprintln!("Wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(report.all_passed())
}

/// `--dry-run`: the plan in words.
fn dry_run(session: &Session, cli: &Cli) -> Result<bool> {
    let plan = session.plan(&session.root, &session.filter, None)?;
    let mode = match (&cli.command, &cli.submission, &cli.class) {
        (Some(Command::Hint { exercise }), _, _) => format!("show the hint of {exercise}"),
        (Some(Command::Watch { poll }), _, _) => {
            format!("watch for changes{}", if *poll { " (polling)" } else { "" })
        }
        (Some(Command::List), _, _) => "list the exercises".to_owned(),
        (None, Some(dir), _) => format!("grade the submission {}", dir.display()),
        (None, _, Some(dir)) => format!("grade every submission in {}", dir.display()),
        (None, None, None) => format!("grade {}", session.root.display()),
    };
    println!(
        "would {mode}: {} exercises, {:?} format",
        plan.exercises.len(),
        cli.format
    );
    if let Some(path) = &cli.output {
        println!("would write {}", path.display());
    }
    Ok(true)
}

/// `cargo grade hint EXERCISE`.
fn hint(session: &Session, exercise: &str) -> Result<bool> {
    let plan = session.plan(&session.root, &Filter::Exercise(exercise.to_owned()), None)?;
    let (slug, name) = &plan.exercises[0];
    let section = session
        .course
        .section(slug)
        .context("the exercise's section")?;
    let entry = section.exercise(name).context("the exercise")?;
    print!(
        "{}",
        human::render_hint(section, entry, &session.course, human::Style::detect())
    );
    Ok(true)
}
