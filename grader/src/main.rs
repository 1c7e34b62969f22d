//! `cargo grade`: build and run every exercise's tests, and report progress.

mod interrupt;
mod progress;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use grader::class::SectionCache;
use grader::formats::{self, Format};
use grader::manifest::{self, Course, Side};
use grader::plan::{Filter, Plan};
use grader::report::Report;
use grader::runner::Limits;
use grader::submission::WorkingCopy;
use grader::{Observer, human};

use progress::Progress;

const AFTER_HELP: &str = "\
Exit status:
  0  every graded exercise passes
  1  some exercise fails, does not compile or times out
  2  a usage error, or the grader itself could not run
  With --exit-zero, 1 becomes 0 (for platforms that read the results file).

Examples:
  cargo grade                              your progress, and what to do next
  cargo grade --exercise fibonacci         one exercise
  cargo grade watch                        re-grade the exercise you save
  cargo grade hint count_up_to             an exercise's hint and chapter
  cargo grade --submission ../alice --format junit --output alice.xml
  cargo grade --class submissions/ --output gradebook/";

/// Grades the course's exercises: builds their tests once, runs each test in a
/// process of its own under a time limit, and shows what passes and what to do next.
#[derive(Debug, Parser)]
#[command(name = "cargo grade", bin_name = "cargo grade", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Grade one section only: its package (`generators`), folder (`01-generators`) or number (`1`).
    /// Repeat it to grade several.
    #[arg(
        short,
        long,
        value_name = "SECTION",
        conflicts_with = "exercise",
        global = true
    )]
    section: Vec<String>,

    /// Grade one exercise only, by name (`count_up_to`) or as `section/name`.
    #[arg(short, long, value_name = "EXERCISE", global = true)]
    exercise: Option<String>,

    #[command(flatten)]
    run: RunOptions,

    /// Instructors: grade the learner's checkout DIR. Only its `exercises/*/src/` files
    /// are used, in a pristine copy of the course; DIR is never modified.
    #[arg(long, value_name = "DIR", conflicts_with = "class")]
    submission: Option<PathBuf>,

    /// Instructors: grade every submission folder inside DIR, and write a gradebook
    /// (gradebook.csv, gradebook.html, gradebook.json) to --output (default: ./gradebook).
    #[arg(long, value_name = "DIR")]
    class: Option<PathBuf>,

    /// The report's format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Write the report to this file (written atomically, also when the build fails)
    /// instead of standard output; with --class, the gradebook's folder.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,

    /// Exit with status 0 when grading worked, even if exercises fail.
    #[arg(long)]
    exit_zero: bool,

    /// Say what would be graded and where the reports would go, then stop
    /// without building anything (checks a command line for a platform's script).
    #[arg(long, global = true)]
    dry_run: bool,
}

#[derive(Debug, Args)]
struct RunOptions {
    /// Seconds one test may run before it is stopped and reported as timed out.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, global = true)]
    timeout: f64,

    /// How many tests run at once [default: the number of CPU cores].
    #[arg(short, long, value_name = "N", global = true)]
    jobs: Option<usize>,

    /// Address space one test may use, in MiB, so that a test that allocates
    /// without end fails cleanly (0: no limit).
    #[arg(long, value_name = "MIB", default_value_t = 4096, global = true)]
    memory_limit: u64,

    /// Build without touching the network (every crate must already be downloaded).
    #[arg(long, global = true)]
    offline: bool,

    /// Grade the reference solutions instead of the exercises (for course authors).
    #[arg(long, global = true)]
    solutions: bool,

    /// The course's root folder [default: the nearest folder with course.toml].
    #[arg(long, value_name = "DIR", global = true)]
    course: Option<PathBuf>,

    /// Instructors: where submissions are built [default: <course>/target/grader].
    #[arg(long, value_name = "DIR", global = true)]
    work_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every exercise with its status and the file to edit.
    List,
    /// Show an exercise's hint, its chapter and the command that runs it (runs nothing).
    Hint {
        /// The exercise, by name or as `section/name`.
        exercise: String,
    },
    /// Grade, then re-grade the exercise whose file you save, until Ctrl-C.
    Watch {
        /// Look for changes every half second instead of waiting for the file
        /// system's events (for network and container file systems).
        #[arg(long)]
        poll: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// A table for people, with the next exercise to do.
    Human,
    /// The grader's own JSON (schema course-grader/report/v1).
    Json,
    /// JUnit XML: a test suite per exercise, a test case per test.
    Junit,
    /// Gradescope's results.json.
    Gradescope,
    /// Exercism's results.json, version 3.
    Exercism,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Junit => Format::Junit,
            FormatArg::Gradescope => Format::Gradescope,
            FormatArg::Exercism => Format::Exercism,
        }
    }
}

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
        return grade_class(&session, class, &cli);
    }
    let format = Format::from(cli.format);
    let graded = match &cli.submission {
        Some(submission) => grade_submission(&session, submission),
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

/// `--submission DIR`: the learner's sources in a pristine working copy.
fn grade_submission(session: &Session, dir: &Path) -> Result<Report> {
    let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
    let submission = copy.load(dir, &session.course)?;
    if !submission.ignored.is_empty() {
        eprintln!(
            "Ignored: {} changed outside exercises/*/src/:",
            submission.name
        );
        for path in &submission.ignored {
            eprintln!("  {}", path.display());
        }
    }
    let plan = session.plan(&copy.root, &session.filter, Some(copy.target.clone()))?;
    let progress = Progress::new();
    let report = session.grade(&plan, &progress);
    progress.clear();
    let mut report = report?;
    report.submission = Some(submission);
    Ok(report)
}

/// `--class DIR`: every submission in turn in one warm working copy, then a gradebook.
fn grade_class(session: &Session, class: &Path, cli: &Cli) -> Result<bool> {
    let mut submissions: Vec<PathBuf> = std::fs::read_dir(class)
        .with_context(|| format!("cannot read the class folder {}", class.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_dir()
                && !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    submissions.sort();
    anyhow::ensure!(
        !submissions.is_empty(),
        "{} holds no submission folders",
        class.display()
    );

    let copy = WorkingCopy::prepare(&session.root, &session.work_dir)?;
    let plan = session.plan(&copy.root, &session.filter, Some(copy.target.clone()))?;
    let bar = progress::ClassProgress::new(submissions.len());
    let mut reports = Vec::new();
    let mut cache = SectionCache::default();
    for dir in &submissions {
        let submission = copy.load(dir, &session.course)?;
        bar.start(&submission.name);
        let keys = SectionCache::keys(&plan)?;
        let fresh = match cache.uncached(&plan, &keys) {
            Some(narrowed) => Some(session.grade(&narrowed, &grader::Quiet)?),
            None => None,
        };
        let mut report = cache.assemble(&keys, fresh, &plan.root);
        report.submission = Some(submission);
        bar.done(&report);
        reports.push(report);
    }
    bar.clear();
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
    let class_name = class
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.file_name()?.to_string_lossy().into_owned()));
    let title = format!(
        "Gradebook: {}",
        class_name.unwrap_or_else(|| class.display().to_string())
    );
    formats::write_atomically(
        &out.join("gradebook.csv"),
        formats::gradebook::csv(&reports)?.as_bytes(),
    )?;
    formats::write_atomically(
        &out.join("gradebook.html"),
        formats::gradebook::html(&reports, &title).as_bytes(),
    )?;
    formats::write_atomically(
        &out.join("gradebook.json"),
        formats::json::render_gradebook(&reports)?.as_bytes(),
    )?;
    let format = Format::from(cli.format);
    if let Some(extension) = formats::extension(format) {
        for report in &reports {
            let name = report
                .submission
                .as_ref()
                .map_or("submission", |s| s.name.as_str());
            let text = formats::render(format, report, &session.course)?;
            formats::write_atomically(&out.join(format!("{name}.{extension}")), text.as_bytes())?;
        }
    }
    print!("{}", human::render_class(&reports, human::Style::detect()));
    eprintln!("Wrote the gradebook to {}", out.display());
    Ok(reports.iter().all(Report::all_passed))
}
