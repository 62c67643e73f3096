import { exactMatch, subExactMatch } from '../metrics/normalize-answer.js';
import { labelScore, parseVerdict, type Verdict } from './parse-verdict.js';

/** Inputs of `grmReward`. */
export interface GrmRewardOptions {
  /** The GRM's last `<answer>` content (or whole output); undefined when it gave none. */
  grmAnswer?: string;
  /** The label: `correct` / `wrong` (self data) or `conclusion: correct` / `conclusion: wrong` (real data). */
  label: string;
  /**
   * `exact-token` (default, ours): the strictly parsed verdict means the same as the label.
   * `asl-subem`: subEM(grmAnswer, [label]) as the reference, whose bug gives
   * "conclusion: incorrect" full marks for the label `correct` (spec §4.4).
   */
  match?: 'exact-token' | 'asl-subem';
}

/** GRM (`rule` row) reward without the format bonus (spec §4.4). */
export function grmReward(o: GrmRewardOptions): number {
  if (o.grmAnswer === undefined) return 0;
  if (o.match === 'asl-subem') return subExactMatch(o.grmAnswer, [o.label]);
  const want = labelScore(o.label);
  if (want === undefined) return 0;
  const text = /conclusion/i.test(o.grmAnswer) ? o.grmAnswer : `conclusion: ${o.grmAnswer}`;
  const verdict = parseVerdict(text, 'binary');
  return verdict.status === 'parsed' && verdict.score === want && sameMeaning(verdict.label!, o.label) ? 1 : 0;
}

function sameMeaning(parsed: string, label: string): boolean {
  const token = label.replace(/^\s*conclusion\s*:\s*/i, '').trim().toLowerCase();
  const canon = (t: string) => (t === 'incorrect' ? 'wrong' : t.toLowerCase());
  return canon(parsed) === canon(token);
}

/** Inputs of `policyReward`. */
export interface PolicyRewardOptions {
  /** The GRM's verdict on the answer (source `grm`). */
  verdict?: Verdict;
  /** The policy's extracted answer; undefined forces 0 (spec §4.4). */
  answer?: string;
  /** Gold answers (sources `em` / `subem`). */
  golds?: readonly string[];
  /** `grm` (ASL), or the rule baselines `em` / `subem` (Search-R1 `run_gt.sh`). */
  source: 'grm' | 'em' | 'subem';
}

/** Policy (`gen_rm` row) reward without the format bonus: GRM_binary(q, answer), forced 0 without `<answer>`. */
export function policyReward(o: PolicyRewardOptions): number {
  if (o.answer === undefined) return 0;
  if (o.source === 'grm') return o.verdict?.score ?? 0;
  const golds = o.golds ?? [];
  return o.source === 'em' ? exactMatch(o.answer, golds) : subExactMatch(o.answer, golds);
}
