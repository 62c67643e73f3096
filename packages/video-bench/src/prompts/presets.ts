/**
 * Prompt presets in our own words (spec §3.3): the MMR-V reference has no licence, so its
 * sentences are not copied. The presets keep its structure: four sections with double-bracket
 * markers in this order, a leading and a trailing newline, options inserted where `{options}`
 * stands, and the `[[X]]` answer format.
 */
export type PromptMode = 'direct' | 'cot';

/** Version of the shipped presets; part of their names and so of a run's config hash. */
export const PRESET_VERSION = 1;
/** Family name of the shipped presets (`mmrv-structure@<version>/<mode>`). */
export const PRESET_FAMILY = 'mmrv-structure';

const INSTRUCTIONS = `[[INSTRUCTIONS]]
Watch the video frames and pick the option that answers the question best.
Only one of the options is the most accurate answer.
[[END OF INSTRUCTIONS]]`;

const BODY = `[[QUESTION]]
{question}
[[END OF QUESTION]]
[[OPTIONS]]
{options}
[[END OF OPTIONS]]`;

const OUTPUT_DIRECT = `[[OUTPUT FORMAT]]
Reply with the letter X of your chosen option only, written as "[[X]]".
[[END OF OUTPUT FORMAT]]`;

const OUTPUT_COT = `[[OUTPUT FORMAT]]
First explain your reasoning, then give the letter X of your chosen option as "[[X]]".
The letter has to appear between [[ and ]].
[[END OF OUTPUT FORMAT]]`;

/** The preset templates, keyed by `<family>@<version>/<mode>`. */
export const PRESETS: Readonly<Record<string, string>> = {
  [`${PRESET_FAMILY}@${PRESET_VERSION}/direct`]: `\n${INSTRUCTIONS}\n${BODY}\n${OUTPUT_DIRECT}\n`,
  [`${PRESET_FAMILY}@${PRESET_VERSION}/cot`]: `\n${INSTRUCTIONS}\n${BODY}\n${OUTPUT_COT}\n`,
};

/** Name of the default preset for a mode. */
export function presetName(mode: PromptMode): string {
  return `${PRESET_FAMILY}@${PRESET_VERSION}/${mode}`;
}
