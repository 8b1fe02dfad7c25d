# Set-up steps for the bin/ scripts: one line per step with its duration on stderr, the step's own
# output in a log file under the logs directory, and that path (with the log's error lines, or its last
# lines) when it fails.
#   source bin/lib/steps.sh; step_prefix=name; step_logs=DIR
#   run_step "building the application" build.log cmd args...
# Sourced, not run. A step runs in the calling shell: it must return non-zero on failure, not exit
# (set -e does not apply inside a command tested with ||).

step_prefix=${step_prefix:-kfm}
step_logs=${step_logs:-.kfm/logs}

_step_now_ms() { date +%s%3N; }

run_step() {
  local title=$1 log="$step_logs/$2" t0 rc=0
  shift 2
  mkdir -p "$step_logs"
  t0=$(_step_now_ms)
  "$@" >"$log" 2>&1 </dev/null || rc=$?
  local ms=$(( $(_step_now_ms) - t0 ))
  local took; took=$(printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)))
  if [ "$rc" = 0 ]; then
    echo "$step_prefix: $title: $took" >&2
  else
    # the error lines when the tool marks them (Maven's [ERROR], apt's E:, initdb's and pg_ctl's), else the end
    local pattern='^(\[ERROR\] [^ -]|E: |[a-z_]+: error|FATAL|ERROR)'
    if grep -qE "$pattern" "$log"; then
      echo "$step_prefix: $title: FAILED after $took (exit $rc); errors in $log:" >&2
      grep -m 12 -E "$pattern" "$log" | sed 's/^/  | /' >&2
    else
      echo "$step_prefix: $title: FAILED after $took (exit $rc); last lines of $log:" >&2
      tail -n 15 "$log" | sed 's/^/  | /' >&2
    fi
    echo "$step_prefix: full log: $log" >&2
  fi
  return "$rc"
}
