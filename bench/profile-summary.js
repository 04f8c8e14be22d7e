#!/usr/bin/env node
'use strict';
/**
 * Where a profiled phase spent its CPU: reads a `.cpuprofile` written with BENCH_CPU_PROF (bench/city.js) and prints
 * self time by package or app directory, and the functions with the most self time.
 *
 *   BENCH_CPU_PROF=.tmp/prof node bench/run.js --only=city
 *   node bench/profile-summary.js .tmp/prof/ours-p1-10.cpuprofile [top]
 */
const fs = require('fs');
const path = require('path');

const appDir = path.resolve(__dirname, '..');

/** `@strapi/core`, `koa`, `src/plugins/bureau-views`, `dist/src/records`, `node:internal` … */
function where(url) {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const relative = path.relative(appDir, file).split(path.sep);
  return relative.slice(0, relative[0] === 'dist' ? 4 : 3).join('/');
}

function summarise(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const places = new Map();
  const functions = new Map();
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const place = callFrame.functionName === '(garbage collector)' ? '(gc)' : callFrame.functionName === '(idle)' ? '(idle)' : where(callFrame.url);
    places.set(place, (places.get(place) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const table = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`)
      .join('\n');
  return `${path.basename(file)}: ${(total / 1000).toFixed(0)} ms sampled\nby place:\n${table(places)}\nby function (self time):\n${table(functions)}\n`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [top]\n');
    process.exit(1);
  }
  process.stdout.write(summarise(file, Number(top) || 25));
}

module.exports = { summarise };
