/**
 * PriorRG's clean-up of decoded text [ref: mk-runner/PriorRG models/model_github.py]: trim, then
 * delete every character outside printable ASCII `[\x20-\x7E]`.
 */
export function cleanGeneratedText(text: string): string {
  return text.trim().replace(/[^\x20-\x7E]/g, '');
}

/**
 * PriorRG replaces an empty generation by the literal `...` before scoring. `keep` (our default)
 * leaves it empty; the runner counts empties either way.
 */
export function applyEmptyCandidate(text: string, policy: '...' | 'keep' = 'keep'): string {
  return policy === '...' && text.length === 0 ? '...' : text;
}
