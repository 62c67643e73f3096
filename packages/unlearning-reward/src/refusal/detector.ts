/** The outcome of one refusal check. */
export interface RefusalVerdict {
  isRefusal: boolean;
  /** 1/0 for rule-based detectors, a probability or confidence for classifiers and judges. */
  score: number;
  /** Name of the detector (or preset) that decided. */
  strategy: string;
  /** The matched text, keyword or judge rationale. */
  evidence?: string;
  /** `[start, end)` UTF-16 offsets of the match in the original text (regex detectors). */
  span?: [number, number];
  /** True when the input was cut to `maxChars` before checking. */
  truncated?: boolean;
}

/** Context a detector may use (e.g. the prompt). */
export interface DetectContext {
  prompt?: string;
  target?: string;
  /** Row id, used in error messages. */
  record?: string | number;
}

/** Anything that says whether a completion is a refusal. Regex and keyword detectors are synchronous. */
export interface RefusalDetector {
  readonly name: string;
  /** Whether `text` is a refusal. */
  detect(text: string, ctx?: DetectContext): RefusalVerdict | Promise<RefusalVerdict>;
  /** Detects refusals in a batch of texts (async detectors). */
  detectBatch?(texts: string[], ctx?: DetectContext): Promise<RefusalVerdict[]>;
}

/** A detector whose `detect` is synchronous (usable from `scoreSync`). */
export interface SyncRefusalDetector extends RefusalDetector {
  readonly sync: true;
  detect(text: string, ctx?: DetectContext): RefusalVerdict;
}

/** True when `d` detects synchronously. */
export function isSyncDetector(d: RefusalDetector): d is SyncRefusalDetector {
  return (d as Partial<SyncRefusalDetector>).sync === true;
}

/** Run a detector over many texts: its own `detectBatch` when it has one, else one by one. */
export async function detectAll(d: RefusalDetector, texts: string[], ctx?: DetectContext): Promise<RefusalVerdict[]> {
  if (d.detectBatch) return d.detectBatch(texts, ctx);
  const out: RefusalVerdict[] = [];
  for (const t of texts) out.push(await d.detect(t, ctx));
  return out;
}
