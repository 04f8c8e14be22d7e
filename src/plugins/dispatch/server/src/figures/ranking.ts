import type { Rate } from './types';

export interface Scored<K> {
  key: K;
  name: string;
  score: Rate;
}

/**
 * Standard competition ranking (1, 1, 3): higher scores first, equal scores (compared at four decimals) share a
 * rank, the next rank skips the shared places. Entries without a score are unranked (rank null) and listed last.
 * Within a rank, and among the unranked, entries are ordered by name (Chinese collation) so lists read the same
 * every time.
 */
export function rankByScore<K>(entries: Array<Scored<K>>): Array<Scored<K> & { rank: number | null }> {
  const round = (score: number) => Math.round(score * 10000);
  const byName = (a: Scored<K>, b: Scored<K>) => a.name.localeCompare(b.name, 'zh-Hans-CN');
  const scored = entries.filter((entry) => entry.score !== null).sort((a, b) => round(b.score!) - round(a.score!) || byName(a, b));
  const unscored = entries.filter((entry) => entry.score === null).sort(byName);
  const ranked = scored.map((entry, index) => ({ entry, index }));
  const out: Array<Scored<K> & { rank: number | null }> = [];
  let rank = 0;
  for (const { entry, index } of ranked) {
    if (index === 0 || round(entry.score!) !== round(ranked[index - 1].entry.score!)) rank = index + 1;
    out.push({ ...entry, rank });
  }
  return [...out, ...unscored.map((entry) => ({ ...entry, rank: null }))];
}
