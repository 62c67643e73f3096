import { z } from 'zod';

/** zod schema of `ResolvedLoadOptions`: validates it and applies its defaults. */
export const LoadOptionsSchema = z.object({
  /** `strict`: an unknown classification is an error; `warn`: it is kept with a warning. Default `strict` (our choice). */
  validate: z.enum(['strict', 'warn']).default('strict'),
  /** Turn literal `\n` into newlines (LaTeX commands kept). Default false [spec §2.5: it corrupts LaTeX]. */
  unescapeNewlines: z.boolean().default(false),
  /** LaTeX commands a literal `\n` may start; default `LATEX_N_COMMANDS`. */
  latexAllowList: z.array(z.string()).optional(),
  /** Keep the parsed record on `item.raw`. Default false (memory). */
  keepRaw: z.boolean().default(false),
});
/** Input accepted by `LoadOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type LoadOptions = z.input<typeof LoadOptionsSchema>;
export type ResolvedLoadOptions = z.output<typeof LoadOptionsSchema>;
