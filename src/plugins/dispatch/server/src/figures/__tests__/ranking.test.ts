import { rankByScore } from '../ranking';

describe('ranking of units', () => {
  it('gives equal scores the same rank and skips the places they share (1, 1, 3)', () => {
    const ranked = rankByScore([
      { key: 'c', name: '丙', score: 0.5 },
      { key: 'a', name: '甲', score: 0.9 },
      { key: 'b', name: '乙', score: 0.9 },
      { key: 'd', name: '丁', score: 0.2 },
    ]);
    expect(ranked.map((entry) => [entry.key, entry.rank])).toEqual([['a', 1], ['b', 1], ['c', 3], ['d', 4]]) // ties by name in pinyin order: 甲 jiǎ before 乙 yǐ;
  });

  it('compares scores at four decimals', () => {
    const ranked = rankByScore([
      { key: 'a', name: 'a', score: 0.66666 },
      { key: 'b', name: 'b', score: 0.66669 },
      { key: 'c', name: 'c', score: 0.6668 },
    ]);
    expect(ranked.map((entry) => [entry.key, entry.rank])).toEqual([['c', 1], ['a', 2], ['b', 2]]);
  });

  it('lists units without a score last, unranked; a score of 0 is still ranked', () => {
    const ranked = rankByScore([
      { key: 'none', name: '无', score: null },
      { key: 'zero', name: '零', score: 0 },
    ]);
    expect(ranked).toEqual([{ key: 'zero', name: '零', score: 0, rank: 1 }, { key: 'none', name: '无', score: null, rank: null }]);
  });
});
