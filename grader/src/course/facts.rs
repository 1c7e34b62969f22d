//! What a report shows that only the course's files say: each exercise's
//! test functions with their code, and whether the course ships its
//! solution. Read here, once, so that no renderer opens a file.

use std::path::Path;

use crate::model::course::Side;
use crate::model::report::Report;

/// Adds to every exercise of `report` (and to the exercise it names next)
/// what the course at `report.root` says of it.
pub fn add(report: &mut Report) {
    let root = report.root.clone();
    let exercises = report
        .sections
        .iter_mut()
        .flat_map(|s| s.exercises.iter_mut().map(|e| (s.slug.clone(), e)))
        .chain(
            report
                .following
                .iter_mut()
                .map(|e| (String::new(), e.as_mut())),
        );
    for (slug, exercise) in exercises {
        let source = std::fs::read_to_string(root.join(&exercise.test_file)).unwrap_or_default();
        exercise.test_functions = crate::course::source::test_functions(&source);
        let solution = Path::new(Side::Solutions.dir())
            .join(&slug)
            .join("src")
            .join(format!("{}.rs", exercise.name));
        exercise.solution =
            (!slug.is_empty() && root.join(&solution).is_file()).then_some(solution);
    }
}
