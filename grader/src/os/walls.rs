//! The walls a test process may stand in, as data: what the person running
//! the grader asks for ([`Isolation`]) and what stood ([`Confinement`]), with
//! the sentence every report carries. No system call here: `linux.rs` and
//! `mod.rs` fill these in, and every stage above reads them.

/// What the person running the grader asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Isolation {
    /// Run tests with the grader's own rights (for debugging the grader).
    Off,
    /// Confine tests as far as this system allows, and say what was not.
    #[default]
    Auto,
    /// Refuse to grade unless every wall is up.
    Required,
}

/// Which walls stand around each test process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confinement {
    /// Landlock: reads limited to what a test needs, writes to its scratch folder.
    pub files: bool,
    /// A network namespace with only its own loopback.
    pub network: bool,
    /// A PID namespace: nothing the test starts outlives it.
    pub processes: bool,
    /// Tests do not run as root: a grader started as root (Gradescope's
    /// case) drops each test to an unprivileged user, whom the process
    /// limit binds and whom the file system's own permissions bind too.
    /// A grader that is not root has nothing to drop: this stands.
    pub unprivileged: bool,
}

impl Confinement {
    /// Every wall is up.
    pub fn complete(self) -> bool {
        self.files && self.network && self.processes && self.unprivileged
    }

    /// The walls that are missing, in words.
    pub fn missing(self) -> Vec<&'static str> {
        [
            (self.files, "files"),
            (self.network, "network"),
            (self.processes, "processes"),
            (self.unprivileged, "user (tests ran as root)"),
        ]
        .into_iter()
        .filter(|(up, _)| !up)
        .map(|(_, name)| name)
        .collect()
    }

    /// One plain sentence for every report.
    pub fn summary(self) -> String {
        if self.complete() {
            "Tests were isolated: each could read only the course and write only \
             its own scratch folder, had no network but its own loopback, and \
             nothing it started outlived it."
                .to_owned()
        } else if self == Confinement::default() {
            "Tests were NOT isolated: they ran with the grader's own rights \
             (files, network, processes)."
                .to_owned()
        } else {
            format!(
                "Tests were NOT fully isolated: not confined: {}. {}",
                self.missing().join(", "),
                self.what_stood()
            )
        }
    }

    /// The walls that still stood when some were missing: what an instructor
    /// in a container without user namespaces can still count on.
    fn what_stood(self) -> String {
        let mut stood = Vec::new();
        if self.files {
            stood.push("Landlock on files (reads of the course only, writes to a scratch folder)");
        }
        // The kernel exempts root from the process limit: claimed only for
        // tests that did not run as root.
        stood.push(match (self.processes, self.unprivileged) {
            (true, true) => "a PID namespace with a process limit",
            (true, false) => "a PID namespace",
            (false, _) => "a process group killed whole at the end and at the time limit",
        });
        stood.push("memory and core-file limits");
        format!("Still confined: {}.", stood.join(", "))
    }
}
