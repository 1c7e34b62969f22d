#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image.
# The autograder zip holds this folder's two files and the course as course/.
#
# Gradescope's root is /autograder; AUTOGRADER_ROOT names another (to try the
# scripts on your machine), COURSE another place for the course, GRADER the
# grader's command (default: `cargo grade`) and GRADER_ARGS more flags for it.
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
course=${COURSE:-$root/source/course}

# Install only what the image lacks: a C linker and Rust's stable toolchain.
if ! command -v cc > /dev/null; then
    apt-get update -q
    apt-get install -y -q curl build-essential
fi
if ! command -v cargo > /dev/null && [ ! -f "$HOME/.cargo/env" ]; then
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
fi
if ! command -v cargo > /dev/null; then
    source "$HOME/.cargo/env"
fi
read -r -a grader <<< "${GRADER:-cargo grade}"
read -r -a extra <<< "${GRADER_ARGS:-}"

cd "$course"
# Download every crate now: grading runs with --offline.
cargo fetch --locked
# Warm the build: grade the untouched course once, so each submission
# recompiles only its own exercise files.
"${grader[@]}" --submission "$course" --exit-zero --offline "${extra[@]}" > /dev/null
