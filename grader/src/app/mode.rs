//! What one command line asks for, settled once: a [`Mode`], or a refusal.
//!
//! Every flag a mode would silently ignore is refused instead (exit status 2),
//! with a sentence that says why, so that a script's typo or a wrong guess
//! about a flag never reads as success. The table of which mode takes which
//! flag is [`Mode::flags`].

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::ArgMatches;
use clap::parser::ValueSource;

use grader::render::Format;

use crate::cli::{Cli, Command, GradebookAction};

/// One thing the grader does.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// `cargo grade`: this checkout, a report on standard output or in a file.
    Grade(ReportTo),
    /// `--submission DIR`: a learner's checkout, graded in a working copy.
    Submission { dir: PathBuf, report: ReportTo },
    /// `--class DIR`: every submission in DIR, and a gradebook in `folder`.
    Class {
        dir: PathBuf,
        format: Format,
        folder: PathBuf,
    },
    /// `list`: every exercise with its status.
    List,
    /// `hint EXERCISE [N] [--all]`.
    Hint { exercise: String, which: Which },
    /// `reset EXERCISE`.
    Reset { exercise: String },
    /// `watch`: the interactive loop.
    Watch { poll: bool },
    /// `export student DIR`: the learners' edition of the course.
    Export { dir: PathBuf },
    /// `gradebook merge PART.json… --output DIR`: a class's parts joined.
    Merge {
        parts: Vec<PathBuf>,
        folder: PathBuf,
        roster: Option<PathBuf>,
    },
}

/// Where a report goes and in which format.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTo {
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// Which of an exercise's hints to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The N-th, counted from 1.
    One(usize),
    All,
}

/// The flags given on the command line (not defaults), by clap id.
pub fn given(matches: &ArgMatches) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = matches
        .ids()
        .filter(|id| matches.value_source(id.as_str()) == Some(ValueSource::CommandLine))
        .map(|id| id.as_str().to_owned())
        .collect();
    // Global flags written after the subcommand live in its matches.
    if let Some((_, sub)) = matches.subcommand() {
        ids.extend(given(sub));
    }
    ids
}

/// Every flag of the command line, by clap id (the field's name).
const FLAGS: &[&str] = &[
    "section",
    "isolation",
    "exercise",
    "timeout",
    "jobs",
    "memory_limit",
    "offline",
    "fresh",
    "solutions",
    "course",
    "work_dir",
    "submission",
    "class",
    "roster",
    "partition",
    "format",
    "output",
    "exit_zero",
    "deadline",
    "dry_run",
];
/// Flags every mode takes.
const COMMON: &[&str] = &["course", "dry_run"];
/// Flags of every mode that builds and runs tests.
const RUNS: &[&str] = &[
    "timeout",
    "isolation",
    "jobs",
    "memory_limit",
    "offline",
    "fresh",
    "section",
    "exercise",
];

impl Mode {
    /// The mode `cli` asks for, or why it cannot be done; `given` names the
    /// flags written on the command line.
    pub fn new(cli: &Cli, given: &BTreeSet<String>) -> Result<Mode> {
        let report = ReportTo {
            format: cli.format,
            output: cli.output.clone(),
        };
        let mode = match (&cli.command, &cli.submission, &cli.class) {
            (Some(Command::List), _, _) => Mode::List,
            (
                Some(Command::Hint {
                    exercise,
                    number,
                    all,
                }),
                _,
                _,
            ) => Mode::Hint {
                exercise: exercise.clone(),
                which: if *all {
                    Which::All
                } else {
                    Which::One(usize::from(*number))
                },
            },
            (Some(Command::Reset { exercise }), _, _) => Mode::Reset {
                exercise: exercise.clone(),
            },
            (Some(Command::Watch { poll }), _, _) => Mode::Watch { poll: *poll },
            (Some(Command::Export { dir, .. }), _, _) => Mode::Export { dir: dir.clone() },
            (
                Some(Command::Gradebook {
                    action:
                        GradebookAction::Merge {
                            parts,
                            output,
                            roster,
                        },
                }),
                _,
                _,
            ) => Mode::Merge {
                parts: parts.clone(),
                folder: output.clone(),
                roster: roster.clone(),
            },
            (None, Some(dir), _) => Mode::Submission {
                dir: dir.clone(),
                report,
            },
            (None, None, Some(dir)) => Mode::Class {
                dir: dir.clone(),
                format: report.format,
                folder: report.output.unwrap_or_else(|| PathBuf::from("gradebook")),
            },
            (None, None, None) => Mode::Grade(report),
        };
        let (name, takes, why) = mode.flags();
        let refused = given
            .iter()
            // A subcommand's own arguments (and clap's groups) are not flags to judge.
            .filter(|id| FLAGS.contains(&id.as_str()))
            .find(|id| !COMMON.contains(&id.as_str()) && !takes.contains(&id.as_str()));
        if let Some(id) = refused {
            bail!("`{name}` does not take --{}: {why}", id.replace('_', "-"));
        }
        Ok(mode)
    }

    /// The mode's command, the flags it takes besides [`COMMON`], and why it
    /// takes no others.
    fn flags(&self) -> (&'static str, Vec<&'static str>, &'static str) {
        let with = |extra: &[&'static str]| [RUNS, extra].concat();
        match self {
            Mode::Grade(_) => (
                "cargo grade",
                with(&["solutions", "format", "output", "exit_zero", "deadline"]),
                "it grades this checkout (--work-dir goes with --submission or --class)",
            ),
            Mode::Submission { .. } => (
                "cargo grade --submission",
                with(&[
                    "submission",
                    "work_dir",
                    "format",
                    "output",
                    "exit_zero",
                    "deadline",
                ]),
                "a submission is graded as it is (--solutions grades this checkout's solutions)",
            ),
            Mode::Class { .. } => (
                "cargo grade --class",
                with(&[
                    "class",
                    "roster",
                    "partition",
                    "work_dir",
                    "format",
                    "output",
                    "exit_zero",
                ]),
                "a class is graded as its folders are (--solutions grades this checkout's solutions)",
            ),
            Mode::List => (
                "cargo grade list",
                with(&["solutions", "exit_zero"]),
                "it lists this checkout's exercises for people; for a report in a format or a \
                 file, run `cargo grade --format FORMAT --output PATH`, and grade a class or \
                 a submission without `list`",
            ),
            Mode::Hint { .. } => (
                "cargo grade hint",
                Vec::new(),
                "it shows a hint and runs nothing",
            ),
            Mode::Reset { .. } => (
                "cargo grade reset",
                Vec::new(),
                "it puts one exercise's stub back and runs nothing",
            ),
            Mode::Export { .. } => (
                "cargo grade export",
                Vec::new(),
                "it copies the course's files and runs nothing",
            ),
            Mode::Merge { .. } => (
                "cargo grade gradebook merge",
                Vec::new(),
                "it joins gradebooks already written and runs nothing (its own --output and \
                 --roster follow `merge`)",
            ),
            Mode::Watch { .. } => (
                "cargo grade watch",
                RUNS.to_vec(),
                "it is this checkout's interactive view and makes no report; grade a class or \
                 a submission, or write a report, without `watch`",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use super::*;

    fn mode(args: &[&str]) -> Result<Mode> {
        let matches = Cli::command()
            .try_get_matches_from(std::iter::once("grader").chain(args.iter().copied()))?;
        Mode::new(&Cli::from_arg_matches(&matches)?, &given(&matches))
    }

    #[test]
    fn a_subcommand_refuses_the_instructors_flags() {
        for args in [
            ["--class", "x", "list"],
            ["--class", "x", "watch"],
            ["--submission", "x", "watch"],
            ["--format", "json", "list"],
            ["--output", "a.json", "watch"],
        ] {
            let error = mode(&args).expect_err("refused").to_string();
            assert!(error.contains("does not take --"), "{args:?}: {error}");
        }
    }

    #[test]
    fn every_flag_of_the_command_line_is_judged() {
        let mut ids: Vec<String> = Cli::command()
            .get_arguments()
            .map(|arg| arg.get_id().to_string())
            .filter(|id| !matches!(id.as_str(), "help" | "version"))
            .collect();
        ids.sort();
        let mut known = FLAGS.to_vec();
        known.sort();
        assert_eq!(
            ids, known,
            "a new flag must be added to FLAGS and to Mode::flags"
        );
    }

    #[test]
    fn flags_a_mode_uses_are_accepted() {
        assert_eq!(mode(&["list", "--section", "1"]).unwrap(), Mode::List);
        assert_eq!(
            mode(&["watch", "--poll", "--timeout", "3"]).unwrap(),
            Mode::Watch { poll: true }
        );
        assert_eq!(
            mode(&["hint", "fibonacci", "2"]).unwrap(),
            Mode::Hint {
                exercise: "fibonacci".into(),
                which: Which::One(2)
            }
        );
        assert!(matches!(
            mode(&["--class", "x", "--format", "junit", "--exit-zero"]).unwrap(),
            Mode::Class { .. }
        ));
        assert!(matches!(
            mode(&["--class", "x", "--partition", "2/3"]).unwrap(),
            Mode::Class { .. }
        ));
        assert!(mode(&["--partition", "2/3"]).is_err(), "only with --class");
        assert!(mode(&["--class", "x", "--partition", "4/3"]).is_err());
        assert_eq!(
            mode(&["gradebook", "merge", "a.json", "b.json", "--output", "book"]).unwrap(),
            Mode::Merge {
                parts: vec!["a.json".into(), "b.json".into()],
                folder: "book".into(),
                roster: None,
            }
        );
        assert!(
            mode(&["gradebook", "merge", "a.json"]).is_err(),
            "--output is required"
        );
        assert!(mode(&["gradebook", "merge", "a.json", "-o", "b", "--timeout", "3"]).is_err());
        assert!(mode(&["hint", "fibonacci", "--timeout", "3"]).is_err());
        assert!(mode(&["--work-dir", "w"]).is_err());
        assert!(mode(&["hint", "fibonacci", "0"]).is_err());
    }
}
