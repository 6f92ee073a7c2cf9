/**
 * `npm run fuzz`: every target in targets.ts for FUZZ_RUNS cases (default
 * 100,000) in a worker thread, under a watchdog. A case that raises anything
 * but its contract's result or typed error is a failure; so is a case that
 * takes more than FUZZ_CASE_MS (default 2000 ms) of CPU time: the worker is then
 * terminated, the input it was on is reported, and a new worker resumes
 * with the next case. Prints per-target counts, failures and time; failing
 * inputs are written to test-results/fuzz/; exits 1 on any failure.
 *
 * Why 2 s, and of CPU time: the slowest legitimate cases (a megabyte
 * selection, a problem file at its size limit, the first symbolic
 * derivative) take under a second of CPU, while the bugs a hang detector is
 * for (catastrophic regex backtracking, quadratic rescans of a megabyte
 * line, runaway symbolic expansion) take minutes or forever on these inputs.
 * Wall time alone would flag innocent cases whenever the machine is busy
 * (it is shared: a load of 25 on 2 cores was seen), so a case counts as hung
 * when it has run for CASE_MS of wall time and the process has burnt
 * CASE_MS of CPU per running worker since it started. A hang still burns
 * CPU without end, so it is always caught.
 *
 *   FUZZ_RUNS=100000 FUZZ_SEED=1 FUZZ_TARGETS=matrix,dataset FUZZ_JOBS=2 FUZZ_CASE_MS=2000 npm run fuzz
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TARGETS, watchdogSelfTest } from './targets';
import { HEADER, MAX_SHARED_INPUT, type WorkerFailure, type WorkerJob, type WorkerMessage } from './worker';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 2000);
const JOBS = Math.max(1, Number(process.env.FUZZ_JOBS ?? 2));
const ONLY = process.env.FUZZ_TARGETS?.split(',').map((s) => s.trim());
const OUT = join(__dirname, '..', '..', 'test-results', 'fuzz');
const WORKER = join(__dirname, 'worker.ts');

interface Outcome {
  target: string;
  cases: number;
  hugeCases: number;
  failures: WorkerFailure[];
  /** Failures past the first REPORTED of a worker: counted, not sent. */
  unreported: number;
  hangs: WorkerFailure[];
  ms: number;
  slowest: number;
  slowestInput: string;
  slowestLength: number;
}

/** A worker that loads the TypeScript sources through tsx, as mocha does. */
function startWorker(job: WorkerJob): Worker {
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER)});`;
  return new Worker(code, { eval: true, workerData: job });
}

/** Runs cases [from, RUNS) of one target, restarting after each hang. */
function fuzzTarget(target: string, seed: number): Promise<Outcome> {
  const started = Date.now();
  const outcome: Outcome = { target, cases: 0, hugeCases: 0, failures: [], unreported: 0, hangs: [], ms: 0, slowest: 0, slowestInput: '', slowestLength: 0 };
  return new Promise((resolve, reject) => {
    const segment = (from: number) => {
      const shared = new SharedArrayBuffer(HEADER * 4 + MAX_SHARED_INPUT * 2);
      const header = new Int32Array(shared, 0, HEADER);
      Atomics.store(header, 0, from - 1);
      const worker = startWorker({ target, seed, from, to: RUNS, shared });
      let lastCase = from - 1;
      let lastChange = Date.now();
      let lastCpu = cpuMs();
      let finished = false;
      running++;
      const watchdog = setInterval(() => {
        const current = Atomics.load(header, 0);
        if (current !== lastCase) [lastCase, lastChange, lastCpu] = [current, Date.now(), cpuMs()];
        else if (current >= from && Date.now() - lastChange > CASE_MS && cpuMs() - lastCpu > CASE_MS * running) {
          running--;
          // A hang: the input is in shared memory, since the worker cannot answer.
          const n = Atomics.load(header, 1);
          outcome.hangs.push({ index: current, input: decodeShared(shared, n), message: `no result after ${CASE_MS} ms`, ms: Date.now() - lastChange });
          outcome.cases += current - from + 1;
          finished = true;
          clearInterval(watchdog);
          void worker.terminate().then(() => (current + 1 < RUNS ? segment(current + 1) : done()));
        }
      }, 100);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'failure') outcome.failures.push(m.failure);
        else {
          outcome.unreported += m.unreported;
          outcome.cases += m.cases;
          outcome.hugeCases += m.hugeCases;
          if (m.slowest > outcome.slowest) [outcome.slowest, outcome.slowestInput, outcome.slowestLength] = [m.slowest, m.slowestInput, m.slowestLength];
          finished = true;
          running--;
          clearInterval(watchdog);
          void worker.terminate().then(done);
        }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        if (!finished) reject(e);
      });
    };
    const done = () => resolve({ ...outcome, ms: Date.now() - started });
    segment(0);
  });
}

/** Workers running now: the process's CPU time is shared among them. */
let running = 0;

/** CPU time of the whole process (all threads), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function decodeShared(shared: SharedArrayBuffer, n: number): string {
  const units = new Uint16Array(shared, HEADER * 4, n);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...units.subarray(i, i + 8192));
  return s;
}

/** Failing inputs in full, one file each, so a failure can be replayed with `target.run(input)`. */
function save(outcome: Outcome): string[] {
  const files: string[] = [];
  mkdirSync(OUT, { recursive: true });
  for (const [kind, list] of [['failure', outcome.failures], ['hang', outcome.hangs]] as const) {
    list.slice(0, 20).forEach((f) => {
      const file = join(OUT, `${outcome.target.replace(/\W+/g, '-')}-${kind}-${f.index}.txt`);
      writeFileSync(file, f.input);
      files.push(file);
    });
  }
  return files;
}

const clip = (s: string, n = 160) => JSON.stringify(s.length > n ? s.slice(0, n) + '…' : s) + (s.length > n ? ` (${s.length} chars)` : '');

async function main(): Promise<void> {
  const targets = [...TARGETS, watchdogSelfTest].filter((t) => (ONLY ? ONLY.some((o) => t.name.startsWith(o)) : t !== watchdogSelfTest));
  console.log(`fuzz: ${targets.length} targets × ${RUNS.toLocaleString('en-US')} cases, seed ${SEED}, ${JOBS} worker(s), hang bound ${CASE_MS} ms per case`);
  const started = Date.now();
  const queue = [...targets];
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: Math.min(JOBS, queue.length) }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const o = await fuzzTarget(t.name, SEED);
        outcomes.push(o);
        const bad = o.failures.length + o.unreported + o.hangs.length;
        console.log(`  ${o.target.padEnd(22)} ${o.cases.toLocaleString('en-US').padStart(9)} cases (${o.hugeCases} of ≥100k chars)  ${String(bad).padStart(4)} failures  ${(o.ms / 1000).toFixed(1).padStart(6)} s  slowest case ${o.slowest.toFixed(0)} ms`);
      }
    }),
  );
  let failed = 0;
  for (const o of outcomes) {
    const all = [...o.hangs.map((h) => ({ ...h, kind: 'HANG' })), ...o.failures.map((f) => ({ ...f, kind: 'FAIL' }))];
    failed += all.length + o.unreported;
    if (all.length === 0) continue;
    const files = save(o);
    console.log(`\n${o.target}: ${o.failures.length + o.unreported} failures, ${o.hangs.length} hangs (inputs in ${OUT}, ${files.length} saved)`);
    const seen = new Set<string>();
    for (const f of all) {
      const key = f.message.split('\n')[0];
      if (seen.has(key)) continue;
      seen.add(key);
      console.log(`  ${f.kind} case ${f.index}: ${key}\n    input ${clip(f.input)}`);
      if (seen.size >= 10) break;
    }
  }
  console.log('\nslowest case per target (wall time, this machine):');
  for (const o of outcomes) console.log(`  ${o.target.padEnd(22)} ${o.slowest.toFixed(0).padStart(5)} ms  ${JSON.stringify(o.slowestInput.slice(0, 70))}${o.slowestLength > 70 ? ` … (${o.slowestLength} chars)` : ''}`);
  const total = outcomes.reduce((n, o) => n + o.cases, 0);
  console.log(`\nfuzz: ${total.toLocaleString('en-US')} cases, ${failed} failures, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
