import { z } from 'zod';
import { DetectorInputTooLongError, parseUnlearningOptions } from '../errors/index.js';
import type { DetectContext, RefusalVerdict, SyncRefusalDetector } from './detector.js';
import { EXTENDED_FIRST_PERSON_PATTERN, EXTENDED_WINDOW, foldPythonCase, RULE_PARITY_PATTERN, RULE_STRICT_PATTERN } from './rule-patterns.js';

/** Pattern preset of the regex refusal detector: RULE parity, RULE strict, or extended. */
export type RegexPreset = 'rule-parity' | 'rule-strict' | 'rule-extended';

/** zod schema of `RegexDetectorOptions`: validates it and applies its defaults. */
export const RegexDetectorOptionsSchema = z.object({
  /** Which pattern. Default `'rule-strict'` (ours: parity flags 17 % of long helpful answers, spec §4.2). */
  preset: z.union([z.enum(['rule-parity', 'rule-strict', 'rule-extended']), z.instanceof(RegExp)]).default('rule-strict'),
  /** Longest input checked. Default 8,192 chars (ours: bounds the regex's quadratic worst case, spec §4.5). */
  maxChars: z.number().int().positive().default(8192),
  /** What to do beyond `maxChars`: check the first `maxChars` chars (flagged `truncated`) or throw. Default `'truncate'` (ours). */
  onTooLong: z.enum(['truncate', 'throw']).default('truncate'),
});
/** Input accepted by `RegexDetectorOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RegexDetectorOptions = z.input<typeof RegexDetectorOptionsSchema>;

function firstMatch(re: RegExp, text: string): { start: number; end: number } | undefined {
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** Leftmost match of RULE's regex with Python `re` semantics (`re.search(p, text, re.I | re.X | re.S)`). */
export function ruleParityMatch(text: string): { start: number; end: number } | undefined {
  return firstMatch(RULE_PARITY_PATTERN, foldPythonCase(text));
}

/** Leftmost match of the strict pattern (`\b`-bounded, bounded gaps). */
export function ruleStrictMatch(text: string): { start: number; end: number } | undefined {
  return firstMatch(RULE_STRICT_PATTERN, foldPythonCase(text));
}

/** `rule-extended`: strict on the text with U+2019 → `'`, or a first-person refusal in the first 200 chars. */
export function ruleExtendedMatch(text: string): { start: number; end: number } | undefined {
  const t = text.replace(/\u2019/g, "'");
  return ruleStrictMatch(t) ?? firstMatch(EXTENDED_FIRST_PERSON_PATTERN, t.slice(0, EXTENDED_WINDOW));
}

/**
 * A synchronous regex refusal detector. `rule-parity` reproduces RULE's reward regex bit for bit
 * (boolean and span, quirks included); `rule-strict` (default) and `rule-extended` are ours (spec §4.3).
 */
export function regexDetector(options: RegexDetectorOptions = {}): SyncRefusalDetector {
  const { preset, maxChars, onTooLong } = parseUnlearningOptions(RegexDetectorOptionsSchema, options, 'regexDetector');
  const name = typeof preset === 'string' ? preset : `regex:${preset.source.slice(0, 40)}`;
  const custom = typeof preset === 'string' ? undefined : new RegExp(preset.source, preset.flags.replace(/[gy]/g, ''));
  const match =
    preset === 'rule-parity' ? ruleParityMatch : preset === 'rule-strict' ? ruleStrictMatch : preset === 'rule-extended' ? ruleExtendedMatch : (t: string) => firstMatch(custom!, t);
  return {
    name,
    sync: true,
    detect(text: string, ctx?: DetectContext): RefusalVerdict {
      let t = text;
      let truncated = false;
      if (t.length > maxChars) {
        if (onTooLong === 'throw') throw new DetectorInputTooLongError(t.length, maxChars, ctx?.record);
        t = t.slice(0, maxChars);
        truncated = true;
      }
      const m = match(t);
      const verdict: RefusalVerdict = m
        ? { isRefusal: true, score: 1, strategy: name, evidence: t.slice(m.start, m.end), span: [m.start, m.end] }
        : { isRefusal: false, score: 0, strategy: name };
      if (truncated) verdict.truncated = true;
      return verdict;
    },
  };
}
