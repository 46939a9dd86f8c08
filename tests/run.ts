// `npm test`: every part of the suite, side by side where nothing stops them. The end-to-end suite is the long
// pole and needs only the build, so the build starts first (beside lint and the unit tests, which mostly wait on
// their databases), and the moment it is done the browsers start while the checks that read the build or build
// fixtures of their own run beside them. Each part's output is printed whole when it ends, one part after the
// other, never interleaved; a table of wall times closes the run. A part that fails stops only the parts that wait
// for it (a failed build: e2e, check, dist and fixtures); the others run on.
//
// `npm test -- e2e unit` runs only the parts named (with what they wait for); the parts are also scripts of their
// own (`npm run test:e2e`, …), see the README.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Part {
  name: string;
  /** The npm script that runs it. */
  script: string;
  /** Parts that must have succeeded first. */
  after: string[];
}

const PARTS: Part[] = [
  { name: 'build', script: 'build', after: [] },
  { name: 'lint', script: 'lint', after: [] },
  { name: 'unit', script: 'test:unit', after: [] },
  { name: 'e2e', script: 'test:e2e', after: ['build'] },
  // astro check writes the generated types in .astro/ that astro build writes too: never both at once.
  { name: 'check', script: 'check', after: ['build'] },
  { name: 'dist', script: 'test:dist', after: ['build'] },
  // Its builds share the diagram cache the site's build has just filled.
  { name: 'fixtures', script: 'test:build', after: ['build'] },
];

const asked = process.argv.slice(2);
for (const name of asked)
  if (!PARTS.some((p) => p.name === name))
    throw new Error(`tests/run.ts: no part named "${name}" (parts: ${PARTS.map((p) => p.name).join(', ')})`);
const wanted = new Set<string>();
const want = (name: string) => {
  if (wanted.has(name)) return;
  wanted.add(name);
  for (const dep of PARTS.find((p) => p.name === name)!.after) want(dep);
};
for (const part of asked.length ? asked : PARTS.map((p) => p.name)) want(part);

interface Outcome {
  ok: boolean;
  seconds: number;
  startedAt: number;
}
const started = performance.now();
const outcomes = new Map<string, Promise<Outcome>>();

function run(part: Part): Promise<Outcome> {
  const existing = outcomes.get(part.name);
  if (existing) return existing;
  const outcome = (async (): Promise<Outcome> => {
    const deps = await Promise.all(part.after.map((name) => run(PARTS.find((p) => p.name === name)!)));
    const startedAt = (performance.now() - started) / 1000;
    if (deps.some((d) => !d.ok)) {
      console.log(`\n── ${part.name}: not run, ${part.after.join(', ')} failed`);
      return { ok: false, seconds: 0, startedAt };
    }
    const t = performance.now();
    const chunks: Buffer[] = [];
    const child = spawn('npm', ['run', '--silent', part.script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Colour codes from the tools are kept for a terminal; a log file reads them as noise.
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
    });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = (performance.now() - t) / 1000;
    const ok = code === 0;
    console.log(
      `\n── ${part.name} (npm run ${part.script}): ${ok ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`,
    );
    process.stdout.write(Buffer.concat(chunks));
    return { ok, seconds, startedAt };
  })();
  outcomes.set(part.name, outcome);
  return outcome;
}

const results = await Promise.all(PARTS.filter((p) => wanted.has(p.name)).map(async (p) => ({ part: p, ...(await run(p)) })));
const total = (performance.now() - started) / 1000;

console.log('\n| part | script | started at | wall time | result |\n| --- | --- | --- | --- | --- |');
for (const r of results)
  console.log(
    `| ${r.part.name} | npm run ${r.part.script} | ${r.startedAt.toFixed(0)} s | ${r.seconds.toFixed(0)} s | ${r.ok ? 'passed' : r.seconds ? 'failed' : 'not run'} |`,
  );
console.log(`| all | npm test | 0 s | ${total.toFixed(0)} s | ${results.every((r) => r.ok) ? 'passed' : 'failed'} |`);

// For `npm run bench -- --tests`, which reads what this run measured.
mkdirSync('test-results', { recursive: true });
writeFileSync(
  join('test-results', 'npm-test-times.json'),
  JSON.stringify({
    total,
    parts: results.map((r) => ({
      name: r.part.name,
      script: r.part.script,
      startedAt: r.startedAt,
      seconds: r.seconds,
      ok: r.ok,
    })),
  }),
);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
