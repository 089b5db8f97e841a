#!/usr/bin/env bash
# Run the fuzz targets concurrently: fuzz/run.sh SECONDS [TARGET...]
# (`make fuzz` runs 60 s each). Needs cargo-fuzz (`cargo install
# cargo-fuzz`); cargo-fuzz needs nightly features, which RUSTC_BOOTSTRAP
# unlocks on the stable toolchain. No sanitizer: ASan is nightly-only
# (-Zsanitizer) and the crates have no unsafe code of their own to check.
# Crashes and timeouts land in fuzz/artifacts/TARGET/; replay one with
# `cargo fuzz run -s none TARGET FILE`, then copy it into
# fuzz/regressions/TARGET/ (evaluate: as JSON, via
# `cargo run --example evaluate_to_json -- FILE`).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("${@:-parse render evaluate}")
targets=(${targets[@]})
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  cargo fuzz build -s none "$t"
done
pids=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  dict=()
  [[ $t != evaluate ]] && dict=(-dict=dict/vtl.dict)
  nice -n 10 cargo fuzz run -s none "$t" "corpus/$t" -- "${dict[@]}" \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    > "artifacts/$t.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "fuzz target ${targets[$i]} found something: fuzz/artifacts/${targets[$i]}.log" >&2
    status=1
  fi
done
for t in "${targets[@]}"; do
  grep -aE '^stat::number_of_executed_units|^Done' "artifacts/$t.log" | sed "s/^/$t: /" || true
done
exit $status
