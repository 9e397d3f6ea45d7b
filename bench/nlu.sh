#!/usr/bin/env bash
# NLU benchmark: the bot's own content and the public datasets, one table.
# Usage: bench/nlu.sh [--quick] [--algorithms]
#   --quick       only the bot's own content
#   --algorithms  also a second table: every learning algorithm (evaluate --algorithm NAME) on the bot's
#                 own content (cross-validation and both holdout files); ALGORITHMS="a b" picks them
# Datasets are read from ../shared/datasets (or $DATASETS); they are not part of this repository.
# Every row is one `evaluate ... --json` run; the command of each row is printed under the table.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/support-bot.jar}
DATASETS=${DATASETS:-../shared/datasets}
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package
COMMANDS=()

run() { # name, evaluate arguments...
  local name=$1; shift
  local json
  COMMANDS+=("java -jar $JAR evaluate $* --json")
  json=$(java -jar "$JAR" evaluate "$@" --json 2>/dev/null)
  python3 - "$name" "$json" <<'PY'
import json, sys
name, m = sys.argv[1], json.loads(sys.argv[2])
f = lambda k: "–" if m.get(k) is None else f"{m[k]:.3f}"
t = "–" if m.get("answer_threshold") is None else f"{m['answer_threshold']:.2f}"
print(f"| {name:<34} | {m.get('classifier', '–'):<26} | {m['n']:>5} | {f('in_scope_accuracy')} | {f('answered_correct_rate')} | {f('oos_recall'):>5} | {f('wrong_answer_rate')} | {f('macro_f1')} | {t:>4} | {m['p50_us']:>6.0f} | {m['p99_us']:>6.0f} | {m['training_ms']/1000:>6.1f} | {m.get('model_mb', 0):>5.1f} |")
PY
}

QUICK=; COMPARE=
for a in "$@"; do case $a in --quick) QUICK=1;; --algorithms) COMPARE=1;; *) echo "unknown option $a" >&2; exit 2;; esac; done
echo "| data                               | classifier                 |     n | in-scope acc | answered right | oos recall | wrong answers | macro F1 | threshold | p50 µs | p99 µs | train s | model MB |"
echo "|------------------------------------|----------------------------|------:|------:|------:|------:|------:|------:|-----:|-------:|-------:|-------:|------:|"
run "intents/ 5-fold cross-validation"
run "eval/holdout-ru.tsv"        --data eval/holdout-ru.tsv
run "eval/holdout-en.tsv"        --data eval/holdout-en.tsv
if [ -z "$QUICK" ]; then
  if [ -d "$DATASETS" ]; then
    run "Banking77 (train → test)"    --train "$DATASETS/banking77/train.tsv"   --data "$DATASETS/banking77/test.tsv"
    run "CLINC150 (train, val → test)" --train "$DATASETS/clinc150/train.tsv" --validation "$DATASETS/clinc150/val.tsv" --data "$DATASETS/clinc150/test.tsv"
    run "ru_hwu64_mt (train → test)"  --train "$DATASETS/ru_hwu64_mt/train.tsv" --data "$DATASETS/ru_hwu64_mt/test.tsv"
  else
    echo "(public datasets not found in $DATASETS: skipped)"
  fi
fi
if [ -n "$COMPARE" ]; then
  echo
  echo "| data                               | classifier                 |     n | in-scope acc | answered right | oos recall | wrong answers | macro F1 | threshold | p50 µs | p99 µs | train s | model MB |"
  echo "|------------------------------------|----------------------------|------:|------:|------:|------:|------:|------:|-----:|-------:|-------:|-------:|------:|"
  for algorithm in ${ALGORITHMS:-liblinear maxent_qn maxent naivebayes perceptron liblinear+naivebayes liblinear+maxent}; do
    run "intents/ 5-fold cross-validation" --algorithm "$algorithm"
    run "eval/holdout-ru.tsv"        --data eval/holdout-ru.tsv --algorithm "$algorithm"
    run "eval/holdout-en.tsv"        --data eval/holdout-en.tsv --algorithm "$algorithm"
  done
fi
echo
printf '    %s\n' "${COMMANDS[@]}"
