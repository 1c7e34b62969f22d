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
}

impl Confinement {
    /// Every wall is up.
    pub fn complete(self) -> bool {
        self.files && self.network && self.processes
    }

    /// The walls that are missing, in words.
    pub fn missing(self) -> Vec<&'static str> {
        [
            (self.files, "files"),
            (self.network, "network"),
            (self.processes, "processes"),
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
                "Tests were NOT fully isolated: not confined: {}.",
                self.missing().join(", ")
            )
        }
    }
}
