const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Makes untrusted text (run names, metric keys, param values) safe inside the HTML that
 * echarts tooltips render: every character that can open a tag, an entity or an attribute
 * value becomes an entity. Non-strings are stringified first.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}
