import * as z from 'zod';
import { parseOptions, ReasonkitError } from '@reasonkit/core';
import type { Embedder } from '../embedding/embedder.js';
import { EDGE_KINDS, NodeKindSchema, type EdgeKind, type GraphStore, type MotivNode, type NodeKind } from '../graph/types.js';
import type { LiteratureSearch, PaperHit } from './literature.js';

/** Input of the `node_search` tool: query (1–500 chars), kinds, k (1–50, default 10), mode (spec §3.1). */
export const NodeSearchInputSchema = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(500),
  kinds: z.array(NodeKindSchema).optional(),
  /** Top K (the paper does not give K; 10 is our choice). */
  k: z.number().int().min(1).max(50).default(10),
  mode: z.enum(['vector', 'hybrid']).default('vector'),
});
/** Input of the `node_relation` tool: 1–10 names, `kind:name` pins a kind (spec §3.1). */
export const NodeRelationInputSchema = z.object({ names: z.array(z.string().min(1)).min(1).max(10) });
/** Input of the `get_random_nodes` tool: number 1–50 (default 10) and kinds (spec §3.1). */
export const RandomNodesInputSchema = z.object({
  /** The paper's `number=10`. */
  number: z.number().int().min(1).max(50).default(10),
  kinds: z.array(NodeKindSchema).optional(),
});
/** Input of the `semantic_search` tool: a query of 1–300 chars (spec §3.1). */
export const SemanticSearchInputSchema = z.object({ query: z.string().trim().min(1).max(300) });

/**
 * A node with its neighbours (capped per edge kind) and the stated triples through it.
 *
 * @inline
 */
export interface NodeRelationResult {
  name: string;
  kind: NodeKind;
  description: string;
  neighbors: { name: string; kind: NodeKind; edge: EdgeKind; direction: 'in' | 'out' }[];
  /** Neighbours left out per edge kind (cap `neighborLimit`). */
  omitted: Partial<Record<EdgeKind, number>>;
  /** Stated triples through this node, as names, with their paper. */
  triples: { problem: string; challenge: string; solution: string; paperId: string }[];
}
/** One entry of a `node_relation` answer: a found node with neighbours and stated triples, or not found with suggestions. */
export type NodeRelationEntry = NodeRelationResult | { name: string; found: false; suggestions: string[] };

/** Options of {@link GraphTools}: the literature provider, neighbours per edge kind and the default search mode. */
export const GraphToolsOptionsSchema = z.object({
  literature: z.custom<LiteratureSearch>((v) => typeof (v as LiteratureSearch)?.search === 'function').optional(),
  /** Neighbours shown per edge kind (small models overflow context, paper §4.3). Default 20 (our choice). */
  neighborLimit: z.number().int().min(1).max(200).default(20),
  /** Search mode for `node_search` when the call does not say. */
  searchMode: z.enum(['vector', 'hybrid']).default('vector'),
});
/** Input form of {@link GraphToolsOptionsSchema}. */
export type GraphToolsOptions = z.input<typeof GraphToolsOptionsSchema>;

/** The tool descriptions shown to the researcher in its system prompt (text protocol, spec §3.2). */
export const TOOL_DESCRIPTIONS: Record<string, string> = {
  node_search: 'node_search(query="...", k=10) — find problem/challenge/solution nodes whose descriptions match the query; returns names, kinds and scores.',
  node_relation: 'node_relation(names=["...", "..."]) — for each node name (prefix "challenge:" etc. to pin a kind): its description and one-hop neighbours (parents, children, problem→challenge, challenge→solution).',
  get_random_nodes: 'get_random_nodes(number=10) — random problem/challenge/solution nodes to inspire a novel combination.',
  semantic_search: 'semantic_search(query="...") — titles and abstracts of related papers (Semantic Scholar).',
};

/** The four agent tools over a graph store (spec §3.1). Methods validate input and throw on bad input. */
export class GraphTools {
  readonly options: z.output<typeof GraphToolsOptionsSchema>;
  constructor(
    readonly store: GraphStore,
    readonly embedder: Embedder,
    options: GraphToolsOptions = {},
  ) {
    this.options = parseOptions(GraphToolsOptionsSchema, options, 'GraphTools options');
  }

  /** Tool names offered to the researcher (`semantic_search` only when a literature source is configured). */
  get names(): string[] {
    return this.options.literature ? ['node_search', 'node_relation', 'get_random_nodes', 'semantic_search'] : ['node_search', 'node_relation', 'get_random_nodes'];
  }

  /** `node_search`: embeds the query and returns the k best-matching graph nodes with rounded scores. */
  async nodeSearch(input: z.input<typeof NodeSearchInputSchema>, signal?: AbortSignal): Promise<{ name: string; kind: NodeKind; score: number }[]> {
    const q = parseOptions(NodeSearchInputSchema, input, 'node_search');
    const [vector] = await this.embedder.embed([q.query], { signal });
    const hits = await this.store.search({ text: q.query, vector, k: q.k, kinds: q.kinds, mode: input.mode ?? this.options.searchMode });
    return hits.map((h) => ({ name: h.node.name, kind: h.node.kind, score: Math.round(h.score * 1e4) / 1e4 }));
  }

  /** `node_relation`: for each named node, its neighbours by edge kind (capped, with counts omitted) and its source triples; unknown names get lexical suggestions. */
  async nodeRelation(input: z.input<typeof NodeRelationInputSchema>): Promise<NodeRelationEntry[]> {
    const q = parseOptions(NodeRelationInputSchema, input, 'node_relation');
    const out: NodeRelationEntry[] = [];
    for (const raw of q.names) {
      const pinned = /^(problem|challenge|solution|method)\s*:\s*(.+)$/i.exec(raw);
      const kind = pinned ? NodeKindSchema.parse(pinned[1]) : undefined;
      const name = pinned ? (pinned[2] as string) : raw;
      const nodes = await this.store.findByName(name, kind);
      if (!nodes.length) {
        const sugg = await this.store.search({ text: name, k: 3, mode: 'lexical' });
        out.push({ name: raw, found: false, suggestions: sugg.map((s) => `${s.node.kind}:${s.node.name}`) });
        continue;
      }
      for (const node of nodes) out.push(await this.relationOf(node));
    }
    return out;
  }

  private async relationOf(node: MotivNode): Promise<NodeRelationResult> {
    const all = await this.store.neighbors(node.id);
    const neighbors: NodeRelationResult['neighbors'] = [];
    const omitted: NodeRelationResult['omitted'] = {};
    for (const edge of EDGE_KINDS) {
      const list = all.filter((n) => n.edge === edge);
      for (const n of list.slice(0, this.options.neighborLimit)) neighbors.push({ name: n.node.name, kind: n.node.kind, edge, direction: n.direction });
      if (list.length > this.options.neighborLimit) omitted[edge] = list.length - this.options.neighborLimit;
    }
    const names = new Map<string, string>();
    names.set(node.id, node.name);
    const nameOf = async (id: string) => {
      let name = names.get(id);
      if (name === undefined) names.set(id, (name = (await this.store.getNode(id))?.name ?? id));
      return name;
    };
    const triples = [];
    for (const t of (await this.store.triplesOf(node.id)).slice(0, this.options.neighborLimit)) {
      triples.push({ problem: await nameOf(t.problemId), challenge: await nameOf(t.challengeId), solution: await nameOf(t.solutionId), paperId: t.source.paperId });
    }
    return { name: node.name, kind: node.kind, description: node.description, neighbors, omitted, triples };
  }

  /** Uniform random leaves, seeded; `exclude` keeps a run free of repeats. */
  async randomNodes(input: z.input<typeof RandomNodesInputSchema>, seed: number, exclude: string[] = []): Promise<MotivNode[]> {
    const q = parseOptions(RandomNodesInputSchema, input, 'get_random_nodes');
    return this.store.randomNodes(q.number, { seed, kinds: q.kinds, excludeIds: exclude });
  }

  /** `semantic_search`: papers from the configured literature source; throws `INVALID_ARGUMENT` when none is configured. */
  async semanticSearch(input: z.input<typeof SemanticSearchInputSchema>, signal?: AbortSignal): Promise<PaperHit[]> {
    const q = parseOptions(SemanticSearchInputSchema, input, 'semantic_search');
    if (!this.options.literature) throw new ReasonkitError('INVALID_ARGUMENT', 'semantic_search: no literature search configured', { field: 'literature' });
    return this.options.literature.search(q.query, { signal });
  }

  /** A per-run session: seeded random draws without repeats, results as text for the model. */
  session(seed: number): ToolSession {
    return new ToolSession(this, seed);
  }
}

/** Result of one tool call: compact text for the model and JSON for the transcript. */
export interface ToolOutcome {
  /** False for tool errors (reported to the model as text). */
  ok: boolean;
  /** What the model sees. */
  text: string;
  /** What the transcript keeps. */
  json: unknown;
}

/** One ideation run's view of the tools. `call` never throws for bad input: errors become text. */
export class ToolSession {
  private drawn: string[] = [];
  private draws = 0;
  readonly used = new Map<string, number>();
  constructor(
    private tools: GraphTools,
    private seed: number,
  ) {}

  /** Runs one tool call by name with the model's arguments; bad input becomes an error outcome (only an abort throws). */
  async call(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolOutcome> {
    const valid = this.tools.names;
    if (!valid.includes(name)) return { ok: false, text: `Error: unknown tool "${name}". Valid tools: ${valid.join(', ')}.`, json: { error: 'unknown_tool', name } };
    try {
      let json: unknown;
      let text: string;
      if (name === 'node_search') {
        const hits = await this.tools.nodeSearch(args as never, signal);
        json = hits;
        text = hits.length ? hits.map((h) => `- [${h.kind}] ${h.name} (score ${h.score})`).join('\n') : 'No nodes found. Rephrase the query with more general terms.';
      } else if (name === 'node_relation') {
        const rel = await this.tools.nodeRelation(args as never);
        json = rel;
        text = rel
          .map((r) =>
            'found' in r
              ? `"${r.name}": not found. Did you mean: ${r.suggestions.join('; ') || '(no suggestions)'}`
              : `[${r.kind}] ${r.name}: ${r.description}\n${r.neighbors.map((n) => `  ${n.direction === 'out' ? '->' : '<-'} ${n.edge} [${n.kind}] ${n.name}`).join('\n')}${Object.keys(r.omitted).length ? `\n  (omitted: ${JSON.stringify(r.omitted)})` : ''}`,
          )
          .join('\n');
      } else if (name === 'get_random_nodes') {
        const nodes = await this.tools.randomNodes(args as never, this.seed * 1000 + this.draws++, this.drawn);
        this.drawn.push(...nodes.map((n) => n.id));
        json = nodes.map((n) => ({ name: n.name, kind: n.kind, description: n.description }));
        text = nodes.length ? nodes.map((n) => `- [${n.kind}] ${n.name}: ${n.description}`).join('\n') : 'No more random nodes available.';
      } else {
        const papers = await this.tools.semanticSearch(args as never, signal);
        json = papers;
        text = papers.length
          ? papers.map((p) => `- ${p.title} (${p.authors[0] ?? 'unknown'}${p.authors.length > 1 ? ' et al.' : ''}, ${p.year ?? 'n.d.'})${p.abstract ? `: ${p.abstract}` : ''}`).join('\n')
          : 'No papers found. Rephrase the query (shorter, more general keywords).';
      }
      this.used.set(name, (this.used.get(name) ?? 0) + 1);
      return { ok: true, text, json };
    } catch (e) {
      if (ReasonkitError.is(e, 'ABORTED')) throw e;
      const msg = (e as Error).message;
      return { ok: false, text: `Error calling ${name}: ${msg}. Valid tools: ${valid.join(', ')}.`, json: { error: msg } };
    }
  }
}
