/** One scored alternative at the first answer position (logprob in nats). */
export interface TokenAlternative {
  token: string;
  logprob: number;
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/**
 * P(yes) among yes/no from the first answer position's alternatives: variants of case and
 * surrounding space are merged (`' Yes'`, `'YES'`, `'yes'`), p = P(yes)/(P(yes) + P(no)). Without
 * usable alternatives, the text decides (leading yes → 1, no → 0); garbage → `null`.
 */
export function yesProbability(alternatives: readonly TokenAlternative[] | undefined, text: string): number | null {
  let yes = 0;
  let no = 0;
  for (const a of alternatives ?? []) {
    const t = a.token.trim().toLowerCase().replace(/[.,!:]+$/, '');
    if (YES.has(t)) yes += Math.exp(a.logprob);
    else if (NO.has(t)) no += Math.exp(a.logprob);
  }
  if (yes + no > 0) return yes / (yes + no);
  const first = /^[\s"'*]*([a-z]+)/i.exec(text)?.[1]?.toLowerCase();
  if (first !== undefined && YES.has(first)) return 1;
  if (first !== undefined && NO.has(first)) return 0;
  return null;
}

/**
 * A stated confidence as a number in [0, 1]: `"0.8"`, `"80%"`, or a label from a user-supplied
 * table of ten verbal bins mapped to bin centres 0.05…0.95 (spec §4.4). Parse failure or a value
 * out of range (`"1.7"`) → 0 (spec: our choice).
 */
export function parseConfidence(text: string, labels: readonly string[] = []): number {
  const t = text.trim();
  const lower = t.toLowerCase();
  for (const [i, label] of labels.entries()) {
    if (lower.includes(label.toLowerCase())) return 0.05 + 0.1 * i;
  }
  const pct = /(-?\d+(?:\.\d+)?)\s*%/.exec(t);
  if (pct) {
    const v = Number(pct[1]) / 100;
    return v >= 0 && v <= 1 ? v : 0;
  }
  const num = /-?\d+(?:\.\d+)?/.exec(t);
  if (num) {
    const v = Number(num[0]);
    return v >= 0 && v <= 1 ? v : 0;
  }
  return 0;
}
