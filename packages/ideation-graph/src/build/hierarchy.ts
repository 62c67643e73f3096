import * as z from 'zod';
import { generateObject, mulberry32, parseOptions, type TextModel } from '@reasonkit/core';
import type { Embedder } from '../embedding/embedder.js';
import type { GraphStore, MotivNode } from '../graph/types.js';
import { VectorIndex } from '../store/vector-index.js';
import { shuffled } from '../eval/swiss.js';
import { NodeDraftSchema } from './extract-triples.js';

/** Options of `buildHierarchy`: kind, k (10), focal order, seed, levels and membership (spec §9.6). */
export const HierarchyOptionsSchema = z.object({
  kind: z.enum(['problem', 'challenge']),
  /** Neighbours considered per focal node. Default 10 (our choice; the paper does not give k). */
  k: z.number().int().min(1).max(100).default(10),
  /** Focal order (not given by the paper). */
  order: z.enum(['seeded-random', 'by-degree']).default('seeded-random'),
  seed: z.number().int().default(1),
  /** One pass = one level; more re-run on the new parents. */
  maxLevels: z.number().int().min(1).max(5).default(1),
  /** `all` (paper): the parent takes N and every v ∈ V; `subset` (extension): only the members the judge lists. */
  membership: z.enum(['all', 'subset']).default('all'),
  signal: z.custom<AbortSignal>().optional(),
  /** Called after each focal node is placed, with the level and how many nodes remain. */
  onProgress: z.custom<(p: { level: number; focal: number; remaining: number }) => void>((v) => typeof v === 'function').optional(),
});
/** Input form of {@link HierarchyOptionsSchema}. */
export type HierarchyOptions = z.input<typeof HierarchyOptionsSchema>;

/** Counts of one hierarchy pass: focal nodes, judge calls, parents, links, empty-V skips, warnings (spec §2.4). */
export interface HierarchyReport {
  /** Focal nodes processed. */
  focal: number;
  /** Judge calls made. */
  judgeCalls: number;
  /** Parents created. */
  parents: number;
  /** `parent_of` edges added. */
  links: number;
  /** Focal nodes whose neighbourhood V was empty (no judge call). */
  emptyNeighborhoods: number;
  /** Children absorbed without being focal. */
  absorbed: number;
  /** Recorded warnings (parent-name collisions). */
  warnings: { kind: 'naming_rule'; message: string }[];
}

const JudgeSchema = z.object({ merge: z.boolean(), members: z.array(z.string()).optional(), parent: NodeDraftSchema.optional() });

function judgePrompt(kind: string, focal: MotivNode, group: MotivNode[], taken?: string): string {
  return `These ${kind} nodes come from research papers. Decide whether the focal node and its neighbours are coherent and can be generalised by one more general ${kind}.
If yes, reply {"merge": true, "members": [names of the neighbours that belong], "parent": {"name": "...", "description": "..."}}; else {"merge": false}.
The parent name is short and general; its description is 1–2 sentences.${taken ? ` The name "${taken}" is taken: choose another.` : ''}

Focal: ${focal.name}: ${focal.description}
Neighbours:
${group.map((n) => `- ${n.name}: ${n.description}`).join('\n')}`;
}

/** Hierarchical parent addition (spec §2.4, §9.6) over all nodes of one kind, one level per pass. */
export async function buildHierarchy(store: GraphStore, embedder: Embedder, model: TextModel, options: HierarchyOptions): Promise<HierarchyReport> {
  const o = parseOptions(HierarchyOptionsSchema, options, 'buildHierarchy options');
  const report: HierarchyReport = { focal: 0, judgeCalls: 0, parents: 0, links: 0, emptyNeighborhoods: 0, absorbed: 0, warnings: [] };
  let level = 0;
  for (let pass = 0; pass < o.maxLevels; pass++, level++) {
    const X = (await store.allNodes(o.kind)).filter((n) => n.level === level && !(pass === 0 && n.isParent));
    if (X.length < 2) break;
    const index = new VectorIndex(embedder.dim, X.length);
    const byId = new Map(X.map((n) => [Number(n.id), n]));
    for (const n of X) {
      const v = (await store.getVector(n.id)) ?? (await embedder.embed([n.description]))[0]!;
      index.set(Number(n.id), n.kind, true, v);
    }
    let order: MotivNode[];
    if (o.order === 'seeded-random') order = shuffled(X, mulberry32(o.seed + pass));
    else {
      const deg = new Map<string, number>();
      for (const n of X) deg.set(n.id, (await store.neighbors(n.id)).length);
      order = [...X].sort((a, b) => (deg.get(b.id) as number) - (deg.get(a.id) as number) || Number(a.id) - Number(b.id));
    }
    const S = new Set(X.map((n) => n.id));
    for (const N of order) {
      if (!S.has(N.id)) continue;
      if (o.signal?.aborted) throw o.signal.reason;
      report.focal++;
      const V = index
        .topK(index.get(Number(N.id)) as Float32Array, o.k + 1)
        .filter((h) => String(h.id) !== N.id && S.has(String(h.id)))
        .slice(0, o.k)
        .map((h) => byId.get(h.id) as MotivNode);
      if (!V.length) {
        report.emptyNeighborhoods++;
        S.delete(N.id);
        continue;
      }
      report.judgeCalls++;
      let verdict = (await generateObject(model, JudgeSchema, { messages: [{ role: 'user', content: judgePrompt(o.kind, N, V) }], temperature: 0, signal: o.signal })).object;
      if (verdict.merge && verdict.parent) {
        let parent = verdict.parent;
        if ((await store.findByName(parent.name, o.kind)).length) {
          verdict = (await generateObject(model, JudgeSchema, { messages: [{ role: 'user', content: judgePrompt(o.kind, N, V, parent.name) }], temperature: 0, signal: o.signal })).object;
          parent = verdict.parent ?? parent;
          if (!verdict.merge || (await store.findByName(parent.name, o.kind)).length) {
            parent = { ...parent, name: `${parent.name} (general)` };
            report.warnings.push({ kind: 'naming_rule', message: `parent name collided twice; renamed to "${parent.name}"` });
          }
        }
        const listed = new Set((verdict.members ?? []).map((m) => m.trim().toLowerCase()));
        const members = o.membership === 'all' ? V : V.filter((v) => listed.has(v.name.trim().toLowerCase()));
        const [vec] = await embedder.embed([parent.description]);
        const { node: p } = await store.upsertNode({ kind: o.kind, name: parent.name, description: parent.description, embedding: vec, isParent: true, level: level + 1 });
        report.parents++;
        for (const child of [N, ...members]) {
          await store.addEdge(p.id, child.id, 'parent_of');
          report.links++;
          if (child !== N) {
            S.delete(child.id);
            report.absorbed++;
          }
        }
      }
      S.delete(N.id);
      o.onProgress?.({ level, focal: report.focal, remaining: S.size });
    }
  }
  return report;
}
