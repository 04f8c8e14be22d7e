import { assignFindingKeys } from '../../domain/supervision';
import { findRow, toOneTarget } from '../../utils/relations';
import { INSPECTION, newFindingKey, raiseFindingNotices } from '../supervision';
import type { RecordRule, Row } from '../rule';

const BUREAU = 'api::bureau.bureau';

/**
 * 专项督查: a theme inspection names its theme; a finding that raises a notice names its bureau. Each finding keeps a
 * key (so a notice is raised once per finding, whatever is saved again), and the bureaus of the findings are kept
 * in `findingBureaus`, through which they read the inspection (bureau-views). After the write, in the same
 * transaction, every finding with 下发督办单 ticked has its notice (src/records/supervision.ts).
 */
export const inspectionRule: RecordRule = {
  uid: INSPECTION,
  populate: ['findings', 'findings.bureau'],
  async prepare(write) {
    const { strapi, data, current, issues, value } = write;
    if (value('scopeKind') === 'theme' && !String(value('theme') ?? '').trim()) {
      issues.add('theme', '专题督查须填写督查主题', 'is required when the inspection covers a theme');
    }
    if (!('findings' in data) && current) return;

    const incoming: Row[] = Array.isArray(data.findings) ? data.findings : [];
    const stored: Row[] = current?.findings ?? [];
    const resolved = [];
    for (const [index, finding] of incoming.entries()) {
      const target = toOneTarget(finding.bureau);
      const bureau =
        target === undefined ? (stored.find((old) => finding.id && old.id === finding.id)?.bureau ?? null) : await findRow(strapi, BUREAU, target);
      if (target && !bureau) issues.add(['findings', String(index), 'bureau'], '所选单位不存在', 'not found');
      if (finding.raiseNotice && !bureau) {
        issues.add(['findings', String(index), 'bureau'], '下发督办单须选择责任单位', 'is required to raise a notice');
      }
      resolved.push({ ...finding, bureauId: bureau?.id ?? null });
    }
    const keyed = assignFindingKeys(
      resolved,
      stored.map((old) => ({ key: old.key, bureauId: old.bureau?.id ?? null, issue: old.issue })),
      newFindingKey
    );
    data.findings = keyed.map(({ bureauId: _bureauId, ...finding }) => finding);
    data.findingBureaus = [...new Set(keyed.map((finding) => finding.bureauId).filter((id): id is number => id !== null))];
  },
  async afterWrite({ strapi }, result) {
    await raiseFindingNotices(strapi, result.id);
  },
};
