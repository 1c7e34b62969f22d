//! A whole run: build, list, run, and gather the results into a [`Report`].

use std::collections::HashMap;

use anyhow::Result;
use futures::StreamExt;

use crate::Observer;
use crate::compile::{self, Build, Diagnostic};
use crate::manifest::{ExerciseId, FileRole};
use crate::plan::Plan;
use crate::report::{ExerciseReport, Report, SectionReport, TestReport};
use crate::runner::{self, Cause, Limits, Outcome, TestJob};

/// Grades every exercise in `plan`. A learner's compile error or failing test
/// is part of the report; only a broken course or toolchain is an `Err`.
pub async fn grade(plan: &Plan, limits: Limits, observer: &dyn Observer) -> Result<Report> {
    let started = std::time::Instant::now();
    observer.building();
    let mut build = compile::build(plan, observer).await?;
    let swapped = swap_breaking_files(plan, &mut build, observer).await?;
    let building = started.elapsed();

    let mut jobs = Vec::new();
    let mut listed: HashMap<ExerciseId, Vec<String>> = HashMap::new();
    let mut listings: HashMap<std::path::PathBuf, Vec<String>> = HashMap::new();
    for &id in &plan.exercises {
        // An exercise whose stub stood in for it built, but is not the learner's.
        let Some(binary) = build
            .binaries
            .get(&id)
            .filter(|_| !swapped.contains_key(&id))
        else {
            continue;
        };
        let (section, exercise) = plan.course.get(id);
        if !listings.contains_key(binary) {
            listings.insert(binary.clone(), runner::list_tests(binary).await?);
        }
        let mut names = listings[binary].clone();
        // A section's one executable lists every exercise's tests.
        if build.combined.contains(&id.section) {
            let prefix = crate::combined::prefix(&exercise.name);
            names.retain(|name| name.starts_with(&prefix));
        }
        sort_in_file_order(&mut names, &plan.root.join(exercise.test_path(section)));
        jobs.extend(names.iter().map(|name| TestJob {
            exercise: exercise.name.clone(),
            name: name.clone(),
            binary: binary.clone(),
            dir: plan.package_dir(section),
            course: plan.root.clone(),
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
        exercise.compile_error = swapped
            .get(&id)
            .cloned()
            .or_else(|| compile_error(plan, &build, id));
        if let Some(error) = &exercise.compile_error {
            exercise.tests = not_compiled(plan, id, error);
        } else if let (Some(binary), Some(names)) = (build.binaries.get(&id), listed.get(&id)) {
            exercise.tests = names
                .iter()
                .filter_map(|name| results.remove(&(binary.clone(), name.clone())))
                .map(|r| TestReport {
                    // As the learner's own executable names it: `first_ten`,
                    // not the combined one's `fibonacci::first_ten`.
                    name: r
                        .job
                        .name
                        .strip_prefix(&crate::combined::prefix(&exercise.name))
                        .map_or_else(|| r.job.name.clone(), str::to_owned),
                    outcome: crate::combined::as_the_course_names_it(r.outcome),
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
    let graded_part = plan.exercises.len() < plan.course.ids().count();
    let following = plan
        .exercises
        .last()
        .filter(|_| graded_part)
        .and_then(|last| plan.course.ids().skip_while(|id| id != last).nth(1))
        .map(|id| Box::new(ExerciseReport::new(&plan.course, id)));
    Ok(Report {
        sections,
        duration: started.elapsed(),
        building,
        submission: None,
        root: plan.root.clone(),
        following,
        isolation: limits.confinement,
    })
}

/// Makes a learner's file that breaks its section's library cost only its
/// own exercise. With pristine stubs at hand (`plan.stubs`, in the grader's
/// own working copy), each exercise file that a library error points at is
/// swapped for its stub and the section built again, until it builds or no
/// error points at an exercise's file (`lib.rs`, say). The learner's files are
/// put back before this returns. Returns the exercises swapped, each with the
/// error that broke it.
async fn swap_breaking_files(
    plan: &Plan,
    build: &mut Build,
    observer: &dyn Observer,
) -> Result<HashMap<ExerciseId, Diagnostic>> {
    let mut swapped = HashMap::new();
    let Some(stubs) = &plan.stubs else {
        return Ok(swapped);
    };
    let mut theirs: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    let rebuilt = async {
        loop {
            let mut breaking: Vec<(ExerciseId, Diagnostic)> = Vec::new();
            for (section, errors) in &build.library_errors {
                for error in errors {
                    // Only a learner's own exercise file has a stub to stand in.
                    let id = match error.file.as_deref().map(|f| plan.course.role_of(f)) {
                        Some(FileRole::Stub(id)) => Some(id),
                        _ => None,
                    };
                    if let Some(id) = id.filter(|id| {
                        id.section == *section
                            && !swapped.contains_key(id)
                            && !breaking.iter().any(|(b, _)| b == id)
                    }) {
                        breaking.push((id, error.clone()));
                    }
                }
            }
            if breaking.is_empty() {
                return Ok::<_, anyhow::Error>(());
            }
            for (id, error) in breaking.iter().cloned() {
                let (section, exercise) = plan.course.get(id);
                let path = exercise.stub_path(section);
                let file = plan.root.join(&path);
                theirs.push((file.clone(), std::fs::read(&file)?));
                std::fs::copy(stubs.join(&path), &file)?;
                swapped.insert(id, error);
            }
            let sections: Vec<usize> = breaking.iter().map(|(id, _)| id.section).collect();
            let mut again = plan.clone();
            again.exercises.retain(|id| sections.contains(&id.section));
            let rebuild = compile::build(&again, observer).await?;
            build.replace_sections(&sections, rebuild);
        }
    }
    .await;
    for (file, content) in theirs {
        std::fs::write(&file, content)?;
    }
    rebuilt?;
    Ok(swapped)
}

/// The tests of an exercise that does not compile, each failed with `error`:
/// a report counts them as failed, never as absent.
fn not_compiled(plan: &Plan, id: ExerciseId, error: &Diagnostic) -> Vec<TestReport> {
    let (section, exercise) = plan.course.get(id);
    let source = std::fs::read_to_string(plan.root.join(exercise.test_path(section)));
    let message = match &error.file {
        Some(file) => format!("does not compile: see {}", file.display()),
        None => "does not compile".to_owned(),
    };
    crate::source::test_functions(&source.unwrap_or_default())
        .into_iter()
        .map(|function| TestReport {
            name: function.name,
            outcome: Outcome::Failed {
                cause: Cause::NotCounted {
                    why: message.clone(),
                },
                panic: None,
                output: String::new(),
            },
            duration: std::time::Duration::ZERO,
        })
        .collect()
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
