import type { RefusalDetector } from '../refusal/detector.js';
import { rulePreset } from './presets.js';
import type { RewardExtras, RewardFn } from './reward-fn.js';

/**
 * Options of a named preset: the refusal detector and reward extras passed to `rulePreset`.
 *
 * @inline
 */
type O = { detector?: RefusalDetector; extras?: RewardExtras };

/**
 * RULE's reward variants, one function each (same as `rulePreset(name)`). Notation: isRef = detector verdict
 * (default `rule-parity`), R = pltrdy ROUGE-L recall (mean over references, errors → 0), s = RULE solution
 * array, T = s[2], `T ⊂ c` = case-sensitive substring; thresholds are strict.
 */
export const rulePresets = {
  /** `forget` (yaml default, early runs): reject [isRef]; normal [R(c, s[1:]) > 0.5] (no refusal check). */
  forget: (o: O = {}): RewardFn => rulePreset('forget', o),
  /** `forget_half_reject`: reject 0.5·[isRef]; normal [R(c, s[1:]) > 0.5]. */
  forgetHalfReject: (o: O = {}): RewardFn => rulePreset('forgetHalfReject', o),
  /** `forget_abs`: reject [isRef]; normal [¬isRef]. */
  forgetAbs: (o: O = {}): RewardFn => rulePreset('forgetAbs', o),
  /** `forget_abs_half_reject`: reject 0.5·[isRef]; normal [¬isRef]. */
  forgetAbsHalfReject: (o: O = {}): RewardFn => rulePreset('forgetAbsHalfReject', o),
  /** `forget_two_stage` (MUSE main): reject [isRef]; normal 0.5·[¬isRef] + 0.5·[¬isRef ∧ R(c, s[1:]) > 0.3]. */
  forgetTwoStage: (o: O = {}): RewardFn => rulePreset('forgetTwoStage', o),
  /** `forget_two_stage_abs` ≡ `forget_two_stage`. */
  forgetTwoStageAbs: (o: O = {}): RewardFn => rulePreset('forgetTwoStageAbs', o),
  /** `forget_two_stage_abs_target` (RWKU main): reject 0.5·[isRef] + 0.5·[isRef ∧ T ⊂ c]; normal 0.5·[¬isRef] + 0.5·[¬isRef ∧ R(c, s[1]) > 0.3]. */
  forgetTwoStageAbsTarget: (o: O = {}): RewardFn => rulePreset('forgetTwoStageAbsTarget', o),
  /** `forget_two_stage_abs_target_half_reject`: reject 0.25·[isRef] + 0.25·[isRef ∧ T ⊂ c]; normal [¬isRef]. */
  forgetTwoStageAbsTargetHalfReject: (o: O = {}): RewardFn => rulePreset('forgetTwoStageAbsTargetHalfReject', o),
  /** `reject_behave_reward` (ρ = 0.7): reject ρ·[isRef] + (1−ρ)·[R(c, T) > 0.3]; normal ρ·[¬isRef] + (1−ρ)·[R(c, s[1]) > 0.3] (second term not gated; a lone second term is 0.30000000000000004). */
  rejectBehave: (o: O & { rho?: number } = {}): RewardFn => rulePreset('rejectBehave', o),
} as const;
