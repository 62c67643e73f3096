/** ×100 with one decimal (the paper's display); `–` for null, `n/a` for a −1 sentinel. */
export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (v === -1) return 'n/a';
  return (v * 100).toFixed(1);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
