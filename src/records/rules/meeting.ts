import { occurrenceKey } from '../../domain/agenda';
import { MEETING, proposeAgenda } from '../meetings';
import type { RecordRule } from '../rule';

/**
 * 调度会商: organised by the office unless another bureau is named; a meeting of a regular series is unique per
 * series and day and does not repeat itself; a new meeting whose agenda is left empty gets one proposed.
 */
export const meetingRule: RecordRule = {
  uid: MEETING,
  populate: ['series'],
  async prepare({ strapi, action, data, issues, value, related, claimKey }) {
    if (action === 'create' && (data.organizer === undefined || data.organizer === null)) {
      const office = await strapi.db.query('api::bureau.bureau').findOne({ where: { kind: 'office' }, select: ['documentId'], orderBy: { id: 'asc' } });
      if (office) data.organizer = office.documentId;
    }
    const series = await related('series', ['series']);
    if (!series) {
      // the key belongs to the meetings of a series only, and is the platform's to set
      data.occurrenceKey = null;
      return;
    }
    if (series.series) issues.add('series', '须指向系列的第一次会议', 'must be the first meeting of its series');
    if ((value('recurrence') ?? 'once') !== 'once') issues.add('recurrence', '系列中的会议不单独定期召开', 'a meeting of a series does not repeat itself');
    const heldAt = value('heldAt');
    if (heldAt) await claimKey('occurrenceKey', occurrenceKey(series.documentId, heldAt), { field: 'heldAt', zh: '该系列当天已有会议', en: 'the series already has a meeting on that day' });
  },
  async afterWrite({ strapi, action }, result) {
    if (action !== 'create') return;
    const agenda = await strapi.db.query(MEETING).findOne({
      where: { id: result.id },
      select: ['id'],
      populate: { problems: { select: ['id'] }, tasks: { select: ['id'] } },
    });
    if (!agenda?.problems?.length && !agenda?.tasks?.length) await proposeAgenda(strapi, result.id);
  },
};
