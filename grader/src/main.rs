//! `cargo grade`: build and run every exercise's tests, and report progress.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

use grader::manifest::{self, Course, Side};
use grader::plan::{Filter, Plan};
use grader::runner::{Limits, Outcome, TestResult};
use grader::{Observer, human};

/// Grades the course's exercises: builds their tests once, runs each test in a
/// process of its own under a time limit, and shows what passes and what to do next.
///
/// Exit status: 0 when every graded exercise passes, 1 when some do not,
/// 2 on a usage error or when the grader itself cannot run.
#[derive(Debug, Parser)]
#[command(name = "cargo grade", bin_name = "cargo grade", version)]
struct Cli {
    /// Grade one section only: its package (`generators`), folder (`01-generators`) or number (`1`).
    #[arg(short, long, value_name = "SECTION", conflicts_with = "exercise")]
    section: Option<String>,

    /// Grade one exercise only, by name (`count_up_to`) or as `section/name`.
    #[arg(short, long, value_name = "EXERCISE")]
    exercise: Option<String>,

    /// Seconds one test may run before it is stopped and reported as timed out.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,

    /// How many tests run at once [default: the number of CPU cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// Grade the reference solutions instead of the exercises (for course authors).
    #[arg(long)]
    solutions: bool,

    /// The course's root folder [default: the nearest folder with course.toml].
    #[arg(long, value_name = "DIR")]
    course: Option<PathBuf>,
}

fn main() -> ExitCode {
    // `cargo grade` reaches us as `grader`, but a direct `cargo run -p grader -- grade` also works.
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
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Grades as `cli` says; `Ok(true)` when everything graded passes.
fn run(cli: Cli) -> Result<bool> {
    let start = match cli.course {
        Some(dir) => dir,
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    let root = manifest::find_root(&start)?;
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", root.display()))?;
    let course = Course::load(&root)?;
    let filter = match (cli.section, cli.exercise) {
        (Some(section), _) => Filter::Section(section),
        (_, Some(exercise)) => Filter::Exercise(exercise),
        _ => Filter::All,
    };
    let side = if cli.solutions {
        Side::Solutions
    } else {
        Side::Exercises
    };
    let plan = Plan::new(root, course, side, &filter)?;
    anyhow::ensure!(
        cli.timeout.is_finite() && cli.timeout > 0.0,
        "--timeout must be a positive number of seconds"
    );
    let limits = Limits {
        time: Duration::from_secs_f64(cli.timeout),
        jobs: cli
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let progress = Progress::new();
    let report = runtime.block_on(grader::grade(&plan, limits, &progress));
    progress.clear();
    let report = report?;
    print!(
        "{}",
        human::render(&report, &plan.course, human::Style::detect())
    );
    Ok(report.all_passed())
}

/// A progress bar on stderr when it is a terminal; otherwise a few plain lines.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn building(&self) {
        match &self.bar {
            Some(bar) => bar.set_message("building the exercises…"),
            None => eprintln!("Building the exercises…"),
        }
    }

    fn compiled(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("building the exercises… {name}"));
        }
    }

    fn running(&self, total: usize) {
        match &self.bar {
            Some(bar) => {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} running tests {bar:30} {pos}/{len} {msg}",
                    )
                    .expect("the template is valid"),
                );
                bar.set_length(total as u64);
                bar.set_message("");
            }
            None => eprintln!("Running {total} tests…"),
        }
    }

    fn finished(&self, result: &TestResult) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if result.outcome == Outcome::TimedOut {
                bar.println(format!(
                    "timed out: {} {}",
                    result.job.exercise, result.job.name
                ));
            }
        }
    }
}
