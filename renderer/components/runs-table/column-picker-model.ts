import { ATTRIBUTE_COLUMNS, columnId, isSystemTag, type AvailableKeys, type ColumnKind } from './columns';

export interface PickerItem {
  id: string;
  label: string;
  system: boolean;
}

export interface PickerSection {
  kind: ColumnKind;
  title: string;
  items: PickerItem[];
  /** Matches not listed (over the limit): the user narrows the search to reach them. */
  more: number;
}

/**
 * The column picker's lists for a search text (case-insensitive, anywhere in the key or label).
 * System tags (`mlflow.*`) come after the user's own. Each section lists at most `limit`.
 */
export function pickerSections(keys: AvailableKeys, query: string, limit = 200): PickerSection[] {
  const q = query.trim().toLowerCase();
  const match = (s: string) => q === '' || s.toLowerCase().includes(q);
  const section = (kind: ColumnKind, title: string, all: PickerItem[]): PickerSection => {
    const hits = all.filter((i) => match(i.label) || match(i.id));
    return { kind, title, items: hits.slice(0, limit), more: Math.max(0, hits.length - limit) };
  };
  const of = (kind: ColumnKind, list: string[]) => list.map((k) => ({ id: columnId(kind, k), label: k, system: kind === 'tag' && isSystemTag(k) }));
  const tags = of('tag', keys.tags);
  return [
    section('attribute', 'Attributes', ATTRIBUTE_COLUMNS.map((c) => ({ id: c.id, label: c.label, system: false }))),
    section('metric', 'Metrics', of('metric', keys.metrics)),
    section('param', 'Parameters', of('param', keys.params)),
    section('tag', 'Tags', [...tags.filter((t) => !t.system), ...tags.filter((t) => t.system)]),
  ].filter((s) => s.items.length > 0 || s.more > 0);
}

/** Adds or removes one column, keeping the order of the others; new columns go last. */
export function toggleColumn(current: readonly string[], id: string): string[] {
  return current.includes(id) ? current.filter((c) => c !== id) : [...current, id];
}

/** Moves a column one place left (-1) or right (+1). */
export function moveColumn(current: readonly string[], id: string, by: -1 | 1): string[] {
  const i = current.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= current.length) return [...current];
  const next = [...current];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
