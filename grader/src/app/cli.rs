//! The command line: every flag and subcommand, with the help text they show.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use grader::render::Format;

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
  cargo grade hint count_up_to             an exercise's first hint and chapter
  cargo grade hint count_up_to 2           its second hint (--all: every hint)
  cargo grade reset count_up_to            the exercise's stub back, your file kept as a backup
  cargo grade --submission ../alice --format junit --output alice.xml
  cargo grade --class submissions/ --output gradebook/
  cargo grade --class submissions/ --partition 2/3 --output part2/   one machine's third
  cargo grade gradebook merge part*/gradebook.json --output gradebook/
  cargo grade export student ../course-student   the repository learners get";

/// Grades the course's exercises: builds their tests once, runs each test in a
/// process of its own under a time limit, and shows what passes and what to do next.
#[derive(Debug, Parser)]
#[command(name = "cargo grade", bin_name = "cargo grade", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Grade one section only: its package (`generators`), folder (`01-generators`) or number (`1`).
    /// Repeat it to grade several.
    #[arg(
        short,
        long,
        value_name = "SECTION",
        conflicts_with = "exercise",
        global = true
    )]
    pub section: Vec<String>,

    /// Grade one exercise only, by name (`count_up_to`) or as `section/name`.
    #[arg(short, long, value_name = "EXERCISE", global = true)]
    pub exercise: Option<String>,

    #[command(flatten)]
    pub run: RunOptions,

    /// Instructors: grade the learner's checkout DIR. Only its `exercises/*/src/` files
    /// are used, in a pristine copy of the course; DIR is never modified.
    #[arg(long, value_name = "DIR", conflicts_with = "class")]
    pub submission: Option<PathBuf>,

    /// Instructors: grade every submission folder inside DIR, and write a gradebook
    /// (gradebook.csv, gradebook.html, gradebook.json) to --output (default: ./gradebook).
    #[arg(long, value_name = "DIR")]
    pub class: Option<PathBuf>,

    /// Instructors, with --class: grade only part K of N of the class, for a class
    /// split across machines (a CI matrix); a submission's part depends on its
    /// folder's name alone. Join the parts' gradebook.json with `gradebook merge`.
    #[arg(long, value_name = "K/N", requires = "class")]
    pub partition: Option<grader::intake::class::Partition>,

    /// Instructors, with --class: a CSV with the columns `submission` (a folder's
    /// name), `id` and `email`, so that the gradebook joins with an LMS's roster.
    #[arg(long, value_name = "FILE", requires = "class")]
    pub roster: Option<PathBuf>,

    /// The report's format.
    #[arg(long, value_enum, default_value = Format::HUMAN.name)]
    pub format: Format,

    /// Write the report to this file (written atomically, also when the build fails)
    /// instead of standard output; with --class, the gradebook's folder.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Exit with status 0 when grading worked, even if exercises fail.
    #[arg(long)]
    pub exit_zero: bool,

    /// Stop grading SECONDS after the grader started, and write the report with
    /// what finished, every other test marked not graded: set it a little under
    /// a platform's own limit (Gradescope's, a CI job's), so that a class of hangs
    /// still leaves a results file.
    #[arg(long, value_name = "SECONDS")]
    pub deadline: Option<f64>,

    /// Say what would be graded and where the reports would go, then stop
    /// without building anything (checks a command line for a platform's script).
    #[arg(long, global = true)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RunOptions {
    /// Seconds one test may run before it is stopped and reported as timed out.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, global = true)]
    pub timeout: f64,

    /// How many tests run at once [default: the number of CPU cores].
    #[arg(short, long, value_name = "N", global = true)]
    pub jobs: Option<usize>,

    /// Address space one test may use, in MiB, so that a test that allocates
    /// without end fails cleanly (0: no limit).
    #[arg(long, value_name = "MIB", default_value_t = 4096, global = true)]
    pub memory_limit: u64,

    /// How each test process is confined: `auto` confines it as far as this
    /// system allows and says what was not; `required` refuses to grade
    /// without every wall (files, network, processes); `off` confines nothing.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = IsolationArg::Auto, global = true)]
    pub isolation: IsolationArg,

    /// Build without touching the network (every crate must already be downloaded).
    #[arg(long, global = true)]
    pub offline: bool,

    /// Run every test again, even those of exercises whose test executable
    /// did not change since the last grade (whose verdicts are otherwise kept).
    #[arg(long, global = true)]
    pub fresh: bool,

    /// Grade the reference solutions instead of the exercises (for course authors).
    #[arg(long, global = true)]
    pub solutions: bool,

    /// The course's root folder [default: the nearest folder with course.toml].
    #[arg(long, value_name = "DIR", global = true)]
    pub course: Option<PathBuf>,

    /// Instructors: where submissions are built [default: <course>/target/grader].
    #[arg(long, value_name = "DIR", global = true)]
    pub work_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every exercise with its status and the file to edit.
    List,
    /// Show an exercise's hint, its chapter and the command that runs it (runs nothing).
    /// Hints go from a nudge to a near-answer: ask for the next one only when stuck.
    Hint {
        /// The exercise, by name or as `section/name`.
        #[arg(id = "hint_exercise", value_name = "EXERCISE")]
        exercise: String,
        /// Which hint: 1 is the first and least specific.
        #[arg(value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        number: u16,
        /// Show every hint at once.
        #[arg(long, conflicts_with = "number")]
        all: bool,
    },
    /// Put an exercise's stub back (from the course's git history); your file is
    /// kept beside it as `<exercise>.rs.bak`.
    Reset {
        /// The exercise, by name or as `section/name`.
        #[arg(id = "reset_exercise", value_name = "EXERCISE")]
        exercise: String,
    },
    /// A full-screen view of the exercise to do: save its file and it is graded
    /// again; keys for a hint, the next exercise, a list, a reset and the solution.
    /// Without a terminal, plain lines instead.
    Watch {
        /// Look for changes every half second instead of waiting for the file
        /// system's events (for network and container file systems).
        #[arg(long)]
        poll: bool,
    },
    /// Instructors: work with gradebooks that `--class` wrote.
    Gradebook {
        #[command(subcommand)]
        action: GradebookAction,
    },
    /// Instructors: write an edition of the course to a new folder. `student`:
    /// the repository learners get (a Classroom template, say), without the
    /// solutions, the mistakes catalogue or the checks that need them.
    Export {
        /// Which edition.
        #[arg(value_enum)]
        edition: Edition,
        /// The folder to write it to: new, or empty.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// What `cargo grade gradebook` does.
#[derive(Debug, Subcommand)]
pub enum GradebookAction {
    /// Join the gradebook.json of a class's parts (`--class DIR --partition K/N`
    /// on N machines) into the gradebook of the whole class: gradebook.csv,
    /// gradebook.html and gradebook.json. Parts that overlap, that miss one of
    /// the N, or that were graded against different versions of the course are refused.
    Merge {
        /// Each part's gradebook.json.
        #[arg(value_name = "PART.json", required = true)]
        parts: Vec<PathBuf>,
        /// The folder to write the class's gradebook to.
        #[arg(id = "merge_output", short, long = "output", value_name = "DIR")]
        output: PathBuf,
        /// A CSV with the columns `submission`, `id` and `email`, as for --class.
        #[arg(id = "merge_roster", long = "roster", value_name = "FILE")]
        roster: Option<PathBuf>,
    },
}

/// An edition of the course that `cargo grade export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Edition {
    /// What learners get: exercises, tests, book, grader; no answers.
    Student,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IsolationArg {
    Off,
    Auto,
    Required,
}

impl From<IsolationArg> for grader::os::Isolation {
    fn from(isolation: IsolationArg) -> Self {
        match isolation {
            IsolationArg::Off => Self::Off,
            IsolationArg::Auto => Self::Auto,
            IsolationArg::Required => Self::Required,
        }
    }
}
