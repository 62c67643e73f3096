/**
 * Merge key of a node name (spec §2.3, our choice): NFKC → lower-case → collapse whitespace → trim →
 * strip leading/trailing punctuation. `"  Graph   Neural-Networks. "` → `"graph neural-networks"`.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
}
