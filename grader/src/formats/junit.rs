//! JUnit XML, as CI systems read it: a test suite per exercise, a test case per
//! test. An exercise that does not compile has a case `compiles` in error, and
//! its tests failed. The file is valid under Jenkins' `junit-10.xsd` (the
//! xunit plugin's, the strictest of the readers): checked by
//! `tests/tests/grader_instructors.rs`.

use std::time::Duration;

use anyhow::Result;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::Format;
use crate::report::Report;
use crate::runner::Outcome;

/// JUnit XML for CI systems.
pub const FORMAT: Format = Format {
    name: "junit",
    about: "JUnit XML: a test suite per exercise, a test case per test",
    extension: Some("xml"),
    render,
    error: Some(|message, _max_points| render_error(message)),
};

pub fn render(report: &Report) -> Result<String> {
    if let Some(error) = report.error() {
        return render_error(error);
    }
    let name = report
        .submission
        .as_ref()
        .map_or("course", |s| s.name.as_str());
    let mut junit = quick_junit::Report::new(name);
    // The tests' own time, suite by suite: a section a class reused from an
    // earlier submission counts the time its tests took then, where the
    // run's wall-clock time would count only the sections built afresh.
    let mut total = Duration::ZERO;
    for (section, exercise) in report.exercises() {
        let mut suite = TestSuite::new(format!(
            "{} {}::{}",
            exercise.number, section.package, exercise.name
        ));
        // CI pages list a suite's properties: where tests ran unconfined, say so.
        if let Some(warning) = report.isolation_warning() {
            suite.add_property(quick_junit::Property::new("isolation", warning));
        }
        if let Some(error) = &exercise.compile_error {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message("does not compile");
            status.set_description(error.rendered.as_str());
            let mut case = TestCase::new("compiles", status);
            case.set_classname(format!("{}::{}", section.package, exercise.name));
            suite.add_test_case(case);
        }
        for test in &exercise.tests {
            let status = match &test.outcome {
                Outcome::Passed => TestCaseStatus::success(),
                Outcome::Failed { .. } => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    let message = test.message().unwrap_or_default();
                    status.set_message(message.lines().take(2).collect::<Vec<_>>().join(" "));
                    status.set_description(message.as_str());
                    status.set_type("failure");
                    status
                }
                Outcome::TimedOut => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message("timed out");
                    status.set_description(test.message().unwrap_or_default().as_str());
                    status.set_type("timeout");
                    status
                }
            };
            let mut case = TestCase::new(test.name.as_str(), status);
            case.set_classname(format!("{}::{}", section.package, exercise.name));
            case.set_time(test.duration);
            if let Outcome::Failed { output, .. } = &test.outcome {
                case.set_system_out(output.as_str());
            }
            suite.add_test_case(case);
        }
        let time = exercise.tests.iter().map(|t| t.duration).sum();
        suite.set_time(time);
        total += time;
        junit.add_test_suite(suite);
    }
    junit.set_time(total);
    Ok(without_skipped_total(&junit.to_string()?))
}

/// quick-junit writes a `skipped` count on `<testsuites>`, which junit-10.xsd
/// does not allow there (only on `<testsuite>`), and Jenkins then rejects the
/// whole file. No test is ever skipped here, so the count is always 0.
fn without_skipped_total(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml.to_owned();
    };
    let end = xml[start..].find('>').map_or(xml.len(), |at| start + at);
    let tag = xml[start..end].replacen(" skipped=\"0\"", "", 1);
    format!("{}{tag}{}", &xml[..start], &xml[end..])
}

/// One suite, `grader`, whose one case, `grading`, is in error with the message.
fn render_error(message: &str) -> Result<String> {
    let mut report = quick_junit::Report::new("course");
    let mut suite = TestSuite::new("grader");
    suite.set_time(Duration::ZERO);
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_message(message);
    suite.add_test_case(TestCase::new("grading", status));
    report.add_test_suite(suite);
    report.set_time(Duration::ZERO);
    Ok(without_skipped_total(&report.to_string()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_has_no_skipped_count_and_every_suite_a_time() {
        let xml = render_error("broken").expect("a document");
        let total = xml.lines().nth(1).expect("the <testsuites> line");
        assert!(total.starts_with("<testsuites "), "{xml}");
        assert!(!total.contains("skipped="), "{total}");
        assert!(total.contains(" time="), "{total}");
        let suite = xml.lines().nth(2).expect("the <testsuite> line");
        assert!(suite.contains(" time="), "{suite}");
    }
}
