import { useSyncExternalStore } from 'react';

// The charts' colours as values, read from the theme's CSS variables. SVG presentation attributes cannot use
// var(), and a PNG export copies the chart's SVG without the page's style sheets: only concrete colours survive
// both. The document's theme attribute is watched, so switching light/dark recolours the charts at once.

export interface ChartColors {
  /** One colour per line of a chart, in order. */
  series: string[];
  capacity: string;
  text: string;
  grid: string;
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const themeOfDocument = () => document.documentElement.dataset.theme ?? '';

const byTheme = new Map<string, ChartColors>();

function colorsOf(theme: string): ChartColors {
  let colors = byTheme.get(theme);
  if (!colors) {
    const style = getComputedStyle(document.documentElement);
    const read = (variable: string) => style.getPropertyValue(variable).trim() || 'currentColor';
    colors = {
      series: [read('--graph-series-0'), read('--graph-series-1')],
      capacity: read('--critical'),
      text: read('--muted'),
      grid: read('--border'),
    };
    // Kept only once the style sheets have answered: read before they apply, a theme would stay colourless.
    if (!Object.values(colors).flat().includes('currentColor')) byTheme.set(theme, colors);
  }
  return colors;
}

export function useChartColors(): ChartColors {
  return colorsOf(useSyncExternalStore(subscribe, themeOfDocument));
}
