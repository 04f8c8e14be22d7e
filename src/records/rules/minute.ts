import { MINUTE, recountMinute } from '../meetings';
import type { RecordRule } from '../rule';

/** 会商纪要: its progress (tasks, tasks done) is counted by the platform, never written by clients. */
export const minuteRule: RecordRule = {
  uid: MINUTE,
  prepare({ data }) {
    delete data.tasksTotal;
    delete data.tasksDone;
  },
  async afterWrite({ strapi }, result) {
    await recountMinute(strapi, result.id);
  },
};
