import type * as React from 'react';
import { enumLabel } from '../../../../../domain/labels';
import { PROJECT_UID } from '../utils/links';
import { LightBadge } from './LightBadge';

type Row = Record<string, unknown>;
type CellContext = { collectionType?: string; model?: string };
type CellFormatter = (row: Row, header: Header, context: CellContext) => React.ReactNode;
interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: CellFormatter;
}

/**
 * `Admin/CM/pages/ListView/inject-column-in-table`: the project list shows its `light` column as a coloured
 * badge (绿灯 / 黄灯 / 红灯). The hook does not say which content type is listed, but the cell formatter is
 * called with the model, so the badge is drawn for projects only and any other `light` column keeps what it had
 * (the formatter of a hook that ran before, else the enum's Chinese label). It replaces the generic enum-label
 * formatter of src/admin/app.tsx whichever of the two hooks runs first (that one leaves formatted columns alone).
 */
export function lightBadgeColumn<T extends { displayedHeaders: Header[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) => {
      if (header.name !== 'light' || header.attribute?.type !== 'enumeration') return header;
      const previous = header.cellFormatter;
      const cellFormatter: CellFormatter = (row, cellHeader, context) => {
        if (context?.model === PROJECT_UID) return <LightBadge light={row.light} />;
        if (previous) return previous(row, cellHeader, context);
        return enumLabel(String(row.light ?? '')) || '-';
      };
      return { ...header, cellFormatter };
    }),
  };
}
