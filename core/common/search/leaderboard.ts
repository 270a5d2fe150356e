// The leaderboard of a training run: one row per candidate (learner and settings), ranked by the
// validation metric in its own direction.

export interface LeaderboardRow {
  learner: string;
  params: Record<string, unknown>;
  metric: string;
  mean: number;
  std: number;
  trainSeconds: number;
  rank: number;
}

export function rankLeaderboard(
  rows: Omit<LeaderboardRow, 'rank'>[],
  biggerIsBetter: boolean,
): LeaderboardRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (biggerIsBetter ? b.mean - a.mean : a.mean - b.mean) || a.trainSeconds - b.trainSeconds,
  );
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}
