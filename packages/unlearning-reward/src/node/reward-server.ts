import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { UnlearningError } from '../errors/index.js';
import { regexDetector } from '../refusal/regex-detector.js';
import { RULE_PRESET_NAMES, type RulePresetName } from '../reward/preset-specs.js';
import { recommendedReward, rulePreset } from '../reward/presets.js';
import type { RewardFn, RewardResult } from '../reward/reward-fn.js';

const DetectorName = z.enum(['rule-parity', 'rule-strict', 'rule-extended']);
const PresetName = z.enum([...(RULE_PRESET_NAMES as [RulePresetName, ...RulePresetName[]]), 'recommended']);

/** POST /v1/score body. */
export const ScoreRequestSchema = z.object({
  preset: PresetName.optional(),
  detector: DetectorName.optional(),
  items: z.array(z.object({ row: z.record(z.string(), z.unknown()), completion: z.unknown() })).min(1).max(10_000),
});

/** POST /v1/verl body: verl's `compute_score` arguments. */
export const VerlRequestSchema = z.object({
  data_source: z.string().optional(),
  solution_str: z.unknown(),
  ground_truth: z.union([z.string(), z.array(z.string())]),
  extra_info: z.unknown().optional(),
  preset: PresetName.optional(),
  detector: DetectorName.optional(),
});

export interface RewardServerOptions {
  /** Default preset when a request names none. Default `forgetTwoStageAbsTarget` (RULE's RWKU main run). */
  preset?: RulePresetName | 'recommended';
  /** Default detector when a request names none. Default: the preset's own (`rule-parity` for RULE presets). */
  detector?: z.infer<typeof DetectorName>;
  port?: number;
  host?: string;
  /** Largest accepted body. Default 32 MiB (ours). */
  maxBodyBytes?: number;
}

export interface RewardServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly record?: string | number,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        reject(new HttpError(413, `body larger than ${max} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new HttpError(400, `body is not JSON: ${(e as Error).message}`, '$');
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const iss = r.error.issues[0]!;
    const field = iss.path.map(String).join('.') || '$';
    throw new HttpError(400, `${field}: ${iss.message}`, field);
  }
  return r.data;
}

const view = (r: RewardResult) => ({ overall: r.overall, components: r.components, isRefusal: r.verdict.isRefusal, evidence: r.verdict.evidence, rougeL: r.rougeL, warnings: r.warnings });

/**
 * HTTP reward server on `node:http` so Python trainers can call the TypeScript reward (spec §9):
 * `POST /v1/score` `{preset?, detector?, items: [{row, completion}]}` → `{results: [...]}` in order;
 * `POST /v1/verl` (verl `compute_score` arguments) → `{score, ...components}`; `GET /health`.
 * Malformed requests get 400 `{error: {message, field, record?}}`.
 */
export async function startRewardServer(o: RewardServerOptions = {}): Promise<RewardServer> {
  const maxBody = o.maxBodyBytes ?? 32 * 1024 * 1024;
  const fns = new Map<string, RewardFn>();
  const fnFor = (preset?: string, detector?: string): RewardFn => {
    const p = (preset ?? o.preset ?? 'forgetTwoStageAbsTarget') as RulePresetName | 'recommended';
    const d = detector ?? o.detector;
    const key = `${p}|${d ?? ''}`;
    let fn = fns.get(key);
    if (!fn) {
      const det = d ? regexDetector({ preset: d as z.infer<typeof DetectorName> }) : undefined;
      fn = p === 'recommended' ? recommendedReward({ detector: det }) : rulePreset(p, { detector: det });
      fns.set(key, fn);
    }
    return fn;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      const s = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
      res.end(s);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true, presets: [...RULE_PRESET_NAMES, 'recommended'] });
      if (req.method !== 'POST' || (url.pathname !== '/v1/score' && url.pathname !== '/v1/verl')) throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
      const body = await readBody(req, maxBody);
      if (url.pathname === '/v1/score') {
        const q = parse(ScoreRequestSchema, body);
        const fn = fnFor(q.preset, q.detector);
        const results = [];
        for (let i = 0; i < q.items.length; i++) {
          const it = q.items[i]!;
          if (typeof it.completion !== 'string') throw new HttpError(400, `items.${i}.completion: expected a string`, `items.${i}.completion`);
          try {
            results.push(view(fn.scoreSync ? fn.scoreSync(it.row as never, it.completion) : await fn.score(it.row as never, it.completion)));
          } catch (e) {
            if (e instanceof UnlearningError) throw new HttpError(400, `items.${i}: ${e.message}`, `items.${i}.row${e.details.field ? `.${String(e.details.field)}` : ''}`, i);
            throw e;
          }
        }
        return send(200, { preset: fn.name, detector: fn.detector.name, results });
      }
      const q = parse(VerlRequestSchema, body);
      if (typeof q.solution_str !== 'string') throw new HttpError(400, 'solution_str: expected a string', 'solution_str');
      let solution: unknown = q.ground_truth;
      if (typeof solution === 'string') {
        try {
          solution = JSON.parse(solution);
        } catch {
          throw new HttpError(400, 'ground_truth: not a JSON array string', 'ground_truth');
        }
      }
      const fn = fnFor(q.preset, q.detector);
      try {
        const r = fn.scoreSync!({ prompt: '', solution: solution as string[] }, q.solution_str);
        return send(200, { score: r.overall, ...r.components, is_refusal: r.verdict.isRefusal });
      } catch (e) {
        if (e instanceof UnlearningError) throw new HttpError(400, `ground_truth: ${e.message}`, 'ground_truth');
        throw e;
      }
    } catch (e) {
      if (e instanceof HttpError) return send(e.status, { error: { message: e.message, field: e.field, record: e.record } });
      return send(500, { error: { message: (e as Error).message } });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1', backlog: 4096 }, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${addr.address}:${addr.port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
