//! The course manifest, `course.toml`: the one ordered list of sections and
//! exercises, with each exercise's hint and chapter.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
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
    /// Reads and checks `course.toml` in the course root `root`.
    pub fn load(root: &Path) -> Result<Course> {
        let path = root.join(FILE_NAME);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the course manifest {}", path.display()))?;
        let course: Course = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid manifest", path.display()))?;
        course.check()?;
        Ok(course)
    }

    /// Names must be unique: a section by slug and package, an exercise within its section.
    fn check(&self) -> Result<()> {
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
        let number: Option<usize> = key.parse().ok();
        self.sections
            .iter()
            .enumerate()
            .find_map(|(index, section)| {
                let matches =
                    section.package == key || section.slug == key || number == Some(index + 1);
                matches.then_some(section)
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

    /// The chapter's page, without the anchor: `01-generators.md`.
    pub fn chapter_page(&self) -> &str {
        self.chapter.split('#').next().unwrap_or(&self.chapter)
    }

    /// The command that runs this exercise's tests alone.
    pub fn command(&self, section: &Section) -> String {
        format!("cargo test -p {} --test {}", section.package, self.name)
    }
}

/// Finds the course root: `start` or the nearest folder above it holding `course.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .with_context(|| {
            format!(
                "no {FILE_NAME} in {} or any folder above it: run the grader inside the course, \
                 or pass --course DIR",
                start.display()
            )
        })
}

impl Course {
    /// The exercise whose stub or test file `file` is, on either side.
    pub fn exercise_of_file(&self, file: &Path) -> Option<(&Section, &Exercise)> {
        self.exercises().find(|(section, exercise)| {
            let own = |side: Side, folder: &str| {
                section
                    .dir_on(side)
                    .join(folder)
                    .join(format!("{}.rs", exercise.name))
            };
            [
                own(Side::Exercises, "src"),
                own(Side::Solutions, "src"),
                own(Side::Exercises, "tests"),
            ]
            .iter()
            .any(|path| file.ends_with(path))
        })
    }
}
