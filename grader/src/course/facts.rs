//! What a report shows that only the course's files say: each exercise's
//! test functions with their code, and whether the course ships its
//! solution. Read here, once, so that no renderer opens a file.

use crate::model::course::Course;
use crate::model::report::Report;

/// Adds to every exercise of `report` (graded against `course`) what the
/// course's files at `report.root` say of it. The exercise named next, not
/// graded, gets its test functions only.
pub fn add(course: &Course, report: &mut Report) {
    let root = report.root.clone();
    let graded = report
        .sections
        .iter_mut()
        .flat_map(|s| s.exercises.iter_mut());
    for exercise in graded {
        let (section, entry) = course.get(exercise.id);
        let solution = entry.solution_path(section);
        exercise.solution = root.join(&solution).is_file().then_some(solution);
    }
    let graded = report
        .sections
        .iter_mut()
        .flat_map(|s| s.exercises.iter_mut());
    for exercise in graded.chain(report.following.iter_mut().map(|e| e.as_mut())) {
        let source = std::fs::read_to_string(root.join(&exercise.test_file)).unwrap_or_default();
        exercise.test_functions = crate::course::source::test_functions(&source);
    }
}
