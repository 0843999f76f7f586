import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatDay, formatNumber } from '../format';

export type Series = { label: string; values: number[] };

// Distinguishable in both themes and for the common colour-vision deficiencies (Okabe-Ito).
const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

export function colorOf(index: number) {
  return palette[index % palette.length];
}

// uPlot is fetched as soon as the app starts but apart from it: the first script is smaller,
// and the chart's code arrives while the page waits for its numbers.
const charting = import('uplot').then((module) => module.default);

/// Stacked bars over time (uPlot, canvas). The numbers are also in the table the page shows
/// beside it, for screen readers and for reading exact values (and should the chart's code
/// fail to download, they are all there is).
export function StackedBars({ times, series, label }: { times: number[]; series: Series[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let ended = false;
    let end = () => {
      ended = true;
    };
    charting.then(
      (UPlot) => {
        if (!ended) end = draw(UPlot, element);
      },
      () => element.setAttribute('aria-label', `${label} (the chart could not be downloaded: the table below has its numbers)`),
    );
    return () => end();
  }, [times, series]);
  return <div class="chart" ref={host} role="img" aria-label={label} />;

  /// Draws the chart in `element`; returns what removes it.
  function draw(UPlot: typeof uPlot, element: HTMLDivElement): () => void {
    // Each series drawn as the sum of itself and those below it, the top one first, so that
    // the bars stack; the legend shows each one's own value.
    const stacked: number[][] = [];
    series.forEach((s, i) => stacked.push(s.values.map((v, j) => v + (i > 0 ? stacked[i - 1][j] : 0))));
    const order = series.map((_, i) => i).reverse();
    const style = getComputedStyle(element);
    const ink = style.getPropertyValue('--ink').trim() || '#222';
    const grid = style.getPropertyValue('--line').trim() || '#ccc';
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const chart = new UPlot(
      {
        width: element.clientWidth || 600,
        height: 260,
        legend: { live: true },
        cursor: { points: { show: false } },
        // The last bar's bucket ends a step after its start: the axis runs to there.
        scales: { x: { time: true, range: (_u, min, max) => [min, max + (times.length > 1 ? times[times.length - 1] - times[times.length - 2] : 86_400)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.05] } },
        axes: [
          { ...axis, space: 70, values: (_u, ticks) => ticks.map((t) => formatDay(new Date(t * 1000))) },
          // Counts are whole numbers: ticks at 1, 2, 5, 10...
          { ...axis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000], values: (_u, ticks) => ticks.map((t) => formatNumber(t)) },
        ],
        series: [
          { label: 'Starting', value: (_u, t) => (t == null ? '' : formatDate(new Date(t * 1000))) },
          ...order.map((i) => ({
            label: series[i].label,
            stroke: colorOf(i),
            fill: colorOf(i),
            width: 0,
            points: { show: false },
            paths: UPlot.paths.bars!({ size: [0.8, 40], align: 0 }),
            value: (_u: uPlot, _v: number | null, _s: number, index: number | null) => (index == null ? '' : formatNumber(series[i].values[index])),
          })),
        ],
      },
      [times, ...order.map((i) => stacked[i])] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }
}
