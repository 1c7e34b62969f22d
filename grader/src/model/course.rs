//! The course manifest, `course.toml`: the one ordered list of sections and
//! exercises, with each exercise's hints and chapter; an exercise's identity
//! in it ([`ExerciseId`]); and the one classifier of the course's paths
//! ([`Course::role_of`], [`is_learner_file`]). `crate::course::manifest`
//! reads it.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde::Deserialize;

/// The manifest's file name, at the root of the course.
pub const FILE_NAME: &str = "course.toml";

/// The whole course, in the order a learner works through it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

/// One section of the post: one exercise package and one solution package.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The folder under `exercises/` and `solutions/`, e.g. `01-generators`.
    pub slug: String,
    /// The exercise package's name, e.g. `generators`.
    pub package: String,
    pub title: String,
    #[serde(rename = "exercise")]
    pub exercises: Vec<Exercise>,
}

/// One exercise: a stub in `src/<name>.rs`, its tests in `tests/<name>.rs`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub name: String,
    pub title: String,
    /// A page of `book/src/` and a heading's anchor: `01-generators.md#an-iterator`.
    pub chapter: String,
    /// Nudges, least specific first. The first is shown when this is the
    /// exercise to do next; each later one only when the learner asks again.
    pub hints: Vec<String>,
    /// What the exercise is worth in an instructor's gradebook, shared equally by its tests.
    #[serde(default = "one_point")]
    pub points: f64,
}

fn one_point() -> f64 {
    1.0
}

/// Which of a section's two packages to build and test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The learner's stubs in `exercises/`.
    Exercises,
    /// The reference solutions in `solutions/`, for course authors.
    Solutions,
}

impl Side {
    /// The top-level folder that holds this side's packages.
    pub fn dir(self) -> &'static str {
        match self {
            Side::Exercises => "exercises",
            Side::Solutions => "solutions",
        }
    }
}

impl Course {
    /// Names must be unique: a section by slug and package, an exercise within its section.
    pub fn check(&self) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        for section in &self.sections {
            for key in [&section.slug, &section.package] {
                if !seen.insert(key.clone()) {
                    bail!("course.toml names the section {key:?} twice");
                }
            }
            let mut names = std::collections::HashSet::new();
            for exercise in &section.exercises {
                if !names.insert(&exercise.name) {
                    bail!(
                        "course.toml names the exercise {}/{} twice",
                        section.slug,
                        exercise.name
                    );
                }
                if exercise.hints.iter().all(|hint| hint.trim().is_empty()) {
                    bail!(
                        "course.toml gives the exercise {}/{} no hint",
                        section.slug,
                        exercise.name
                    );
                }
            }
        }
        Ok(())
    }

    /// Every exercise with its section, in course order.
    pub fn exercises(&self) -> impl Iterator<Item = (&Section, &Exercise)> {
        self.sections.iter().flat_map(|section| {
            section
                .exercises
                .iter()
                .map(move |exercise| (section, exercise))
        })
    }

    /// The section named by its package, its slug or its number (`1`, `01`).
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.section_index(key).map(|index| &self.sections[index])
    }

    /// The index of the section named by its package, its slug or its number.
    pub fn section_index(&self, key: &str) -> Option<usize> {
        let number: Option<usize> = key.parse().ok();
        self.sections
            .iter()
            .enumerate()
            .position(|(index, section)| {
                section.package == key || section.slug == key || number == Some(index + 1)
            })
    }
}

impl Section {
    /// The section's 1-based position in the course.
    pub fn number(&self, course: &Course) -> usize {
        course
            .sections
            .iter()
            .position(|s| s.slug == self.slug)
            .map_or(0, |i| i + 1)
    }

    /// The package to build on `side`: `generators` or `generators-solution`.
    pub fn package_on(&self, side: Side) -> String {
        match side {
            Side::Exercises => self.package.clone(),
            Side::Solutions => format!("{}-solution", self.package),
        }
    }

    /// The package's folder on `side`, relative to the course root.
    pub fn dir_on(&self, side: Side) -> PathBuf {
        Path::new(side.dir()).join(&self.slug)
    }

    /// The exercise named `name`, if the section has one.
    pub fn exercise(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }
}

impl Exercise {
    /// The first hint: a nudge towards the idea, never the code.
    pub fn hint(&self) -> &str {
        self.hints.first().map_or("", String::as_str)
    }

    /// The file a learner edits, relative to the course root.
    pub fn stub_path(&self, section: &Section) -> PathBuf {
        section
            .dir_on(Side::Exercises)
            .join("src")
            .join(format!("{}.rs", self.name))
    }

    /// The exercise's test file, relative to the course root.
    pub fn test_path(&self, section: &Section) -> PathBuf {
        section
            .dir_on(Side::Exercises)
            .join("tests")
            .join(format!("{}.rs", self.name))
    }

    /// The course's solution of the exercise, relative to the course root.
    pub fn solution_path(&self, section: &Section) -> PathBuf {
        section
            .dir_on(Side::Solutions)
            .join("src")
            .join(format!("{}.rs", self.name))
    }

    /// The chapter's page, without the anchor: `01-generators.md`.
    pub fn chapter_page(&self) -> &str {
        self.chapter.split('#').next().unwrap_or(&self.chapter)
    }

    /// The command that runs this exercise's tests alone.
    pub fn command(&self, section: &Section) -> String {
        format!("cargo test -p {} --test {}", section.package, self.name)
    }
}

/// An exercise's identity: its place in the course, by the index of its
/// section and its index within that section, both from 0. Plans, builds and
/// reports name exercises by it, and look the course up with [`Course::get`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExerciseId {
    pub section: usize,
    pub exercise: usize,
}

impl ExerciseId {
    /// Its number as a learner reads it: `1.3` is the third exercise of section 1.
    /// The one place exercise numbers are made.
    pub fn number(self) -> String {
        format!("{}.{}", self.section + 1, self.exercise + 1)
    }
}

/// What a file is to the grader, by where it lies in the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// An exercise's own stub, `exercises/<section>/src/<exercise>.rs`.
    Stub(ExerciseId),
    /// Any other file of an exercise package's `src/` (`lib.rs`, a module),
    /// shared by its section's exercises: the section's index.
    SectionSource(usize),
    /// An exercise's test file, `exercises/<section>/tests/<exercise>.rs`.
    Test(ExerciseId),
    /// An exercise's solution, `solutions/<section>/src/<exercise>.rs`.
    Solution(ExerciseId),
    /// An exercise's insta snapshot: a file below
    /// `exercises/<section>/tests/snapshots/` named `<exercise>__…` (insta
    /// names a snapshot after its test file).
    Snapshot(ExerciseId),
    /// Any other file of a section's package, which all its exercises' tests
    /// build with: its `Cargo.toml`, a helper in a folder below `tests/`.
    SectionFile(usize),
    /// A path below `exercises/` that no exercise of the course owns: a test
    /// file or a snapshot of no exercise, a package the manifest lacks.
    Stray,
    /// Anything outside `exercises/`: the workspace's Cargo files, the test
    /// helpers, the book, the grader (and what of `solutions/` is not a
    /// solution).
    Other,
}

/// Whether `path`, relative to a course root, is a file a learner edits:
/// anything below `exercises/<folder>/src/`, for any folder. It reads the path
/// only, so it needs no manifest (and holds for a section the course lacks).
pub fn is_learner_file(path: &Path) -> bool {
    let mut parts = path.components().map(|c| c.as_os_str());
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(top), Some(_), Some(src), Some(_)) if top == "exercises" && src == "src"
    )
}

impl Course {
    /// Every exercise's identity, in course order.
    pub fn ids(&self) -> impl Iterator<Item = ExerciseId> + '_ {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            (0..section.exercises.len()).map(move |e| ExerciseId {
                section: s,
                exercise: e,
            })
        })
    }

    /// The section and the manifest entry of the exercise `id`.
    ///
    /// # Panics
    /// If `id` is not of this course: ids come from [`Course::ids`] only.
    pub fn get(&self, id: ExerciseId) -> (&Section, &Exercise) {
        let section = &self.sections[id.section];
        (section, &section.exercises[id.exercise])
    }

    /// The 1-based position of the exercise `id` in the whole course.
    pub fn position(&self, id: ExerciseId) -> usize {
        let before: usize = self.sections[..id.section]
            .iter()
            .map(|s| s.exercises.len())
            .sum();
        before + id.exercise + 1
    }

    /// The one classifier of paths: what `path`, relative to the course root,
    /// is to the grader. Watching, submissions and compile errors all ask it.
    pub fn role_of(&self, path: &Path) -> FileRole {
        let mut parts = path.iter();
        let (side, folder, part) = (parts.next(), parts.next(), parts.next());
        let rest = parts.as_path();
        let in_exercises = side.is_some_and(|side| side == "exercises");
        let Some(section) =
            folder.and_then(|folder| self.sections.iter().position(|s| *s.slug == *folder))
        else {
            return if in_exercises {
                FileRole::Stray
            } else {
                FileRole::Other
            };
        };
        let exercise_named = |name: &std::ffi::OsStr| {
            let exercise = self.sections[section]
                .exercises
                .iter()
                .position(|e| *e.name == *name)?;
            Some(ExerciseId { section, exercise })
        };
        // Only a file right inside `src/` or `tests/` is an exercise's own.
        let own = || {
            let top_level = rest.parent() == Some(Path::new(""));
            let is_rust = rest.extension().is_some_and(|ext| ext == "rs");
            let id = exercise_named(rest.file_stem()?)?;
            (top_level && is_rust).then_some(id)
        };
        // insta names a snapshot `<test file>__<test>`, in any folder below
        // `snapshots/`: the test file is the exercise's.
        let snapshot = || {
            let name = rest.file_name()?.to_str()?;
            let (exercise, _) = name.split_once("__")?;
            exercise_named(std::ffi::OsStr::new(exercise))
        };
        let below_tests = |folder: &str| rest.starts_with(folder);
        match (side.and_then(|s| s.to_str()), part.and_then(|p| p.to_str())) {
            (Some("exercises"), Some("src")) if !rest.as_os_str().is_empty() => {
                own().map_or(FileRole::SectionSource(section), FileRole::Stub)
            }
            (Some("exercises"), Some("tests")) if below_tests("snapshots") => {
                snapshot().map_or(FileRole::Stray, FileRole::Snapshot)
            }
            (Some("exercises"), Some("tests")) if rest.parent() == Some(Path::new("")) => {
                own().map_or(FileRole::Stray, FileRole::Test)
            }
            // The package's folder, its manifest, a helper below `tests/`.
            (Some("exercises"), _) => FileRole::SectionFile(section),
            (Some("solutions"), Some("src")) => own().map_or(FileRole::Other, FileRole::Solution),
            _ => FileRole::Other,
        }
    }

    /// The exercise whose stub, test file or solution `path` is.
    pub fn exercise_of_file(&self, path: &Path) -> Option<ExerciseId> {
        match self.role_of(path) {
            FileRole::Stub(id) | FileRole::Test(id) | FileRole::Solution(id) => Some(id),
            FileRole::Snapshot(_)
            | FileRole::SectionSource(_)
            | FileRole::SectionFile(_)
            | FileRole::Stray
            | FileRole::Other => None,
        }
    }
}

/// A small course for unit tests: `sections` as (slug, package, exercise
/// names), each exercise with placeholder title, chapter and hint.
#[cfg(test)]
pub(crate) fn course_of(sections: &[(&str, &str, &[&str])]) -> Course {
    let mut text = String::new();
    for (slug, package, exercises) in sections {
        text.push_str(&format!(
            "[[section]]\nslug = \"{slug}\"\npackage = \"{package}\"\ntitle = \"{package}\"\n"
        ));
        for name in *exercises {
            text.push_str(&format!(
                "[[section.exercise]]\nname = \"{name}\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]\n"
            ));
        }
    }
    toml::from_str(&text).expect("a course")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        course_of(&[("01-generators", "generators", &["count_up_to", "fibonacci"])])
    }

    #[test]
    fn classifies_every_kind_of_course_file() {
        let course = course();
        let fibonacci = ExerciseId {
            section: 0,
            exercise: 1,
        };
        let role = |path: &str| course.role_of(Path::new(path));
        assert_eq!(
            role("exercises/01-generators/src/fibonacci.rs"),
            FileRole::Stub(fibonacci)
        );
        assert_eq!(
            role("exercises/01-generators/tests/fibonacci.rs"),
            FileRole::Test(fibonacci)
        );
        assert_eq!(
            role("solutions/01-generators/src/fibonacci.rs"),
            FileRole::Solution(fibonacci)
        );
        for shared in [
            "exercises/01-generators/src/lib.rs",
            "exercises/01-generators/src/deep/fibonacci.rs",
        ] {
            assert_eq!(role(shared), FileRole::SectionSource(0), "{shared}");
        }
        for snapshot in [
            "exercises/01-generators/tests/snapshots/fibonacci__first.snap",
            "exercises/01-generators/tests/snapshots/deep/fibonacci__first.snap",
        ] {
            assert_eq!(role(snapshot), FileRole::Snapshot(fibonacci), "{snapshot}");
        }
        for package in [
            "exercises/01-generators",
            "exercises/01-generators/src",
            "exercises/01-generators/Cargo.toml",
            "exercises/01-generators/tests/common/mod.rs",
        ] {
            assert_eq!(role(package), FileRole::SectionFile(0), "{package}");
        }
        for stray in [
            "exercises/01-generators/tests/snapshots/fibonacci.snap",
            "exercises/01-generators/tests/snapshots/unknown__first.snap",
            "exercises/01-generators/tests/unknown.rs",
            "exercises/01-generators/tests/fibonacci.txt",
            "exercises/09-unknown/src/fibonacci.rs",
            "exercises/Cargo.toml",
        ] {
            assert_eq!(role(stray), FileRole::Stray, "{stray}");
        }
        for other in [
            "book/src/01-generators.md",
            "tests/testkit/src/lib.rs",
            "Cargo.toml",
            "solutions/01-generators/Cargo.toml",
        ] {
            assert_eq!(role(other), FileRole::Other, "{other}");
        }
        assert_eq!(fibonacci.number(), "1.2");
        assert_eq!(course.position(fibonacci), 2);
    }

    #[test]
    fn learner_files_are_the_sources_of_exercise_packages_only() {
        assert!(is_learner_file(Path::new(
            "exercises/01-generators/src/fibonacci.rs"
        )));
        assert!(is_learner_file(Path::new(
            "exercises/01-generators/src/deep/mod.rs"
        )));
        assert!(!is_learner_file(Path::new(
            "exercises/01-generators/tests/fibonacci.rs"
        )));
        assert!(!is_learner_file(Path::new(
            "exercises/01-generators/Cargo.toml"
        )));
        assert!(!is_learner_file(Path::new("exercises/01-generators/src")));
        assert!(!is_learner_file(Path::new(
            "solutions/01-generators/src/fibonacci.rs"
        )));
    }
}
