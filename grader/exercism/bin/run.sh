#!/usr/bin/env bash
# Exercism's test runner entry point for this course:
#
#   bin/run.sh <exercise-slug> <solution-dir> <output-dir>
#
# grades the one exercise named by the slug (`fibonacci`, or `count-up-to` for
# `count_up_to`) on the student's file `<exercise>.rs`, found anywhere in the
# solution folder, and writes `<output-dir>/results.json` in the test runner
# interface's version 3. It exits 0 whenever it wrote that file, as the
# interface asks: failing tests are results, not a failure of the runner.
#
# Exercism's runners must treat every folder as read-only but the output
# folder and /tmp, have no network, and get 20 seconds and 3 GB. So the course
# is only read; the grader's working copy (the course's sources and a warm
# build) is made in /tmp, from WARM_WORK_DIR when the image prepared one; the
# build is offline; each test may run 8 s and use 2 GiB of address space (virtual:
# a machine with many cores reserves more per thread; 3 GB is physical),
# one at a time; and the grader stops itself 18 s after this script started
# (--deadline) to write what it has, every test it did not finish marked
# not graded.
#
#   COURSE         the course [default: `course/` beside this `bin/`, as in the
#                  image, or the repository this script is in]
#   GRADER         the grader's command [default: `bin/grader` beside this
#                  script, as in the image, or `cargo grade` in the course]
#   WARM_WORK_DIR  a working copy the image warmed, copied to WORK_DIR at each
#                  run; it must have been built at WORK_DIR's path, or cargo
#                  rebuilds the course's own packages (their paths are in
#                  its fingerprints)
#   WORK_DIR       where the grader's working copy is made, and removed at exit
#                  [default: /tmp/grader-work]
#   GRADER_ARGS    more flags for the grader
set -euo pipefail
started=$SECONDS

if [ "$#" -ne 3 ]; then
    echo "usage: $0 <exercise-slug> <solution-dir> <output-dir>" >&2
    exit 2
fi
slug=$1
solution=$(cd "$2" && pwd)
mkdir -p "$3"
output=$(cd "$3" && pwd)
bin=$(cd "$(dirname "$0")" && pwd)
if [ -n "${COURSE:-}" ]; then
    course=$COURSE
elif [ -f "$bin/../course/course.toml" ]; then
    course=$(cd "$bin/../course" && pwd)
else
    course=$(cd "$bin/../../.." && pwd)
fi
if [ -z "${GRADER:-}" ] && [ -x "$bin/grader" ]; then
    GRADER=$bin/grader
fi
read -r -a grader <<< "${GRADER:-cargo grade}"
read -r -a extra <<< "${GRADER_ARGS:-}"
export CARGO_NET_OFFLINE=true
# Nothing of the grader's may land in the course (`cargo grade` would build
# the grader in its target/): everything it writes goes to /tmp.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/exercism-run.XXXXXX")
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$scratch/target}
export TMPDIR=$scratch
work=${WORK_DIR:-/tmp/grader-work}
trap 'rm -rf "$scratch"; rm -rf "$work" 2> /dev/null || true' EXIT
mkdir -p "$work"
if [ -n "${WARM_WORK_DIR:-}" ] && [ -d "$WARM_WORK_DIR" ]; then
    # Under the grader's own lock (shared), when something may be grading
    # in it: never half of a build.
    if [ -e "$WARM_WORK_DIR/lock" ] && command -v flock > /dev/null; then
        flock -s "$WARM_WORK_DIR/lock" cp -a --reflink=auto "$WARM_WORK_DIR/." "$work/"
    else
        cp -a --reflink=auto "$WARM_WORK_DIR/." "$work/"
    fi
fi
cd "$course"

# Exercism's slugs are kebab-case; the course's names are Rust's snake_case.
exercise=${slug//-/_}

# A results.json that says the run is in error, with `message` for the student
# (escaped for JSON by hand: a runner's image need not have jq).
error() {
    local message=${1//\\/\\\\}
    message=${message//\"/\\\"}
    message=${message//$'\n'/\\n}
    message=${message//$'\t'/\\t}
    message=${message//$'\r'/\\r}
    printf '{"version": 3, "status": "error", "message": "%s", "tests": []}\n' "${message:0:65535}" \
        > "$output/results.json"
    exit 0
}

# Where the course wants the exercise's file: the `Edit:` line of its hint
# (which runs nothing), so that the manifest stays the one list of exercises.
if ! hint=$("${grader[@]}" --course "$course" hint "$exercise" 2>&1); then
    error "This course has no exercise \"$slug\": $hint"
fi
wanted=$(sed -n 's/^ *Edit: *//p' <<< "$hint")

found=$(find "$solution" -name "$exercise.rs" -type f -not -path '*/tests/*' | sort | head -n 1)
if [ -z "$found" ]; then
    error "Expected the file $exercise.rs in the solution (as $wanted); found none."
fi

# A submission of its own: the section's sources as the course has them
# (the grader takes a section's `src/` whole), with the student's file laid
# over its stub. The grader takes nothing else from it, and never writes it.
submission=$scratch/submission
src=$(dirname "$wanted")
mkdir -p "$submission/$src"
cp -R "$course/$src/." "$submission/$src/"
cp "$found" "$submission/$wanted"

# What is left of 18 s (two of Exercism's 20 for writing and leaving).
deadline=$((18 - (SECONDS - started)))
[ "$deadline" -ge 2 ] || deadline=2
"${grader[@]}" --course "$course" --submission "$submission" --exercise "$exercise" \
    --work-dir "$work" --offline --jobs 1 --timeout 8 --memory-limit 2048 --deadline "$deadline" \
    --format exercism --output "$output/results.json" --exit-zero "${extra[@]}" \
    > /dev/null || [ -s "$output/results.json" ]
