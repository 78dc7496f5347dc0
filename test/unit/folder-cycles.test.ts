import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// docs/architecture.md: the code flows one way (dsl → workflows → apps). Lint refuses the imports that climb out
// of a layer; this test looks at the whole graph for what lint cannot see from one file: a cycle between two
// folders (a imports b while b imports a, directly or around a ring).
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TOP = ['dsl', 'workflows', 'apps'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder a file counts for: its first two path segments (apps/api, dsl/ir, workflows/assignment…). */
function folderOf(file: string): string {
  const parts = posix.dirname(file).split('/');
  return parts.slice(0, 2).join('/');
}

function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of TOP.flatMap(sources)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(ROOT, join(ROOT, posix.dirname(file), fileName))
        .split('\\')
        .join('/');
      const to = folderOf(target.endsWith('/') || !/\.[a-z]+$/.test(target) ? `${target}/index.ts` : target);
      if (to !== from && !edges.has(to)) edges.set(to, `${file} → ${fileName}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('folders depend on each other one way', () => {
  it('finds a cycle when there is one', () => {
    const ring = new Map([
      ['a', new Map([['b', 'a/x.ts → ../b/y.js']])],
      ['b', new Map([['c', '']])],
      ['c', new Map([['a', '']])],
      ['d', new Map([['a', '']])],
    ]);
    expect(cycles(ring)).toEqual([['a', 'b', 'c']]);
  });

  it('has no cycle between folders of dsl/, workflows/ and apps/', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    const explained = cycles(graph).map((scc) =>
      scc.flatMap((a) => scc.filter((b) => graph.get(a)?.has(b)).map((b) => graph.get(a)!.get(b)!)),
    );
    expect(explained).toEqual([]);
  });
});
