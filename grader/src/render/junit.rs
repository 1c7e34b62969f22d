//! JUnit XML, as CI systems read it: a test suite per exercise, a test case per
//! test. An exercise that does not compile has a case `compiles` in error, and
//! its tests failed. The file is valid under Jenkins' `junit-10.xsd` (the
//! xunit plugin's, the strictest of the readers): checked by
//! `tests/tests/grader_instructors.rs`.
//!
//! Written here rather than with a JUnit crate: the document is a few
//! elements deep, and quick-junit brought chrono, quick-xml, uuid and
//! thiserror into every learner's first build (about 20 s of the grader's
//! cold build, summed over its units).

use std::fmt::Write;
use std::time::Duration;

use anyhow::Result;

use super::format::Format;
use crate::model::outcome::Outcome;
use crate::model::report::Report;

/// JUnit XML for CI systems.
pub const FORMAT: Format = Format {
    name: "junit",
    about: "JUnit XML: a test suite per exercise, a test case per test",
    extension: Some("xml"),
    render,
    ungradable: |_, why| render_error(&why.why),
    error: Some(|message, _max_points| render_error(message)),
};

/// A test case's verdict when it did not pass: the element (`failure` or
/// `error`), its `type`, its one-line `message`, and the full text.
struct NotPassed {
    element: &'static str,
    kind: Option<&'static str>,
    message: String,
    text: String,
}

/// One `<testcase>`.
struct Case {
    name: String,
    classname: Option<String>,
    time: Option<Duration>,
    not_passed: Option<NotPassed>,
    output: Option<String>,
}

/// One `<testsuite>`.
struct Suite {
    name: String,
    time: Duration,
    properties: Vec<(&'static str, String)>,
    cases: Vec<Case>,
}

pub fn render(report: &Report) -> Result<String> {
    let name = report
        .submission
        .as_ref()
        .map_or("course", |s| s.name.as_str());
    let mut suites = Vec::new();
    for (section, exercise) in report.exercises() {
        let classname = format!("{}::{}", section.package, exercise.name);
        let mut suite = Suite {
            name: format!("{} {}::{}", exercise.number, section.package, exercise.name),
            // The tests' own time, suite by suite: a section a class reused
            // from an earlier submission counts the time its tests took then,
            // where the run's wall-clock time would count only the sections
            // built afresh.
            time: exercise.tests.iter().map(|t| t.duration).sum(),
            properties: Vec::new(),
            cases: Vec::new(),
        };
        // CI pages list a suite's properties: where tests ran unconfined, say so.
        if let Some(warning) = report.isolation_warning() {
            suite.properties.push(("isolation", warning));
        }
        if let Some(error) = &exercise.compile_error {
            suite.cases.push(Case {
                name: "compiles".to_owned(),
                classname: Some(classname.clone()),
                time: None,
                not_passed: Some(NotPassed {
                    element: "error",
                    kind: None,
                    message: "does not compile".to_owned(),
                    text: error.rendered.clone(),
                }),
                output: None,
            });
        }
        for test in &exercise.tests {
            let message = test.message().unwrap_or_default();
            let (not_passed, output) = match &test.outcome {
                Outcome::Passed => (None, None),
                Outcome::Failed { output, .. } => (
                    Some(NotPassed {
                        element: "failure",
                        kind: Some("failure"),
                        message: message.lines().take(2).collect::<Vec<_>>().join(" "),
                        text: message,
                    }),
                    Some(output.clone()),
                ),
                Outcome::TimedOut => (
                    Some(NotPassed {
                        element: "failure",
                        kind: Some("timeout"),
                        message: "timed out".to_owned(),
                        text: message,
                    }),
                    None,
                ),
            };
            suite.cases.push(Case {
                name: test.name.clone(),
                classname: Some(classname.clone()),
                time: Some(test.duration),
                not_passed,
                output,
            });
        }
        suites.push(suite);
    }
    Ok(document(name, &suites))
}

/// One suite, `grader`, whose one case, `grading`, is in error with the message.
fn render_error(message: &str) -> Result<String> {
    let suite = Suite {
        name: "grader".to_owned(),
        time: Duration::ZERO,
        properties: Vec::new(),
        cases: vec![Case {
            name: "grading".to_owned(),
            classname: None,
            time: None,
            not_passed: Some(NotPassed {
                element: "error",
                kind: None,
                message: message.to_owned(),
                text: String::new(),
            }),
            output: None,
        }],
    };
    Ok(document("course", &[suite]))
}

/// The whole document: `<testsuites>` with its totals, then each suite. Only
/// the attributes and children that Jenkins' `junit-10.xsd` allows (no
/// `skipped` count on `<testsuites>`, which it rejects there).
fn document(name: &str, suites: &[Suite]) -> String {
    let count = |suite: &Suite, element: &str| {
        suite
            .cases
            .iter()
            .filter(|case| {
                case.not_passed
                    .as_ref()
                    .is_some_and(|n| n.element == element)
            })
            .count()
    };
    let total = |element: &str| suites.iter().map(|s| count(s, element)).sum::<usize>();
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let time: Duration = suites.iter().map(|s| s.time).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\" time=\"{}\">",
        escape(name),
        total("failure"),
        total("error"),
        seconds(time),
    );
    for suite in suites {
        let _ = writeln!(
            xml,
            "    <testsuite name=\"{}\" tests=\"{}\" skipped=\"0\" errors=\"{}\" failures=\"{}\" time=\"{}\">",
            escape(&suite.name),
            suite.cases.len(),
            count(suite, "error"),
            count(suite, "failure"),
            seconds(suite.time),
        );
        if !suite.properties.is_empty() {
            xml.push_str("        <properties>\n");
            for (name, value) in &suite.properties {
                let _ = writeln!(
                    xml,
                    "            <property name=\"{}\" value=\"{}\"/>",
                    escape(name),
                    escape(value)
                );
            }
            xml.push_str("        </properties>\n");
        }
        for case in &suite.cases {
            let _ = write!(xml, "        <testcase name=\"{}\"", escape(&case.name));
            if let Some(classname) = &case.classname {
                let _ = write!(xml, " classname=\"{}\"", escape(classname));
            }
            if let Some(time) = case.time {
                let _ = write!(xml, " time=\"{}\"", seconds(time));
            }
            if case.not_passed.is_none() && case.output.is_none() {
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(">\n");
            if let Some(not) = &case.not_passed {
                let _ = write!(
                    xml,
                    "            <{} message=\"{}\"",
                    not.element,
                    escape(&not.message)
                );
                if let Some(kind) = not.kind {
                    let _ = write!(xml, " type=\"{kind}\"");
                }
                if not.text.is_empty() {
                    xml.push_str("/>\n");
                } else {
                    let _ = writeln!(xml, ">{}</{}>", escape(&not.text), not.element);
                }
            }
            if let Some(output) = &case.output {
                let _ = writeln!(
                    xml,
                    "            <system-out>{}</system-out>",
                    escape(output)
                );
            }
            xml.push_str("        </testcase>\n");
        }
        xml.push_str("    </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// A duration in seconds, as JUnit readers parse it (`xs:decimal`).
fn seconds(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64())
}

/// `text` as XML text or attribute value: markup characters escaped, colour
/// codes (`ESC [ … letter`) removed, and the other characters XML 1.0 cannot
/// hold at all (control characters but tab and line ends) left out.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\u{1b}' => {
                if chars.next_if_eq(&'[').is_some() {
                    while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
                }
            }
            '\t' | '\n' | '\r' => escaped.push(c),
            c if c.is_control() && c < '\u{80}' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
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

    #[test]
    fn text_is_escaped_and_what_xml_cannot_hold_is_left_out() {
        assert_eq!(
            escape("a < b && \"c\" > 'd'"),
            "a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(escape("\u{1b}[31mred\u{1b}[0m\u{7}!\n"), "red!\n");
    }
}
