//! Reading `course.toml`, and finding the course it belongs to.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::model::course::{Course, FILE_NAME};

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
