import { useEffect, useState } from 'react';
import { type ChartTheme, LIGHT_THEME } from './chart-types';

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', LIGHT_THEME.fg),
    muted: v('--fg-muted', LIGHT_THEME.muted),
    border: v('--border', LIGHT_THEME.border),
    bg: v('--bg', LIGHT_THEME.bg),
    raised: v('--bg-raised', LIGHT_THEME.raised),
  };
}

/** The chart colours from styles.css's variables, re-read when the OS switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setTheme(readTheme());
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return theme;
}
