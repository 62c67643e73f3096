import * as z from 'zod';

/** `POST /retrieve` request (Search-R1 API, spec §6.2); verl and ASL send the same fields. */
export const RetrieveRequestSchema = z.object({
  queries: z.array(z.string(), { error: 'queries must be an array of strings' }),
  /** Missing or 0 → the server's default (Search-R1). */
  topk: z.number().int().min(0).optional().nullable(),
  return_scores: z.boolean().optional().default(false),
});
/** A `POST /retrieve` body as clients send it. */
export type RetrieveRequest = z.input<typeof RetrieveRequestSchema>;

export const WireDocSchema = z
  .object({ id: z.union([z.string(), z.number()]).optional(), contents: z.string().optional(), title: z.string().optional(), text: z.string().optional() })
  .passthrough();

const ScoredHitSchema = z.object({ document: WireDocSchema, score: z.number() });

/** A hit list entry: `{document, score}` (with `return_scores`) or the bare document. */
export const WireHitSchema = z.union([ScoredHitSchema, WireDocSchema]);

/** Success: `{result: Hit[][]}` (+ `error: false` from ASL's server and ours); ASL failure: `{error: true, result: string}`. */
export const RetrieveResponseSchema = z.union([
  z.object({ error: z.literal(true), result: z.unknown() }),
  z.object({ error: z.literal(false).optional(), result: z.array(z.array(WireHitSchema)) }),
]);
