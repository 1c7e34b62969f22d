//! The full-screen watch: one exercise at a time, its verdict and first
//! failure, a progress bar, and keys for what a learner does next.
//!
//! Grading runs on a thread of its own, so that keys work while tests run;
//! everything else (keys, saves, a finished grade) arrives as an [`Event`] on
//! one channel and is handled here, in order, one at a time.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::thread::Scope;
use std::time::Instant;

use anyhow::Result;
use crossterm::event::{self as term, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use grader::model::course::ExerciseId;
use grader::model::event::{self as pipeline, Observer, Phase, Tally};
use grader::model::plan::Filter;
use grader::model::report::{ExerciseReport, Report, Status};
use grader::render::human::Style;

mod draw;

use super::changes::Sources;
use super::round::{Event, grade, merge};
use super::screen::{Look, Screen};
use crate::reset::{Reset, reset};
use crate::session::Session;

/// What fills the screen.
#[derive(Debug, Clone, PartialEq)]
enum View {
    /// The current exercise.
    Exercise,
    /// Every exercise, one selected.
    List { selected: usize },
    /// "Reset this exercise?", waiting for `y`.
    ConfirmReset,
    /// The course's solution of the current exercise, scrolled by `from` lines.
    Solution { from: usize },
}

/// Whether the loop goes on.
enum Flow {
    Go,
    Quit,
}

pub fn run(session: &Session, events: Sender<Event>, received: Receiver<Event>) -> Result<bool> {
    let screen = Screen::enter(Style::detect().color)?;
    let keys = events.clone();
    std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || read_keys(&keys))?;
    let mut app = App::new(session);
    std::thread::scope(|scope| -> Result<()> {
        app.grade(scope, &events, session.filter.clone());
        app.draw(&screen)?;
        for event in &received {
            if let Flow::Quit = app.handle(event) {
                break;
            }
            if let Some(filter) = app.next_grade() {
                app.grade(scope, &events, filter);
            }
            app.draw(&screen)?;
        }
        drop(screen);
        if app.grading.is_some() {
            // A grade is under way: stop its tests rather than wait for them.
            grader::os::kill_all();
            std::process::exit(0);
        }
        Ok(())
    })?;
    Ok(true)
}

/// Sends each key press and resize to `events`, until the terminal goes away.
fn read_keys(events: &Sender<Event>) {
    loop {
        let event = match term::read() {
            Ok(term::Event::Key(key)) if key.kind == KeyEventKind::Press => Event::Key(key),
            Ok(term::Event::Resize(..)) => Event::Resized,
            Ok(_) => continue,
            Err(_) => return,
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

/// A grade under way.
struct Grading {
    what: String,
    progress: String,
}

struct App<'s> {
    session: &'s Session,
    /// Every exercise watched, as last graded; `None` before the first grade ends.
    report: Option<Report>,
    current: Option<ExerciseId>,
    /// How many of the current exercise's hints are shown.
    hints: usize,
    view: View,
    grading: Option<Grading>,
    /// Grades asked for while another ran, each once.
    pending: BTreeSet<Filter>,
    /// Those of them that run every test again (`r`), reusing no verdict.
    afresh: BTreeSet<Filter>,
    sources: Sources,
    /// One line about the last thing that happened.
    note: Option<(Look, String)>,
}

impl<'s> App<'s> {
    fn new(session: &'s Session) -> App<'s> {
        let mut sources = Sources::default();
        sources.remember(&session.root);
        App {
            session,
            report: None,
            current: None,
            hints: 0,
            view: View::Exercise,
            grading: None,
            pending: BTreeSet::new(),
            afresh: BTreeSet::new(),
            sources,
            note: None,
        }
    }

    /// Starts grading `filter` on a thread of the scope; its result comes back as an event.
    fn grade<'scope>(
        &mut self,
        scope: &'scope Scope<'scope, '_>,
        events: &Sender<Event>,
        filter: Filter,
    ) where
        's: 'scope,
    {
        let what = match &filter {
            Filter::All => "every exercise".to_owned(),
            Filter::Sections(keys) => format!("section {}", keys.join(", ")),
            Filter::Exercise(key) => key.rsplit('/').next().unwrap_or(key).to_owned(),
            Filter::Id(id) => self.session.course.get(*id).1.name.clone(),
        };
        self.grading = Some(Grading {
            what,
            progress: String::new(),
        });
        let session = self.session;
        let events = events.clone();
        let first = self.report.is_none();
        let afresh = self.afresh.remove(&filter);
        scope.spawn(move || {
            let started = Instant::now();
            let observer = Reporter {
                events: events.clone(),
                tally: RefCell::new(Tally::default()),
                to_build: Arc::new(AtomicUsize::new(0)),
            };
            // Only the first grade builds much: a bar for it, not for a save's.
            let plan = first.then(|| session.plan(&session.root, &filter, None));
            if let Some(Ok(plan)) = plan {
                let to_build = observer.to_build.clone();
                crate::progress::estimate_crates(&plan, move |total| {
                    to_build.store(total, Ordering::Relaxed);
                });
            }
            let report = grade(session, &filter, &observer, afresh);
            super::round::log_round(&filter, started.elapsed());
            let _ = events.send(Event::Graded {
                filter,
                report,
                took: started.elapsed(),
            });
        });
    }

    fn handle(&mut self, event: Event) -> Flow {
        match event {
            Event::Key(key) => return self.key(key),
            Event::Resized => {}
            Event::Progress(tally) => {
                if let Some(grading) = &mut self.grading {
                    grading.progress = progress_words(&tally);
                }
            }
            Event::WatchFailed(error) => {
                self.note = Some((
                    Look::Bad,
                    format!("Watching failed: {error}. Try `cargo grade watch --poll`."),
                ));
            }
            Event::Files(paths) => {
                let changed = self.sources.changed(self.session, &paths);
                self.pending.extend(changed);
            }
            Event::Graded {
                filter,
                report,
                took,
            } => {
                self.grading = None;
                match report {
                    Ok(latest) => self.graded(&filter, latest, took),
                    Err(error) => self.note = Some((Look::Bad, format!("{error:#}"))),
                }
            }
        }
        Flow::Go
    }

    /// The grade to start now, if any: none while one runs; the first grade
    /// again after it failed (a save may have fixed the course); else the
    /// saves' exercises that this watch shows, each once.
    fn next_grade(&mut self) -> Option<Filter> {
        if self.grading.is_some() {
            return None;
        }
        if self.report.is_none() {
            let retry = !self.pending.is_empty();
            self.pending.clear();
            return retry.then(|| self.session.filter.clone());
        }
        while let Some(filter) = self.pending.pop_first() {
            if self.watches(&filter) {
                return Some(filter);
            }
        }
        None
    }

    /// Whether `filter` grades something this watch shows.
    fn watches(&self, filter: &Filter) -> bool {
        let Some(report) = &self.report else {
            return true;
        };
        match filter {
            Filter::All => true,
            Filter::Sections(slugs) => report.sections.iter().any(|s| slugs.contains(&s.slug)),
            Filter::Exercise(key) => key.split_once('/').is_some_and(|(slug, name)| {
                report
                    .exercises()
                    .any(|(s, e)| s.slug == slug && e.name == name)
            }),
            Filter::Id(id) => report.exercises().any(|(_, e)| e.id == *id),
        }
    }

    fn graded(&mut self, filter: &Filter, latest: Report, took: std::time::Duration) {
        let Some(report) = &mut self.report else {
            self.current = latest
                .next_exercise()
                .or_else(|| latest.exercises().next())
                .map(|(_, e)| e.id);
            self.report = Some(latest);
            return;
        };
        let before: Vec<(ExerciseId, Status)> = report
            .exercises()
            .map(|(_, e)| (e.id, e.status()))
            .collect();
        merge(report, &latest);
        // The exercise just saved becomes the one on screen.
        if let (Filter::Exercise(_) | Filter::Id(_), Some((_, exercise))) =
            (filter, latest.exercises().next())
        {
            self.set_current(exercise.id);
        }
        let newly_passed = latest.exercises().find(|(_, e)| {
            e.status() == Status::Passed
                && before
                    .iter()
                    .any(|(id, status)| *id == e.id && *status != Status::Passed)
        });
        self.note = Some(match newly_passed {
            Some((_, exercise)) => (
                Look::Good,
                format!(
                    "✔ {} passes! s: compare with the course's solution · n: next exercise",
                    exercise.name
                ),
            ),
            None => {
                let names: Vec<String> = latest
                    .exercises()
                    .map(|(_, e)| format!("{} {}", e.name, e.status().label()))
                    .collect();
                (
                    Look::Dim,
                    format!(
                        "Graded in {:.1} s: {}",
                        took.as_secs_f64(),
                        names.join(", ")
                    ),
                )
            }
        });
    }

    fn set_current(&mut self, id: ExerciseId) {
        if self.current != Some(id) {
            self.hints = 0;
            self.current = Some(id);
            // The status line spoke of the exercise left behind ("✔ x passes!").
            self.note = None;
        }
        self.view = View::Exercise;
    }

    fn key(&mut self, key: KeyEvent) -> Flow {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Flow::Quit;
        }
        match self.view.clone() {
            View::Exercise => return self.exercise_key(key.code),
            View::ConfirmReset => {
                self.view = View::Exercise;
                if key.code == KeyCode::Char('y') {
                    self.reset();
                } else {
                    self.note = Some((Look::Dim, "Not reset.".to_owned()));
                }
            }
            View::List { selected } => self.list_key(key.code, selected),
            View::Solution { from } => {
                self.view = match key.code {
                    KeyCode::Down | KeyCode::Char('j') => View::Solution { from: from + 1 },
                    KeyCode::Up | KeyCode::Char('k') => View::Solution {
                        from: from.saturating_sub(1),
                    },
                    KeyCode::PageDown | KeyCode::Char(' ') => View::Solution { from: from + 20 },
                    KeyCode::PageUp => View::Solution {
                        from: from.saturating_sub(20),
                    },
                    _ => View::Exercise,
                }
            }
        }
        Flow::Go
    }

    fn exercise_key(&mut self, code: KeyCode) -> Flow {
        let Some(id) = self.current else {
            // Nothing is graded yet: only quitting makes sense.
            return match code {
                KeyCode::Char('q') | KeyCode::Esc => Flow::Quit,
                _ => Flow::Go,
            };
        };
        match code {
            KeyCode::Char('q') | KeyCode::Esc => return Flow::Quit,
            KeyCode::Char('h') => {
                let count = self.entry().map_or(0, |(_, e)| e.hints.len());
                if self.hints < count {
                    self.hints += 1;
                    self.note = None;
                } else {
                    self.note = Some((
                        Look::Warn,
                        "That was the last hint: the chapter (Read, above) has the rest.".into(),
                    ));
                }
            }
            KeyCode::Char('n') => self.next(),
            KeyCode::Char('l') => {
                let selected = self.keys().iter().position(|k| *k == id).unwrap_or(0);
                self.view = View::List { selected };
            }
            KeyCode::Char('r') => {
                let filter = Filter::Id(id);
                self.afresh.insert(filter.clone());
                self.pending.insert(filter);
            }
            KeyCode::Char('x') => self.view = View::ConfirmReset,
            KeyCode::Char('s') => {
                if self.current_report().map(ExerciseReport::status) == Some(Status::Passed) {
                    self.view = View::Solution { from: 0 };
                } else {
                    self.note = Some((
                        Look::Warn,
                        format!(
                            "The solution opens once {} passes: keep going!",
                            self.session.course.get(id).1.name
                        ),
                    ));
                }
            }
            _ => {}
        }
        Flow::Go
    }

    fn list_key(&mut self, code: KeyCode, selected: usize) {
        let last = self.keys().len().saturating_sub(1);
        self.view = match code {
            KeyCode::Down | KeyCode::Char('j') => View::List {
                selected: (selected + 1).min(last),
            },
            KeyCode::Up | KeyCode::Char('k') => View::List {
                selected: selected.saturating_sub(1),
            },
            KeyCode::PageDown => View::List {
                selected: (selected + 10).min(last),
            },
            KeyCode::PageUp => View::List {
                selected: selected.saturating_sub(10),
            },
            KeyCode::Home | KeyCode::Char('g') => View::List { selected: 0 },
            KeyCode::End | KeyCode::Char('G') => View::List { selected: last },
            KeyCode::Enter => {
                if let Some(key) = self.keys().get(selected).cloned() {
                    self.set_current(key);
                }
                View::Exercise
            }
            _ => View::Exercise,
        };
    }

    /// `n`: the next exercise that has not passed, after the current one.
    fn next(&mut self) {
        let Some(report) = &self.report else { return };
        let order: Vec<(ExerciseId, bool)> = report
            .exercises()
            .map(|(_, e)| (e.id, e.status() == Status::Passed))
            .collect();
        let at = order
            .iter()
            .position(|(k, _)| Some(k) == self.current.as_ref())
            .unwrap_or(0);
        let after = order.iter().cycle().skip(at + 1).take(order.len());
        match after.clone().find(|(_, passed)| !passed) {
            Some((id, _)) => self.set_current(*id),
            None => {
                self.note = Some((
                    Look::Good,
                    "Every exercise watched passes. Well done!".into(),
                ));
            }
        }
    }

    fn reset(&mut self) {
        let Some((section, exercise)) = self.entry() else {
            return;
        };
        self.note = Some(match reset(&self.session.root, section, exercise) {
            Ok(Reset::AlreadyTheStub { .. }) => (Look::Dim, "It is already the stub.".into()),
            Ok(Reset::Restored { backup, .. }) => {
                // Graded now rather than when the watcher sees the write.
                let path = self.session.root.join(exercise.stub_path(section));
                let changed = self.sources.changed(self.session, &[path]);
                self.pending.extend(changed);
                (
                    Look::Good,
                    format!(
                        "The stub is back. Your file is kept in {}",
                        backup.display()
                    ),
                )
            }
            Err(error) => (Look::Bad, format!("{error:#}")),
        });
    }

    fn keys(&self) -> Vec<ExerciseId> {
        self.report
            .iter()
            .flat_map(|r| r.exercises())
            .map(|(_, e)| e.id)
            .collect()
    }

    fn current_report(&self) -> Option<&ExerciseReport> {
        let id = self.current?;
        self.report
            .as_ref()?
            .exercises()
            .map(|(_, e)| e)
            .find(|e| e.id == id)
    }

    /// The current exercise's entry in the manifest.
    fn entry(
        &self,
    ) -> Option<(
        &grader::model::course::Section,
        &grader::model::course::Exercise,
    )> {
        Some(self.session.course.get(self.current?))
    }
}

/// Sends a grade's progress to the loop: the tally of its events so far.
struct Reporter {
    events: Sender<Event>,
    tally: RefCell<Tally>,
    /// How many crates the build has in all, once estimated (0 until then).
    to_build: Arc<AtomicUsize>,
}

impl Observer for Reporter {
    fn see(&self, event: &pipeline::Event<'_>) {
        let mut tally = self.tally.borrow_mut();
        tally.see(event);
        tally.to_build = self.to_build.load(Ordering::Relaxed);
        if !matches!(
            event,
            pipeline::Event::StubStandsIn { .. } | pipeline::Event::Done
        ) {
            let _ = self.events.send(Event::Progress(tally.clone()));
        }
    }
}

/// The status line's words for a grade in progress.
fn progress_words(tally: &Tally) -> String {
    let last = tally.last_crate.as_deref().unwrap_or_default();
    match tally.phase {
        Phase::NotStarted => String::new(),
        Phase::Building if tally.built == 0 => "building…".to_owned(),
        Phase::Building if tally.to_build == 0 => format!("building… {last}"),
        Phase::Building => format!(
            "building {}/{} crates… {last}",
            tally.built,
            tally.to_build.max(tally.built)
        ),
        Phase::Running | Phase::Done if tally.finished == 0 => {
            format!("running {} tests…", tally.tests)
        }
        Phase::Running | Phase::Done => {
            format!("running tests {}/{}", tally.finished, tally.tests)
        }
    }
}
