import { expectedToAttend } from '../../domain/co-working';
import { findRow, toOneTarget } from '../../utils/relations';
import type { RecordRule, Row } from '../rule';

export const CO_WORKING_DAY = 'api::co-working-day.co-working-day';
const BUREAU = 'api::bureau.bureau';

/** The date as YYYY-MM-DD, whichever form it came in (null when empty). */
const isoDate = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
};

/**
 * 集中办公日: on a working day of the calendar (调休 make-up days included, holidays and weekends refused), one per
 * date. Each attendance row names a bureau once; its representative defaults to the bureau's 首席代表. A new day
 * lists every bureau expected to attend (active departments taking part in 集中办公) that it does not list yet, as
 * 缺席 (absent) until the office marks them present or excused.
 */
export const coWorkingDayRule: RecordRule = {
  uid: CO_WORKING_DAY,
  populate: ['attendance', 'attendance.bureau'],
  async prepare(write) {
    const { strapi, action, data, current, issues, value } = write;

    const date = isoDate(value('date'));
    if (action === 'create' || 'date' in data) {
      if (!date) issues.add('date', '必须填写集中办公日期', 'is required');
      else {
        let working: boolean | null = null;
        try {
          working = (await strapi.plugin('deadlines').service('calendar').get()).isWorkingDay(date);
        } catch {
          issues.add('date', '日期超出工作日历范围', 'is outside the working calendar');
        }
        if (working === false) issues.add('date', '集中办公日须为工作日（节假日、休息日不能安排）', 'must be a working day (not a holiday or rest day)');
        const clash = await strapi.db.query(CO_WORKING_DAY as any).findOne({ where: { date, ...(current ? { id: { $ne: current.id } } : {}) } });
        if (clash) issues.add('date', '该日期已安排集中办公', 'already has a co-working day');
      }
    }

    if (action === 'update' && !('attendance' in data)) return;
    const incoming: Row[] = Array.isArray(data.attendance) ? data.attendance : [];
    const stored: Row[] = current?.attendance ?? [];
    const seen = new Set<number>();
    const rows: Row[] = [];
    for (const [index, entry] of incoming.entries()) {
      const target = toOneTarget(entry.bureau);
      const bureau = target === undefined ? (stored.find((old) => entry.id && old.id === entry.id)?.bureau ?? null) : await findRow(strapi, BUREAU, target);
      if (target && !bureau) issues.add(['attendance', String(index), 'bureau'], '所选单位不存在', 'not found');
      else if (!bureau) issues.add(['attendance', String(index), 'bureau'], '必须选择单位', 'is required');
      else if (seen.has(bureau.id)) issues.add(['attendance', String(index), 'bureau'], '同一单位在同一天只能登记一次', 'is listed twice');
      if (bureau) seen.add(bureau.id);
      const representative = String(entry.representative ?? '').trim() || bureau?.chiefRepresentative || null;
      // the bureau written as its documentId, whichever form it came in (the admin panel sends connect/disconnect)
      rows.push({ ...entry, ...(bureau ? { bureau: bureau.documentId } : {}), representative });
    }
    if (action === 'create') {
      const bureaus: Row[] = await strapi.db.query(BUREAU as any).findMany({
        where: { kind: 'department' },
        select: ['id', 'documentId', 'kind', 'active', 'coWorking', 'chiefRepresentative'],
        orderBy: { id: 'asc' },
      });
      for (const bureau of bureaus.filter(expectedToAttend)) {
        if (!seen.has(bureau.id)) rows.push({ bureau: bureau.documentId, representative: bureau.chiefRepresentative ?? null, status: 'absent' });
      }
    }
    data.attendance = rows;
  },
};
