import { useId } from "react";

// A bar chart drawn on the server as SVG (it needs no script), read in the page's direction: in
// Arabic the first category stands at the right and the value axis on the right. Every label
// arrives formatted from the loader; each chart carries its figures as a table beside it, for
// screen readers and for anyone who wants the numbers.

export interface ChartSeries {
  label: string;
  values: readonly number[];
  /** The values as the table shows them. */
  shown: readonly string[];
}

export interface BarChartProps {
  title: string;
  description: string;
  /** The categories along the axis (days, weeks, steps), formatted. */
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** The value axis's marks: where, and as written. */
  ticks: readonly { value: number; label: string }[];
  dir: "rtl" | "ltr";
  /** The table's heading for the categories' column. */
  categoryHeading: string;
  showTable: string;
  /** Columns along a time axis, or rows (one per category, named at the start) for long names. */
  orientation?: "columns" | "rows";
}

const WIDTH = 720;
const HEIGHT = 300;
const AXIS = 56;
const TOP = 12;
const BOTTOM = 44;
const MAX_LABELS = 10;

export function BarChart(props: BarChartProps) {
  const { title, description, categories, series, categoryHeading, showTable } = props;
  const id = useId();
  return (
    <figure className="chart">
      <figcaption className="chart__title" id={`${id}-caption`}>
        {title}
      </figcaption>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${props.orientation === "rows" ? rowsHeight(categories.length) : HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {props.orientation === "rows" ? <Rows {...props} /> : <Columns {...props} />}
      </svg>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((one, which) => (
            <li key={one.label}>
              <span className={`chart__swatch chart__bar--${which}`} /> {one.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="chart__figures">
        <summary>{showTable}</summary>
        <table className="table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryHeading}</th>
              {series.map((one) => (
                <th scope="col" key={one.label}>
                  {one.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, index) => (
              <tr key={`${index}-${category}`}>
                <th scope="row">{category}</th>
                {series.map((one) => (
                  <td key={one.label}>{one.shown[index]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const ROW = 28;
const LABEL = 230;
const rowsHeight = (rows: number) => TOP + rows * ROW + BOTTOM;
const MAX_NAME = 34;
const shortened = (name: string) => (name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name);

/** One row per category: its name at the start side, its bars growing toward the end side. */
function Rows({ categories, series, ticks, dir }: BarChartProps) {
  const top = Math.max(1, ...ticks.map((tick) => tick.value));
  const plotWidth = WIDTH - LABEL - AXIS;
  const bar = (ROW * 0.8) / Math.max(1, series.length);
  const bottom = TOP + categories.length * ROW;
  // Distance from the plot's start edge, as an x: rightwards in English, leftwards in Arabic.
  const at = (offset: number, size = 0) => (dir === "ltr" ? LABEL + offset : WIDTH - LABEL - offset - size);
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick.value} className="chart__tick">
          <line x1={at((tick.value / top) * plotWidth)} x2={at((tick.value / top) * plotWidth)} y1={TOP} y2={bottom} />
          <text x={at((tick.value / top) * plotWidth)} y={bottom + 18} textAnchor="middle" direction="ltr">
            {tick.label}
          </text>
        </g>
      ))}
      {categories.map((category, index) => (
        <g key={`${index}-${category}`}>
          <text className="chart__category" x={dir === "ltr" ? 8 : WIDTH - 8} y={TOP + index * ROW + ROW / 2} dy="0.35em" textAnchor="start">
            {shortened(category)}
          </text>
          {series.map((one, which) => {
            const length = ((one.values[index] ?? 0) / top) * plotWidth;
            return (
              <rect
                key={one.label}
                className={`chart__bar chart__bar--${which}`}
                x={at(0, length)}
                y={TOP + index * ROW + ROW * 0.1 + which * bar}
                width={length}
                height={bar}
              />
            );
          })}
        </g>
      ))}
      <line className="chart__axis" x1={at(0)} x2={at(0)} y1={TOP} y2={bottom} />
    </>
  );
}

/** One group of columns per category along the bottom, from the start side; the values' axis at the start. */
function Columns({ categories, series, ticks, dir }: BarChartProps) {
  const top = Math.max(1, ...ticks.map((tick) => tick.value));
  const plotWidth = WIDTH - 2 * AXIS;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const group = plotWidth / Math.max(1, categories.length);
  const bar = Math.max(1, (group * 0.8) / Math.max(1, series.length));
  const every = Math.ceil(categories.length / MAX_LABELS);
  // The plot runs from the page's start side: left in English, right in Arabic.
  const along = (offset: number, size: number) => (dir === "ltr" ? AXIS + offset : WIDTH - AXIS - offset - size);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const axisX = dir === "ltr" ? AXIS : WIDTH - AXIS;
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick.value} className="chart__tick">
          <line x1={AXIS} x2={WIDTH - AXIS} y1={y(tick.value)} y2={y(tick.value)} />
          <text x={dir === "ltr" ? axisX - 6 : axisX + 6} y={y(tick.value)} dy="0.35em" textAnchor={dir === "ltr" ? "end" : "start"} direction="ltr">
            {tick.label}
          </text>
        </g>
      ))}
      {categories.map((category, index) => (
        <g key={`${index}-${category}`}>
          {series.map((one, which) => {
            const value = one.values[index] ?? 0;
            const height = (value / top) * plotHeight;
            return (
              <rect
                key={one.label}
                className={`chart__bar chart__bar--${which}`}
                x={along(index * group + group * 0.1 + which * bar, bar)}
                y={y(value)}
                width={bar}
                height={height}
              />
            );
          })}
          {index % every === 0 ? (
            <text className="chart__category" x={along(index * group + group / 2, 0)} y={HEIGHT - BOTTOM + 18} textAnchor="middle">
              {category}
            </text>
          ) : null}
        </g>
      ))}
      <line className="chart__axis" x1={AXIS} x2={WIDTH - AXIS} y1={TOP + plotHeight} y2={TOP + plotHeight} />
    </>
  );
}
