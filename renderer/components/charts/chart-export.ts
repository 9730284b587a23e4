import type { ChartOption, ChartTheme } from './chart-types';
import { downloadBlob, downloadUrl, safeFileName as safeName } from '../download';

const safeFileName = (name: string) => safeName(name, 'chart');
import type { EChartInstance } from './EChart';
import { echarts } from './echarts-setup';

/** PNG of the chart as drawn (at twice the resolution), without the zoom slider. */
export function exportPng(chart: EChartInstance, name: string, theme: ChartTheme): void {
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: theme.bg, excludeComponents: ['dataZoom'] });
  downloadUrl(`${safeFileName(name)}.png`, url);
}

/** SVG from a copy rendered off-screen with the SVG renderer (server-side mode: no DOM element needed). */
export function exportSvg(option: ChartOption, name: string, width: number, height: number): void {
  const copy = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    copy.setOption(option);
    downloadBlob(`${safeFileName(name)}.svg`, new Blob([copy.renderToSVGString()], { type: 'image/svg+xml' }));
  } finally {
    copy.dispose();
  }
}

export function exportCsv(csv: string, name: string): void {
  downloadBlob(`${safeFileName(name)}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}
