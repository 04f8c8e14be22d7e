import { checkCreditRecord, creditState, isBlacklisted, listingRecords } from '../credit';

const TODAY = '2026-11-26';
const blacklisting = { decidedAt: '2026-05-10', blacklist: true, repairedAt: null, repairReason: null, enterpriseId: 7 };

describe('an enterprise on the dishonesty list (失信名单)', () => {
  it('is listed while any of its blacklisting records is unrepaired', () => {
    expect(isBlacklisted([{ blacklist: true, repairedAt: null }])).toBe(true);
    expect(isBlacklisted([{ blacklist: true, repairedAt: '2026-06-01' }, { blacklist: true }])).toBe(true);
  });

  it('is not listed for records that do not blacklist, or once every blacklisting record is repaired', () => {
    expect(isBlacklisted([])).toBe(false);
    expect(isBlacklisted([{ blacklist: false }, { blacklist: null, repairedAt: null }])).toBe(false);
    expect(isBlacklisted([{ blacklist: true, repairedAt: '2026-06-01' }, { blacklist: false }])).toBe(false);
  });

  it('a record is repaired once it has a repair date', () => {
    expect(creditState({ repairedAt: null })).toBe('effective');
    expect(creditState({ repairedAt: '' })).toBe('effective');
    expect(creditState({ repairedAt: '2026-06-01' })).toBe('repaired');
  });

  it('the list shows an enterprise’s unrepaired blacklisting records in the order they were decided', () => {
    const records = [
      { id: 1, blacklist: true, decidedAt: '2026-09-01', repairedAt: null },
      { id: 2, blacklist: true, decidedAt: '2026-03-01', repairedAt: '2026-04-01' },
      { id: 3, blacklist: false, decidedAt: '2026-01-01', repairedAt: null },
      { id: 4, blacklist: true, decidedAt: '2026-02-15', repairedAt: null },
    ];
    expect(listingRecords(records).map((record) => record.id)).toEqual([4, 1]);
  });
});

describe('checking a credit record', () => {
  it('accepts a new blacklisting decided today or earlier', () => {
    expect(checkCreditRecord(null, blacklisting, TODAY, false)).toEqual([]);
    expect(checkCreditRecord(null, { ...blacklisting, decidedAt: TODAY }, TODAY, false)).toEqual([]);
  });

  it('refuses a decision in the future', () => {
    expect(checkCreditRecord(null, { ...blacklisting, decidedAt: '2026-11-27' }, TODAY, true)).toEqual([{ field: 'decidedAt', code: 'future' }]);
  });

  it('a repair needs both its date and its reason', () => {
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-10-01' }, TODAY, true)).toEqual([{ field: 'repairReason', code: 'repair_needs_reason' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairReason: '已整改并公开承诺' }, TODAY, true)).toEqual([{ field: 'repairedAt', code: 'repair_needs_date' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-10-01', repairReason: '   ' }, TODAY, true)).toEqual([{ field: 'repairReason', code: 'repair_needs_reason' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-10-01', repairReason: '已整改并公开承诺' }, TODAY, false)).toEqual([]);
  });

  it('a repair is dated on or after the decision and not in the future', () => {
    const reason = '已整改';
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-05-09', repairReason: reason }, TODAY, true)).toEqual([{ field: 'repairedAt', code: 'repair_before_decision' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-05-10', repairReason: reason }, TODAY, true)).toEqual([]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, repairedAt: '2026-11-27', repairReason: reason }, TODAY, true)).toEqual([{ field: 'repairedAt', code: 'repair_in_future' }]);
  });

  it('only the office undoes a repair', () => {
    const repaired = { ...blacklisting, repairedAt: '2026-10-01', repairReason: '已整改' };
    const undone = { ...repaired, repairedAt: null, repairReason: null };
    expect(checkCreditRecord(repaired, undone, TODAY, false)).toEqual([{ field: 'repairedAt', code: 'unrepair_by_office_only' }]);
    expect(checkCreditRecord(repaired, undone, TODAY, true)).toEqual([]);
  });

  it('only the office takes an unrepaired record off the list without a repair, or moves it to another enterprise', () => {
    expect(checkCreditRecord(blacklisting, { ...blacklisting, blacklist: false }, TODAY, false)).toEqual([{ field: 'blacklist', code: 'unlist_by_repair_only' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, enterpriseId: 8 }, TODAY, false)).toEqual([{ field: 'enterprise', code: 'enterprise_fixed' }]);
    expect(checkCreditRecord(blacklisting, { ...blacklisting, blacklist: false, enterpriseId: 8 }, TODAY, true)).toEqual([]);
    // listing an existing record is anyone's who may change it
    expect(checkCreditRecord({ ...blacklisting, blacklist: false }, blacklisting, TODAY, false)).toEqual([]);
  });
});
