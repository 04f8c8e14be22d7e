import { enumLabel } from '../../domain/labels';
import { checkProblem, PROBLEM_STAMPS, type ProblemIssue, type ProblemStatus } from '../../domain/problem-status';
import { shanghaiPeriod } from '../../domain/time';
import type { RecordRule } from '../rule';

const UID = 'api::problem.problem';

const MESSAGES: { [K in ProblemIssue['code']]: (issue: Extract<ProblemIssue, { code: K }>) => [string, string] } = {
  transition: ({ from, to }) => [`不能从「${enumLabel(from)}」变为「${enumLabel(to)}」`, `cannot go from ${from} to ${to}`],
  required_for_assignment: () => ['交办问题须指定牵头部门', 'is required to assign the problem'],
  required_for_proposal: () => ['须填写解决问题的具体做法和意见建议', 'is required to mark the problem proposed'],
  required_for_resolution: () => ['办结问题须填写办结情况', 'is required to resolve the problem'],
  escalation_needs_city: () => ['只有协调层级为「市级」的问题才能上报市发展改革委', 'only city-level problems can be escalated'],
};

/** Problems move through their statuses in order, each step carrying what it needs, and are stamped as they go. */
export const problemRule: RecordRule = {
  uid: UID,
  populate: ['project', 'leadBureau'],
  async prepare(write) {
    const { action, data, current, issues, actor } = write;
    if (!(await write.related('project'))) issues.add('project', '必须选择项目', 'is required');
    if (action === 'create' && !data.period) data.period = shanghaiPeriod();

    const from = (current?.state ?? null) as ProblemStatus | null;
    const to = (write.value('state') ?? 'reported') as ProblemStatus;
    const found = checkProblem(
      from,
      {
        state: to,
        level: write.value('level') ?? 'district',
        hasLeadBureau: Boolean(await write.related('leadBureau')),
        proposal: write.value('proposal'),
        resolution: write.value('resolution'),
      },
      actor.isOffice
    );
    for (const issue of found) issues.add(issue.field, ...(MESSAGES[issue.code] as (i: ProblemIssue) => [string, string])(issue));

    const stamp = PROBLEM_STAMPS[to];
    if (stamp && from !== to && !write.value(stamp)) data[stamp] = new Date().toISOString();
  },
};
