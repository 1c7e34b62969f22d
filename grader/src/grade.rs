//! A whole run: build, list, run, and gather the results into a [`Report`].

use std::collections::HashMap;

use anyhow::Result;
use futures::StreamExt;

use crate::Observer;
use crate::compile::{self, Build, Diagnostic};
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
    let mut listed: HashMap<(String, String), Vec<String>> = HashMap::new();
    for key in &plan.exercises {
        let Some(binary) = build.binaries.get(key) else {
            continue;
        };
        let mut names = runner::list_tests(binary).await?;
        sort_in_file_order(&mut names, &plan.root.join(exercise_test_path(plan, key)));
        jobs.extend(names.iter().map(|name| TestJob {
            slug: key.0.clone(),
            exercise: key.1.clone(),
            name: name.clone(),
            binary: binary.clone(),
            dir: plan.package_dir(&key.0),
            course: plan.root.clone(),
        }));
        listed.insert(key.clone(), names);
    }

    observer.running(jobs.len());
    let mut results = HashMap::new();
    let mut stream = std::pin::pin!(runner::run_all(jobs, limits));
    while let Some(result) = stream.next().await {
        observer.finished(&result);
        let key = (
            result.job.slug.clone(),
            result.job.exercise.clone(),
            result.job.name.clone(),
        );
        results.insert(key, result);
    }

    let sections = plan
        .sections()
        .map(|section| SectionReport {
            slug: section.slug.clone(),
            package: section.package.clone(),
            title: section.title.clone(),
            exercises: section
                .exercises
                .iter()
                .filter(|e| {
                    plan.exercises
                        .contains(&(section.slug.clone(), e.name.clone()))
                })
                .map(|exercise| {
                    let key = (section.slug.clone(), exercise.name.clone());
                    let index = section
                        .exercises
                        .iter()
                        .position(|e| e.name == exercise.name)
                        .unwrap_or(0);
                    let tests = listed
                        .get(&key)
                        .into_iter()
                        .flatten()
                        .filter_map(|name| {
                            results.remove(&(key.0.clone(), key.1.clone(), name.clone()))
                        })
                        .map(|r| TestReport {
                            name: r.job.name,
                            outcome: r.outcome,
                            duration: r.duration,
                        })
                        .collect();
                    ExerciseReport {
                        name: exercise.name.clone(),
                        title: exercise.title.clone(),
                        number: format!("{}.{}", section.number(&plan.course), index + 1),
                        points: exercise.points,
                        test_file: exercise.test_path(section),
                        compile_error: compile_error(plan, &build, &key),
                        tests,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(Report {
        sections,
        duration: started.elapsed(),
        submission: None,
        root: plan.root.clone(),
        isolation: limits.confinement,
    })
}

/// The error that kept `key` from building: its own test file's first error,
/// else the library error that points at its stub, else the section's first
/// library error (another exercise's file broke the shared library).
fn compile_error(plan: &Plan, build: &Build, key: &(String, String)) -> Option<Diagnostic> {
    if let Some(first) = build.test_errors.get(key).and_then(|errors| errors.first()) {
        return Some(first.clone());
    }
    let errors = build.library_errors.get(&key.0)?;
    let own = errors.iter().find(|d| {
        d.file
            .as_deref()
            .and_then(|file| plan.course.exercise_of_file(file))
            .is_some_and(|(_, exercise)| exercise.name == key.1)
    });
    own.or(errors.first()).cloned()
}

/// The test file of exercise `key`, relative to the course root.
fn exercise_test_path(plan: &Plan, (slug, name): &(String, String)) -> std::path::PathBuf {
    let section = plan
        .course
        .section(slug)
        .expect("planned sections are in the course");
    let exercise = section
        .exercise(name)
        .expect("planned exercises are in the course");
    exercise.test_path(section)
}

/// Puts `names`, which libtest lists sorted, in the order the test file
/// defines them, so that a learner meets the first failure of the file first.
fn sort_in_file_order(names: &mut [String], test_file: &std::path::Path) {
    let Ok(source) = std::fs::read_to_string(test_file) else {
        return;
    };
    let order: Vec<String> = crate::source::test_functions(&source)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    names.sort_by_cached_key(|name| {
        let leaf = name.rsplit("::").next().unwrap_or(name);
        order.iter().position(|n| n == leaf).unwrap_or(usize::MAX)
    });
}
