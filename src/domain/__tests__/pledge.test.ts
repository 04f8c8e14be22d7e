import { fulfilmentRate, nodeStatus, tallyNodes } from '../pledge';

describe('践诺率 (pledge fulfilment rate)', () => {
  const today = '2026-06-30';

  it('is null when no node has come due yet', () => {
    expect(fulfilmentRate([], today)).toBeNull();
    expect(fulfilmentRate([{ targetDate: '2026-07-01' }, { targetDate: '2026-12-31', achievedDate: '2026-05-01' }], today)).toBeNull();
  });

  it('counts only the nodes that are due: achieved ÷ due', () => {
    const rate = fulfilmentRate(
      [
        { targetDate: '2026-03-31', achievedDate: '2026-03-20' }, // due, kept
        { targetDate: '2026-06-30', achievedDate: null }, // due today, not achieved
        { targetDate: '2026-09-30', achievedDate: '2026-06-01' }, // not yet due: ignored, even though achieved
      ],
      today
    );
    expect(rate).toBe(0.5);
  });

  it('a node achieved after its target date does not count as kept', () => {
    expect(
      fulfilmentRate(
        [
          { targetDate: '2026-03-31', achievedDate: '2026-04-01' },
          { targetDate: '2026-04-30', achievedDate: '2026-04-30' },
        ],
        today
      )
    ).toBe(0.5);
  });

  it('is 1 when every due node was kept and 0 when none was', () => {
    expect(fulfilmentRate([{ targetDate: '2026-01-31', achievedDate: '2026-01-31' }], today)).toBe(1);
    expect(fulfilmentRate([{ targetDate: '2026-01-31' }, { targetDate: '2026-02-28', achievedDate: '2026-03-01' }], today)).toBe(0);
  });

  it('is rounded to four decimals', () => {
    const nodes = [
      { targetDate: '2026-01-31', achievedDate: '2026-01-30' },
      { targetDate: '2026-02-28' },
      { targetDate: '2026-03-31' },
    ];
    expect(fulfilmentRate(nodes, today)).toBe(0.3333);
  });

  it('depends on the day it is computed', () => {
    const nodes = [{ targetDate: '2026-06-30', achievedDate: '2026-06-15' }, { targetDate: '2026-07-31' }];
    expect(fulfilmentRate(nodes, '2026-06-29')).toBeNull();
    expect(fulfilmentRate(nodes, '2026-06-30')).toBe(1);
    expect(fulfilmentRate(nodes, '2026-07-31')).toBe(0.5);
  });
});

describe('pledge node status as of a day', () => {
  const node = { targetDate: '2026-03-31', achievedDate: '2026-04-10' };

  it('is pending before its target date, even when achieved early', () => {
    expect(nodeStatus({ targetDate: '2026-03-31', achievedDate: '2026-03-01' }, '2026-03-30')).toBe('pending');
    expect(nodeStatus(node, '2026-03-30')).toBe('pending');
  });

  it('is met when achieved on or before its target date', () => {
    expect(nodeStatus({ targetDate: '2026-03-31', achievedDate: '2026-03-31' }, '2026-03-31')).toBe('met');
    expect(nodeStatus({ targetDate: '2026-03-31', achievedDate: '2026-03-01' }, '2026-12-31')).toBe('met');
  });

  it('is missed from its target date until it is achieved, then late', () => {
    expect(nodeStatus(node, '2026-03-31')).toBe('missed'); // due at the end of its target date, not achieved
    expect(nodeStatus(node, '2026-04-09')).toBe('missed'); // achieved only after the day asked about
    expect(nodeStatus(node, '2026-04-10')).toBe('late');
    expect(nodeStatus({ targetDate: '2026-03-31' }, '2027-01-01')).toBe('missed');
  });

  it('tallies nodes by status; due = met + late + missed', () => {
    const tally = tallyNodes(
      [
        { targetDate: '2026-01-31', achievedDate: '2026-01-20' }, // met
        { targetDate: '2026-02-28', achievedDate: '2026-03-05' }, // late
        { targetDate: '2026-03-31' }, // missed
        { targetDate: '2026-05-31', achievedDate: '2026-06-20' }, // achieved after the day: missed
        { targetDate: '2026-07-31' }, // pending
      ],
      '2026-06-10'
    );
    expect(tally).toEqual({ met: 1, late: 1, missed: 2, pending: 1, due: 4 });
    expect(fulfilmentRate([], '2026-06-10')).toBeNull();
  });
});
