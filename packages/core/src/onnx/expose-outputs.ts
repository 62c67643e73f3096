import { ReasonkitError } from '../errors/reasonkit-error.js';
import { scanGraphNames } from './onnx-model-info.js';
import { concatBytes, encodeValueInfo, encodeVarint, ProtoWriter } from './proto-writer.js';

/**
 * Adds existing intermediate tensors of a model as graph outputs (spec core §5.6): appends one
 * name-only `ValueInfoProto` per name to `GraphProto.output` (field 12) and rewrites only the
 * `ModelProto.graph` (field 7) length prefix; every other byte is kept, so external-data references
 * stay valid. ORT infers the new outputs' type and shape. Names that already are outputs are
 * skipped. A name that is not a value of the graph throws `UNKNOWN_OUTPUT` listing close matches
 * from `listValueNames`.
 */
export function exposeOutputs(modelBytes: Uint8Array, names: readonly string[]): Uint8Array {
  const { outputs, values, graph } = scanGraphNames(modelBytes);
  const valueSet = new Set(values);
  const existing = new Set(outputs);
  const toAdd: string[] = [];
  for (const name of names) {
    if (!valueSet.has(name)) {
      const matches = closeMatches(name, values);
      throw new ReasonkitError(
        'UNKNOWN_OUTPUT',
        `exposeOutputs: "${name}" is not a value of the graph` +
          (matches.length > 0 ? `; close matches: ${matches.map((m) => `"${m}"`).join(', ')}` : '; no close matches (see listValueNames)'),
        { tensor: name, closeMatches: matches },
      );
    }
    if (!existing.has(name)) {
      existing.add(name);
      toAdd.push(name);
    }
  }
  if (toAdd.length === 0) return modelBytes;
  const added = new ProtoWriter();
  for (const name of toAdd) added.bytes(12, encodeValueInfo({ name }));
  const addedBytes = added.finish();
  const newLength = graph.end - graph.start + addedBytes.byteLength;
  return concatBytes([
    modelBytes.subarray(0, graph.tagStart),
    encodeVarint(7 * 8 + 2),
    encodeVarint(newLength),
    modelBytes.subarray(graph.start, graph.end),
    addedBytes,
    modelBytes.subarray(graph.end),
  ]);
}

/**
 * Up to `limit` candidates close to `name`: substring matches (either way, case-insensitive, the shorter at least 3 characters) and
 * names within an edit distance of `max(2, ⌊len/3⌋)`, nearest first.
 */
export function closeMatches(name: string, candidates: readonly string[], limit = 8): string[] {
  const lower = name.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(name.length / 3));
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = editDistance(lower, cl, maxDistance);
    if (d <= maxDistance) scored.push({ c, score: d });
    else if (Math.min(cl.length, lower.length) >= 3 && (cl.includes(lower) || lower.includes(cl))) scored.push({ c, score: maxDistance + 1 + Math.abs(c.length - name.length) / 1000 });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** Levenshtein distance, giving up (returning `cap + 1`) once it must exceed `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
