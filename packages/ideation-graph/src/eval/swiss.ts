/** State of one topic's Swiss schedule: who met whom, who had a bye. */
export interface SwissState {
  met: Set<string>;
  byes: Set<string>;
}

/** One Swiss round for one topic: the pairings, the bye (if any) and how many rematches were unavoidable. */
export interface SwissRound {
  /** Pairings of the round. */
  pairs: [string, string][];
  /** Entrant sitting out (odd counts); scores nothing. */
  bye?: string;
  /** Pairings that repeat an earlier one (0 whenever avoidable). */
  rematches: number;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Fresh Swiss bookkeeping for one topic: pairs already met and entrants who had a bye. */
export function newSwissState(): SwissState {
  return { met: new Set(), byes: new Set() };
}

/** Top unpaired with the next not yet met, backtracking; undefined when no rematch-free pairing exists. */
function pairRematchFree(order: readonly string[], met: Set<string>): [string, string][] | undefined {
  if (order.length === 0) return [];
  const [top, ...rest] = order as [string, ...string[]];
  for (let i = 0; i < rest.length; i++) {
    const other = rest[i] as string;
    if (met.has(key(top, other))) continue;
    const sub = pairRematchFree([...rest.slice(0, i), ...rest.slice(i + 1)], met);
    if (sub) return [[top, other], ...sub];
  }
  return undefined;
}

/** Fewest rematches (exhaustive; fine for the small fields of an ideation tournament). */
function pairFewestRematches(order: readonly string[], met: Set<string>, budget = Infinity): { pairs: [string, string][]; rematches: number } | undefined {
  if (order.length === 0) return { pairs: [], rematches: 0 };
  const [top, ...rest] = order as [string, ...string[]];
  let best: { pairs: [string, string][]; rematches: number } | undefined;
  for (let i = 0; i < rest.length; i++) {
    const other = rest[i] as string;
    const cost = met.has(key(top, other)) ? 1 : 0;
    if (cost >= budget) continue;
    const sub = pairFewestRematches([...rest.slice(0, i), ...rest.slice(i + 1)], met, (best ? best.rematches : budget) - cost);
    if (sub && (!best || sub.rematches + cost < best.rematches)) {
      best = { pairs: [[top, other], ...sub.pairs], rematches: sub.rematches + cost };
      if (best.rematches === 0) break;
    }
  }
  return best;
}

/**
 * Pairs one Swiss round (spec §6.4). `order` is best first. With an odd field the bye goes to the
 * lowest-ordered entrant without a bye, moving up only if that leaves no rematch-free pairing; a
 * rematch happens only when no allowed bye gives a rematch-free pairing. Updates `state`.
 */
export function swissPairRound(order: readonly string[], state: SwissState): SwissRound {
  const odd = order.length % 2 === 1;
  const byeCandidates = odd ? [...order].reverse().filter((p) => !state.byes.has(p)) : [undefined];
  const allowed = odd && byeCandidates.length === 0 ? [...order].reverse() : byeCandidates;
  let result: SwissRound | undefined;
  for (const bye of allowed) {
    const rest = order.filter((p) => p !== bye);
    const pairs = pairRematchFree(rest, state.met);
    if (pairs) {
      result = { pairs, bye, rematches: 0 };
      break;
    }
  }
  if (!result) {
    for (const bye of allowed) {
      const r = pairFewestRematches(order.filter((p) => p !== bye), state.met);
      if (r && (!result || r.rematches < result.rematches)) result = { pairs: r.pairs, bye, rematches: r.rematches };
    }
  }
  const round = result as SwissRound;
  for (const [a, b] of round.pairs) state.met.add(key(a, b));
  if (round.bye !== undefined) state.byes.add(round.bye);
  return round;
}

/** True when some allowed bye leaves a rematch-free pairing (brute force; for tests). */
export function rematchFreeExists(order: readonly string[], state: SwissState): boolean {
  const odd = order.length % 2 === 1;
  const noBye = order.filter((p) => !state.byes.has(p));
  const allowed = odd ? (noBye.length ? noBye : [...order]) : [undefined];
  return allowed.some((bye) => pairRematchFree(order.filter((p) => p !== bye), state.met) !== undefined);
}

/** R = ⌈log2 M⌉ + 2, at most M − 1 (spec §6.4: 5 for M = 7, as Si et al.). */
export function defaultSwissRounds(m: number): number {
  return Math.max(1, Math.min(m - 1, Math.ceil(Math.log2(m)) + 2));
}

/** Seeded Fisher–Yates shuffle (copy). */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A full schedule for one topic given a results oracle (`points` after each round). Round 1 is a
 * seeded shuffle; later rounds sort by points, ties by a seeded per-topic key.
 */
export function swissSchedule(
  entrants: readonly string[],
  rounds: number,
  rand: () => number,
  play: (round: number, pairs: [string, string][]) => Map<string, number>,
): SwissRound[] {
  const state = newSwissState();
  const tieKey = new Map(entrants.map((e) => [e, rand()]));
  const points = new Map(entrants.map((e) => [e, 0]));
  let order = shuffled(entrants, rand);
  const out: SwissRound[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r > 0) order = [...entrants].sort((a, b) => (points.get(b) as number) - (points.get(a) as number) || (tieKey.get(a) as number) - (tieKey.get(b) as number));
    const round = swissPairRound(order, state);
    out.push(round);
    for (const [p, s] of play(r, round.pairs)) points.set(p, (points.get(p) ?? 0) + s);
  }
  return out;
}
