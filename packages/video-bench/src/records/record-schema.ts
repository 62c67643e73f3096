import { z } from 'zod';
import type { Letter } from '../extraction/extract-answer.js';
import type { Category } from './categories.js';

/**
 * One raw question as found in the flat form (spec §2.1). Unknown fields (model outputs such as
 * `gpt-4o_response`, `error_info`, `remark`) are ignored.
 */
export const RawRecordSchema = z.looseObject({
  /** Video file name (`.mp4`). */
  video: z.string(),
  /** Video type as in the data (inconsistently cased). */
  videoType: z.string(),
  /** The question text. */
  question: z.string(),
  /** Options, each starting with its `(X)` label. */
  options: z.array(z.string()),
  /** The correct option's label, e.g. `(B)` (may carry spaces). */
  correctAnswer: z.string(),
  /** L2 ability type. */
  abilityType_L2: z.string().optional(),
  /** L3 ability type. */
  abilityType_L3: z.string().optional(),
  /** The dataset's question index, when present. */
  question_idx: z.number().int().optional(),
});
/** A raw flat record as `RawRecordSchema` accepts it (before normalisation). */
export type RawRecord = z.infer<typeof RawRecordSchema>;

/** One video with its questions (nested annotation form, spec §2.2). */
export const RawNestedSchema = z.looseObject({
  /** Video file name, copied into each question. */
  video: z.string(),
  /** Video type, copied into each question. */
  videoType: z.string(),
  /** The video's questions (flat records without `video` and `videoType`). */
  questions: z.array(z.looseObject({})),
});

/** A parsed option: its label letter and its text, plus the trimmed original string. */
export interface MmrvOption {
  /** The label letter, from the leading `(X)`. */
  letter: Letter;
  /** The option text after the label, trimmed. */
  text: string;
  /** The trimmed option string as in the data, e.g. `(A) text` (what the prompt shows). */
  raw: string;
}

/** A normalised MMR-V-style record (spec §2.4). */
export interface MmrvRecord {
  /** Collision-free id: `question_idx`, else a sha256 of video, question and options; `#2`, `#3`… on repeats. */
  id: string;
  /** Position in the flattened input (0-based). */
  index: number;
  /** The video's file name, trimmed (resolved against the videos directory). */
  video: string;
  /** Trimmed raw video type (the reference's scoring buckets). */
  videoType: string;
  /** Case-folded video type (Animation, Movie, TV, Life, Art, Philosophy), or the trimmed value when unknown. */
  videoTypeCanonical: string;
  /** The question text, trimmed. */
  question: string;
  /** The options in data order (letters may skip, e.g. A–I then K). */
  options: MmrvOption[];
  /** The correct letter parsed from `correctAnswer`. */
  correctLetter: Letter;
  /** L2 ability type, trimmed; `Unknown` when empty (reference). */
  abilityTypeL2: string;
  /** L3 ability type, trimmed; `Unknown` when empty (reference). */
  abilityTypeL3: string;
  /** Implicit / Explicit by L2 type, `Other` for any other L2 (spec §2.5). */
  category: Category;
  /** The data's `question_idx`, when present. */
  questionIdx?: number;
}

const LETTER = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);

/** zod schema of the normalised record (validates records passed around between tools). */
export const MmrvRecordSchema: z.ZodType<MmrvRecord, MmrvRecord> = z.object({
  id: z.string().min(1),
  index: z.number().int().nonnegative(),
  video: z.string(),
  videoType: z.string(),
  videoTypeCanonical: z.string(),
  question: z.string(),
  options: z.array(z.object({ letter: LETTER, text: z.string(), raw: z.string() })).min(2).max(12),
  correctLetter: LETTER,
  abilityTypeL2: z.string(),
  abilityTypeL3: z.string(),
  category: z.enum(['Implicit', 'Explicit', 'Other']),
  questionIdx: z.number().int().optional(),
});
