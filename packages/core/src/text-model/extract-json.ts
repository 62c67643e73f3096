/**
 * Candidate JSON values found in model text, best first: the whole text, then fenced code blocks
 * (```json … ```), then every balanced `{…}` / `[…]` span (string-aware), outermost first.
 * Each candidate is returned parsed; text that parses nowhere yields an empty list.
 */
export function extractJsonCandidates(text: string): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  const tryParse = (source: string) => {
    const trimmed = source.trim();
    if (trimmed === '' || seen.has(trimmed)) return;
    seen.add(trimmed);
    try {
      out.push(JSON.parse(trimmed));
    } catch {
      // not JSON
    }
  };
  tryParse(text);
  for (const match of text.matchAll(/```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/g)) tryParse(match[1] ?? '');
  for (const span of balancedSpans(text)) tryParse(span);
  return out;
}

/** Balanced `{…}` and `[…]` spans, skipping brackets inside JSON strings; outermost spans first. */
export function balancedSpans(text: string, limit = 64): string[] {
  const spans: string[] = [];
  for (let start = 0; start < text.length && spans.length < limit; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    const end = matchBracket(text, start);
    if (end >= 0) {
      spans.push(text.slice(start, end + 1));
    }
  }
  return spans;
}

function matchBracket(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
