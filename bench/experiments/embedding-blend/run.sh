#!/usr/bin/env bash
# Issue 8 experiment: would a pretrained sentence encoder lift the bot's accuracy, and at what cost
# per query? all-MiniLM-L6-v2 (quantized) alone and blended with the bot's SVMs, on Banking77,
# CLINC150 (in-scope lines) and ru_hwu64_mt. Not part of the bot or of CI.
# Usage: bench/experiments/embedding-blend/run.sh [dataset ...]   (DATASETS=... if not ../shared/datasets)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
DATASETS=${DATASETS:-../shared/datasets}
[ -d target/classes/org/supportbot/nlu ] || mvn -B -q -ntp -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$work/bot.cp" >/dev/null
(cd "$here" && mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$work/encoder.cp" >/dev/null)
cp="target/classes:$(cat "$work/bot.cp"):$(cat "$work/encoder.cp")"
javac -d "$work/classes" -cp "$cp" -proc:none "$here/EmbeddingBlend.java"
for ds in "${@:-banking77 clinc150 ru_hwu64_mt}"; do
  for d in $ds; do
    java -Xmx4g -Ddatasets="$DATASETS" -cp "$work/classes:$cp" org.supportbot.nlu.EmbeddingBlend "$d" 2>&1 | grep -E '^(embedded|val|TEST|LATENCY|COSINE)'
  done
done
