import { z } from 'zod';
import type { Preprocess } from '../text/preprocess.js';

/** zod schema of the {@link Preprocess} option; default `priorrg` [our choice, spec §3.1]. */
export const PreprocessSchema = z
  .custom<Preprocess>((v) => v === 'priorrg' || v === 'none' || typeof v === 'function', { message: "expected 'priorrg', 'none' or a function" })
  .default('priorrg');
