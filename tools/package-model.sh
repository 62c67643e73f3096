#!/bin/sh
# Packages a training run as a shipped testbed model, through the same path as any user's model:
#   1. core's own converter (`reasonkit convert`) turns model.bin + tokenizer.bin into the ONNX
#      model directory (with hidden-state and query outputs for probes);
#   2. the llama2.c sources are kept beside it (model-src, or model-graded-src);
#   3. `reasonkit-testbed eval` measures the accuracy table through core's ONNX path;
#   4. tools/write_manifest.py writes the manifest.json of the model directory.
# Usage: tools/package-model.sh <train-dir> [default|graded]   (env: PROBLEMS=1000 SEED=2024)
#   default → packages/testbed/model (+ model-src); graded → packages/testbed/model-graded (+ model-graded-src)
set -eu
TRAIN="$1"
VARIANT="${2:-default}"
case "$VARIANT" in
  default) OUT=packages/testbed/model; SRC=packages/testbed/model-src ;;
  graded) OUT=packages/testbed/model-graded; SRC=packages/testbed/model-graded-src ;;
  *) echo "package-model.sh: variant must be default or graded, got $VARIANT" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
mkdir -p "$SRC"
cp "$TRAIN/model.bin" "$SRC/model.bin"
cp "$TRAIN/tokenizer.bin" "$SRC/tokenizer.bin"
npx tsx --conditions=@reasonkit/source packages/core/src/cli/cli.ts convert \
  --checkpoint "$SRC/model.bin" --tokenizer "$SRC/tokenizer.bin" --out "$OUT" --hidden-states --queries --quiet
npx tsx --conditions=@reasonkit/source packages/testbed/src/cli/cli.ts eval --variant "$VARIANT" \
  --problems "${PROBLEMS:-1000}" --seed "${SEED:-2024}" --json > "$TRAIN/eval.json"
/usr/bin/python3 tools/write_manifest.py "$TRAIN" "$OUT/manifest.json" "" "$VARIANT"
