import { Command } from 'commander';
import { runBuild, runEvaluate, runIdeate, textModel } from './cli/commands.js';

function fail(e: unknown): never {
  const err = e as { code?: string; message?: string };
  process.stderr.write(`ideation-graph: error${err.code ? ` [${err.code}]` : ''}: ${err.message ?? String(e)}\n`);
  process.exit(1);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const program = new Command();
program.name('ideation-graph').description('MotivGraph-SoIQ from @reasonkit/ideation-graph: build a problem/challenge/solution graph, ideate with a Socratic mentor, evaluate ideas in a Swiss tournament');
const modelOptions = (c: Command) =>
  c
    .requiredOption('--base-url <url>', 'OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (reasonkit serve)')
    .requiredOption('--model <name>', 'model name')
    .option('--api-key <key>', 'API key (or OPENAI_API_KEY)', process.env.OPENAI_API_KEY);

modelOptions(
  program
    .command('build')
    .description('extract triples from papers (JSONL: {id, title, introduction, method?}) into a SQLite graph; rerun resumes')
    .requiredOption('--papers <file>', 'papers JSONL')
    .requiredOption('--db <file>', 'SQLite graph file')
    .option('--hierarchy', 'add parent nodes over problems and challenges', false),
).action(async (o: { papers: string; db: string; hierarchy: boolean; baseUrl: string; model: string; apiKey?: string }) => {
  await runBuild({ papers: o.papers, db: o.db, hierarchy: o.hierarchy, model: textModel(o), log }).catch(fail);
});

modelOptions(
  program
    .command('ideate')
    .description('generate accepted ideas per topic into a JSONL file; rerun resumes')
    .requiredOption('--db <file>', 'SQLite graph file')
    .requiredOption('--topic <text...>', 'one or more topics')
    .option('--n <count>', 'accepted ideas per topic', '3')
    .requiredOption('--out <file>', 'results JSONL')
    .option('--no-mentor', 'ablation: no Socratic mentor')
    .option('--max-rounds <n>', 'deliberation rounds', '5'),
).action(async (o: { db: string; topic: string[]; n: string; out: string; mentor: boolean; maxRounds: string; baseUrl: string; model: string; apiKey?: string }) => {
  const m = textModel(o);
  await runIdeate({ db: o.db, topics: o.topic, n: Number(o.n), out: o.out, researcher: m, mentor: o.mentor ? m : null, maxRounds: Number(o.maxRounds), log }).catch(fail);
});

modelOptions(
  program
    .command('evaluate')
    .description('Swiss tournament (both orders) between ideation runs; writes a Markdown leaderboard; the match log makes it resumable')
    .requiredOption('--entrant <name=file...>', 'entrant name and its ideate JSONL')
    .requiredOption('--out <file>', 'leaderboard Markdown')
    .requiredOption('--match-log <file>', 'match log JSONL (resume)')
    .option('--rounds <n>', 'Swiss rounds per topic')
    .option('--bootstrap <B>', 'bootstrap resamples', '1000'),
).action(async (o: { entrant: string[]; out: string; matchLog: string; rounds?: string; bootstrap: string; baseUrl: string; model: string; apiKey?: string }) => {
  const entrants = Object.fromEntries(o.entrant.map((e) => e.split('=') as [string, string]));
  await runEvaluate({ entrants, judge: textModel(o), out: o.out, matchLog: o.matchLog, rounds: o.rounds ? Number(o.rounds) : undefined, B: Number(o.bootstrap), log }).catch(fail);
});

await program.parseAsync();
