import { type Field, fieldId } from './run-fields';

/** One entry of a field picker: the value is the field's id, unique across kinds; the label names the kind too. */
export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldOptionGroup {
  label: string;
  options: FieldOption[];
}

/** A field as a picker shows it: "param: lr" and "metric: lr" stay apart even where the group heading is not seen (a closed select). */
export const fieldOptionLabel = (f: Field) => `${f.kind}: ${f.key}`;

const GROUPS: [Field['kind'], string][] = [['param', 'Params'], ['metric', 'Metrics']];

/** The fields as picker options, params then metrics, leaving out an empty group. */
export function fieldOptionGroups(fields: readonly Field[]): FieldOptionGroup[] {
  return GROUPS.map(([kind, label]) => ({
    label,
    options: fields.filter((f) => f.kind === kind).map((f) => ({ value: fieldId(f), label: fieldOptionLabel(f) })),
  })).filter((g) => g.options.length > 0);
}
