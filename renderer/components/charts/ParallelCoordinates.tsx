import { useMemo, useState } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { defaultParallelFields, leftOutNote, parallelOption, parallelRows } from './chart-options-parallel';
import { EChart } from './EChart';
import { fieldOptionLabel } from './field-options';
import { availableFields, type Field, fieldId } from './run-fields';
import { useChartTheme } from './use-chart-theme';
import './charts.css';

/** The runs as lines across one axis per chosen param or metric; axes picked from all the runs have. */
export function ParallelCoordinates({ runs }: { runs: Run[] }) {
  const theme = useChartTheme();
  const all = useMemo(() => availableFields(runs), [runs]);
  const [chosen, setChosen] = useState<string[] | null>(null); // null: the defaults
  const ids = useMemo(() => chosen ?? defaultParallelFields(runs).map(fieldId), [chosen, runs]);
  const fields = useMemo(() => all.filter((f) => ids.includes(fieldId(f))), [all, ids]);
  const option = useMemo(() => parallelOption({ runs, fields, theme }), [runs, fields, theme]);
  const note = useMemo(() => leftOutNote(parallelRows(runs, fields).leftOut), [runs, fields]);

  const toggle = (f: Field) => setChosen(ids.includes(fieldId(f)) ? ids.filter((id) => id !== fieldId(f)) : [...ids, fieldId(f)]);

  return (
    <div className="chart-panel" data-testid="parallel-coordinates">
      <details>
        <summary className="chart-panel-head">Axes: {fields.length} of {all.length} params and metrics</summary>
        <div className="axis-picker">
          {all.map((f) => (
            <label key={fieldId(f)} title={fieldOptionLabel(f)}>
              <input type="checkbox" checked={ids.includes(fieldId(f))} onChange={() => toggle(f)} /> {fieldOptionLabel(f)}
            </label>
          ))}
        </div>
      </details>
      {fields.length < 2 ? (
        <p className="muted">Pick at least two params or metrics that differ across the runs to see them as parallel axes.</p>
      ) : (
        <>
          {note && <p className="muted chart-note" data-testid="parallel-left-out">{note}</p>}
          <EChart option={option} height={380} />
        </>
      )}
    </div>
  );
}
