import type { NodeKind } from '../graph/types.js';
import type { Idea } from './idea-schema.js';

/** A `kg:<kind>:<name>` link found in an idea, with the field and text span it came from. */
export interface KgRef {
  /** Node kind (`method` resolved to `solution`). */
  kind: NodeKind;
  /** Node name as written. */
  name: string;
  /** Idea field the link is in. */
  field: keyof Idea;
  /** The linked text. */
  span: string;
}

const KG_LINK = /<a\s+href="kg:(problem|challenge|solution|method):([^"]+)">([\s\S]*?)<\/a>/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] as string);
}

/** Every `<a href="kg:<kind>:<name>">` link in an idea (spec §5); `method` → `solution`. */
export function extractKgRefs(idea: Partial<Idea>): KgRef[] {
  const out: KgRef[] = [];
  for (const [field, value] of Object.entries(idea)) {
    if (typeof value !== 'string') continue;
    for (const m of value.matchAll(KG_LINK)) {
      const k = (m[1] as string).toLowerCase();
      out.push({ kind: (k === 'method' ? 'solution' : k) as NodeKind, name: decodeEntities(m[2] as string), field: field as keyof Idea, span: m[3] as string });
    }
  }
  return out;
}
