/**
 * Stable site names (spec §3) mapped to the graph tensors that hold them. For core's llama2.c
 * export the names are fixed ({@link llama2cSiteMap}); for other exports (Optimum) pass a map
 * whose tensor names were checked with core's `listValueNames`.
 */
export type SiteMap = Readonly<Record<string, string>>;

/** Site kinds whose tensors are `[B, T, hidden]` and can therefore be patched. */
export const PATCHABLE_KINDS = ['embed', 'resid', 'attn_out', 'mlp_out'] as const;
/** A kind of site that can be patched (see `PATCHABLE_KINDS`). */
export type PatchableKind = (typeof PATCHABLE_KINDS)[number];

/** `resid.3` → `{ kind: 'resid', layer: 3 }`; `embed` → `{ kind: 'embed' }`. */
export function parseSite(site: string): { kind: string; layer?: number } {
  const m = /^([a-z_]+)\.(\d+)$/.exec(site);
  return m ? { kind: m[1]!, layer: Number(m[2]) } : { kind: site };
}

/**
 * Site map of a llama2.c model exported by `@reasonkit/core` (`exportLlama2cOnnx`, `reasonkit
 * convert`): `embed`, `resid.{l}` (residual after block l), `attn_out.{l}` (attention output after
 * `wo`, before the residual add), `mlp_out.{l}` (MLP output before the residual add), `mlp_act.{l}`
 * (input of the down projection), `q.{l}` (post-RoPE queries `[B, H, T, hd]`), `k.{l}` (post-RoPE
 * keys `present.{l}.key`), `final_norm`, and `attn.{l}` when the export has `attentions.{l}`.
 */
export function llama2cSiteMap(layers: number, options: { attentions?: boolean } = {}): SiteMap {
  const map: Record<string, string> = { embed: '/model/embed_tokens/output_0', final_norm: '/model/norm/output_0' };
  for (let l = 0; l < layers; l++) {
    const p = `/model/layers.${l}`;
    map[`resid.${l}`] = `${p}/output_0`;
    map[`attn_out.${l}`] = `${p}/attn/o_proj/output_0`;
    map[`mlp_out.${l}`] = `${p}/mlp/down_proj/output_0`;
    map[`mlp_act.${l}`] = `${p}/mlp/act`;
    map[`q.${l}`] = `${p}/attn/q_rope`;
    map[`k.${l}`] = `present.${l}.key`;
    if (options.attentions) map[`attn.${l}`] = `attentions.${l}`;
  }
  return map;
}
