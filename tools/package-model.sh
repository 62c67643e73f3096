#!/bin/sh
# Packages a training run as the shipped testbed model, through the same path as any user's model:
#   1. core's own converter (`reasonkit convert`) turns model.bin + tokenizer.bin into the ONNX
#      model directory packages/testbed/model (with hidden-state and query outputs for probes);
#   2. the llama2.c sources are kept in packages/testbed/model-src;
#   3. `reasonkit-testbed eval` measures the accuracy table through core's ONNX path;
#   4. tools/write_manifest.py writes packages/testbed/model/manifest.json.
# Usage: tools/package-model.sh <train-dir>   (env: PROBLEMS=1000 SEED=2024)
set -eu
TRAIN="$1"
OUT=packages/testbed/model
SRC=packages/testbed/model-src
cd "$(dirname "$0")/.."
mkdir -p "$SRC"
cp "$TRAIN/model.bin" "$SRC/model.bin"
cp "$TRAIN/tokenizer.bin" "$SRC/tokenizer.bin"
npx tsx --conditions=@reasonkit/source packages/core/src/cli/cli.ts convert \
  --checkpoint "$SRC/model.bin" --tokenizer "$SRC/tokenizer.bin" --out "$OUT" --hidden-states --queries --quiet
npx tsx --conditions=@reasonkit/source packages/testbed/src/cli/cli.ts eval \
  --problems "${PROBLEMS:-1000}" --seed "${SEED:-2024}" --json > "$TRAIN/eval.json"
/usr/bin/python3 tools/write_manifest.py "$TRAIN" "$OUT/manifest.json"
