// The decode-speed contenders side by side in ONE process (a companion to decode-speed.ts, whose
// separate processes cannot resolve small differences when the machine is heavily loaded):
// many short rounds, the order rotating every round, each decode timed on process CPU time;
// ratios are medians of per-round ratios. Same model directory, same greedy ids checked.
//
//   npx tsx bench/decode-speed-inprocess.ts <modelDir> [tokens=50] [rounds=41] [contenders=core-node,bare-node,transformers.js]
import { pathToFileURL } from 'node:url';
import { makeDecoder, type Contender } from './decode-speed-worker.js';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runInProcess(dir: string, tokens: number, rounds: number, contenders: readonly Contender[]): Promise<string> {
  const decoders = new Map<Contender, () => Promise<number[]>>();
  for (const c of contenders) decoders.set(c, await makeDecoder(c, dir, tokens));
  let expected: number[] | undefined;
  for (const [c, d] of decoders) {
    const ids = await d(); // warm-up
    expected ??= ids;
    if (ids.join() !== expected.join()) throw new Error(`${c} decoded other ids`);
  }
  const cpu = new Map<Contender, number[]>(contenders.map((c) => [c, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + r) % contenders.length]!;
      const c0 = process.cpuUsage();
      await decoders.get(c)!();
      const u = process.cpuUsage(c0);
      cpu.get(c)!.push((u.user + u.system) / 1000 / tokens);
    }
  }
  const ratio = (a: Contender, b: Contender) => median(cpu.get(a)!.map((v, i) => v / cpu.get(b)![i]!));
  const lines = [
    `${dir}: ${tokens} greedy tokens, ${rounds} rounds in one process, CPU ms/token (median):`,
    ...contenders.map((c) => `  ${c}: ${median(cpu.get(c)!).toFixed(3)}`),
    ...contenders.slice(1).map((c) => `  ${contenders[0]} ÷ ${c} (median of per-round ratios): ${ratio(contenders[0]!, c).toFixed(3)}`),
  ];
  return lines.join('\n');
}

const [dir, tokens, rounds, list] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && dir !== undefined) {
  const contenders = (list ?? 'core-node,bare-node,transformers.js').split(',') as Contender[];
  console.log(await runInProcess(dir, Number(tokens ?? 50), Number(rounds ?? 41), contenders));
}
