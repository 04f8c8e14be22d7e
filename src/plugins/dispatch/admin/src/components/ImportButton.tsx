import * as React from 'react';
import { Box, Button, Field, Flex, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router-dom';
import { useAllowedActions } from '../../../../../admin/shared/useAllowedActions';
import { getTrad } from '../utils/trad';

const IMPORTS_CREATE = [{ action: 'plugin::dispatch.imports.create', subject: null }];

/** What an import answers when every row was taken. */
interface ImportResult {
  created: number;
  updated?: number;
  rows?: number;
  years?: number[];
  openWarnings?: number;
}

/**
 * The record types with an import: the admin route that takes the workbook (GET: its template), whether a year is
 * chosen, the hint and what a done import reports.
 */
const IMPORTS: Record<string, { url: string; title: string; year: boolean; hint: [string, string]; done: [string, string] }> = {
  'api::land-evaluation.land-evaluation': {
    url: '/dispatch/imports/land-evaluations',
    title: '亩产效益评价',
    year: true,
    hint: ['import.hint', '上传第三方机构提供的 Excel 文件（.xlsx），第一行为表头。所有行核对无误才会导入；有错误时不导入任何记录，并列出出错的行和原因。'],
    done: ['import.done', '已导入 {created} 条评价（{years} 年度），评分和等级已重新计算。'],
  },
  'api::finance-indicator.finance-indicator': {
    url: '/dispatch/imports/finance-indicators',
    title: '金融预警指标',
    year: false,
    hint: ['import.financeHint', '上传按模板填写的 Excel 文件（.xlsx），每行一个企业一个月份，第一行为表头。所有行核对无误才会导入；同一企业同一期已有指标的予以更新，并按预警规则重新判断。'],
    done: ['import.financeDone', '已导入 {rows} 行：新增 {created} 条、更新 {updated} 条；涉及的企业目前有 {openWarnings} 条未处理的预警。'],
  },
};

/** Chinese names of the columns a row report names. */
const FIELDS: Record<string, string> = {
  enterprise: '企业',
  project: '项目编号',
  year: '年度',
  landArea: '用地面积(亩)',
  taxRevenue: '税收(万元)',
  revenue: '营业收入(万元)',
  energyConsumption: '综合能耗(吨标煤)',
  rdExpense: '研发经费(万元)',
  employees: '从业人数',
  evaluator: '评价机构',
  file: '文件',
};

interface RowIssue {
  row: number;
  field: string;
  message: string;
  messageEn: string;
}

type Outcome = { kind: 'done'; result: ImportResult } | { kind: 'rejected'; message: string; rows: RowIssue[] } | null;

/** The error body of a failed request, as the fetch client hands it over. */
const errorOf = (error: unknown): { message?: string; details?: { rows?: RowIssue[]; errors?: Array<{ message: string }> } } =>
  ((error as { response?: { data?: { error?: unknown } } })?.response?.data?.error as any) ?? { message: error instanceof Error ? error.message : String(error) };

/**
 * 导入 on the content manager's lists of 亩产效益评价 and 金融预警指标: choose the workbook (and for 亩产效益 the
 * year); the server checks every row and imports all of them or none, and the dialog shows the rows it refused and
 * why. Shown to admins allowed to import (导入数据).
 */
export function ImportButton() {
  const { formatMessage } = useIntl();
  const { slug } = useParams<{ slug?: string }>();
  const { get, post } = useFetchClient();
  const { allowedActions } = useAllowedActions(IMPORTS_CREATE);
  const [open, setOpen] = React.useState(false);
  const [year, setYear] = React.useState(String(new Date().getFullYear() - 1));
  const [file, setFile] = React.useState<File | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const picker = React.useRef<HTMLInputElement>(null);

  const target = slug ? IMPORTS[slug] : undefined;
  if (!target || !allowedActions.canCreate) return null;
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);

  async function template() {
    const query = target!.year ? `?year=${encodeURIComponent(year)}` : '';
    const response = await get<Blob>(`${target!.url}${query}`, { responseType: 'blob' } as any);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(response.data);
    link.download = `${target!.title}导入模板${target!.year ? `（${year}年度）` : ''}.xlsx`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  async function upload() {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append('file', file);
    if (target!.year) form.append('year', year);
    try {
      const response = await post<{ data: ImportResult }>(target!.url, form);
      setOutcome({ kind: 'done', result: response.data.data });
    } catch (error) {
      const body = errorOf(error);
      const rows = body.details?.rows ?? [];
      setOutcome({ kind: 'rejected', message: rows.length ? (body.message ?? '').split(' / ')[0] : (body.details?.errors?.[0]?.message ?? body.message ?? '').split(' / ')[0], rows });
    } finally {
      setBusy(false);
    }
  }

  function close(next: boolean) {
    setOpen(next);
    if (!next && outcome?.kind === 'done') window.location.reload(); // the list shows the new records (grades, warnings)
    if (!next) {
      setOutcome(null);
      setFile(null);
    }
  }

  return (
    <Modal.Root open={open} onOpenChange={close}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Upload />} data-testid="dispatch-import">
          {t('import.button', '导入')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('import.title', '导入{title}', { title: target.title })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="omega">{t(...target.hint)}</Typography>
            <Flex gap={4} alignItems="flex-end">
              {target.year ? (
                <Field.Root name="year" id="dispatch-import-year">
                  <Field.Label>{t('import.year', '评价年度')}</Field.Label>
                  <Field.Input type="number" value={year} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setYear(event.target.value)} />
                </Field.Root>
              ) : null}
              <Button variant="tertiary" startIcon={<Download />} onClick={template}>
                {t('import.template', '下载导入模板')}
              </Button>
            </Flex>
            <Field.Root name="file" id="dispatch-import-file">
              <Field.Label>{t('import.file', 'Excel 文件')}</Field.Label>
              <Flex gap={3} alignItems="center">
                {/* the browser's own file input speaks the browser's language: a button of ours opens it */}
                <input
                  ref={picker}
                  type="file"
                  hidden
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  data-testid="dispatch-import-file"
                  onChange={(event) => {
                    setFile(event.target.files?.[0] ?? null);
                    setOutcome(null);
                  }}
                />
                <Button variant="secondary" onClick={() => picker.current?.click()}>
                  {t('import.choose', '选择文件')}
                </Button>
                <Typography variant="omega" textColor="neutral600">
                  {file ? file.name : t('import.noFile', '未选择文件')}
                </Typography>
              </Flex>
            </Field.Root>
            {outcome?.kind === 'done' ? (
              <Box background="success100" padding={3} hasRadius>
                <Typography textColor="success700" data-testid="dispatch-import-done">
                  {t(...target.done, {
                    created: outcome.result.created,
                    updated: outcome.result.updated ?? 0,
                    rows: outcome.result.rows ?? outcome.result.created,
                    years: (outcome.result.years ?? []).join('、'),
                    openWarnings: outcome.result.openWarnings ?? 0,
                  })}
                </Typography>
              </Box>
            ) : null}
            {outcome?.kind === 'rejected' ? (
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="dispatch-import-report">
                <Typography textColor="danger600" fontWeight="bold">
                  {outcome.message || t('import.failed', '导入失败')}
                </Typography>
                {outcome.rows.length ? (
                  <Table colCount={3} rowCount={outcome.rows.length + 1}>
                    <Thead>
                      <Tr>
                        <Th>
                          <Typography variant="sigma">{t('import.row', '行号')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('import.field', '栏目')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">{t('import.reason', '原因')}</Typography>
                        </Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {outcome.rows.map((issue, index) => (
                        <Tr key={`${issue.row}-${issue.field}-${index}`}>
                          <Td>
                            <Typography>{t('import.rowNumber', '第 {row} 行', { row: issue.row })}</Typography>
                          </Td>
                          <Td>
                            <Typography>{FIELDS[issue.field] ?? issue.field}</Typography>
                          </Td>
                          <Td>
                            <Typography>{issue.message}</Typography>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                ) : null}
              </Flex>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('import.close', '关闭')}</Button>
          </Modal.Close>
          <Button startIcon={<Upload />} onClick={upload} loading={busy} disabled={!file || outcome?.kind === 'done'}>
            {t('import.submit', '导入')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
