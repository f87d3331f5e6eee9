// The frame of every chart: a heading, what it shows, a data table for screen readers and
// anyone who wants the numbers, and a PNG download. The chart itself is drawn when the card
// comes near the screen: drawing one costs a phone about a second, so a dashboard opened at the
// top draws only what is in view (its space is kept, so nothing moves when it appears).
import { useId, useRef, useState, type ReactNode } from "react";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { pngName } from "./format";
import { InfoTip } from "./InfoTip";
import { downloadChartPng } from "./png";
import { useNearViewport } from "./useNearViewport";

export function ChartCard({
  title,
  definition,
  table,
  empty,
  controls,
  notes,
  wide = false,
  scrollOnPhone = false,
  plotHeight,
  children,
}: {
  title: string;
  definition: string;
  /** The same numbers as a <table>; shown on request. */
  table: ReactNode;
  /** What to say instead of drawing an empty chart; null when there is something to draw. */
  empty: string | null;
  controls?: ReactNode;
  notes?: ReactNode;
  wide?: boolean;
  /** On a phone, scroll sideways rather than squeeze the chart (a diagram with many columns). */
  scrollOnPhone?: boolean;
  /** The drawn chart's height in pixels, kept free until it is drawn. */
  plotHeight: number;
  children: ReactNode;
}) {
  const headingId = useId();
  const tableId = useId();
  const cardRef = useRef<HTMLElement>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const drawn = useNearViewport(cardRef);
  const [showTable, setShowTable] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  async function download() {
    if (!chartRef.current) return;
    setSaving(true);
    setSaveError(null);
    try {
      await downloadChartPng(chartRef.current, { title, filename: pngName(title) });
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section
      ref={cardRef}
      className={`panel chart-card${wide ? " chart-wide" : ""}`}
      aria-labelledby={headingId}
    >
      <div className="panel-header">
        <div className="chart-heading">
          <h2 id={headingId}>{title}</h2>
          <InfoTip subject={title} definition={definition} />
        </div>
        {controls}
      </div>
      {empty ? (
        <p className="chart-empty">{empty}</p>
      ) : !drawn ? (
        <div className="chart" style={{ height: plotHeight }} />
      ) : (
        <div className="chart" ref={chartRef}>
          {scrollOnPhone ? (
            <div
              className="chart-scroll"
              tabIndex={0}
              role="group"
              aria-label={`${title}, scrolls sideways on a small screen`}
            >
              <div className="chart-scroll-content">{children}</div>
            </div>
          ) : (
            children
          )}
        </div>
      )}
      {notes}
      <div className="button-row chart-tools">
        <Button
          size="small"
          variant="ghost"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? "Hide data table" : "Show data table"}
          <span className="visually-hidden"> for {title}</span>
        </Button>
        {!empty && drawn && (
          <Button size="small" variant="ghost" busy={saving} onClick={() => void download()}>
            Download PNG<span className="visually-hidden"> of {title}</span>
          </Button>
        )}
      </div>
      <ErrorAlert title="Could not make the picture." error={saveError} />
      <div id={tableId} className="table-wrap chart-table" hidden={!showTable}>
        {table}
      </div>
    </section>
  );
}

/**
 * A data table with a caption, column headers, and the first cell of each row as its header.
 * The first `textColumns` columns hold words; the rest hold numbers, aligned to the right.
 */
export function DataTable({
  caption,
  columns,
  rows,
  textColumns = 1,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  textColumns?: number;
}) {
  const align = (index: number) => (index >= textColumns ? "number" : undefined);
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={column} scope="col" className={align(index)}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="muted">
              Nothing to list yet.
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className={align(index)}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
