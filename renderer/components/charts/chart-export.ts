import type { ChartOption, ChartTheme } from './chart-types';
import { downloadBlob, downloadUrl, safeFileName as safeName } from '../download';

const safeFileName = (name: string) => safeName(name, 'chart');
import { echarts } from './echarts-setup';

/**
 * PNG (at twice the resolution) from a copy rendered off-screen with the canvas renderer: the
 * export option has the title the chart on screen leaves to its HTML header, and no slider.
 */
export function exportPng(option: ChartOption, name: string, width: number, height: number, theme: ChartTheme): void {
  const copy = echarts.init(document.createElement('div'), null, { renderer: 'canvas', width, height });
  try {
    copy.setOption(option);
    downloadUrl(`${safeFileName(name)}.png`, copy.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: theme.bg }));
  } finally {
    copy.dispose();
  }
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
