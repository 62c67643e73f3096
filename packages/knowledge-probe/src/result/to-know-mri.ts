import type { ProbeResult } from './probe-result.js';
import { renderSvg } from './render-svg.js';

/** Know-MRI's result dict (`methods/result_template.py`). */
export interface KnowMriResult {
  origin_data: unknown;
  image: { image_name: string; image_path: string; image_des?: string }[];
  table: { table_name: string; table_list: Record<string, unknown>[]; table_des?: string; table_res?: string }[];
  result_des?: string;
}

/**
 * Writes a result in Know-MRI's shape for interoperability (spec §6.1). Charts become SVG files
 * named `<prefix><n>.svg`: `image_path` holds those names and `files` their contents (write them
 * beside the JSON; the `/node` entry's `writeReport` does).
 */
export function toKnowMri(result: ProbeResult, prefix = 'chart-'): { json: KnowMriResult; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const image = result.charts.map((c, i) => {
    const path = `${prefix}${i}.svg`;
    files[path] = renderSvg(c);
    return { image_name: c.name, image_path: path, ...(c.description ? { image_des: c.description } : {}) };
  });
  return {
    json: {
      origin_data: result.raw,
      image,
      table: result.tables.map((t) => ({ table_name: t.name, table_list: t.rows, ...(t.description ? { table_des: t.description } : {}), ...(t.summary ? { table_res: t.summary } : {}) })),
      ...(result.summary ? { result_des: result.summary } : {}),
    },
    files,
  };
}
