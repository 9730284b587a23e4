import { useMemo, useState } from 'react';
import type { Run } from '../../../shared/domain/tracking';
import { useRunColorVersion } from '../run-colors/run-colors';
import { defaultScatterFields, scatterOption, scatterPoints } from './chart-options-scatter';
import { EChart } from './EChart';
import { fieldOptionGroups, fieldOptionLabel } from './field-options';
import { availableFields, type Field, fieldId, parseFieldId } from './run-fields';
import { axisName } from './sweep-axes';
import { useChartTheme } from './use-chart-theme';
import './charts.css';

function FieldSelect({ label, fields, value, onChange }: { label: string; fields: Field[]; value: Field; onChange: (f: Field) => void }) {
  const groups = useMemo(() => fieldOptionGroups(fields), [fields]);
  return (
    <label>
      {label}{' '}
      <select value={fieldId(value)} title={fieldOptionLabel(value)} onChange={(e) => { const f = parseFieldId(e.target.value); if (f) onChange(f); }} aria-label={`${label} axis`}>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** Any two params or metrics against each other, a dot per run; at first a param that varies against the metric sorted on. */
export function ScatterPlot({ runs, sortedMetric = null }: { runs: Run[]; sortedMetric?: string | null }) {
  const theme = useChartTheme();
  const colorVersion = useRunColorVersion();
  const fields = useMemo(() => availableFields(runs), [runs]);
  const [x, setX] = useState<Field | null>(null);
  const [y, setY] = useState<Field | null>(null);
  const has = (f: Field | null) => f !== null && fields.some((g) => fieldId(g) === fieldId(f));
  const defaults = useMemo(() => defaultScatterFields(runs, sortedMetric), [runs, sortedMetric]);
  const xField = has(x) ? x! : defaults?.x;
  const yField = has(y) ? y! : defaults?.y;
  const option = useMemo(() => (xField && yField ? scatterOption({ runs, x: xField, y: yField, theme }) : null), [runs, xField, yField, theme, colorVersion]);
  const missing = useMemo(() => (xField && yField ? scatterPoints(runs, xField, yField).missing : 0), [runs, xField, yField]);

  if (!xField || !yField || !option) return <p className="muted">These runs have no params or metrics to plot.</p>;
  return (
    <div className="chart-panel" data-testid="scatter-plot" data-x={axisName(xField)} data-y={axisName(yField)}>
      <div className="chart-panel-head">
        <FieldSelect label="X" fields={fields} value={xField} onChange={setX} />
        <FieldSelect label="Y" fields={fields} value={yField} onChange={setY} />
        {missing > 0 && <span className="muted">{missing} run{missing === 1 ? '' : 's'} without both {fieldOptionLabel(xField)} and {fieldOptionLabel(yField)} left out</span>}
      </div>
      <EChart option={option} height={360} />
    </div>
  );
}
