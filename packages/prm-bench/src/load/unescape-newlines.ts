/**
 * LaTeX commands starting with `n` that a literal `\n` must not be turned into a newline in
 * [our choice: the commands seen in the data plus common math ones].
 */
export const LATEX_N_COMMANDS: readonly string[] = [
  'n', 'nabla', 'natural', 'ne', 'nearrow', 'neg', 'neq', 'newcommand', 'newline', 'newpage', 'nexists', 'ngeq', 'ngtr', 'ni',
  'nleftarrow', 'nleq', 'nless', 'nmid', 'noindent', 'nolimits', 'nonumber', 'normalsize', 'not', 'notin', 'nparallel',
  'nprec', 'nrightarrow', 'nsim', 'nsubseteq', 'nsucc', 'nsupseteq', 'ntriangleleft', 'nu', 'nwarrow',
];

/**
 * Opt-in: turns the two characters `\` `n` into a newline unless they start a LaTeX command of
 * `allow` (longest letter run after the backslash). Never applied by default [spec §2.5].
 */
export function unescapeNewlines(text: string, allow: readonly string[] = LATEX_N_COMMANDS): string {
  const keep = new Set(allow.filter((c) => c !== 'n'));
  return text.replace(/\\(n[a-zA-Z]*)/g, (whole, name: string) => (keep.has(name) ? whole : `\n${name.slice(1)}`));
}
