import { easyR1Json } from './easyr1.js';
import { rolloutsJsonl } from './rollouts.js';
import { sftRows, trlJsonl, trlRows } from './trl.js';
import { verlParquet, verlRows } from './verl-parquet.js';

export { VERL_PARQUET_SCHEMA, type VerlRow } from './verl-parquet.js';
export { TrlRowSchema, type TrlRow } from './trl.js';
export { RolloutsJsonlOptionsSchema, type RolloutRecord, type RolloutsJsonlOptions } from './rollouts.js';

/** Exporters for Python trainers (spec §9). */
export const exporters = {
  /** EasyR1 JSON rows. */
  easyR1Json,
  /** verl parquet file. */
  verlParquet,
  /** verl rows (before parquet). */
  verlRows,
  /** TRL rows. */
  trl: trlRows,
  /** TRL JSONL text. */
  trlJsonl,
  /** Scored rollouts as JSONL. */
  rolloutsJsonl,
  /** SFT rows. */
  sft: sftRows,
} as const;
export { easyR1Json, verlParquet, verlRows, trlRows, trlJsonl, rolloutsJsonl, sftRows };
