import { docTitleText, type Hit } from './types.js';

/** How hits become observation text (spec §6.2 table). */
export type HitRendering = 'asl' | 'search-r1' | 'verl';

/** Renders hits as each consumer does: ASL `\nid: …\ncontent:\n…\n`, Search-R1 `Doc i(Title: …) …\n`, verl `Doc i (Title: …)\n…\n\n`. */
export function renderHits(hits: readonly Hit[], style: HitRendering): string {
  let out = '';
  hits.forEach((hit, i) => {
    const d = hit.document;
    if (style === 'asl') out += `\nid: ${d.id}\ncontent:\n${d.contents}\n`;
    else if (style === 'search-r1') {
      const lines = d.contents.split('\n');
      out += `Doc ${i + 1}(Title: ${lines[0]}) ${lines.slice(1).join('\n')}\n`;
    } else {
      const { title, text } = docTitleText(d);
      out += `Doc ${i + 1} (Title: ${title})\n${text}\n\n`;
    }
  });
  return out;
}
