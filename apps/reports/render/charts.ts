/**
 * The report's charts as plain SVG strings: inlined in the HTML document and drawn as SVG nodes in the PDF,
 * so both show the same picture without a browser or a chart runtime.
 */
import { STATUS_COLORS } from './format.js';
import { svg, type Markup } from './markup.js';
import type { ChartSpec, RateBar, StackedBar } from './sections.js';

export interface Chart {
  svg: string;
  width: number;
  height: number;
}

const WIDTH = 900;
const LABEL_WIDTH = 300;
const RIGHT = 70;
const FONT = 12;
const ROW = 28;
const BAR = 18;
const FONT_FAMILY = 'Roboto, Arial, Helvetica, sans-serif';
const TEXT_COLOR = '#212121';

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A rough width for Roboto-like fonts; only used to lay out labels and to shorten long names. */
const textWidth = (text: string, size = FONT) => text.length * size * 0.56;

function fit(text: string, width: number): string {
  const max = Math.floor(width / (FONT * 0.56));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

function frame(title: string, width: number, height: number, body: Markup): Chart {
  const doc = svg`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT}" role="img" aria-label="${title}">${body}</svg>`;
  return { svg: doc.value, width, height };
}

/** A row label on the left, right-aligned; the full text is the hover title when it had to be shortened. */
function rowLabel(text: string, y: number, color = TEXT_COLOR): Markup {
  return svg`<title>${text}</title><text x="${LABEL_WIDTH - 8}" y="${y}" text-anchor="end" fill="${color}">${fit(text, LABEL_WIDTH - 12)}</text>`;
}

function legend(series: Extract<ChartSpec, { kind: 'stacked' }>['series']): {
  markup: Markup;
  height: number;
} {
  const items: Markup[] = [];
  let x = 0;
  let y = 0;
  for (const { key, label } of series) {
    const w = 16 + textWidth(label) + 24;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += 20;
    }
    items.push(
      svg`<rect x="${x}" y="${y + 2}" width="12" height="12" fill="${STATUS_COLORS[key]}"/>`,
      svg`<text x="${x + 16}" y="${y + 12}">${label}</text>`,
    );
    x += w;
  }
  return { markup: svg`${items}`, height: y + 30 };
}

/** One horizontal bar per unit, stacked by the status classes that make up the total. */
function stackedChart(spec: Extract<ChartSpec, { kind: 'stacked' }>, rows: readonly StackedBar[]): Chart {
  const head = legend(spec.series);
  // One scale for all bars, even when they are drawn in parts.
  const max = Math.max(0, ...spec.bars.map((b) => b.total));
  const scale = max > 0 ? (WIDTH - LABEL_WIDTH - RIGHT) / max : 0;
  const bars = rows.map((b, i) => {
    const y = head.height + i * ROW;
    const textY = r1(y + ROW / 2 + FONT * 0.35);
    let x = LABEL_WIDTH;
    const segments = spec.series.map(({ key }, s) => {
      const segment = b.segments[s]!;
      const w = segment.value * scale;
      const start = x;
      x += w;
      if (w <= 0) return svg``;
      const rect = svg`<rect x="${r1(start)}" y="${r1(y + (ROW - BAR) / 2)}" width="${r1(w)}" height="${BAR}" fill="${STATUS_COLORS[key]}"/>`;
      // The count goes inside its segment only where it fits.
      const count =
        w >= 18
          ? svg`<text x="${r1(start + w / 2)}" y="${textY}" text-anchor="middle" fill="#ffffff" font-size="${FONT - 1}">${segment.text}</text>`
          : '';
      return svg`${rect}${count}`;
    });
    const color = b.flagged ? STATUS_COLORS.openOverdue : TEXT_COLOR;
    const total = svg`<text x="${r1(x + 6)}" y="${textY}" fill="${TEXT_COLOR}">${b.totalText}</text>`;
    return svg`<g>${rowLabel(b.label, textY, color)}${segments}${total}</g>`;
  });
  const height = head.height + rows.length * ROW + 6;
  return frame(spec.title.vi, WIDTH, height, svg`${head.markup}${bars}`);
}

/** One horizontal bar per row: its rate on a 0–100 % axis. */
function rateChart(spec: Extract<ChartSpec, { kind: 'rate' }>, rows: readonly RateBar[]): Chart {
  const top = 22;
  const span = WIDTH - LABEL_WIDTH - RIGHT;
  const plotBottom = top + rows.length * ROW;
  const grid = [0, 25, 50, 75, 100].map((tick) => {
    const x = r1(LABEL_WIDTH + (span * tick) / 100);
    return [
      svg`<line x1="${x}" y1="${top}" x2="${x}" y2="${plotBottom}" stroke="#e0e0e0" stroke-width="1"/>`,
      svg`<text x="${x}" y="${top - 8}" text-anchor="middle" fill="#616161" font-size="${FONT - 2}">${tick} %</text>`,
    ];
  });
  const bars = rows.map((b, i) => {
    const y = top + i * ROW;
    const textY = r1(y + ROW / 2 + FONT * 0.35);
    const rate = b.rate === null ? 0 : Math.min(100, Math.max(0, b.rate));
    const w = (span * rate) / 100;
    const bar =
      w > 0
        ? svg`<rect x="${LABEL_WIDTH}" y="${r1(y + (ROW - BAR) / 2)}" width="${r1(w)}" height="${BAR}" fill="#00897b"/>`
        : '';
    const value = svg`<text x="${r1(LABEL_WIDTH + w + 6)}" y="${textY}" fill="${TEXT_COLOR}">${b.text}</text>`;
    return svg`<g>${rowLabel(b.label, textY)}${bar}${value}</g>`;
  });
  return frame(spec.title.vi, WIDTH, plotBottom + 6, svg`${grid}${bars}`);
}

/**
 * The chart of a spec, in parts of at most `rowsPerChart` bars so that each stays readable on a page; always
 * at least one chart, empty when there are no bars.
 */
export function drawCharts(spec: ChartSpec, rowsPerChart = Infinity): Chart[] {
  const parts = <T>(bars: readonly T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < bars.length; i += rowsPerChart) out.push(bars.slice(i, i + rowsPerChart));
    return out.length > 0 ? out : [[]];
  };
  return spec.kind === 'stacked'
    ? parts(spec.bars).map((rows) => stackedChart(spec, rows))
    : parts(spec.bars).map((rows) => rateChart(spec, rows));
}
