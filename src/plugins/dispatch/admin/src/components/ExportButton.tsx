import * as React from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useLocation, useParams } from 'react-router-dom';
import { useAllowedActions } from '../../../../../admin/shared/useAllowedActions';
import { getTrad } from '../utils/trad';

const EXPORTS_READ = [{ action: 'plugin::dispatch.exports.read', subject: null }];

/** What each record type exports, and the admin route that builds it. */
const EXPORTS: Record<string, { list?: (search: string) => string; edit?: (documentId: string) => string; label: string; defaultLabel: string }> = {
  'api::project.project': { list: (search) => `/dispatch/exports/ledger${ledgerFilters(search)}`, label: 'export.ledger', defaultLabel: 'Export ledger' },
  'api::problem-list.problem-list': { edit: (id) => `/dispatch/exports/problem-lists/${id}`, label: 'export.problemList', defaultLabel: 'Export list' },
  'api::minute.minute': { edit: (id) => `/dispatch/exports/minutes/${id}`, label: 'export.minute', defaultLabel: 'Export minute (.docx)' },
  'api::bulletin.bulletin': { edit: (id) => `/dispatch/exports/bulletins/${id}`, label: 'export.bulletin', defaultLabel: 'Export bulletin' },
  'api::supervision-notice.supervision-notice': {
    edit: (id) => `/dispatch/exports/supervision-notices/${id}`,
    label: 'export.supervisionNotice',
    defaultLabel: 'Export notice (.docx)',
  },
  'api::credit-record.credit-record': { list: () => '/dispatch/exports/dishonesty-list', label: 'export.dishonestyList', defaultLabel: 'Export dishonesty list' },
  'api::upward-report.upward-report': { list: (search) => `/dispatch/exports/upward-reports${targetFilter(search)}`, label: 'export.upwardReports', defaultLabel: 'Export reports to the city' },
};

/** The list's own target filter (`filters[target][$eq]=city_credit`), which the reports' export understands. */
function targetFilter(search: string): string {
  const params = new URLSearchParams(search);
  const value = params.get('filters[$and][0][target][$eq]') ?? params.get('filters[target][$eq]');
  return value ? `?target=${encodeURIComponent(value)}` : '';
}

/** The content manager's own filters on the list (`filters[light][$eq]=red`, …) that the ledger understands. */
function ledgerFilters(search: string): string {
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const field of ['light', 'category', 'stage']) {
    const value = params.get(`filters[$and][0][${field}][$eq]`) ?? params.get(`filters[${field}][$eq]`);
    if (value) out.set(field, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** The file name the server gives (RFC 5987 `filename*`), or a fallback. */
function fileName(disposition: string | null | undefined, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * 导出 in the content manager: on the project list (the ledger, following the list's light/category/stage filters)
 * and on the edit view of a problem list, a minute, a bulletin or a 督办单. Shown to admins allowed to export; the server
 * builds the file from what the admin's bureau may see.
 */
function ExportButton({ where }: { where: 'list' | 'edit' }) {
  const { formatMessage } = useIntl();
  const { slug, id } = useParams<{ slug?: string; id?: string }>();
  const { search } = useLocation();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useAllowedActions(EXPORTS_READ);
  const [busy, setBusy] = React.useState(false);

  const target = slug ? EXPORTS[slug] : undefined;
  const url = where === 'list' ? target?.list?.(search) : id && id !== 'create' ? target?.edit?.(id) : undefined;
  if (!url || !allowedActions.canRead) return null;
  const label = formatMessage({ id: getTrad(target!.label), defaultMessage: target!.defaultLabel });

  async function download() {
    setBusy(true);
    try {
      const response = await get<Blob>(url!, { responseType: 'blob' } as any);
      const blob = response.data;
      const headers = (response as unknown as { headers?: Headers }).headers;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName(headers?.get?.('content-disposition'), `${label}.${slug === 'api::minute.minute' ? 'docx' : 'xlsx'}`);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: formatMessage({ id: getTrad('export.failed'), defaultMessage: 'The export failed' }) + (error instanceof Error ? `：${error.message}` : ''),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant={where === 'list' ? 'secondary' : 'tertiary'} startIcon={<Download />} onClick={download} loading={busy} fullWidth={where === 'edit'} data-testid="dispatch-export">
      {label}
    </Button>
  );
}

export const ListExportButton = () => <ExportButton where="list" />;
export const EditExportButton = () => <ExportButton where="edit" />;
