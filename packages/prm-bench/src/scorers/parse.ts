/**
 * Removes `//…` and `#…` comments that start outside JSON strings, line by line (critics often
 * annotate their JSON) [ref: PRMBench critic parsing, spec §4.1].
 */
export function stripLineComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\' && i + 1 < text.length) out += text[++i];
      else if (c === '"' || c === '\n') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      if (i < text.length) out += '\n';
      continue;
    }
    out += c;
  }
  return out;
}

/** Outermost balanced `{…}` spans in order of their start, skipping braces inside strings. */
export function balancedObjects(text: string): string[] {
  const spans: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '{') {
      i++;
      continue;
    }
    let depth = 0;
    let inString = false;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        end = j;
        break;
      }
    }
    if (end < 0) {
      i++;
      continue;
    }
    spans.push(text.slice(i, end + 1));
    i = end + 1;
  }
  return spans;
}

const isNumberArray = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));

/**
 * The PRMBench critic contract: the first balanced `{…}` block that parses as JSON (after
 * comment removal) and holds numeric `validity` and `redundancy` arrays. Array lengths are not
 * checked against the steps (the label-driven loop absorbs mismatches). Null when none does.
 */
export function parsePrmBenchCritique(text: string): { validity: number[]; redundancy: number[] } | null {
  for (const span of balancedObjects(stripLineComments(text))) {
    let value: unknown;
    try {
      value = JSON.parse(span);
    } catch {
      continue;
    }
    const v = value as { validity?: unknown; redundancy?: unknown };
    if (isNumberArray(v.validity) && isNumberArray(v.redundancy)) return { validity: v.validity, redundancy: v.redundancy };
  }
  return null;
}

/**
 * The ProcessBench contract (`run_eval.py` `extract_answer` + `int()`): the body of the last
 * `\boxed{` up to the first `}` (so `\boxed{\frac{1}{2}}` yields `\frac{1` → null, even after
 * an earlier valid box), trimmed, as a signed integer (`+2` → 2); null otherwise.
 * Python's `int()` also takes `_` separators and non-ASCII digits; we do not [our choice].
 */
export function parseBoxedIndex(text: string): number | null {
  const matches = [...text.matchAll(/\\boxed\{([^}]*)\}/g)];
  const last = matches[matches.length - 1];
  if (!last) return null;
  const body = last[1]!.trim();
  return /^[+-]?\d+$/.test(body) ? Number(body) : null;
}

/** Majority vote over parsed answers (nulls ignored); ties go to the answer seen first [our documented choice]. */
export function majorityVote(answers: readonly (number | null)[]): number | null {
  const counts = new Map<number, number>();
  for (const a of answers) if (a !== null) counts.set(a, (counts.get(a) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [a, c] of counts) {
    if (c > bestCount) {
      best = a;
      bestCount = c;
    }
  }
  return best;
}

/** Strips a leading `Step <n>.` or `<n>.` (case-insensitive) — not `Step n:` [spec pitfall 9]. */
export function stripStepPrefix(step: string): string {
  return step.replace(/^\s*(?:step\s*\d+\.|\d+\.)\s*/i, '');
}
