import { useMemo, useState } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { useRunColorVersion } from '../run-colors/run-colors';
import { colourField, defaultParallelFields, leftOutNote, parallelOption, parallelRows } from './chart-options-parallel';
import { EChart } from './EChart';
import { fieldOptionLabel } from './field-options';
import { availableFields, type Field, fieldId } from './run-fields';
import { axisName, leadMetric } from './sweep-axes';
import { useChartTheme } from './use-chart-theme';
import './charts.css';

/**
 * The runs as lines across one axis per chosen param or metric; at first the params that vary
 * and the metric sorted on (else the first metric), lines coloured by that metric.
 */
export function ParallelCoordinates({ runs, sortedMetric = null }: { runs: Run[]; sortedMetric?: string | null }) {
  const theme = useChartTheme();
  const colorVersion = useRunColorVersion();
  const all = useMemo(() => availableFields(runs), [runs]);
  const [chosen, setChosen] = useState<string[] | null>(null); // null: the defaults
  const ids = useMemo(() => chosen ?? defaultParallelFields(runs, sortedMetric).map(fieldId), [chosen, runs, sortedMetric]);
  // in the order picked (defaults: params, then the metric)
  const fields = useMemo(() => ids.flatMap((id) => all.filter((f) => fieldId(f) === id)), [all, ids]);
  const colourBy = useMemo(() => colourField(fields, leadMetric(runs, sortedMetric)), [fields, runs, sortedMetric]);
  const option = useMemo(() => parallelOption({ runs, fields, theme, colourBy }), [runs, fields, theme, colourBy, colorVersion]);
  const note = useMemo(() => leftOutNote(parallelRows(runs, fields).leftOut), [runs, fields]);
  const names = fields.map(axisName);

  const toggle = (f: Field) => setChosen(ids.includes(fieldId(f)) ? ids.filter((id) => id !== fieldId(f)) : [...ids, fieldId(f)]);

  return (
    <div className="chart-panel" data-testid="parallel-coordinates" data-axes={names.join('|')} data-colour-by={colourBy ? axisName(colourBy) : ''}>
      <details>
        <summary className="chart-panel-head">
          <span>Axes ({fields.length} of {all.length}):</span>
          <span className="axis-names" data-testid="parallel-axes">{names.join(', ') || 'none'}</span>
          {colourBy && <span className="muted">coloured by {axisName(colourBy)}</span>}
        </summary>
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
