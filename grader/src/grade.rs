//! A whole run: build, list, run, and gather the results into a [`Report`].

use std::collections::HashMap;

use anyhow::Result;
use futures::StreamExt;

use crate::Observer;
use crate::compile::{self, Build, Diagnostic};
use crate::manifest::ExerciseId;
use crate::plan::Plan;
use crate::report::{ExerciseReport, Report, SectionReport, TestReport};
use crate::runner::{self, Limits, TestJob};

/// Grades every exercise in `plan`. A learner's compile error or failing test
/// is part of the report; only a broken course or toolchain is an `Err`.
pub async fn grade(plan: &Plan, limits: Limits, observer: &dyn Observer) -> Result<Report> {
    let started = std::time::Instant::now();
    observer.building();
    let build = compile::build(plan, observer).await?;

    let mut jobs = Vec::new();
    let mut listed: HashMap<ExerciseId, Vec<String>> = HashMap::new();
    for &id in &plan.exercises {
        let Some(binary) = build.binaries.get(&id) else {
            continue;
        };
        let (section, exercise) = plan.course.get(id);
        let mut names = runner::list_tests(binary).await?;
        sort_in_file_order(&mut names, &plan.root.join(exercise.test_path(section)));
        jobs.extend(names.iter().map(|name| TestJob {
            slug: section.slug.clone(),
            exercise: exercise.name.clone(),
            name: name.clone(),
            binary: binary.clone(),
            dir: plan.package_dir(section),
        }));
        listed.insert(id, names);
    }

    observer.running(jobs.len());
    // A test is known by its executable, one per exercise, and its name.
    let mut results = HashMap::new();
    let mut stream = std::pin::pin!(runner::run_all(jobs, limits));
    while let Some(result) = stream.next().await {
        observer.finished(&result);
        results.insert((result.job.binary.clone(), result.job.name.clone()), result);
    }

    let mut sections: Vec<SectionReport> = Vec::new();
    for &id in &plan.exercises {
        let mut exercise = ExerciseReport::new(&plan.course, id);
        exercise.compile_error = compile_error(plan, &build, id);
        if let (Some(binary), Some(names)) = (build.binaries.get(&id), listed.get(&id)) {
            exercise.tests = names
                .iter()
                .filter_map(|name| results.remove(&(binary.clone(), name.clone())))
                .map(|r| TestReport {
                    name: r.job.name,
                    outcome: r.outcome,
                    duration: r.duration,
                })
                .collect();
        }
        // The plan is in course order, so a section's exercises come together.
        match sections.last_mut() {
            Some(section) if section.number == id.section + 1 => section.exercises.push(exercise),
            _ => {
                let mut section = SectionReport::new(&plan.course, id.section);
                section.exercises.push(exercise);
                sections.push(section);
            }
        }
    }
    Ok(Report {
        sections,
        duration: started.elapsed(),
        submission: None,
        root: plan.root.clone(),
    })
}

/// The error that kept `id` from building: its own test file's first error,
/// else the library error that points at its stub, else the section's first
/// library error (another exercise's file broke the shared library).
fn compile_error(plan: &Plan, build: &Build, id: ExerciseId) -> Option<Diagnostic> {
    if let Some(first) = build.test_errors.get(&id).and_then(|errors| errors.first()) {
        return Some(first.clone());
    }
    let errors = build.library_errors.get(&id.section)?;
    let own = errors.iter().find(|d| {
        d.file
            .as_deref()
            .and_then(|file| plan.course.exercise_of_file(file))
            == Some(id)
    });
    own.or(errors.first()).cloned()
}

/// Puts `names`, which libtest lists sorted, in the order the test file
/// defines them, so that a learner meets the first failure of the file first.
fn sort_in_file_order(names: &mut [String], test_file: &std::path::Path) {
    let Ok(source) = std::fs::read_to_string(test_file) else {
        return;
    };
    let order: Vec<String> = crate::source::test_functions(&source)
        .into_iter()
        .map(|function| function.name)
        .collect();
    names.sort_by_cached_key(|name| {
        let leaf = name.rsplit("::").next().unwrap_or(name);
        order.iter().position(|n| n == leaf).unwrap_or(usize::MAX)
    });
}
