//! `cargo grade watch` without a terminal (piped, in an editor's task pane):
//! the report once, then a few lines per save: the verdict of the exercise
//! saved, its first failure or the solution to compare with, and what is next.

use std::sync::mpsc::Receiver;

use anyhow::Result;

use grader::model::report::{Blocker, DOES_NOT_COMPILE, FIRST_FAILING_TEST, Report, Status};
use grader::render::human::{self, Style};

use super::changes::Sources;
use super::round::{Event, grade, merge};
use crate::progress::Progress;
use crate::session::Session;

pub fn run(session: &Session, events: Receiver<Event>) -> Result<bool> {
    let style = Style::detect();
    let mut sources = Sources::default();
    sources.remember(&session.root);
    let mut full = graded(session, &session.filter)?;
    print!("{}", human::render(&full, style));
    waiting();
    for event in events {
        let paths = match event {
            Event::Files(paths) => paths,
            Event::WatchFailed(error) => {
                eprintln!("watching failed: {error}; try `cargo grade watch --poll`");
                continue;
            }
            _ => continue,
        };
        for filter in sources.changed(session, &paths) {
            let latest = graded(session, &filter)?;
            merge(&mut full, &latest);
            println!("────────────────────────────────────────");
            print!("{}", verdicts(&latest, &full));
            waiting();
        }
    }
    Ok(full.all_passed())
}

fn graded(session: &Session, filter: &grader::model::plan::Filter) -> Result<Report> {
    let plan = session.plan(&session.root, filter, None)?;
    let progress = Progress::new().estimate(&plan);
    let started = std::time::Instant::now();
    let report = grade(session, filter, &progress, false);
    super::round::log_round(filter, started.elapsed());
    progress.clear();
    report
}

fn waiting() {
    println!("\nWatching exercises/ for changes: save a file to grade it again. Ctrl-C stops.");
}

/// What a re-grade found, then the progress and the next exercise.
fn verdicts(latest: &Report, full: &Report) -> String {
    let mut out = String::new();
    for (_, exercise) in latest.exercises() {
        out.push_str(&format!(
            "Graded {} {}: {} ({}/{} tests)\n",
            exercise.number,
            exercise.name,
            exercise.status().label(),
            exercise.passed_tests(),
            exercise.tests.len()
        ));
        if exercise.status() == Status::Passed {
            if let Some(path) = &exercise.solution {
                out.push_str(&format!(
                    "  Compare with the course's solution: {}\n",
                    path.display()
                ));
            }
        } else {
            match exercise.blocker() {
                Some(Blocker::DoesNotCompile(error)) => {
                    out.push_str(&format!("  {DOES_NOT_COMPILE}\n"));
                    for line in error.rendered.trim_end().lines() {
                        out.push_str(&format!("    {line}\n"));
                    }
                }
                Some(Blocker::FailingTest(test)) => {
                    out.push_str(&format!("  {FIRST_FAILING_TEST} {}\n", test.name));
                    for line in test.message().unwrap_or_default().lines() {
                        out.push_str(&format!("    {line}\n"));
                    }
                }
                Some(Blocker::NoTestRan) | None => {}
            }
        }
    }
    let (passed, total) = full.exercise_totals();
    out.push_str(&format!("\nProgress: {passed}/{total} exercises pass.\n"));
    match full.next_exercise() {
        Some((_, exercise)) => {
            out.push_str(&format!("Next: {} — {}\n", exercise.name, exercise.title));
            out.push_str(&human::where_to_work(exercise, Style::detect()));
        }
        None => out.push_str("Every exercise watched passes. Well done!\n"),
    }
    out
}
