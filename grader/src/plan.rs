//! What to grade: which side (exercises or solutions) and which exercises.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::manifest::{Course, Section, Side};

/// Which exercises a run grades.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Filter {
    All,
    /// Sections, each by package, slug or number.
    Sections(Vec<String>),
    /// An exercise, by name or as `section/name`.
    Exercise(String),
}

/// A run of the grader, settled before anything is built.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The course root: the folder with `course.toml`.
    pub root: PathBuf,
    pub course: Course,
    pub side: Side,
    /// The exercises to grade, as (section slug, exercise name), in course order.
    pub exercises: Vec<(String, String)>,
    /// Where cargo builds: its default (the course's `target/`) when `None`.
    pub target_dir: Option<PathBuf>,
    /// Build with `--offline`: never touch the network.
    pub offline: bool,
}

impl Plan {
    /// Chooses the exercises `filter` names; an unknown name is an error that
    /// lists the names there are.
    pub fn new(root: PathBuf, course: Course, side: Side, filter: &Filter) -> Result<Plan> {
        let all = || {
            course
                .exercises()
                .map(|(s, e)| (s.slug.clone(), e.name.clone()))
        };
        let exercises: Vec<_> = match filter {
            Filter::All => all().collect(),
            Filter::Sections(keys) => {
                let mut slugs = Vec::new();
                for key in keys {
                    let Some(section) = course.section(key) else {
                        let known: Vec<_> =
                            course.sections.iter().map(|s| s.package.as_str()).collect();
                        bail!(
                            "there is no section {key:?}; the sections are: {}",
                            known.join(", ")
                        );
                    };
                    slugs.push(section.slug.clone());
                }
                all().filter(|(slug, _)| slugs.contains(slug)).collect()
            }
            Filter::Exercise(key) => {
                let (section_key, name) = match key.split_once('/') {
                    Some((section, name)) => (Some(section), name),
                    None => (None, key.as_str()),
                };
                let matches: Vec<_> = course
                    .exercises()
                    .filter(|(s, e)| {
                        e.name == name
                            && section_key
                                .is_none_or(|k| course.section(k).is_some_and(|c| c.slug == s.slug))
                    })
                    .map(|(s, e)| (s.slug.clone(), e.name.clone()))
                    .collect();
                match matches.len() {
                    0 => {
                        let known: Vec<_> =
                            course.exercises().map(|(_, e)| e.name.as_str()).collect();
                        bail!(
                            "there is no exercise {key:?}; the exercises are: {}",
                            known.join(", ")
                        )
                    }
                    1 => matches,
                    _ => {
                        let candidates: Vec<String> = matches
                            .iter()
                            .filter_map(|(slug, _)| course.section(slug))
                            .map(|s| format!("{}/{name}", s.package))
                            .collect();
                        bail!(
                            "{name:?} names an exercise in more than one section: write one of {}",
                            candidates.join(", ")
                        )
                    }
                }
            }
        };
        Ok(Plan {
            root,
            course,
            side,
            exercises,
            target_dir: None,
            offline: false,
        })
    }

    /// The sections with at least one exercise in the plan, in course order.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.course
            .sections
            .iter()
            .filter(|section| self.exercises.iter().any(|(slug, _)| *slug == section.slug))
    }

    /// The slug of the planned section whose package has this `Cargo.toml`.
    pub fn slug_of(&self, manifest_path: &Path) -> Option<String> {
        self.sections()
            .find(|section| manifest_path.ends_with(section.dir_on(self.side).join("Cargo.toml")))
            .map(|section| section.slug.clone())
    }

    /// The folder a section's tests run in, as `cargo test` would run them.
    pub fn package_dir(&self, slug: &str) -> PathBuf {
        self.root.join(self.side.dir()).join(slug)
    }
}
