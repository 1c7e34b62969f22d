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
# The course is the folder two above this script's `bin/` unless COURSE says
# otherwise; GRADER is the grader's command (default: `cargo grade` in the
# course); GRADER_ARGS are more flags for it (`--work-dir DIR`, say). Nothing
# touches the network: Exercism's runners have none.
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 <exercise-slug> <solution-dir> <output-dir>" >&2
    exit 2
fi
slug=$1
solution=$(cd "$2" && pwd)
mkdir -p "$3"
output=$(cd "$3" && pwd)
course=${COURSE:-$(cd "$(dirname "$0")/../../.." && pwd)}
cd "$course"
export CARGO_NET_OFFLINE=true
read -r -a grader <<< "${GRADER:-cargo grade}"
read -r -a extra <<< "${GRADER_ARGS:-}"

# Exercism's slugs are kebab-case; the course's names are Rust's snake_case.
exercise=${slug//-/_}

# A results.json that says the run is in error, with `message` for the student
# (escaped for JSON by hand: a runner's image need not have jq).
error() {
    local message=${1//\\/\\\\}
    message=${message//\"/\\\"}
    message=${message//$'\n'/\\n}
    message=${message//$'\t'/\\t}
    printf '{"version": 3, "status": "error", "message": "%s", "tests": []}\n' "$message" \
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
submission=$(mktemp -d)
trap 'rm -rf "$submission"' EXIT
src=$(dirname "$wanted")
mkdir -p "$submission/$src"
cp -R "$course/$src/." "$submission/$src/"
cp "$found" "$submission/$wanted"

"${grader[@]}" --course "$course" --submission "$submission" --exercise "$exercise" \
    --format exercism --output "$output/results.json" --exit-zero "${extra[@]}" \
    > /dev/null || [ -s "$output/results.json" ]
