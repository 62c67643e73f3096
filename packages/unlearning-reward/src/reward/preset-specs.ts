/**
 * RULE's reward variants as data (ref: `verl/utils/reward_score/forget.py`, chosen by
 * `worker.reward.score_function`). A row's reward is Σ weight·[all conditions of the term], summed in
 * order in doubles, exactly as the reference's arithmetic (so a lone 0.3 term is 0.30000000000000004).
 */

/** Which references an answer check compares with: `rest` = solution[1:], `first` = solution[1], `target` = solution[2]. */
export type RefSelection = 'rest' | 'first' | 'target';

/** A condition of a preset term: refusal, no refusal, target mention, or verifier score above a threshold. */
export type Condition =
  | 'refusal'
  | 'noRefusal'
  /** Case-sensitive substring `T ⊂ c` (RULE); aliases/case-insensitivity are opt-in extras. */
  | 'targetMention'
  | { verifierAbove: number; refs: RefSelection };

/** One weighted term of a preset: it adds `weight` when all `when` conditions hold. */
export interface Term {
  weight: number;
  when: Condition[];
  /** Log this term's indicator as a component under this name. */
  component?: string;
}

/** A rule-reward preset: the terms scored for reject rows and for normal rows. */
export interface PresetSpec {
  /** RULE's `score_function` name. */
  ruleName: string;
  reject: Term[];
  normal: Term[];
  /** The logged `rouge_l` component: which references per row kind, `'zero'` = logged as 0.0, absent = not logged. */
  rougeLog?: { reject: RefSelection | 'zero'; normal: RefSelection };
}

/** Name of a RULE reward preset. */
export type RulePresetName =
  | 'forget'
  | 'forgetHalfReject'
  | 'forgetAbs'
  | 'forgetAbsHalfReject'
  | 'forgetTwoStage'
  | 'forgetTwoStageAbs'
  | 'forgetTwoStageAbsTarget'
  | 'forgetTwoStageAbsTargetHalfReject'
  | 'rejectBehave';

const twoStageNormal = (refs: RefSelection): Term[] => [
  { weight: 0.5, when: ['noRefusal'] },
  { weight: 0.5, when: ['noRefusal', { verifierAbove: 0.3, refs }] },
];

/** ρ of `reject_behave_reward` (ref). */
export const BEHAVE_RHO = 0.7;

/** The spec of RULE preset `name` (`rho` weights the verifier term where the preset has one). */
export function presetSpec(name: RulePresetName, o: { rho?: number } = {}): PresetSpec {
  const rho = o.rho ?? BEHAVE_RHO;
  switch (name) {
    case 'forget':
      return { ruleName: 'forget', reject: [{ weight: 1, when: ['refusal'] }], normal: [{ weight: 1, when: [{ verifierAbove: 0.5, refs: 'rest' }] }], rougeLog: { reject: 'zero', normal: 'rest' } };
    case 'forgetHalfReject':
      return { ruleName: 'forget_half_reject', reject: [{ weight: 0.5, when: ['refusal'] }], normal: [{ weight: 1, when: [{ verifierAbove: 0.5, refs: 'rest' }] }], rougeLog: { reject: 'zero', normal: 'rest' } };
    case 'forgetAbs':
      return { ruleName: 'forget_abs', reject: [{ weight: 1, when: ['refusal'] }], normal: [{ weight: 1, when: ['noRefusal'] }] };
    case 'forgetAbsHalfReject':
      return { ruleName: 'forget_abs_half_reject', reject: [{ weight: 0.5, when: ['refusal'] }], normal: [{ weight: 1, when: ['noRefusal'] }] };
    case 'forgetTwoStage':
    case 'forgetTwoStageAbs':
      return {
        ruleName: name === 'forgetTwoStage' ? 'forget_two_stage' : 'forget_two_stage_abs',
        reject: [{ weight: 1, when: ['refusal'] }],
        normal: twoStageNormal('rest'),
        rougeLog: { reject: 'rest', normal: 'rest' },
      };
    case 'forgetTwoStageAbsTarget':
      return {
        ruleName: 'forget_two_stage_abs_target',
        reject: [
          { weight: 0.5, when: ['refusal'] },
          { weight: 0.5, when: ['refusal', 'targetMention'] },
        ],
        normal: twoStageNormal('first'),
        rougeLog: { reject: 'first', normal: 'first' },
      };
    case 'forgetTwoStageAbsTargetHalfReject':
      return {
        ruleName: 'forget_two_stage_abs_target_half_reject',
        reject: [
          { weight: 0.25, when: ['refusal'] },
          { weight: 0.25, when: ['refusal', 'targetMention'] },
        ],
        normal: [{ weight: 1, when: ['noRefusal'] }],
        rougeLog: { reject: 'first', normal: 'first' },
      };
    case 'rejectBehave':
      return {
        ruleName: 'reject_behave_reward',
        reject: [
          { weight: rho, when: ['refusal'], component: 'reject_reward' },
          { weight: 1 - rho, when: [{ verifierAbove: 0.3, refs: 'target' }], component: 'behave_reward' },
        ],
        normal: [
          { weight: rho, when: ['noRefusal'], component: 'reject_reward' },
          { weight: 1 - rho, when: [{ verifierAbove: 0.3, refs: 'first' }], component: 'behave_reward' },
        ],
      };
  }
}

/** Every RULE reward preset name. */
export const RULE_PRESET_NAMES: readonly RulePresetName[] = [
  'forget',
  'forgetHalfReject',
  'forgetAbs',
  'forgetAbsHalfReject',
  'forgetTwoStage',
  'forgetTwoStageAbs',
  'forgetTwoStageAbsTarget',
  'forgetTwoStageAbsTargetHalfReject',
  'rejectBehave',
];
