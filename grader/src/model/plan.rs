//! What to grade: which side (exercises or solutions) and which exercises.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::model::course::{Course, ExerciseId, Section, Side};

/// Which exercises a run grades.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Filter {
    All,
    /// Sections, each by package, slug or number.
    Sections(Vec<String>),
    /// An exercise, by name or as `section/name`, as a person types it.
    Exercise(String),
    /// An exercise already known by its place in the course (watch mode
    /// knows it from a saved file's path).
    Id(ExerciseId),
}

/// A run of the grader, settled before anything is built.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The course root: the folder with `course.toml`.
    pub root: PathBuf,
    pub course: Course,
    pub side: Side,
    /// The exercises to grade, in course order.
    pub exercises: Vec<ExerciseId>,
    /// Where cargo builds: its default (the course's `target/`) when `None`.
    pub target_dir: Option<PathBuf>,
    /// Build with `--offline`: never touch the network.
    pub offline: bool,
    /// `target_dir` is another checkout's of this course too (a working
    /// copy built in the learner's target folder): this one's own packages
    /// are built under names of their own, the dependencies shared.
    pub shared_target: bool,
    /// Where the stub comes from that stands in for a learner's file that
    /// breaks its section's build, so that the file costs only its exercise;
    /// `None`: such a file costs its whole section.
    pub stubs: Option<Stubs>,
    /// Build each section's tests as one executable ([`crate::build::combined`]),
    /// set only for the grader's own working copy, which has that target.
    pub combined_tests: bool,
    /// Where a learner's grades keep their verdicts ([`crate::run::reuse`]), to
    /// run again only the tests whose executable changed; `None`: nothing kept.
    pub results_dir: Option<PathBuf>,
    /// Whether kept verdicts stand in for running unchanged tests (`false`:
    /// every test runs, and what it gives is kept for the next grade).
    pub reuse_results: bool,
}

/// Where a stand-in for a learner's broken file comes from, and where it stands.
#[derive(Debug, Clone)]
pub enum Stubs {
    /// `root` is the grader's own working copy, and this course root's stubs
    /// are pristine: the stub is swapped in there, in place.
    Pristine(PathBuf),
    /// `root` is the learner's own checkout, which is never written: the
    /// stub, from the course's git history, is swapped in in a working copy
    /// of the checkout made in this folder.
    FromHistory { work_dir: PathBuf },
}

impl Plan {
    /// Chooses the exercises `filter` names; an unknown name is an error that
    /// lists the names there are.
    pub fn new(root: PathBuf, course: Course, side: Side, filter: &Filter) -> Result<Plan> {
        let exercises = select(&course, filter)?;
        Ok(Plan {
            root,
            course,
            side,
            exercises,
            target_dir: None,
            offline: false,
            shared_target: false,
            stubs: None,
            combined_tests: false,
            results_dir: None,
            reuse_results: false,
        })
    }

    /// The sections with at least one exercise in the plan, in course order,
    /// each with its index in the course.
    pub fn sections(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.course
            .sections
            .iter()
            .enumerate()
            .filter(|(index, _)| self.exercises.iter().any(|id| id.section == *index))
    }

    /// The index of the planned section whose package has this `Cargo.toml`.
    pub fn section_of(&self, manifest_path: &Path) -> Option<usize> {
        self.sections()
            .find(|(_, section)| {
                manifest_path.ends_with(section.dir_on(self.side).join("Cargo.toml"))
            })
            .map(|(index, _)| index)
    }

    /// The folder a section's tests run in, as `cargo test` would run them.
    pub fn package_dir(&self, section: &Section) -> PathBuf {
        self.root.join(section.dir_on(self.side))
    }
}

/// The name among `known` that `typed` most likely misspells: at most two
/// edits away (a letter left out, doubled, swapped or wrong), or a third of
/// its length for a long name, and nearer than any other.
fn did_you_mean<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let mut by_distance: Vec<(usize, &str)> = known
        .iter()
        .map(|name| (strsim::damerau_levenshtein(&typed, name), *name))
        .collect();
    by_distance.sort();
    let limit = (typed.chars().count() / 3).max(2);
    match by_distance.as_slice() {
        [(best, name), (second, _), ..] if *best <= limit && best < second => Some(name),
        [(best, name)] if *best <= limit => Some(name),
        _ => None,
    }
}

/// The exercises `filter` names, in course order.
fn select(course: &Course, filter: &Filter) -> Result<Vec<ExerciseId>> {
    match filter {
        Filter::All => Ok(course.ids().collect()),
        Filter::Sections(keys) => {
            let mut chosen = Vec::new();
            for key in keys {
                let Some(index) = course.section_index(key) else {
                    let known: Vec<_> =
                        course.sections.iter().map(|s| s.package.as_str()).collect();
                    match did_you_mean(key, &known) {
                        Some(near) => bail!("there is no section {key:?}; did you mean {near:?}?"),
                        None => bail!(
                            "there is no section {key:?}; the sections are: {}",
                            known.join(", ")
                        ),
                    }
                };
                chosen.push(index);
            }
            Ok(course
                .ids()
                .filter(|id| chosen.contains(&id.section))
                .collect())
        }
        Filter::Id(id) => Ok(vec![*id]),
        Filter::Exercise(key) => {
            let (section_key, name) = match key.split_once('/') {
                Some((section, name)) => (Some(section), name),
                None => (None, key.as_str()),
            };
            let matches: Vec<_> = course
                .ids()
                .filter(|id| {
                    let (_, exercise) = course.get(*id);
                    exercise.name == name
                        && section_key.is_none_or(|k| course.section_index(k) == Some(id.section))
                })
                .collect();
            match matches.len() {
                0 => {
                    let known: Vec<_> = course.exercises().map(|(_, e)| e.name.as_str()).collect();
                    match did_you_mean(name, &known) {
                        Some(near) => bail!("there is no exercise {key:?}; did you mean {near:?}?"),
                        None => bail!(
                            "there is no exercise {key:?}; the exercises are: {}",
                            known.join(", ")
                        ),
                    }
                }
                1 => Ok(matches),
                _ => {
                    let candidates: Vec<String> = matches
                        .iter()
                        .map(|id| format!("{}/{name}", course.get(*id).0.package))
                        .collect();
                    bail!(
                        "{name:?} names an exercise in more than one section: write one of {}",
                        candidates.join(", ")
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    const NAMES: [&str; 4] = ["count_up_to", "fibonacci", "from_fn", "collatz"];

    #[test]
    fn a_misspelt_name_gets_the_name_it_misspells() {
        assert_eq!(did_you_mean("fibonaci", &NAMES), Some("fibonacci"));
        assert_eq!(did_you_mean("Fibonnacci", &NAMES), Some("fibonacci"));
        assert_eq!(did_you_mean("count_upto", &NAMES), Some("count_up_to"));
        assert_eq!(did_you_mean("colatz", &NAMES), Some("collatz"));
    }

    #[test]
    fn a_name_far_from_every_exercise_gets_no_guess() {
        assert_eq!(did_you_mean("no_such_exercise", &NAMES), None);
        assert_eq!(did_you_mean("fn", &NAMES), None);
    }
}
