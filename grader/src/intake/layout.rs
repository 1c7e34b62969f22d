//! Where an upload keeps the learner's files.
//!
//! Students hand in what their platform lets them: the course's folder (a
//! clone, or GitHub's "Download ZIP", which adds a folder on top), the
//! `exercises/` folder, the section folders inside it (`01-generators/src/…`),
//! or a few loose files (`fibonacci.rs`). Each is read the same way: every
//! learner file found is given its place in the course, and the grader lays
//! it over the course's stubs. An upload in which no learner file can be
//! placed is a message for the student that says what was found and what was
//! expected, never a silent zero.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::model::course::{Course, Side};

/// How an upload was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub shape: Shape,
    /// The folder it was found in, relative to the upload: empty for its top,
    /// or the one folder on top (`course-main/`).
    pub under: PathBuf,
    /// Each learner file: its place in the course, and its path in the upload.
    pub files: BTreeMap<PathBuf, PathBuf>,
    /// Files of the upload that look like a learner's but have no place, and
    /// why (a name two exercises share, a file found twice).
    pub unplaced: Vec<(PathBuf, String)>,
}

/// The shapes an upload can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The course's folder, or `exercises/` itself: `exercises/01-generators/src/…`.
    Course,
    /// The section folders of `exercises/`: `01-generators/src/…`.
    Sections,
    /// Files named after exercises, wherever they are: `fibonacci.rs`.
    Files,
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.shape {
            Shape::Course => "the course's folder (exercises/<section>/src/…)",
            Shape::Sections => "the section folders of exercises/ (<section>/src/…)",
            Shape::Files => "exercise files named as in the course (fibonacci.rs, …)",
        })?;
        if !self.under.as_os_str().is_empty() {
            write!(f, ", inside {}/", self.under.display())?;
        }
        Ok(())
    }
}

/// Where the course's learner files are in an upload that holds `files`
/// (regular files, relative to the upload), or the message for a student
/// whose upload holds none.
pub fn find(files: &BTreeSet<PathBuf>, course: &Course) -> Result<Layout, String> {
    let visible: Vec<&PathBuf> = files.iter().filter(|path| !hidden(path)).collect();
    // The upload's top, then the one folder on top of everything, if that is
    // all there is (GitHub's "Download ZIP" puts the repository in `name-main/`).
    let mut tops = vec![PathBuf::new()];
    let top_folders: BTreeSet<&std::ffi::OsStr> = visible
        .iter()
        .filter(|path| path.components().count() > 1)
        .filter_map(|path| path.iter().next())
        .collect();
    let top_files = visible.iter().any(|path| path.components().count() == 1);
    if let ([only], false) = (top_folders.iter().collect::<Vec<_>>().as_slice(), top_files) {
        tops.push(PathBuf::from(only));
    }
    for under in &tops {
        for shape in [Shape::Course, Shape::Sections] {
            let placed: BTreeMap<PathBuf, PathBuf> = visible
                .iter()
                .filter_map(|path| {
                    let ours = place_in_folders(path.strip_prefix(under).ok()?, shape, course)?;
                    Some((ours, path.to_path_buf()))
                })
                .collect();
            if !placed.is_empty() {
                return Ok(Layout {
                    shape,
                    under: under.clone(),
                    files: placed,
                    unplaced: Vec::new(),
                });
            }
        }
    }
    let loose = loose_files(&visible, course);
    if loose.files.is_empty() && loose.unplaced.is_empty() {
        return Err(unrecognised(&visible, course));
    }
    Ok(loose)
}

/// The course path of `path` (relative to where the layout starts) in a
/// layout of folders: `exercises/<section>/src/…` or `<section>/src/…`, for a
/// section the course has.
fn place_in_folders(path: &Path, shape: Shape, course: &Course) -> Option<PathBuf> {
    let mut parts = path.components();
    if shape == Shape::Course && parts.next()? != Component::Normal("exercises".as_ref()) {
        return None;
    }
    let Component::Normal(folder) = parts.next()? else {
        return None;
    };
    course.sections.iter().find(|s| folder == s.slug.as_str())?;
    if parts.next()? != Component::Normal("src".as_ref()) {
        return None;
    }
    let rest = parts.as_path();
    (!rest.as_os_str().is_empty()).then(|| {
        Path::new(Side::Exercises.dir())
            .join(folder)
            .join("src")
            .join(rest)
    })
}

/// Every file named after an exercise (`fibonacci.rs`), at any depth but in
/// no `tests/` folder. A name two sections share (`pipeline.rs`) is placed by
/// a folder above it named after one of them, or not at all.
fn loose_files(visible: &[&PathBuf], course: &Course) -> Layout {
    let mut layout = Layout {
        shape: Shape::Files,
        under: PathBuf::new(),
        files: BTreeMap::new(),
        unplaced: Vec::new(),
    };
    for path in visible {
        if path.iter().any(|part| part == "tests") {
            continue;
        }
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".rs"))
        else {
            continue;
        };
        let candidates: Vec<_> = course
            .sections
            .iter()
            .filter_map(|section| Some((section, section.exercise(name)?)))
            .collect();
        let chosen = match candidates.as_slice() {
            [] => continue,
            [only] => Some(*only),
            several => several.iter().copied().find(|(section, _)| {
                path.iter()
                    .any(|part| part == section.slug.as_str() || part == section.package.as_str())
            }),
        };
        let Some((section, exercise)) = chosen else {
            let folders: Vec<String> = candidates
                .iter()
                .map(|(section, _)| section.slug.clone())
                .collect();
            layout.unplaced.push((
                path.to_path_buf(),
                format!(
                    "the course has an exercise {name} in {}: put it in its section's folder ({}/src/{name}.rs)",
                    folders.join(" and in "),
                    folders[0]
                ),
            ));
            continue;
        };
        let ours = exercise.stub_path(section);
        match layout.files.get(&ours) {
            Some(first) => {
                let why = format!("found twice: {} was used", first.display());
                layout.unplaced.push((path.to_path_buf(), why));
            }
            None => {
                layout.files.insert(ours, path.to_path_buf());
            }
        }
    }
    layout
}

/// A file no student meant to hand in: a dot file, or what macOS adds to a zip.
pub fn hidden(path: &Path) -> bool {
    path.iter().any(|part| {
        let part = part.to_string_lossy();
        part.starts_with('.') || part == "__MACOSX"
    })
}

/// What the student reads when nothing could be placed: what the upload
/// holds (its top level) and the layouts that would have been read.
fn unrecognised(visible: &[&PathBuf], course: &Course) -> String {
    let mut top: BTreeMap<String, usize> = BTreeMap::new();
    for path in visible {
        let first = path.iter().next().map(|p| p.to_string_lossy().into_owned());
        let Some(first) = first else { continue };
        let key = if path.components().count() > 1 {
            format!("{first}/")
        } else {
            first
        };
        *top.entry(key).or_default() += 1;
    }
    const SHOWN: usize = 8;
    let mut found: Vec<String> = top
        .iter()
        .take(SHOWN)
        .map(|(name, count)| match name.ends_with('/') {
            true => format!(
                "{name} ({count} file{})",
                if *count == 1 { "" } else { "s" }
            ),
            false => name.clone(),
        })
        .collect();
    if top.len() > SHOWN {
        found.push(format!("and {} more", top.len() - SHOWN));
    }
    let found = if found.is_empty() {
        "nothing".to_owned()
    } else {
        found.join(", ")
    };
    let example = course
        .sections
        .first()
        .and_then(|s| Some((s, s.exercises.first()?)));
    let (folder, file) = example.map_or(("01-generators".into(), "fibonacci".into()), |(s, e)| {
        (s.slug.clone(), e.name.clone())
    });
    format!(
        "No exercise file was found in this upload. It holds: {found}.\n\
         Expected one of these, at the top of the upload or in one folder:\n\
         - the course's folder, or its exercises/ folder: exercises/{folder}/src/{file}.rs, …\n\
         - the section folders inside exercises/: {folder}/src/{file}.rs, …\n\
         - exercise files named as in the course: {file}.rs, …"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        crate::model::course::course_of(&[
            ("01-generators", "generators", &["fibonacci", "pipeline"]),
            ("07-capstone", "capstone", &["pipeline"]),
        ])
    }

    fn upload(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    use crate::course::integrity::slashed;

    /// A file of the course, and the upload's file laid there.
    #[derive(Debug, PartialEq)]
    struct Placed {
        ours: String,
        theirs: String,
    }

    fn laid(ours: &str, theirs: &str) -> Placed {
        Placed {
            ours: ours.to_owned(),
            theirs: theirs.to_owned(),
        }
    }

    fn placed(layout: &Layout) -> Vec<Placed> {
        layout
            .files
            .iter()
            // With `/` on every system, as the paths below are written.
            .map(|(ours, theirs)| laid(&slashed(ours), &slashed(theirs)))
            .collect()
    }

    const FIB: &str = "exercises/01-generators/src/fibonacci.rs";

    #[test]
    fn the_course_folder_and_exercises_itself_are_read_in_place() {
        let layout = find(
            &upload(&[
                FIB,
                "exercises/01-generators/tests/fibonacci.rs",
                "README.md",
            ]),
            &course(),
        )
        .expect("a layout");
        assert_eq!(layout.shape, Shape::Course);
        assert_eq!(placed(&layout), [laid(FIB, FIB)]);
    }

    #[test]
    fn one_folder_on_top_is_looked_into() {
        let theirs = format!("course-main/{FIB}");
        let layout = find(
            &upload(&[&theirs, "course-main/README.md", "__MACOSX/._x"]),
            &course(),
        )
        .expect("a layout");
        assert_eq!(layout.under, PathBuf::from("course-main"));
        assert_eq!(placed(&layout), [laid(FIB, &theirs)]);
        assert_eq!(
            layout.to_string(),
            "the course's folder (exercises/<section>/src/…), inside course-main/"
        );
    }

    #[test]
    fn section_folders_are_placed_under_exercises() {
        let layout = find(
            &upload(&[
                "01-generators/src/fibonacci.rs",
                "01-generators/src/lib.rs",
                "99-unknown/src/x.rs",
            ]),
            &course(),
        )
        .expect("a layout");
        assert_eq!(layout.shape, Shape::Sections);
        assert_eq!(
            placed(&layout),
            [
                laid(FIB, "01-generators/src/fibonacci.rs"),
                laid(
                    "exercises/01-generators/src/lib.rs",
                    "01-generators/src/lib.rs"
                )
            ]
        );
    }

    #[test]
    fn loose_files_are_matched_by_name_and_a_shared_name_by_its_folder() {
        let layout = find(
            &upload(&[
                "fibonacci.rs",
                "work/fibonacci.rs",
                "pipeline.rs",
                "capstone/pipeline.rs",
                "tests/fibonacci.rs",
                "notes.txt",
            ]),
            &course(),
        )
        .expect("a layout");
        assert_eq!(layout.shape, Shape::Files);
        assert_eq!(
            placed(&layout),
            [
                laid(FIB, "fibonacci.rs"),
                laid(
                    "exercises/07-capstone/src/pipeline.rs",
                    "capstone/pipeline.rs"
                )
            ]
        );
        let unplaced: Vec<_> = layout
            .unplaced
            .iter()
            .map(|(path, why)| format!("{}: {why}", path.display()))
            .collect();
        assert_eq!(
            unplaced,
            [
                "pipeline.rs: the course has an exercise pipeline in 01-generators and in 07-capstone: put it in its section's folder (01-generators/src/pipeline.rs)",
                "work/fibonacci.rs: found twice: fibonacci.rs was used",
            ]
        );
    }

    #[test]
    fn an_upload_with_no_exercise_file_says_what_it_found_and_what_was_expected() {
        let message = find(
            &upload(&["report.pdf", "src/main.rs", "src/util.rs", ".DS_Store"]),
            &course(),
        )
        .expect_err("nothing to grade");
        assert!(
            message.starts_with(
                "No exercise file was found in this upload. It holds: report.pdf, src/ (2 files)."
            ),
            "{message}"
        );
        assert!(
            message.contains("exercises/01-generators/src/fibonacci.rs"),
            "{message}"
        );
        assert!(message.contains("fibonacci.rs, …"), "{message}");
    }
}
