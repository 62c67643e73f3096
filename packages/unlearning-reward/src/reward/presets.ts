import type { RefusalDetector } from '../refusal/detector.js';
import { regexDetector } from '../refusal/regex-detector.js';
import { presetSpec, type RulePresetName } from './preset-specs.js';
import { createRewardFn, type RewardExtras, type RewardFn } from './reward-fn.js';

/**
 * One of RULE's reward variants (spec §6.2). Formulas (isRef = detector verdict, R = pltrdy ROUGE-L recall,
 * s = solution, T = s[2], `T ⊂ c` case-sensitive; thresholds strict):
 *
 * - `forget`: reject [isRef]; normal [R(c, s[1:]) > 0.5]
 * - `forgetHalfReject`: reject 0.5·[isRef]; normal [R(c, s[1:]) > 0.5]
 * - `forgetAbs`: reject [isRef]; normal [¬isRef]
 * - `forgetAbsHalfReject`: reject 0.5·[isRef]; normal [¬isRef]
 * - `forgetTwoStage` ≡ `forgetTwoStageAbs` (MUSE main): reject [isRef]; normal 0.5·[¬isRef] + 0.5·[¬isRef ∧ R(c, s[1:]) > 0.3]
 * - `forgetTwoStageAbsTarget` (RWKU main): reject 0.5·[isRef] + 0.5·[isRef ∧ T ⊂ c]; normal 0.5·[¬isRef] + 0.5·[¬isRef ∧ R(c, s[1]) > 0.3]
 * - `forgetTwoStageAbsTargetHalfReject`: reject 0.25·[isRef] + 0.25·[isRef ∧ T ⊂ c]; normal [¬isRef]
 * - `rejectBehave` (ρ = 0.7): reject ρ·[isRef] + (1−ρ)·[R(c, T) > 0.3]; normal ρ·[¬isRef] + (1−ρ)·[R(c, s[1]) > 0.3]
 *
 * Default detector: `rule-parity` here, so the preset reproduces RULE; pass `detector` to change it.
 * ROUGE errors (empty completion) score 0 with a `rougeError` warning in every preset (the reference
 * crashes in `forget`/`forgetHalfReject`; ours).
 */
export function rulePreset(name: RulePresetName, o: { detector?: RefusalDetector; rho?: number; extras?: RewardExtras } = {}): RewardFn {
  return createRewardFn(presetSpec(name, { rho: o.rho }), { name, detector: o.detector ?? regexDetector({ preset: 'rule-parity' }), extras: o.extras });
}

/**
 * Our recommended reward (not RULE): `forgetTwoStageAbsTarget` with the `rule-strict` detector, and an
 * optional leak penalty (default off; 0.5 when `leakPenalty: true`).
 */
export function recommendedReward(o: { detector?: RefusalDetector; leakPenalty?: number | boolean; extras?: RewardExtras } = {}): RewardFn {
  const leak = o.leakPenalty === true ? 0.5 : o.leakPenalty === false ? undefined : o.leakPenalty;
  return createRewardFn(presetSpec('forgetTwoStageAbsTarget'), {
    name: 'recommended',
    detector: o.detector ?? regexDetector({ preset: 'rule-strict' }),
    extras: { ...o.extras, ...(leak !== undefined ? { leakPenalty: leak } : {}) },
  });
}
