import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';

/** zod schema of `Category`: validates it and applies its defaults. */
export const CategorySchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  parentId: z.string().nullable(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  surveySection: z.string(),
  description: z.string(),
  descriptionSource: z.enum(['ours', 'paper']),
  subtypes: z.array(z.string()).optional(),
}));

/** zod schema of `Paper`: validates it and applies its defaults. */
export const PaperSchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  venue: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12).optional(),
  url: z.string().url(),
  codeUrl: z.string().url().optional(),
  arxiv: z.string().regex(/^\d{4}\.\d{4,5}$/).optional(),
  /** Survey section numbers, e.g. `1.1.1`. */
  sections: z.array(z.string().regex(/^\d+(\.\d+)*$/)).min(1),
  notes: z.array(z.string()).optional(),
}));

/** zod schema of the valid `Need` values. */
export const NeedSchema = /* @__PURE__ */ lazySchema(() => z.enum(['loglikelihood', 'sampling', 'external-planner', 'environment', 'training']));

/** zod schema of `Method`: validates it and applies its defaults. */
export const MethodSchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  categoryIds: z.array(z.string()).min(1),
  paperId: z.string().min(1),
  finetune: z.boolean(),
  search: z.boolean(),
  modality: z.enum(['text', 'vision+text']),
  needs: z.array(NeedSchema),
  implementedBy: z.string().optional(),
}));

/** zod schema of `Benchmark`: validates it and applies its defaults. */
export const BenchmarkSchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  scenario: z.tuple([z.string(), z.string()]),
  paperId: z.string().optional(),
  metricIds: z.array(z.string()),
}));

/** zod schema of `Metric`: validates it and applies its defaults. */
export const MetricSchema = /* @__PURE__ */ lazySchema(() => z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  parentId: z.string().nullable(),
  definition: z.string(),
  higherIsBetter: z.boolean(),
  unit: z.enum(['%', 'ratio', 'count', 's', 'usd']),
}));

/** zod schema of `Result`: validates it and applies its defaults. */
export const ResultSchema = /* @__PURE__ */ lazySchema(() => z.object({
  methodId: z.string().min(1),
  baseModel: z.string(),
  benchmarkId: z.string().min(1),
  metricId: z.string().min(1),
  value: z.number().nullable(),
  date: z.string().optional(),
  source: z.object({ kind: z.enum(['survey-table', 'paper', 'repo-log', 'indicative']), ref: z.string() }),
  verified: z.boolean(),
  notes: z.string().optional(),
  /** Survey-table flags: FT (finetuned) and S (search). */
  finetuned: z.boolean().optional(),
  searchUsed: z.boolean().optional(),
}));

/** zod schema of `MetricLink`: validates it and applies its defaults. */
export const MetricLinkSchema = /* @__PURE__ */ lazySchema(() => z.object({ benchmarkId: z.string(), metricId: z.string(), confidence: z.enum(['exact', 'approximate']) }));

/** zod schema of `Taxonomy`: validates it and applies its defaults. */
export const TaxonomySchema = /* @__PURE__ */ lazySchema(() => z.object({
  categories: z.array(CategorySchema),
  papers: z.array(PaperSchema),
  methods: z.array(MethodSchema),
  benchmarks: z.array(BenchmarkSchema),
  metrics: z.array(MetricSchema),
  results: z.array(ResultSchema),
  metricLinks: z.array(MetricLinkSchema),
}));

/** Parsed value of `CategorySchema` (defaults applied). */
export type Category = z.infer<typeof CategorySchema>;
/** Parsed value of `PaperSchema` (defaults applied). */
export type Paper = z.infer<typeof PaperSchema>;
/** Parsed value of `MethodSchema` (defaults applied). */
export type Method = z.infer<typeof MethodSchema>;
/** Parsed value of `NeedSchema` (defaults applied). */
export type Need = z.infer<typeof NeedSchema>;
/** Parsed value of `BenchmarkSchema` (defaults applied). */
export type Benchmark = z.infer<typeof BenchmarkSchema>;
/** Parsed value of `MetricSchema` (defaults applied). */
export type Metric = z.infer<typeof MetricSchema>;
/** Parsed value of `ResultSchema` (defaults applied). */
export type Result = z.infer<typeof ResultSchema>;
/** Parsed value of `MetricLinkSchema` (defaults applied). */
export type MetricLink = z.infer<typeof MetricLinkSchema>;
/** Parsed value of `TaxonomySchema` (defaults applied). */
export type Taxonomy = z.infer<typeof TaxonomySchema>;
