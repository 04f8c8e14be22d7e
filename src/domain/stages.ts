/** Project stages in the order a project moves through them; `withdrawn` can be reached from anywhere. */
export const PROJECT_STAGES = [
  'declared',
  'pre_assessing',
  'assessed',
  'in_library',
  'reported_to_city',
  'started',
  'completed',
  'operating',
] as const;

export type ProjectStage = (typeof PROJECT_STAGES)[number] | 'withdrawn';

export interface StageChange {
  ok: boolean;
  reason?: 'unknown' | 'backwards' | 'from_withdrawn';
}

/**
 * Whether a project may go from one stage to another. Forward moves may skip stages (not every project
 * is reported to the city library); going back, or leaving `withdrawn`, is for the coordination office.
 */
export function checkStageChange(from: string, to: string, byOffice: boolean): StageChange {
  if (from === to) return { ok: true };
  if (to === 'withdrawn') return { ok: true };
  const target = PROJECT_STAGES.indexOf(to as never);
  if (target < 0) return { ok: false, reason: 'unknown' };
  if (from === 'withdrawn') return byOffice ? { ok: true } : { ok: false, reason: 'from_withdrawn' };
  const source = PROJECT_STAGES.indexOf(from as never);
  if (source >= 0 && target < source && !byOffice) return { ok: false, reason: 'backwards' };
  return { ok: true };
}

/** Stages at or after which a project must carry the given date. */
export const STAGE_REQUIRES: Array<{ from: ProjectStage; field: 'actualStartDate' | 'actualCompletionDate' }> = [
  { from: 'started', field: 'actualStartDate' },
  { from: 'completed', field: 'actualCompletionDate' },
];

export function stageAtLeast(stage: string, reference: ProjectStage): boolean {
  const a = PROJECT_STAGES.indexOf(stage as never);
  const b = PROJECT_STAGES.indexOf(reference as never);
  return a >= 0 && b >= 0 && a >= b;
}
