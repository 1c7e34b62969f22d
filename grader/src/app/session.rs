//! What every mode shares: the course, and how to build and run its tests.

use crate::cli::Cli;
use anyhow::{Context, Result};
use grader::grade::deadline::Deadline;
use grader::model::course::{Course, Exercise, ExerciseId, Section, Side};
use grader::model::event::Observer;
use grader::model::plan::{Filter, Plan, Stubs};
use grader::model::report::Report;
use grader::run::runner::Limits;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The exercises a command line asks for.
pub fn filter_of(cli: &Cli) -> Filter {
    match (cli.section.as_slice(), &cli.exercise) {
        ([_, ..], _) => Filter::Sections(cli.section.clone()),
        (_, Some(exercise)) => Filter::Exercise(exercise.clone()),
        _ => Filter::All,
    }
}

/// What every mode shares: the course, and how to build and run its tests.
pub struct Session {
    pub root: PathBuf,
    pub course: Course,
    /// The limits every test runs under, once [`Session::settle`] probed
    /// the sandbox: only a mode that grades does (`hint`, `reset`, `export`
    /// and `--dry-run` start no process).
    settled: std::sync::OnceLock<Limits>,
    /// The limits before the sandbox is probed, and what is asked of it.
    unsettled: Limits,
    isolation: grader::os::Isolation,
    pub side: Side,
    pub offline: bool,
    /// Run every test, reusing no verdict of the last grade.
    pub fresh: bool,
    pub filter: Filter,
    pub work_dir: PathBuf,
    /// `--deadline`: when grading stops, and the seconds it was given as.
    pub deadline: Option<Deadline>,
}

impl Session {
    pub fn new(cli: &Cli, started: std::time::Instant) -> Result<Session> {
        let start = match &cli.run.course {
            Some(dir) => dir.clone(),
            None => std::env::current_dir().context("cannot read the current folder")?,
        };
        let root = grader::course::manifest::find_root(&start)?;
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
            confinement: grader::os::Confinement::default(),
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
            settled: std::sync::OnceLock::new(),
            unsettled: limits,
            isolation: cli.run.isolation.into(),
            filter,
            work_dir,
            deadline: cli
                .deadline
                .map(|seconds| Deadline::after(started, seconds)),
        })
    }

    /// The limits every test runs under, the sandbox probed the first time:
    /// an error when `--isolation required` cannot be met.
    pub fn settle(&self) -> Result<Limits> {
        if let Some(limits) = self.settled.get() {
            return Ok(*limits);
        }
        let limits = Limits {
            confinement: grader::os::settle(self.isolation, &self.root)?,
            ..self.unsettled
        };
        Ok(*self.settled.get_or_init(|| limits))
    }

    /// The walls that stand around each test: none before [`Session::settle`].
    pub fn confinement(&self) -> grader::os::Confinement {
        self.settled
            .get()
            .map_or_else(Default::default, |limits| limits.confinement)
    }

    /// A plan for the course at `root` (this checkout, or a working copy).
    pub fn plan(&self, root: &Path, filter: &Filter, target_dir: Option<PathBuf>) -> Result<Plan> {
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
    pub fn exercise(&self, key: &str) -> Result<(&Section, &Exercise)> {
        Ok(self.course.get(self.exercise_id(key)?))
    }

    /// The same exercise, as its place in the course.
    pub fn exercise_id(&self, key: &str) -> Result<ExerciseId> {
        let plan = self.plan(&self.root, &Filter::Exercise(key.to_owned()), None)?;
        plan.exercises
            .first()
            .copied()
            .context("the plan names the exercise")
    }

    /// Grades `plan`, showing progress on the terminal.
    pub fn grade(&self, plan: &Plan, observer: &dyn Observer) -> Result<Report> {
        grader::grade::pipeline(plan, self.settle()?, self.deadline, observer)
    }
}
