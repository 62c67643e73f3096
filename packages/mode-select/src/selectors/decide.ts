import { parseOptions } from '@reasonkit/core';
import * as z from 'zod';
import type { Mode, SelectorScore } from './types.js';

const ThresholdSchema = z.number().min(0).max(1);

/** NoThinking iff pNoThink > threshold (strict, as DEER and ProbeConf). */
export function decide(score: SelectorScore, threshold: number): { mode: Mode; score: SelectorScore } {
  const t = parseOptions(ThresholdSchema, threshold, 'decide threshold');
  return { mode: score.pNoThink > t ? 'nothink' : 'think', score };
}
