//! Step one of grading: one `cargo build --keep-going` of every exercise's
//! test executable, read as a stream of cargo's JSON messages.
//!
//! A compile error is a result, not a failure of the grader: it is kept, with
//! cargo's rendered diagnostic, against the exercise whose file it points at.
//! `--keep-going` is why one section's error costs no other section: `cargo
//! test --no-run --no-fail-fast` stops starting new units once one fails
//! ("build failed, waiting for other jobs to finish…"), so the sections not
//! yet built when it failed would have no executable at all. Both build the
//! same test executables, with the same fingerprints, so either warms the other.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

use crate::model::course::ExerciseId;
use crate::model::event::{Event, Observer};
pub use crate::model::outcome::Diagnostic;
use crate::model::plan::Plan;

/// What the build produced, by exercise (and by section index for a library).
#[derive(Debug, Default)]
pub struct Build {
    /// The test executable of each exercise that compiled.
    pub binaries: HashMap<ExerciseId, PathBuf>,
    /// Compile errors in a section's library (`src/`), which stop all its exercises.
    pub library_errors: HashMap<usize, Vec<Diagnostic>>,
    /// Compile errors in one exercise's test target.
    pub test_errors: HashMap<ExerciseId, Vec<Diagnostic>>,
    /// The sections whose tests are one executable ([`crate::build::combined`]):
    /// each test's name there starts with its exercise's.
    pub combined: std::collections::HashSet<usize>,
    /// Sections whose combined target did not build, to build apart.
    combined_failed: std::collections::HashSet<usize>,
}

/// The messages of `cargo --message-format json` that grading needs.
#[derive(Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
#[allow(
    clippy::enum_variant_names,
    reason = "the variants are named after cargo's `reason` values"
)]
enum Message {
    CompilerArtifact {
        manifest_path: PathBuf,
        target: Target,
        executable: Option<PathBuf>,
    },
    CompilerMessage {
        manifest_path: PathBuf,
        target: Target,
        message: RustcMessage,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct RustcMessage {
    level: String,
    rendered: Option<String>,
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: PathBuf,
    is_primary: bool,
}

/// Code-generation units of the course's own packages in the grader's working
/// copy (see [`own_profile`]).
const WORKING_COPY_UNITS: u32 = 4;

/// Builds the test executables of every exercise in `plan`, in one cargo run.
pub async fn build(plan: &Plan, progress: &dyn Observer) -> Result<Build> {
    let command = cargo_build(plan)?;
    let (mut build, status, stderr_text) = run_cargo(command, plan, progress).await?;
    let broken = std::mem::take(&mut build.combined_failed);
    if !status.success()
        && build.library_errors.is_empty()
        && build.test_errors.is_empty()
        && broken.is_empty()
    {
        // Cargo failed before compiling anything it could report: a broken
        // manifest, a missing package. That is the course's fault, not the learner's.
        bail!(
            "cargo could not build the exercises:\n{}",
            stderr_text.trim_end()
        );
    }
    if !broken.is_empty() {
        // A combined target that does not build says too little of whose
        // tests broke it: those sections' targets are built one by one.
        let sections: Vec<usize> = broken.into_iter().collect();
        let mut apart = plan.clone();
        apart.combined_tests = false;
        apart.exercises.retain(|id| sections.contains(&id.section));
        let again = Box::pin(self::build(&apart, progress)).await?;
        build.replace_sections(&sections, again);
    }
    Ok(build)
}

/// The `cargo build` of `plan`'s test executables, its messages in JSON:
/// where, with which settings, of which packages and targets, confined
/// for submitted code.
fn cargo_build(plan: &Plan) -> Result<Command> {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(&plan.root)
        .args(["build", "--keep-going", "--message-format", "json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    crate::os::own_group(&mut command);
    command.arg("--locked");
    // insta bakes a build-time INSTA_WORKSPACE_ROOT into the tests: the
    // snapshots read must be the course's.
    command.env_remove("INSTA_WORKSPACE_ROOT");
    if plan.offline {
        command.arg("--offline");
    }
    if plan.combined_tests || (plan.target_dir.is_some() && !plan.shared_target) {
        // The grader's working copy (its sections built apart too, so that
        // their libraries keep one fingerprint) changes wholesale from one submission to
        // the next: what incremental compilation saves for the next build is
        // rarely of use, and saving it cost a quarter of each submission's
        // build (a realistic class: 8.7 s median with it, 6.4 s without).
        command.env("CARGO_INCREMENTAL", "0");
    }
    if let Some(target_dir) = &plan.target_dir {
        command.env("CARGO_TARGET_DIR", target_dir);
    }
    own_profile(&mut command, plan)?;
    test_targets(&mut command, plan);
    if let (Some(crate::model::plan::Stubs::Pristine(_)), Some(target)) =
        (&plan.stubs, &plan.target_dir)
    {
        // Submitted code (the grader's working copy): the compiler reads no
        // file outside the course, cargo's home and the toolchain.
        crate::os::confine_build(&mut command, &plan.root, target)?;
    }
    Ok(command)
}

/// Gives the course's own packages a profile of their own, where `plan` builds in a
/// target folder that is not the course's.
fn own_profile(command: &mut Command, plan: &Plan) -> Result<()> {
    // Cargo names a workspace member's outputs after its path relative to
    // the workspace, so two checkouts of the course building in one target
    // folder would replace each other's (and each would then rebuild what the
    // other built). A profile of their own, for the course's own packages
    // only, gives a learner's working copy ([`Plan::shared_target`]) names of
    // their own; the registry's crates are built once and shared. 255
    // code-generation units instead of the dev profile's 256 change nothing
    // in crates this small, only the names.
    //
    // The grader's working copy (its own target folder) rebuilds every
    // section's library and combined test target for each submission, and
    // the test targets are most of that: at the dev profile's 256 units,
    // rustc spends a fifth of a test target's CPU time splitting and
    // compiling tiny units. With 4, the same code costs about 20% less CPU
    // (a section's combined target measured alone: 7.8 s → 6.2 s, 2.9 s →
    // 2.2 s), and the executables are the same code, unoptimised as before.
    let units = if plan.shared_target {
        Some(255)
    } else if plan.target_dir.is_some() {
        Some(WORKING_COPY_UNITS)
    } else {
        None
    };
    if let Some(units) = units {
        for package in own_packages(plan)? {
            for profile in ["dev", "test"] {
                command.arg("--config").arg(format!(
                    "profile.{profile}.package.{package}.codegen-units={units}"
                ));
            }
        }
    }
    Ok(())
}

/// Names the packages and test targets of `plan`'s exercises.
fn test_targets(command: &mut Command, plan: &Plan) {
    for (_, section) in plan.sections() {
        command.args(["--package", &section.package_on(plan.side)]);
    }
    // Only the exercises' test targets: not each library's own unit-test
    // executable, which `cargo build --tests` would also link and which is
    // never run (one link fewer per section, about 0.3 s of CPU each, on
    // every grade and every submission of a class). Named one by one rather
    // than `--test '*'`, which would also match a working copy's combined
    // target; in a working copy, that target alone.
    match plan.exercises.as_slice() {
        [id] => {
            command.args(["--test", &plan.course.get(*id).1.name]);
        }
        _ if plan.combined_tests => {
            command.args(["--test", crate::build::combined::TARGET]);
        }
        ids => {
            for id in ids {
                command.args(["--test", &plan.course.get(*id).1.name]);
            }
        }
    }
}

/// Runs `command`, recording cargo's messages into a [`Build`] as they come,
/// and telling `progress`; with cargo's exit status and what it wrote on stderr.
async fn run_cargo(
    mut command: Command,
    plan: &Plan,
    progress: &dyn Observer,
) -> Result<(Build, std::process::ExitStatus, String)> {
    let mut child = command
        .spawn()
        .context("cannot run cargo to build the exercises")?;
    // If grading is interrupted, cargo and the compilers it started go too.
    let _group = crate::os::Group::track(&child, None);

    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr_text = tokio::spawn(async move {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text).await;
        text
    });

    let mut build = Build::default();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
    while let Some(line) = lines.next_line().await? {
        match serde_json::from_str(&line) {
            Ok(message) => build.record(message, plan, progress),
            // Build scripts may print lines of their own: they are not ours to read.
            Err(_) => continue,
        }
    }
    let status = child.wait().await?;
    let stderr_text = stderr_text.await.unwrap_or_default();
    Ok((build, status, stderr_text))
}

/// The packages built from the course's own sources: the planned sections'
/// and the path dependencies its workspace declares (`testkit`).
fn own_packages(plan: &Plan) -> Result<Vec<String>> {
    let manifest = plan.root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let table: toml::Table = toml::from_str(&text)
        .with_context(|| format!("{} is not valid TOML", manifest.display()))?;
    let dependencies = table
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    let paths = dependencies
        .into_iter()
        .flatten()
        .filter(|(_, spec)| spec.get("path").is_some())
        .map(|(name, _)| name.clone());
    Ok(plan
        .sections()
        .map(|(_, section)| section.package_on(plan.side))
        .chain(paths)
        .collect())
}

impl Build {
    /// Replaces what this build says of `sections` with what `again`, a build
    /// of those sections only, says of them.
    pub fn replace_sections(&mut self, sections: &[usize], again: Build) {
        self.binaries
            .retain(|id, _| !sections.contains(&id.section));
        self.combined.retain(|section| !sections.contains(section));
        self.test_errors
            .retain(|id, _| !sections.contains(&id.section));
        self.library_errors
            .retain(|section, _| !sections.contains(section));
        self.binaries.extend(again.binaries);
        self.test_errors.extend(again.test_errors);
        self.library_errors.extend(again.library_errors);
        self.combined.extend(again.combined);
    }

    fn record(&mut self, message: Message, plan: &Plan, progress: &dyn Observer) {
        match message {
            Message::CompilerArtifact {
                manifest_path,
                target,
                executable,
            } => {
                progress.see(&Event::CrateCompiled { name: &target.name });
                if let (Some(section), Some(executable)) =
                    (combined_target(plan, &manifest_path, &target), &executable)
                {
                    // One executable for every planned exercise of the section.
                    for id in plan.exercises.iter().filter(|id| id.section == section) {
                        self.binaries.insert(*id, executable.clone());
                    }
                    self.combined.insert(section);
                    return;
                }
                let (Some(id), Some(executable)) =
                    (test_target(plan, &manifest_path, &target), executable)
                else {
                    return;
                };
                self.binaries.insert(id, executable);
            }
            Message::CompilerMessage {
                manifest_path,
                target,
                message,
            } => {
                let Some(section) = plan.section_of(&manifest_path) else {
                    return;
                };
                if message.level != "error" {
                    return;
                }
                let Some(rendered) = message.rendered else {
                    return;
                };
                let file = message
                    .spans
                    .iter()
                    .find(|span| span.is_primary)
                    .map(|span| normalize(&span.file_name));
                let diagnostic = Diagnostic { file, rendered };
                if combined_target(plan, &manifest_path, &target).is_some() {
                    self.combined_failed.insert(section);
                } else if !is_test(&target) {
                    self.library_errors
                        .entry(section)
                        .or_default()
                        .push(diagnostic);
                } else if let Some(id) = test_target(plan, &manifest_path, &target) {
                    self.test_errors.entry(id).or_default().push(diagnostic);
                }
            }
            Message::Other => {}
        }
    }
}

/// The exercise whose test target `target` of the package at `manifest_path`
/// is: an integration test is named after its exercise.
fn test_target(plan: &Plan, manifest_path: &Path, target: &Target) -> Option<ExerciseId> {
    if !is_test(target) {
        return None;
    }
    let section = plan.section_of(manifest_path)?;
    let exercise = plan.course.sections[section]
        .exercises
        .iter()
        .position(|e| e.name == target.name)?;
    Some(ExerciseId { section, exercise })
}

/// The section whose combined target `target` is, if it is one.
fn combined_target(plan: &Plan, manifest_path: &Path, target: &Target) -> Option<usize> {
    (plan.combined_tests && is_test(target) && target.name == crate::build::combined::TARGET)
        .then(|| plan.section_of(manifest_path))
        .flatten()
}

/// Whether `target` is an integration test (the other kind built is the library).
fn is_test(target: &Target) -> bool {
    target.kind.iter().any(|kind| kind == "test")
}

/// Folds `a/../b` in a path as rustc reports it, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_parent_dirs() {
        assert_eq!(
            normalize(Path::new("solutions/01-x/../../exercises/01-x/tests/a.rs")),
            PathBuf::from("exercises/01-x/tests/a.rs")
        );
    }
}
