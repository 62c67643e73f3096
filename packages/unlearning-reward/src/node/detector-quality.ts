import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReasonkitError } from '@reasonkit/core';
import type { SyncRefusalDetector } from '../refusal/detector.js';
import { regexDetector, type RegexPreset } from '../refusal/regex-detector.js';

export interface DetectorQualityRow {
  detector: string;
  /** Recall on the refusal templates (`idk_target.json`). */
  templateRecall: number;
  templatesMissed: string[];
  /** False-positive rate on long helpful texts about the target (`passage.json`). */
  passageFpRate: number;
  passageFlags: number;
  passages: number;
  /** False positives on the RL file's gold boundary answers. */
  boundaryGoldFlags: number;
  boundaryGolds: number;
}

function read<T>(dir: string, file: string): T {
  const p = join(dir, file);
  if (!existsSync(p)) throw new ReasonkitError('FILE_NOT_FOUND', `detector-quality: ${p} not found`, { file: p });
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as T;
  } catch (e) {
    throw new ReasonkitError('INVALID_ARGUMENT', `detector-quality: ${p} is not valid JSON: ${(e as Error).message}`, { file: p }, { cause: e });
  }
}

/**
 * Detector quality on a RULE target folder (e.g. `../shared/data/rule-rwku/1_Stephen_King`): recall on
 * the refusal templates, false positives on long helpful passages and on gold boundary answers.
 */
export function detectorQuality(dir: string, presets: readonly RegexPreset[] = ['rule-parity', 'rule-strict', 'rule-extended']): DetectorQualityRow[] {
  const templates = read<string[]>(dir, 'idk_target.json');
  const passages = read<{ text: string }[]>(dir, 'passage.json').map((p) => p.text);
  const rl = read<{ solution: string[] }[]>(dir, 'rl_rejection_with_fb_neighbor_target.json');
  const golds = rl.filter((r) => r.solution[0] === '<normal>').map((r) => r.solution[1]!);
  return presets.map((preset) => {
    const d: SyncRefusalDetector = regexDetector({ preset, maxChars: 1 << 20 });
    const missed = templates.filter((t) => !d.detect(t).isRefusal);
    const pf = passages.filter((t) => d.detect(t).isRefusal).length;
    return {
      detector: preset,
      templateRecall: (templates.length - missed.length) / templates.length,
      templatesMissed: missed,
      passageFpRate: pf / passages.length,
      passageFlags: pf,
      passages: passages.length,
      boundaryGoldFlags: golds.filter((g) => d.detect(g).isRefusal).length,
      boundaryGolds: golds.length,
    };
  });
}
