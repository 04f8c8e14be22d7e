import { checkStageChange, PROJECT_STAGES, stageAtLeast, STAGE_REQUIRES } from '../stages';

describe('project stages', () => {
  it('lists the stages in the order a project moves through them', () => {
    expect([...PROJECT_STAGES]).toEqual([
      'declared',
      'pre_assessing',
      'assessed',
      'in_library',
      'reported_to_city',
      'started',
      'completed',
      'operating',
    ]);
  });

  it('lets anyone move a project one stage forward', () => {
    for (let i = 0; i + 1 < PROJECT_STAGES.length; i += 1) {
      expect(checkStageChange(PROJECT_STAGES[i], PROJECT_STAGES[i + 1], false)).toEqual({ ok: true });
    }
  });

  it('lets a project skip forward (not every project is reported to the city library)', () => {
    expect(checkStageChange('in_library', 'started', false).ok).toBe(true);
    expect(checkStageChange('declared', 'operating', false).ok).toBe(true);
  });

  it('keeping the same stage is always fine', () => {
    expect(checkStageChange('started', 'started', false).ok).toBe(true);
    expect(checkStageChange('withdrawn', 'withdrawn', false).ok).toBe(true);
  });

  it('refuses a move backwards by anyone but the office', () => {
    expect(checkStageChange('started', 'in_library', false)).toEqual({ ok: false, reason: 'backwards' });
    expect(checkStageChange('pre_assessing', 'declared', false)).toEqual({ ok: false, reason: 'backwards' });
    expect(checkStageChange('started', 'in_library', true)).toEqual({ ok: true });
  });

  it('lets a project be withdrawn from any stage, by anyone', () => {
    for (const stage of PROJECT_STAGES) expect(checkStageChange(stage, 'withdrawn', false).ok).toBe(true);
  });

  it('only the office can bring a withdrawn project back', () => {
    expect(checkStageChange('withdrawn', 'declared', false)).toEqual({ ok: false, reason: 'from_withdrawn' });
    expect(checkStageChange('withdrawn', 'operating', false)).toEqual({ ok: false, reason: 'from_withdrawn' });
    expect(checkStageChange('withdrawn', 'declared', true)).toEqual({ ok: true });
  });

  it('refuses a stage that does not exist, even for the office', () => {
    expect(checkStageChange('declared', 'finished', true)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('knows which dates a started or completed project must carry', () => {
    expect(STAGE_REQUIRES).toEqual([
      { from: 'started', field: 'actualStartDate' },
      { from: 'completed', field: 'actualCompletionDate' },
    ]);
  });

  it('compares stages by their order', () => {
    expect(stageAtLeast('started', 'started')).toBe(true);
    expect(stageAtLeast('operating', 'started')).toBe(true);
    expect(stageAtLeast('reported_to_city', 'started')).toBe(false);
    expect(stageAtLeast('withdrawn', 'declared')).toBe(false);
    expect(stageAtLeast('nonsense', 'declared')).toBe(false);
  });
});
