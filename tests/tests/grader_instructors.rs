//! Instructor mode end to end: submissions graded in a pristine copy of the
//! course, reports in the formats platforms read, and a class gradebook.
//! Each grades section 1 only, which shows every format's shape in a few
//! seconds; the whole course is graded by `stubs_and_solutions`.

use std::path::Path;

use course_tests::{CourseCopy, copies_target_dir, course, digest, grader_binary, root};
use grader::course::source::test_functions;

/// The section these tests grade.
fn section() -> &'static grader::model::course::Section {
    &course().sections[0]
}

fn exercise_count() -> usize {
    section().exercises.len()
}

fn test_count() -> usize {
    section()
        .exercises
        .iter()
        .map(|exercise| {
            let source = course_tests::read(exercise.test_path(section()));
            test_functions(&source).len()
        })
        .sum()
}

/// A submission that solved the first `solved` exercises, in course order.
fn submission_with(solved: usize) -> CourseCopy {
    let copy = CourseCopy::submission();
    for (section, exercise) in course().exercises().take(solved.min(exercise_count())) {
        let solution = course_tests::read(format!(
            "solutions/{}/src/{}.rs",
            section.slug, exercise.name
        ));
        copy.write(exercise.stub_path(section), &solution);
    }
    copy
}

/// Every exercise's status and every test's (name, status, message), leaving out timings.
fn verdicts(report: &serde_json::Value) -> Vec<String> {
    let mut verdicts = Vec::new();
    for section in report["sections"].as_array().expect("sections") {
        for exercise in section["exercises"].as_array().expect("exercises") {
            verdicts.push(format!("{} {}", exercise["name"], exercise["status"]));
            for test in exercise["tests"].as_array().expect("tests") {
                verdicts.push(format!(
                    "  {} {} {}",
                    test["name"], test["status"], test["message"]
                ));
            }
        }
    }
    verdicts
}

/// Grades `submission` (section 1) as `format`, with `extra` arguments,
/// expecting exit status `code`, and returns the report file's text.
fn written_report(submission: &CourseCopy, format: &str, extra: &[&str], code: i32) -> String {
    let out = tempfile::tempdir().expect("a folder");
    let path = out.path().join("report");
    submission
        .grade_as_submission()
        .args(["--section", "1", "--format", format])
        .args(extra)
        .arg("--output")
        .arg(&path)
        .assert()
        .code(code);
    std::fs::read_to_string(&path).expect("the report was written")
}

fn json(output: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(output).expect("the report was written"))
        .expect("valid JSON")
}

#[test]
fn a_submission_cannot_change_its_tests_snapshots_or_cargo_files() {
    course_tests::pristine_or_skip!();
    let honest = submission_with(2);
    let honest: serde_json::Value =
        serde_json::from_str(&written_report(&honest, "json", &[], 1)).expect("valid JSON");

    let tampered = submission_with(2);
    let (section, exercise) = course().exercises().nth(3).expect("a fourth exercise");
    tampered.write(
        exercise.test_path(section),
        "#[test]\nfn always_passes() {}\n",
    );
    let snapshots = format!("exercises/{}/tests/snapshots", section.slug);
    let snapshot = std::fs::read_dir(tampered.path().join(&snapshots))
        .expect("snapshots")
        .next()
        .expect("a snapshot")
        .expect("readable")
        .path();
    std::fs::write(&snapshot, "---\nsource: forged\n---\nanything\n").expect("forge a snapshot");
    tampered.write(
        format!("exercises/{}/build.rs", section.slug),
        "fn main() {}\n",
    );
    let manifest = tampered.read(format!("exercises/{}/Cargo.toml", section.slug));
    tampered.write(
        format!("exercises/{}/Cargo.toml", section.slug),
        &format!("{manifest}\n# edited\n"),
    );
    tampered.write("notes.txt", "an added file\n");
    let before = digest(tampered.path());

    let tampered_report = written_report(&tampered, "json", &[], 1);
    assert_eq!(
        digest(tampered.path()),
        before,
        "the submission folder must not be modified"
    );

    let tampered: serde_json::Value = serde_json::from_str(&tampered_report).expect("valid JSON");
    assert_eq!(
        verdicts(&honest),
        verdicts(&tampered),
        "tampering outside src/ must not change the verdict"
    );
    let ignored: Vec<&str> = tampered["submission"]["ignored"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for expected in [
        exercise.test_path(section).display().to_string(),
        format!("exercises/{}/build.rs", section.slug),
        format!("exercises/{}/Cargo.toml", section.slug),
        "notes.txt".to_owned(),
    ] {
        assert!(
            ignored.contains(&expected.as_str()),
            "{expected} must be listed as ignored: {ignored:?}"
        );
    }
    assert!(
        ignored.iter().any(|p| p.ends_with(".snap")),
        "the forged snapshot is listed: {ignored:?}"
    );
    assert_eq!(honest["totals"]["exercises_passed"], 2);
}

#[test]
fn junit_has_a_suite_per_exercise_and_a_case_per_test() {
    course_tests::pristine_or_skip!();
    let submission = submission_with(1);
    let report = written_report(&submission, "junit", &[], 1);
    let xml = report;
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let violations = junit_schema_violations(&document);
    assert!(
        violations.is_empty(),
        "Jenkins' junit-10.xsd would reject the file:\n{}",
        violations.join("\n")
    );
    for suite in document.descendants().filter(|n| n.is_element()) {
        if matches!(suite.tag_name().name(), "testsuites" | "testsuite") {
            assert!(
                suite.attribute("time").is_some(),
                "every suite says how long it took: {:?}",
                suite.attribute("name")
            );
        }
    }
    let suites: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), exercise_count(), "a testsuite per exercise");
    let cases = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, test_count(), "a testcase per test");
    let first = course().exercises().next().expect("an exercise");
    let first_tests = test_functions(&course_tests::read(first.1.test_path(first.0))).len();
    let failures = document
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(
        failures,
        test_count() - first_tests,
        "every test but the solved exercise's fails"
    );
    let root_node = document.root_element();
    assert_eq!(
        root_node.attribute("failures"),
        Some((test_count() - first_tests).to_string().as_str())
    );
    let failure = document
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert!(
        failure
            .attribute("message")
            .is_some_and(|m| m.contains("not yet implemented")),
        "{xml}"
    );
}

/// What Jenkins' JUnit schema (`junit-10.xsd`, of the xunit plugin) requires
/// of the elements a report has, written out as rules: each element's allowed
/// and required attributes and allowed children, and the form of a suite's
/// time. Returns every place the document breaks them.
fn junit_schema_violations(document: &roxmltree::Document) -> Vec<String> {
    const CASE_CHILDREN: &[&str] = &[
        "skipped",
        "error",
        "failure",
        "rerunFailure",
        "rerunError",
        "flakyFailure",
        "flakyError",
        "system-out",
        "system-err",
    ];
    /// One element's rules: its allowed and required attributes, its allowed children.
    struct Rule {
        element: &'static str,
        attributes: &'static [&'static str],
        required: &'static [&'static str],
        children: &'static [&'static str],
    }
    let rules = [
        Rule {
            element: "testsuites",
            attributes: &["name", "time", "tests", "failures", "errors"],
            required: &[],
            children: &["testsuite"],
        },
        Rule {
            element: "testsuite",
            attributes: &[
                "name",
                "tests",
                "failures",
                "errors",
                "group",
                "time",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
            ],
            required: &["name", "tests", "failures", "errors"],
            children: &[
                "testsuite",
                "properties",
                "testcase",
                "system-out",
                "system-err",
            ],
        },
        Rule {
            element: "testcase",
            attributes: &["name", "time", "classname", "group"],
            required: &["name"],
            children: CASE_CHILDREN,
        },
        Rule {
            element: "failure",
            attributes: &["type", "message"],
            required: &[],
            children: &[],
        },
        Rule {
            element: "error",
            attributes: &["type", "message"],
            required: &[],
            children: &[],
        },
        Rule {
            element: "skipped",
            attributes: &["type", "message"],
            required: &[],
            children: &[],
        },
        Rule {
            element: "system-out",
            attributes: &[],
            required: &[],
            children: &[],
        },
        Rule {
            element: "system-err",
            attributes: &[],
            required: &[],
            children: &[],
        },
        Rule {
            element: "properties",
            attributes: &[],
            required: &[],
            children: &["property"],
        },
        Rule {
            element: "property",
            attributes: &["name", "value"],
            required: &["name", "value"],
            children: &[],
        },
    ];
    let mut violations = Vec::new();
    let root = document.root_element();
    if root.tag_name().name() != "testsuites" && root.tag_name().name() != "testsuite" {
        violations.push(format!("the root is <{}>", root.tag_name().name()));
    }
    for node in document.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let Some(rule) = rules.iter().find(|r| r.element == name) else {
            violations.push(format!("<{name}> is not an element of the schema"));
            continue;
        };
        for attribute in node.attributes() {
            if !rule.attributes.contains(&attribute.name()) {
                violations.push(format!("<{name}> may not have `{}`", attribute.name()));
            }
        }
        for attribute in rule.required {
            if node.attribute(*attribute).is_none() {
                violations.push(format!("<{name}> must have `{attribute}`"));
            }
        }
        for child in node.children().filter(|c| c.is_element()) {
            if !rule.children.contains(&child.tag_name().name()) {
                violations.push(format!(
                    "<{name}> may not hold <{}>",
                    child.tag_name().name()
                ));
            }
        }
        // SUREFIRE_TIME: digits (thousands may be comma-separated) and an
        // optional fraction; no sign, no exponent, no unit.
        if matches!(name, "testsuites" | "testsuite") {
            if let Some(time) = node.attribute("time") {
                let (whole, fraction) = time.split_once('.').unwrap_or((time, ""));
                let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == ',');
                if !digits(whole) || !fraction.chars().all(|c| c.is_ascii_digit()) {
                    violations.push(format!("<{name}> time {time:?} is not a SUREFIRE_TIME"));
                }
            }
        }
    }
    violations
}

#[test]
fn gradescope_results_follow_the_specification() {
    course_tests::pristine_or_skip!();
    let submission = submission_with(1);
    let report = written_report(&submission, "gradescope", &[], 1);
    let results: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    assert!(
        results["execution_time"].as_f64().is_some_and(|t| t > 0.0),
        "execution_time in seconds"
    );
    assert_eq!(results["score"], 1.0, "one exercise of one point is solved");
    for key in ["output_format", "test_output_format", "test_name_format"] {
        assert_eq!(
            results[key], "text",
            "`<section>` in a message is text, not HTML"
        );
    }
    let tests = results["tests"].as_array().expect("tests[]");
    assert_eq!(tests.len(), exercise_count(), "an entry per exercise");
    for (index, test) in tests.iter().enumerate() {
        for field in ["name", "number", "output", "visibility", "status"] {
            assert!(
                test[field].is_string(),
                "tests[{index}].{field} is a string: {test}"
            );
        }
        assert!(
            test["score"].is_number() && test["max_score"].is_number(),
            "{test}"
        );
        assert!(
            ["passed", "failed"].contains(&test["status"].as_str().unwrap()),
            "{test}"
        );
        assert_eq!(test["visibility"], "visible");
    }
    assert_eq!(tests[0]["status"], "passed");
    assert_eq!(tests[0]["number"], "1.1");
    assert_eq!(tests[1]["score"], 0.0);
    assert!(
        tests[1]["output"]
            .as_str()
            .unwrap()
            .contains("not yet implemented"),
        "{}",
        tests[1]
    );
}

#[test]
fn exercism_results_follow_version_three() {
    course_tests::pristine_or_skip!();
    let submission = submission_with(1);
    let report = written_report(&submission, "exercism", &[], 1);
    let results: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    assert_eq!(results["version"], 3);
    assert_eq!(results["status"], "fail");
    assert!(
        results.get("message").is_none(),
        "message is only for errors"
    );
    let tests = results["tests"].as_array().expect("tests[]");
    assert_eq!(tests.len(), test_count());
    let (section, exercise) = course().exercises().next().expect("an exercise");
    let in_file_order = test_functions(&course_tests::read(exercise.test_path(section)));
    for (function, test) in in_file_order.iter().zip(tests) {
        assert_eq!(
            test["name"],
            format!("{} / {}", exercise.name, function.name),
            "tests are in test-file order"
        );
        assert_eq!(test["status"], "pass");
        assert_eq!(test["test_code"], function.body.as_str());
        assert!(test.get("task_id").is_none(), "no numbered tasks: {test}");
    }
    let failing = tests
        .iter()
        .find(|t| t["status"] == "fail")
        .expect("a failing test");
    assert!(
        failing["message"]
            .as_str()
            .is_some_and(|m| m.contains("not yet implemented")),
        "{failing}"
    );
    for test in tests {
        assert!(
            test.get("output")
                .is_none_or(|o| o.as_str().is_some_and(|o| o.chars().count() <= 500))
        );
    }
}

#[test]
fn a_syntax_error_costs_only_its_own_exercise() {
    course_tests::pristine_or_skip!();
    // Sections 1 and 2 solved, and one syntax error in one exercise's file.
    let submission = CourseCopy::submission();
    let sections = &course().sections[..2];
    for section in sections {
        for exercise in &section.exercises {
            let solution = course_tests::read(format!(
                "solutions/{}/src/{}.rs",
                section.slug, exercise.name
            ));
            submission.write(exercise.stub_path(section), &solution);
        }
    }
    let broken = section()
        .exercise("fibonacci")
        .expect("section 1 has fibonacci");
    let solution = course_tests::read(format!("solutions/{}/src/fibonacci.rs", section().slug));
    submission.write(
        broken.stub_path(section()),
        &format!("{solution}\nfn half_written( {{\n"),
    );

    let out = tempfile::tempdir().expect("a folder");
    let path = out.path().join("report.json");
    submission
        .grade_as_submission()
        .args(["--section", "1", "--section", "2", "--format", "json"])
        .arg("--output")
        .arg(&path)
        .assert()
        .code(1);
    let report = json(&path);
    let exercises: usize = sections.iter().map(|s| s.exercises.len()).sum();
    let tests: usize = sections
        .iter()
        .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
        .map(|(s, e)| test_functions(&course_tests::read(e.test_path(s))).len())
        .sum();
    let broken_tests = test_functions(&course_tests::read(broken.test_path(section()))).len();
    let totals = &report["totals"];
    assert_eq!(
        totals["exercises_passed"],
        exercises - 1,
        "only fibonacci is lost; the others of its section are graded on a build \
         where its stub stands in for it: {totals}\n{:#?}",
        verdicts(&report)
    );
    assert_eq!(
        totals["tests"], tests,
        "the broken exercise's tests count as failed, never as absent: {totals}"
    );
    assert_eq!(totals["tests_passed"], tests - broken_tests, "{totals}");
    let fibonacci = report["sections"][0]["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|e| e["name"] == "fibonacci")
        .expect("fibonacci is reported");
    assert_eq!(fibonacci["status"], "does_not_compile");
    assert!(
        fibonacci["compile_error"]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("src/fibonacci.rs")),
        "the diagnostic names the learner's file: {fibonacci}"
    );
    assert!(
        submission
            .read(broken.stub_path(section()))
            .contains("half_written"),
        "the submission is never written"
    );
}

/// Runs Exercism's entry point, `bin/run.sh SLUG INPUT OUTPUT`, on a solution
/// folder holding `files`, and returns its `results.json`.
fn exercism_run(slug: &str, files: &[(&str, &str)]) -> serde_json::Value {
    let input = tempfile::tempdir().expect("a folder");
    for (path, text) in files {
        let path = input.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let output = tempfile::tempdir().expect("a folder");
    let scratch = tempfile::tempdir().expect("a folder");
    let work_dir = copies_target_dir().join("instructor");
    assert_cmd::Command::new(root().join("grader/exercism/bin/run.sh"))
        .arg(slug)
        .arg(input.path())
        .arg(output.path())
        .env("COURSE", course_tests::pristine())
        .env("GRADER", grader_binary())
        // The image's warm working copy, which run.sh copies to a folder of
        // this run's (built at another path, its own packages are rebuilt).
        .env("WARM_WORK_DIR", work_dir)
        .env("WORK_DIR", scratch.path().join("work"))
        .assert()
        .code(0);
    json(&output.path().join("results.json"))
}

#[test]
fn exercisms_entry_point_grades_one_exercise_from_a_solution_folder() {
    course_tests::pristine_or_skip!();
    let (section, exercise) = course().exercises().nth(3).expect("a fourth exercise");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    let functions = test_functions(&course_tests::read(exercise.test_path(section)));

    let results = exercism_run(
        &exercise.name.replace('_', "-"),
        &[(&format!("src/{}.rs", exercise.name), &solution)],
    );
    assert_eq!(results["status"], "pass", "{results:#}");
    let tests = results["tests"].as_array().expect("tests[]");
    assert_eq!(
        tests.len(),
        functions.len(),
        "every test of the exercise, no other"
    );
    for (test, function) in tests.iter().zip(&functions) {
        assert_eq!(test["status"], "pass");
        assert_eq!(
            test["test_code"], function.body,
            "test_code is the test's body, as the interface asks, not its `fn` line"
        );
        assert!(test.get("task_id").is_none());
    }

    let broken = format!("{solution}\nfn half_written( {{\n");
    let results = exercism_run(
        &exercise.name,
        &[(&format!("{}.rs", exercise.name), &broken)],
    );
    assert_eq!(results["status"], "error", "{results:#}");
    let message = results["tests"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("-->") && message.contains(&format!("{}.rs", exercise.name)),
        "a compile error's message is the whole diagnostic, with where it is: {message}"
    );

    let results = exercism_run(&exercise.name, &[("notes.txt", "no code")]);
    assert_eq!(results["status"], "error");
    assert!(
        results["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("Expected the file {}.rs", exercise.name))),
        "a solution without the exercise's file says what was expected: {results}"
    );
}

#[test]
fn a_submission_that_does_not_compile_still_gets_its_report_file() {
    course_tests::pristine_or_skip!();
    let submission = CourseCopy::submission();
    // The section's shared library, not one exercise's file: no stub can stand in.
    submission.write(
        section()
            .dir_on(grader::model::course::Side::Exercises)
            .join("src/lib.rs"),
        "this is not Rust\n",
    );
    let report = written_report(&submission, "exercism", &["--exit-zero"], 0);
    let results: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    assert_eq!(results["version"], 3);
    assert_eq!(
        results["status"], "error",
        "nothing could run, so the status is error"
    );
    assert!(
        results["message"]
            .as_str()
            .is_some_and(|m| m.contains("error")),
        "{results}"
    );
}

/// A class's tests run in batches, many to a process, and a failure there
/// stands only where it is its own. An averager that keeps its total in a
/// `static` fails some tests only after another test ran in the same process;
/// an untouched section fails every test. Graded in batches and with one
/// process per test, every verdict, cause and message is the same, and the
/// batches took fewer processes.
#[test]
fn a_class_graded_in_batches_gets_the_verdicts_of_one_process_per_test() {
    course_tests::pristine_or_skip!();
    let section = &course().sections[1];
    let class = tempfile::tempdir().expect("a folder");
    let stateful = CourseCopy::submission();
    for (index, exercise) in section.exercises.iter().enumerate() {
        let solutions = format!("solutions/{}", section.slug);
        let text = match (exercise.name.as_str(), index % 3) {
            ("averager", _) => course_tests::read(format!(
                "{solutions}/mistakes/averager/total-in-a-static.rs"
            )),
            // A stub left beside it, and the others solved.
            (_, 0) => continue,
            _ => course_tests::read(format!("{solutions}/src/{}.rs", exercise.name)),
        };
        stateful.write(exercise.stub_path(section), &text);
    }
    for (name, copy) in [
        ("stateful", stateful),
        ("untouched", CourseCopy::submission()),
    ] {
        let to = class.path().join(name);
        for (relative, content) in digest(copy.path()) {
            let path = to.join(relative);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, content).expect("write");
        }
    }
    let grade = |per_test: bool| {
        let out = tempfile::tempdir().expect("a folder");
        let mut command = assert_cmd::Command::new(grader_binary());
        command
            .current_dir(course_tests::pristine())
            .env("NO_COLOR", "1")
            .env_remove(grader::run::runner::PROCESS_PER_TEST)
            .arg("--work-dir")
            .arg(copies_target_dir().join("instructor"))
            .args(["--section", "2", "--class"])
            .arg(class.path())
            .arg("--output")
            .arg(out.path());
        if per_test {
            command.env(grader::run::runner::PROCESS_PER_TEST, "1");
        }
        let output = command.assert().code(1).get_output().clone();
        let messages = String::from_utf8(output.stderr).expect("UTF-8");
        let processes: usize = messages
            .split(" test verdicts, from ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next()?.parse().ok())
            .unwrap_or_else(|| panic!("how many test processes it took:\n{messages}"));
        let book: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join("gradebook.json")).expect("the gradebook"),
        )
        .expect("JSON");
        let mut verdicts = Vec::new();
        for submission in book["submissions"].as_array().expect("submissions") {
            for exercise in submission["sections"][0]["exercises"]
                .as_array()
                .expect("exercises")
            {
                for test in exercise["tests"].as_array().expect("tests") {
                    verdicts.push(format!(
                        "{} {} {}: {} {} {}",
                        submission["submission"]["name"],
                        exercise["name"],
                        test["name"],
                        test["status"],
                        test["cause"],
                        test["message"]
                    ));
                }
            }
        }
        (verdicts, processes)
    };
    let (batched, in_batches) = grade(false);
    let (alone, one_each) = grade(true);
    assert!(
        batched
            .iter()
            .any(|v| v.contains("\"averager\"") && v.contains("\"failed\"")),
        "the averager that keeps its total in a static fails: {batched:#?}"
    );
    assert_eq!(batched.len(), alone.len());
    for (batch, own) in batched.iter().zip(&alone) {
        assert_eq!(
            batch, own,
            "a verdict of the batches differs from its own process's"
        );
    }
    assert!(
        in_batches < one_each,
        "the batches took {in_batches} processes, one per test {one_each}"
    );
}

#[test]
fn a_class_gets_a_csv_and_an_html_gradebook() {
    course_tests::pristine_or_skip!();
    let class = tempfile::tempdir().expect("a folder");
    // Four learners: all solved, two solved, and two untouched (byte for byte
    // the same, so the second's section is answered from the cache). Each
    // copy's files are written into the class folder. Álvaro sorts second
    // as people sort names, last by bytes.
    for (name, solved) in [
        ("ada", exercise_count()),
        ("Álvaro", 2),
        ("cyd", 0),
        ("dee", 0),
    ] {
        let copy = submission_with(solved);
        let to = class.path().join(name);
        std::fs::create_dir(&to).expect("a submission folder");
        for (relative, content) in digest(copy.path()) {
            let path = to.join(relative);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(path, content).expect("write");
        }
    }
    let gradebook = tempfile::tempdir().expect("a folder");
    let roster = gradebook.path().join("roster.csv");
    std::fs::write(
        &roster,
        "submission,id,email\nada,s-001,ada@example.org\nÁlvaro,s-002,alvaro@example.org\n",
    )
    .expect("a roster");
    let output = assert_cmd::Command::new(grader_binary())
        .current_dir(course_tests::pristine())
        .env("NO_COLOR", "1")
        .arg("--work-dir")
        .arg(copies_target_dir().join("instructor"))
        .args(["--section", "1", "--class"])
        .arg(class.path())
        .arg("--output")
        .arg(gradebook.path())
        .arg("--roster")
        .arg(&roster)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let summary = String::from_utf8(output.stdout).expect("UTF-8");
    let messages = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        messages.contains("Reused 1 section results"),
        "dee's section is byte for byte cyd's: its results are reused, not rebuilt:\n{messages}"
    );
    let spent = messages
        .lines()
        .find(|line| line.starts_with("Graded "))
        .unwrap_or_else(|| panic!("the instructor is told where the time went:\n{messages}"));
    for part in [
        "s each",
        "building the tests",
        "running them",
        "copying and the rest",
    ] {
        assert!(spent.contains(part), "{spent}");
    }
    let ada = summary
        .lines()
        .find(|line| line.starts_with("ada "))
        .expect("a line for ada");
    assert!(
        ada.contains(&format!(" {0}/{0} ", exercise_count())),
        "{summary}"
    );

    let csv_path = gradebook.path().join("gradebook.csv");
    assert!(
        std::fs::read_to_string(&csv_path)
            .expect("the CSV")
            .starts_with('\u{feff}'),
        "a byte order mark, so that a spreadsheet reads the CSV as UTF-8"
    );
    let mut csv = csv::Reader::from_path(&csv_path).expect("a CSV");
    let header = csv.headers().expect("a header").clone();
    assert_eq!(
        header.iter().take(5).collect::<Vec<_>>(),
        ["submission", "id", "email", "total", "max"]
    );
    assert_eq!(
        header.len(),
        5 + 2 * exercise_count(),
        "points and status for each exercise: {header:?}"
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("a row")).collect();
    let total = |row: &csv::StringRecord| row[3].to_owned();
    assert_eq!(
        rows.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(),
        ["ada", "Álvaro", "cyd", "dee"],
        "names in the order people sort them"
    );
    assert_eq!((&rows[0][1], &rows[0][2]), ("s-001", "ada@example.org"));
    assert_eq!(
        (&rows[2][1], &rows[2][2]),
        ("", ""),
        "cyd is not on the roster"
    );
    assert_eq!(&rows[2][6], "failed", "the first exercise's status");
    assert_eq!(
        rows.iter().map(total).collect::<Vec<_>>(),
        [
            exercise_count().to_string(),
            "2".into(),
            "0".into(),
            "0".into()
        ]
    );
    assert_eq!(
        rows[3].iter().skip(1).collect::<Vec<_>>(),
        rows[2].iter().skip(1).collect::<Vec<_>>()
    );

    let html = std::fs::read_to_string(gradebook.path().join("gradebook.html")).expect("the page");
    assert_eq!(
        html.matches("<tr><td class=\"name\"").count(),
        4,
        "a row per submission"
    );
    assert_eq!(
        html.matches("class=\"cell\"").count(),
        4 * exercise_count(),
        "a cell per exercise"
    );
    assert_eq!(
        html.matches("class=\"summary-cell\"").count(),
        exercise_count(),
        "a class summary row with a cell per exercise"
    );
    assert!(
        html.find(">ada<") < html.find(">Álvaro<") && html.find(">Álvaro<") < html.find(">cyd<"),
        "rows in the order people sort names"
    );
    for external in ["http://", "https://", "<link", "src="] {
        assert!(
            !html.contains(external),
            "the page is self-contained: found {external}"
        );
    }
    let book = json(&gradebook.path().join("gradebook.json"));
    assert_eq!(book["schema"], "course-grader/gradebook/v1");
    assert_eq!(book["submissions"].as_array().map(Vec::len), Some(4));
}

#[test]
fn classroom_results_are_what_the_grading_reporter_reads() {
    course_tests::pristine_or_skip!();
    let submission = submission_with(1);
    let report = written_report(&submission, "classroom", &[], 1);
    let results: serde_json::Value = serde_json::from_str(&report).expect("valid JSON");
    // The reporter posts the sum of the tests' scores out of max_score, and
    // fails the check when status is "fail" or "error".
    assert_eq!(results["version"], 1);
    assert_eq!(results["status"], "fail", "five exercises are stubs");
    assert_eq!(results["max_score"], exercise_count() as f64);
    let tests = results["tests"].as_array().expect("tests[]");
    assert_eq!(tests.len(), exercise_count(), "an entry per exercise");
    let total: f64 = tests
        .iter()
        .map(|t| t["score"].as_f64().expect("a score"))
        .sum();
    assert_eq!(total, 1.0, "one exercise of one point is solved");
    // The reporter's log counts passing entries × max_score ÷ entries: an
    // exercise scores all its points or none, so that the two agree.
    let passing = tests.iter().filter(|t| t["status"] == "pass").count() as f64;
    assert_eq!(
        passing * exercise_count() as f64 / tests.len() as f64,
        total
    );
    assert_eq!(tests[0]["status"], "pass");
    assert!(tests[0]["message"].is_null(), "{}", tests[0]);
    assert_eq!(tests[1]["status"], "fail");
    let message = tests[1]["message"].as_str().expect("a failure says why");
    assert!(
        message.contains("First failing test") && message.contains("not yet implemented"),
        "{message}"
    );
    assert!(
        report.len() <= grader::render::classroom::DOCUMENT_LIMIT,
        "the document fits one environment variable"
    );
    for test in tests {
        assert!(
            test["test_code"]
                .as_str()
                .is_some_and(|c| c.starts_with("cargo test -p ")),
            "{test}"
        );
    }
}

#[test]
fn one_executable_per_section_grades_as_the_learners_own_executables_do() {
    course_tests::pristine_or_skip!();
    // Every exercise solved, but fibonacci's function renamed: its tests no
    // longer compile, which breaks the section's one executable, so the
    // section is built again exercise by exercise.
    let renamed = submission_with(exercise_count());
    let (section, fibonacci) = (section(), &section().exercises[3]);
    assert_eq!(fibonacci.name, "fibonacci");
    let file = fibonacci.stub_path(section);
    renamed.write(
        &file,
        &renamed
            .read(&file)
            .replace("pub fn fibonacci()", "pub fn renamed()"),
    );
    let report: serde_json::Value =
        serde_json::from_str(&written_report(&renamed, "json", &[], 1)).expect("valid JSON");
    let exercises = report["sections"][0]["exercises"]
        .as_array()
        .expect("exercises");
    for exercise in exercises {
        let expected = if exercise["name"] == "fibonacci" {
            "does_not_compile"
        } else {
            "passed"
        };
        assert_eq!(exercise["status"], expected, "{exercise}");
    }
    let error = exercises[3]["compile_error"]["file"].as_str();
    assert_eq!(error, Some("exercises/01-generators/tests/fibonacci.rs"));

    // A failing snapshot names the course's own snapshot file, and the
    // tests keep the names the learner's `cargo test` shows.
    let wrong = submission_with(exercise_count());
    wrong.write(
        &file,
        &wrong
            .read(&file)
            .replace("b.checked_add(a)", "b.checked_mul(a)"),
    );
    let report: serde_json::Value =
        serde_json::from_str(&written_report(&wrong, "json", &[], 1)).expect("valid JSON");
    let tests = report["sections"][0]["exercises"][3]["tests"]
        .as_array()
        .expect("tests");
    let text = tests.iter().map(|t| t.to_string()).collect::<String>();
    assert!(
        text.contains("snapshots/fibonacci__first_ten.snap") && !text.contains("grader_all"),
        "{text}"
    );
    assert!(
        tests
            .iter()
            .all(|t| !t["name"].as_str().unwrap_or("").contains("::")),
        "{text}"
    );
}

/// The Classroom workflow's job id, which names its check run unless the job
/// has a `name:`; and the step id whose output the reporter reads
/// (`runners:`), with the environment variable the workflow passes it in.
fn classroom_workflow() -> (String, Option<String>, String, String) {
    let workflow = course_tests::read("book/src/instructors/github-classroom.yml");
    let mut lines = workflow.lines().skip_while(|line| *line != "jobs:").skip(1);
    let job = lines
        .find(|line| line.starts_with("  ") && !line.trim_start().starts_with('#'))
        .and_then(|line| line.trim().strip_suffix(':'))
        .expect("a job under jobs:")
        .to_owned();
    let name = lines
        .take_while(|line| !line.trim_start().starts_with("steps:"))
        .find_map(|line| line.strip_prefix("    name:"))
        .map(|name| name.trim().to_owned());
    let runner = workflow
        .lines()
        .find_map(|line| line.trim().strip_prefix("runners:"))
        .expect("the reporter's runners input")
        .trim()
        .to_owned();
    let variable = format!("{}_RESULTS", runner.to_uppercase());
    assert!(
        workflow.contains(&format!(
            "{variable}: ${{{{ steps.{runner}.outputs.result }}}}"
        )),
        "the reporter reads {variable}, which the workflow must set from the grade step"
    );
    (job, name, runner, variable)
}

/// One request the stand-in for GitHub's API received.
#[derive(Debug, Clone)]
struct ApiRequest {
    method: String,
    path: String,
    body: String,
}

/// A stand-in for GitHub's REST API on 127.0.0.1, answering the three calls
/// the grading reporter makes: the workflow run (its check suite), the check
/// runs of that suite named as asked, and the update of one. Only the check
/// run called `check_run_name` exists, as on GitHub, where a job's check run
/// is named after its `name:` or else its id.
fn github_stand_in(
    check_run_name: String,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<ApiRequest>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let base = url.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or_default().to_owned();
            let path = parts.next().unwrap_or_default().to_owned();
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                    break;
                }
                let field = header.split_once(':');
                if let Some((_, value)) =
                    field.filter(|(key, _)| key.eq_ignore_ascii_case("content-length"))
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let body = String::from_utf8_lossy(&body).into_owned();
            log.lock().expect("the log").push(ApiRequest {
                method: method.clone(),
                path: path.clone(),
                body,
            });
            let (status, answer) = match (method.as_str(), path.as_str()) {
                ("GET", "/repos/classroom/alice/actions/runs/42") => (
                    "200 OK",
                    serde_json::json!({
                        "id": 42,
                        "check_suite_url": format!("{base}/repos/classroom/alice/check-suites/7"),
                    }),
                ),
                ("GET", p) if p.starts_with("/repos/classroom/alice/check-suites/7/check-runs") => {
                    let asked = p
                        .split(['?', '&'])
                        .find_map(|pair| pair.strip_prefix("check_name="))
                        .unwrap_or_default()
                        .replace("%20", " ");
                    let runs: Vec<serde_json::Value> = if asked == check_run_name {
                        vec![serde_json::json!({"id": 99, "name": check_run_name})]
                    } else {
                        Vec::new()
                    };
                    (
                        "200 OK",
                        serde_json::json!({"total_count": runs.len(), "check_runs": runs}),
                    )
                }
                ("PATCH", "/repos/classroom/alice/check-runs/99") => {
                    ("200 OK", serde_json::json!({"id": 99}))
                }
                _ => ("404 Not Found", serde_json::json!({"message": "Not Found"})),
            };
            let answer = answer.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, seen)
}

/// Runs the grading reporter's own JavaScript (`src/main.js` of a checkout of
/// `education/autograding-grading-reporter`, its npm dependencies installed)
/// on `document`, as the workflow passes it, against the stand-in API.
/// Returns what the reporter printed, and the summary it posted, if any.
fn run_reporter(reporter: &Path, document: &str) -> (String, Option<String>) {
    let (job, name, runner, variable) = classroom_workflow();
    let (api, seen) = github_stand_in(name.unwrap_or(job));
    // Encoded as the workflow encodes it: `base64 -w 0`.
    let mut base64 = std::process::Command::new("base64")
        .args(["-w", "0"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("base64 runs");
    {
        use std::io::Write;
        base64
            .stdin
            .take()
            .expect("stdin")
            .write_all(document.as_bytes())
            .expect("written");
    }
    let encoded =
        String::from_utf8(base64.wait_with_output().expect("base64").stdout).expect("ASCII");
    let mut node = std::process::Command::new("node");
    node.arg(reporter.join("src/main.js"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("INPUT_RUNNERS", &runner)
        .env(&variable, encoded.trim())
        .env("GITHUB_TOKEN", "a-token")
        .env("GITHUB_REPOSITORY", "classroom/alice")
        .env("GITHUB_RUN_ID", "42")
        .env("GITHUB_API_URL", &api);
    let output = node.output().expect("node runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let requests = seen.lock().expect("the log").clone();
    let update = requests
        .iter()
        .find(|r| r.method == "PATCH" && r.path == "/repos/classroom/alice/check-runs/99")
        .map(|r| {
            let body: serde_json::Value = serde_json::from_str(&r.body).expect("JSON");
            body["output"]["summary"]
                .as_str()
                .expect("a summary")
                .to_owned()
        });
    eprintln!("--- the reporter printed:\n{printed}--- the API received:\n{requests:#?}");
    (printed, update)
}

/// The reporter's checkout, from `CLASSROOM_REPORTER`: its code is not part
/// of the course, so the test that runs it is skipped (and says so) without it.
fn reporter_checkout() -> Option<std::path::PathBuf> {
    let Some(dir) = std::env::var_os("CLASSROOM_REPORTER") else {
        eprintln!(
            "SKIPPED: set CLASSROOM_REPORTER to a checkout of \
             education/autograding-grading-reporter with its npm dependencies installed \
             (`npm install --omit=dev`) to run its own code against a stand-in for GitHub's API"
        );
        return None;
    };
    let dir = std::path::PathBuf::from(dir);
    assert!(
        dir.join("src/main.js").is_file() && dir.join("node_modules/@actions/github").is_dir(),
        "CLASSROOM_REPORTER={} holds no reporter with its dependencies installed",
        dir.display()
    );
    Some(dir)
}

#[test]
fn the_grading_reporter_posts_the_points_of_a_submission_to_the_check_run() {
    let (job, name, _, _) = classroom_workflow();
    assert_eq!(
        name.as_deref().unwrap_or(&job),
        "run-autograding-tests",
        "the reporter updates only the check run named run-autograding-tests"
    );
    let Some(reporter) = reporter_checkout() else {
        return;
    };
    let submission = submission_with(2);
    let document = written_report(&submission, "classroom", &[], 1);
    let (printed, posted) = run_reporter(&reporter, &document);
    let points = format!("Points 2/{}", exercise_count());
    assert_eq!(posted.as_deref(), Some(points.as_str()), "{printed}");
    // The reporter's own log counts passing entries: it must agree.
    assert!(
        printed.contains(&format!(
            "Total points for grade: 2.00/{}",
            exercise_count()
        )),
        "{printed}"
    );

    // A command line the grader refuses still reaches the student: the
    // reason in the log, and 0 points out of the course's.
    let out = tempfile::tempdir().expect("a folder");
    let path = out.path().join("classroom.json");
    submission
        .grade_as_submission()
        .args(["--format", "classroom", "--output"])
        .arg(&path)
        .arg("--no-such-flag")
        .assert()
        .code(2);
    let document = std::fs::read_to_string(&path).expect("an error document");
    let (printed, posted) = run_reporter(&reporter, &document);
    let all_points: f64 = course().exercises().map(|(_, e)| e.points).sum();
    assert_eq!(posted, Some(format!("Points 0/{all_points}")), "{printed}");
    assert!(
        printed.contains("Error: The grader could not run") && printed.contains("--no-such-flag"),
        "{printed}"
    );
}

/// Exercism's runner as Exercism runs it: the course, the crates and the
/// toolchain read-only (bind mounts remounted read-only in a mount namespace
/// of its own), no network (a network namespace with nothing in it: `unshare
/// -rn`), 20 seconds. Only the output folder and /tmp are writable. The
/// image's warm working copy is stood in for by the one these tests share,
/// read-only as well: `run.sh` copies it to /tmp.
#[test]
fn exercisms_runner_grades_with_the_course_read_only_and_no_network_in_20_seconds() {
    let usable = std::process::Command::new("unshare")
        .args(["-rnm", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !usable {
        eprintln!("SKIPPED: `unshare -rnm` (user, network and mount namespaces) is refused here");
        return;
    }
    let (section, exercise) = course().exercises().nth(3).expect("a fourth exercise");
    // The working copy warm for the section, as the image's build leaves it.
    CourseCopy::submission()
        .grade_as_submission()
        .args([
            "--section",
            &section.package,
            "--format",
            "json",
            "--exit-zero",
        ])
        .assert()
        .code(0);
    let warm = copies_target_dir().join("instructor");
    let input = tempfile::tempdir().expect("a folder");
    let solution = course_tests::read(format!(
        "solutions/{}/src/{}.rs",
        section.slug, exercise.name
    ));
    std::fs::write(input.path().join(format!("{}.rs", exercise.name)), solution).expect("write");
    let output = tempfile::tempdir().expect("a folder");
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("a cargo home");
    // The image's warm copy is read-only, and run.sh copies it to an empty
    // folder at the path it was built at (cargo's fingerprints hold it): here
    // the shared copy, mounted read-only elsewhere, and a tmpfs in its place.
    let image = tempfile::tempdir().expect("a folder");
    let read_only: Vec<&Path> = vec![root(), &home, input.path()];
    let mut script = String::from("set -e\n");
    // The read-only binds first: a bind of the course over itself would hide
    // a tmpfs mounted below it before (the target folder, and so the warm
    // copy, is inside the course when CARGO_TARGET_DIR is not set).
    for path in &read_only {
        let path = path.display();
        script.push_str(&format!(
            "mount --bind '{path}' '{path}'\nmount -o remount,bind,ro '{path}'\n"
        ));
    }
    script.push_str(&format!(
        "mount --bind '{warm}' '{image}'\nmount -o remount,bind,ro '{image}'\n\
         mount -t tmpfs tmpfs '{warm}'\n",
        warm = warm.display(),
        image = image.path().display()
    ));
    script.push_str("exec timeout 20 \"$@\"\n");
    let started = std::time::Instant::now();
    let run = std::process::Command::new("unshare")
        .args(["-rnm", "bash", "-c", &script, "bash"])
        .arg(root().join("grader/exercism/bin/run.sh"))
        .arg(exercise.name.replace('_', "-"))
        .arg(input.path())
        .arg(output.path())
        .env("COURSE", root())
        .env("GRADER", grader_binary())
        .env("WARM_WORK_DIR", image.path())
        .env("WORK_DIR", &warm)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("unshare runs");
    let elapsed = started.elapsed();
    eprintln!(
        "run.sh took {:.1} s\n{}",
        elapsed.as_secs_f64(),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "run.sh exits 0 within 20 s: {:?}",
        run.status
    );
    let results = json(&output.path().join("results.json"));
    assert_eq!(results["status"], "pass", "{results:#}");
    assert!(
        results["tests"].as_array().is_some_and(
            |tests| !tests.is_empty() && tests.iter().all(|t| t.get("task_id").is_none())
        ),
        "no task_id: the exercise's instructions number no tasks: {results:#}"
    );
}

/// Whatever stops the grader after the command line named a platform's
/// format and a file, that file says why: a flag it refuses after them, a
/// course folder that is not there.
#[test]
fn every_failure_after_a_format_and_an_output_writes_the_platforms_error_document() {
    let out = tempfile::tempdir().expect("a folder");
    let cases: [(&str, Vec<&str>, &str); 3] = [
        ("gradescope", vec!["--no-such-flag"], "--no-such-flag"),
        ("exercism", vec!["--timeout", "never"], "never"),
        (
            "classroom",
            vec!["--course", "/no/such/course"],
            "/no/such/course",
        ),
    ];
    for (format, extra, said) in cases {
        let path = out.path().join(format!("{format}.json"));
        course_tests::grader_here(&copies_target_dir())
            .args(["--submission", "/no/such/submission", "--format", format])
            .arg("--output")
            .arg(&path)
            .args(&extra)
            .assert()
            .code(2);
        let document = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{format} {extra:?}: no error document"));
        assert!(
            document.contains("The grader could not run") && document.contains(said),
            "{format} {extra:?}: {document}"
        );
        let results: serde_json::Value = serde_json::from_str(&document).expect("JSON");
        match format {
            "exercism" => assert_eq!(results["status"], "error"),
            "gradescope" => assert_eq!(results["score"], 0.0),
            _ => assert_eq!(results["status"], "error"),
        }
    }

    // `--isolation required` where user namespaces are refused, as container
    // platforms commonly refuse them: bubblewrap's --disable-userns, if here.
    let bwrap = std::process::Command::new("bwrap")
        .args([
            "--dev-bind",
            "/",
            "/",
            "--unshare-user",
            "--disable-userns",
            "true",
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !bwrap {
        eprintln!(
            "SKIPPED: --isolation required unmet needs bubblewrap (bwrap) to deny user namespaces"
        );
        return;
    }
    let path = out.path().join("required.json");
    std::process::Command::new("bwrap")
        .args([
            "--dev-bind",
            "/",
            "/",
            "--unshare-user",
            "--disable-userns",
            "--",
        ])
        .arg(grader_binary())
        .args([
            "--submission",
            "/no/such/submission",
            "--isolation",
            "required",
        ])
        .args(["--format", "gradescope", "--output"])
        .arg(&path)
        .current_dir(root())
        .status()
        .expect("bwrap runs");
    let document = std::fs::read_to_string(&path).expect("an error document");
    assert!(
        document.contains("The grader could not run: --isolation required"),
        "{document}"
    );
}

/// The script of the Classroom workflow's Grade step, as GitHub runs it.
#[cfg(unix)]
fn grade_step_script() -> String {
    let workflow = course_tests::read("book/src/instructors/github-classroom.yml");
    let mut lines = workflow
        .lines()
        .skip_while(|line| line.trim() != "- name: Grade")
        .skip_while(|line| line.trim() != "run: |");
    let run = lines.next().expect("the Grade step runs a script");
    let indent = run.len() - run.trim_start().len() + 2;
    lines
        .take_while(|line| line.trim().is_empty() || line.len() - line.trim_start().len() >= indent)
        .map(|line| format!("{}\n", line.get(indent..).unwrap_or("")))
        .collect()
}

/// GitHub runs a step's script with `bash --noprofile --norc -eo pipefail`:
/// a grader that exits 2, with its document written or not even built,
/// must still leave a result for the reporter, out of the course's points.
/// (Unix only: it runs the step's bash script with a stand-in `cargo`
/// shell script, as a Linux runner would; Classroom's workflow runs on
/// ubuntu-latest.)
#[cfg(unix)]
#[test]
fn the_grade_step_passes_a_result_on_whatever_the_grader_does() {
    let script = grade_step_script();
    for (case, fake_cargo) in [
        (
            "the grader wrote its error document",
            "#!/bin/sh\nwhile [ \"$1\" != --output ]; do shift; done\n\
             printf '{\"version\":1,\"status\":\"error\",\"max_score\":64,\"tests\":[]}' > \"$2\"\nexit 2\n",
        ),
        (
            "the grader did not build",
            "#!/bin/sh\necho 'error: could not compile' >&2\nexit 101\n",
        ),
    ] {
        let dir = tempfile::tempdir().expect("a folder");
        let bin = dir.path().join("bin");
        let checkout = dir.path().join("course");
        std::fs::create_dir_all(&bin).expect("mkdir");
        std::fs::create_dir_all(&checkout).expect("mkdir");
        std::fs::copy(root().join("course.toml"), checkout.join("course.toml")).expect("copy");
        let cargo = bin.join("cargo");
        std::fs::write(&cargo, fake_cargo).expect("write");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let output = dir.path().join("github_output");
        let run = std::process::Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .current_dir(&checkout)
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("GITHUB_OUTPUT", &output)
            .output()
            .expect("bash runs");
        assert!(
            run.status.success(),
            "{case}: the step must not stop before the reporter: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let written = std::fs::read_to_string(&output).expect("the step's output");
        let encoded = written
            .lines()
            .find_map(|line| line.strip_prefix("result="))
            .expect("result=");
        let decoded = std::process::Command::new("base64")
            .arg("-d")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(encoded.as_bytes())?;
                child.wait_with_output()
            })
            .expect("base64 -d");
        let results: serde_json::Value =
            serde_json::from_slice(&decoded.stdout).expect("a JSON document");
        assert_eq!(results["status"], "error", "{case}: {results}");
        assert_eq!(
            results["max_score"].as_f64(),
            Some(course().exercises().count() as f64),
            "{case}: 0 out of the course's points, so that the reporter posts them: {results}"
        );
    }
}
