import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ChartOption } from './chart-types';
import { echarts } from './echarts-setup';

export type EChartInstance = echarts.ECharts;

interface Props {
  option: ChartOption;
  height?: number;
  /** Charts in one group share the tooltip and the axis pointer (echarts.connect). */
  group?: string;
  /** Gets the instance once it exists and null when it is gone (for exports and event handlers). */
  onInstance?: (chart: EChartInstance | null) => void;
  className?: string;
}

/** The one ECharts wrapper: init, resize with its box, replace the option, dispose. */
export function EChart({ option, height = 240, group, onInstance, className }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartInstance | null>(null);
  const onInstanceRef = useRef(onInstance);
  useLayoutEffect(() => {
    onInstanceRef.current = onInstance;
  });

  useEffect(() => {
    const instance = echarts.init(el.current!, null, { renderer: 'canvas' });
    chart.current = instance;
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el.current!);
    onInstanceRef.current?.(instance);
    return () => {
      ro.disconnect();
      onInstanceRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current || !group) return;
    chart.current.group = group;
    echarts.connect(group);
  }, [group]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option]);

  return <div ref={el} className={className} style={{ height }} data-testid="echart" />;
}
