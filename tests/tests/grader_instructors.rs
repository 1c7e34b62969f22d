//! Instructor mode end to end: submissions graded in a pristine copy of the
//! course, reports in the formats platforms read, and a class gradebook.
//! Each grades section 1 only, which shows every format's shape in a few
//! seconds; the whole course is graded by `stubs_and_solutions`.

use std::path::Path;

use course_tests::{CourseCopy, copies_target_dir, course, digest, grader_binary, root};

/// The section these tests grade.
fn section() -> &'static grader::manifest::Section {
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
            grader::source::test_functions(&source).len()
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
    let first_tests =
        grader::source::test_functions(&course_tests::read(first.1.test_path(first.0))).len();
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
    let in_file_order =
        grader::source::test_functions(&course_tests::read(exercise.test_path(section)));
    for (function, test) in in_file_order.iter().zip(tests) {
        assert_eq!(
            test["name"],
            format!("{} / {}", exercise.name, function.name),
            "tests are in test-file order"
        );
        assert_eq!(test["status"], "pass");
        assert_eq!(test["test_code"], function.body.as_str());
        assert_eq!(test["task_id"], 1);
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
    assert_eq!(failing["task_id"], 2);
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
        .map(|(s, e)| grader::source::test_functions(&course_tests::read(e.test_path(s))).len())
        .sum();
    let broken_tests =
        grader::source::test_functions(&course_tests::read(broken.test_path(section()))).len();
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
    let work_dir = copies_target_dir().join("instructor");
    assert_cmd::Command::new(root().join("grader/exercism/bin/run.sh"))
        .arg(slug)
        .arg(input.path())
        .arg(output.path())
        .env("COURSE", course_tests::pristine())
        .env("GRADER", grader_binary())
        .env("GRADER_ARGS", format!("--work-dir {}", work_dir.display()))
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
    let functions =
        grader::source::test_functions(&course_tests::read(exercise.test_path(section)));

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
        assert_eq!(test["task_id"], 4);
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
            .dir_on(grader::manifest::Side::Exercises)
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
    assert_eq!(tests[0]["status"], "pass");
    assert!(tests[0]["message"].is_null(), "{}", tests[0]);
    assert_eq!(tests[1]["status"], "fail");
    let message = tests[1]["message"].as_str().expect("a failure says why");
    assert!(
        message.contains("First failing test") && message.contains("not yet implemented"),
        "{message}"
    );
    for test in tests {
        assert!(
            test["message"]
                .as_str()
                .is_none_or(|m| m.chars().count() <= 600),
            "messages are cut so that the whole course fits in one environment variable: {test}"
        );
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
