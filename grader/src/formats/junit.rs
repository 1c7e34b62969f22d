//! JUnit XML, as CI systems read it: a test suite per exercise, a test case per
//! test. An exercise that does not compile is one failing case, `compiles`.

use anyhow::Result;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use crate::report::Report;
use crate::runner::Outcome;

pub fn render(report: &Report) -> Result<String> {
    let name = report
        .submission
        .as_ref()
        .map_or("course", |s| s.name.as_str());
    let mut junit = quick_junit::Report::new(name);
    junit.set_time(report.duration);
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
        junit.add_test_suite(suite);
    }
    Ok(junit.to_string()?)
}
