import type { Core } from '@strapi/strapi';
import { checkCreditRecord, creditState, CREDIT_MESSAGES, isBlacklisted, keepsBlacklisted } from '../../domain/credit';
import { shanghaiDate } from '../../domain/time';
import { lockRow } from '../../utils/row-lock';
import { reject } from '../../utils/validation';
import type { RecordRule } from '../rule';

const UID = 'api::credit-record.credit-record';
const ENTERPRISE = 'api::enterprise.enterprise';

/**
 * 信用记录: names an enterprise (and, optionally, one of its projects); its state follows the repair. After every
 * write or delete the enterprise's `blacklisted` is worked out again from all its records and, when it changes,
 * written through the document service — so the lights turn its projects red (or back) and a blacklisted investor
 * cannot request a pre-assessment (rules/pre-assessment.ts).
 */
export const creditRecordRule: RecordRule = {
  uid: UID,
  populate: ['enterprise', 'project'],
  async prepare(write) {
    const { data, current, issues, actor } = write;
    const enterprise = await write.related('enterprise');
    if (!enterprise) issues.add('enterprise', '必须选择企业', 'is required');
    const project = await write.related('project', ['enterprise']);
    if (project && enterprise && project.enterprise?.id !== enterprise.id) {
      issues.add('project', `所选项目的投资方不是「${enterprise.name}」`, 'the project does not belong to the enterprise');
    }

    const after = {
      decidedAt: write.value('decidedAt'),
      blacklist: write.value('blacklist'),
      repairedAt: write.value('repairedAt'),
      repairReason: write.value('repairReason'),
      enterpriseId: enterprise?.id ?? null,
    };
    const before = current ? { ...current, enterpriseId: current.enterprise?.id ?? null } : null;
    for (const issue of checkCreditRecord(before, after, shanghaiDate(), actor.isOffice)) issues.add(issue.field, ...CREDIT_MESSAGES[issue.code]);
    data.state = creditState(after);
  },

  async afterWrite({ strapi, current }, result) {
    const saved = await strapi.db.query(UID).findOne({ where: { id: result.id }, populate: { enterprise: { select: ['id'] } } });
    await recomputeBlacklist(strapi, [current?.enterprise?.id, saved?.enterprise?.id]);
  },

  async afterRestore(strapi, restored) {
    const saved = await strapi.db.query(UID).findOne({ where: { id: restored.id }, populate: { enterprise: { select: ['id'] } } });
    await recomputeBlacklist(strapi, [saved?.enterprise?.id]);
  },

  async beforeDelete(_strapi, current, actor) {
    if (!actor.isOffice && keepsBlacklisted(current)) {
      throw reject(
        UID,
        'repairedAt',
        '列入失信名单的记录须办理信用修复（填写修复日期和理由），只有协调办公室可以删除',
        'a blacklisting record is lifted by a repair (date and reason); only the office can delete it'
      );
    }
  },

  async afterDelete(strapi, deleted) {
    await recomputeBlacklist(strapi, [deleted.enterprise?.id]);
  },
};

/**
 * Sets each enterprise's `blacklisted` from its records, inside the write's transaction. The enterprise row is
 * locked first (PostgreSQL), so two writes of the same enterprise's records at once see each other's outcome.
 */
async function recomputeBlacklist(strapi: Core.Strapi, ids: Array<number | undefined | null>) {
  for (const id of new Set(ids.filter((value): value is number => typeof value === 'number'))) {
    await strapi.db.transaction(async ({ trx }) => {
      await lockRow(strapi, trx, ENTERPRISE, id);
      const enterprise = await strapi.db.query(ENTERPRISE).findOne({ where: { id }, select: ['documentId', 'blacklisted'] });
      if (!enterprise) return;
      const records = await strapi.db.query(UID).findMany({ where: { enterprise: { id } }, select: ['blacklist', 'repairedAt'] });
      const blacklisted = isBlacklisted(records);
      if (Boolean(enterprise.blacklisted) === blacklisted) return;
      await strapi.documents(ENTERPRISE as any).update({ documentId: enterprise.documentId, data: { blacklisted } as any });
    });
  }
}
