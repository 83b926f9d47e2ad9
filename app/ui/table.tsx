import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** For values that read left to right whatever the page (references, usernames). */
  isLtr?: boolean;
}

/** A data table: a header row of column names, then one row per item; on a phone, each row a stack of labelled values. */
export function Table<Row>({
  columns,
  rows,
  rowKey,
  caption,
  empty,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  caption?: string;
  /** What to say instead of an empty table. */
  empty?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table className="table table--stacks">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.header} data-label={column.header}>
                {column.isLtr ? <span className="ltr-value">{column.cell(row)}</span> : column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The back office's reference column: the application's reference, linking to the step's page. */
export function taskColumn<Row extends { id: string; reference: string | null }>(header: string): Column<Row> {
  return { header, cell: (row) => <Link to={`/staff/tasks/${row.id}`}>{row.reference}</Link>, isLtr: true };
}
