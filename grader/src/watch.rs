//! `cargo grade watch`: grade once, then re-grade each exercise whose file is
//! saved, and show where the learner stands and what to do next.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};

use grader::human::{self, Style};
use grader::manifest::FileRole;
use grader::plan::Filter;
use grader::report::Report;

use crate::Session;
use crate::progress::Progress;

/// How long the files must be quiet before a change is graded: an editor's
/// save is often several writes.
const SETTLE: Duration = Duration::from_millis(200);
/// How often `--poll` looks at the files.
const POLL_EVERY: Duration = Duration::from_millis(500);

pub fn run(session: &Session, poll: bool) -> Result<bool> {
    let watched = session.root.join("exercises");
    let (sender, changes) = mpsc::channel::<DebounceEventResult>();
    let notify_config = notify::Config::default()
        .with_poll_interval(POLL_EVERY)
        .with_compare_contents(true);
    let config = Config::default()
        .with_timeout(SETTLE)
        .with_notify_config(notify_config);
    // The debouncer must live as long as the loop: dropping it stops the watching.
    let _debouncer: Box<dyn std::any::Any> = if poll {
        let mut debouncer = new_debouncer_opt::<_, PollWatcher>(config, sender)?;
        debouncer
            .watcher()
            .watch(&watched, RecursiveMode::Recursive)?;
        Box::new(debouncer)
    } else {
        let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher>(config, sender)?;
        debouncer
            .watcher()
            .watch(&watched, RecursiveMode::Recursive)?;
        Box::new(debouncer)
    };

    let style = Style::detect();
    let mut full = grade(session, &session.filter)?;
    show(&full, style, None);
    loop {
        let events = match changes.recv() {
            Ok(Ok(events)) => events,
            Ok(Err(error)) => {
                eprintln!("watching failed: {error}; try `cargo grade watch --poll`");
                continue;
            }
            Err(_) => return Ok(full.all_passed()),
        };
        let changed: BTreeSet<Filter> = events
            .iter()
            .filter_map(|event| filter_for(session, &event.path))
            .collect();
        for filter in changed {
            let latest = grade(session, &filter)?;
            merge(&mut full, &latest);
            show(&full, style, Some(&latest));
        }
    }
}

/// What to re-grade when `path` changed: its exercise, or its whole section
/// for a file that is not one exercise's (`lib.rs`, a new module).
fn filter_for(session: &Session, path: &Path) -> Option<Filter> {
    let relative = path.strip_prefix(&session.root).ok()?;
    let course = &session.course;
    match course.role_of(relative) {
        FileRole::Stub(id) => {
            let (section, exercise) = course.get(id);
            Some(Filter::Exercise(format!(
                "{}/{}",
                section.slug, exercise.name
            )))
        }
        FileRole::SectionSource(index) if relative.extension().is_some_and(|ext| ext == "rs") => {
            Some(Filter::Sections(vec![course.sections[index].slug.clone()]))
        }
        _ => None,
    }
}

fn grade(session: &Session, filter: &Filter) -> Result<Report> {
    let plan = session.plan(&session.root, filter, None)?;
    let progress = Progress::new();
    let report = session.grade(&plan, &progress);
    progress.clear();
    report.context("grading failed")
}

/// Replaces, in `full`, the exercises that `latest` graded again.
fn merge(full: &mut Report, latest: &Report) {
    for (_, exercise) in latest.exercises() {
        let slot = full
            .sections
            .iter_mut()
            .flat_map(|s| s.exercises.iter_mut())
            .find(|e| e.id == exercise.id);
        if let Some(slot) = slot {
            *slot = exercise.clone();
        }
    }
}

/// Redraws the screen: what was just graded, the whole table, what to do next.
fn show(full: &Report, style: Style, latest: Option<&Report>) {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H");
    } else {
        println!("────────────────────────────────────────");
    }
    if let Some(latest) = latest {
        for (_, exercise) in latest.exercises() {
            println!(
                "Graded {} {}: {} ({}/{} tests)\n",
                exercise.number,
                exercise.name,
                exercise.status().label(),
                exercise.passed_tests(),
                exercise.tests.len()
            );
        }
    }
    print!("{}", human::render(full, style));
    println!("\nWatching exercises/ for changes: save a file to grade it again. Ctrl-C stops.");
}
