/**
 * Self-time per function from a V8 .cpuprofile (node --cpu-prof): the hot spots, heaviest first.
 * Run: npx tsx bench/lib/top-functions.ts <file.cpuprofile> [N]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, n = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  total += t;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/node_modules\//, '~/').replace(/^.*\/wt-[^/]+\//, '');
  const key = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
}
const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
for (const [k, t] of rows) console.log(`${((t / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
