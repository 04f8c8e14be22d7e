import { recountMinute } from '../meetings';
import type { RecordRule } from '../rule';

const filled = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/** A task is done with a note on how it was done, and stamped when it is; its minute counts it. */
export const taskRule: RecordRule = {
  uid: 'api::task.task',
  populate: ['minute'],
  prepare({ data, current, issues, value }) {
    const to = value('state') ?? 'pending';
    const from = current?.state ?? 'pending';
    if (to === 'done') {
      if (!filled(value('completionNote'))) issues.add('completionNote', '办结事项须填写完成情况', 'is required to mark the task done');
      if (from !== 'done' && !value('completedAt')) data.completedAt = new Date().toISOString();
    } else if (from === 'done') {
      data.completedAt = null;
    }
  },
  async afterWrite({ strapi, current, related }) {
    const minute = await related('minute');
    await recountMinute(strapi, minute?.id);
    if (current?.minute?.id && current.minute.id !== minute?.id) await recountMinute(strapi, current.minute.id);
  },
  async afterDelete(strapi, deleted) {
    await recountMinute(strapi, deleted.minute?.id);
  },
  async afterRestore(strapi, restored) {
    const saved = await strapi.db.query('api::task.task').findOne({ where: { id: restored.id }, populate: { minute: { select: ['id'] } } });
    await recountMinute(strapi, saved?.minute?.id);
  },
};
