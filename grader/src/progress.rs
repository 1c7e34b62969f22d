//! Progress on the terminal: a bar on stderr when it is one, else a few plain lines.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use grader::Observer;
use grader::report::Report;
use grader::runner::{Outcome, TestResult};

/// The progress of one run: building, then running tests.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar }
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn building(&self) {
        match &self.bar {
            Some(bar) => bar.set_message("building the exercises…"),
            None => eprintln!("Building the exercises…"),
        }
    }

    fn compiled(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("building the exercises… {name}"));
        }
    }

    fn running(&self, total: usize) {
        match &self.bar {
            Some(bar) => {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} running tests {bar:30} {pos}/{len} {msg}",
                    )
                    .expect("the template is valid"),
                );
                bar.set_length(total as u64);
                bar.set_message("");
            }
            None => eprintln!("Running {total} tests…"),
        }
    }

    fn finished(&self, result: &TestResult) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if result.outcome == Outcome::TimedOut {
                bar.println(format!(
                    "timed out: {} {}",
                    result.job.exercise, result.job.name
                ));
            }
        }
    }
}

/// The progress of a class: one step per submission.
pub struct ClassProgress {
    bar: Option<ProgressBar>,
}

impl ClassProgress {
    pub fn new(total: usize) -> ClassProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64).with_style(
                ProgressStyle::with_template("{spinner} grading {bar:30} {pos}/{len} {msg}")
                    .expect("the template is valid"),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        ClassProgress { bar }
    }

    pub fn start(&self, name: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(name.to_owned()),
            None => eprintln!("Grading {name}…"),
        }
    }

    pub fn done(&self, report: &Report) {
        if let Some(bar) = &self.bar {
            let (passed, total) = report.exercise_totals();
            let name = report.submission.as_ref().map_or("", |s| s.name.as_str());
            bar.println(format!("{name}: {passed}/{total} exercises"));
            bar.inc(1);
        }
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
