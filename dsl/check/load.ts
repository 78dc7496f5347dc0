import type { Extends, Include, PlanFile } from '../ast/nodes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseFile, type ParsedFile } from './parse.js';

/** Reads a plan file by path; returns undefined when it does not exist. */
export type Loader = (path: string) => string | undefined;

/** Files given as a map, or a loader function. */
export type Sources = ReadonlyMap<string, string> | Loader;

export function toLoader(sources: Sources): Loader {
  return typeof sources === 'function' ? sources : (p) => sources.get(p);
}

/** Joins a relative include path to the directory of the including file (POSIX separators). */
export function resolvePath(from: string, target: string): string {
  const absolute = target.startsWith('/') || from.startsWith('/');
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  const out: string[] = [];
  for (const p of [...base, ...target.split('/')]) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (p === '..' && absolute)
      continue; // above the root stays at the root
    else out.push(p);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** A layer is the files of one plan or template: its own file and everything it includes. */
export interface Layer {
  /** The file that heads the layer (the plan, or an extended template). */
  root: string;
  /** Files of the layer, includes first, root last. */
  files: string[];
  /** The extends line that brought this layer in, for messages. */
  via?: Extends;
}

export interface LoadResult {
  files: Map<string, ParsedFile>;
  /** Layers from the most basic template to the plan itself. */
  layers: Layer[];
  diagnostics: Diagnostic[];
}

/**
 * Loads the entry file, its includes (depth first, each file once) and the chain of templates it
 * extends. Reports missing files and include/extends cycles at the line that causes them.
 */
export function loadPlan(entry: string, sources: Sources): LoadResult {
  const loader = toLoader(sources);
  const files = new Map<string, ParsedFile>();
  const diagnostics: Diagnostic[] = [];
  const layers: Layer[] = [];
  const missing = new Set<string>();

  const read = (path: string): ParsedFile | undefined => {
    const cached = files.get(path);
    if (cached) return cached;
    if (missing.has(path)) return undefined;
    const text = loader(path);
    if (text === undefined) {
      missing.add(path);
      return undefined;
    }
    const parsed = parseFile(text, path);
    files.set(path, parsed);
    diagnostics.push(...parsed.diagnostics);
    return parsed;
  };

  const seenInLayers = new Set<string>();
  const extendsChain: string[] = [];

  const loadLayer = (root: string, via: Extends | undefined): void => {
    const layer: Layer = via ? { root, files: [], via } : { root, files: [] };
    const stack: string[] = [];
    let extendsItem: { item: Extends; file: string } | undefined;

    const visit = (path: string, isRoot: boolean, from?: { item: Include; file: string }): void => {
      if (stack.includes(path)) {
        const cycle = [...stack.slice(stack.indexOf(path)), path].join(' → ');
        if (from) diagnostics.push(diagnostic('DD3005', from.file, from.item.loc.range, { cycle }));
        return;
      }
      if (seenInLayers.has(path)) return;
      const parsed = read(path);
      if (!parsed) {
        if (from) diagnostics.push(diagnostic('DD3004', from.file, from.item.path.loc.range, { path }));
        return;
      }
      seenInLayers.add(path);
      stack.push(path);
      for (const item of parsed.ast.items) {
        if (item.kind === 'Include') visit(resolvePath(path, item.path.value), false, { item, file: path });
        else if (item.kind === 'Extends') {
          if (!isRoot) {
            diagnostics.push(
              diagnostic('DD3009', path, item.loc.range, {
                detail: 'Chỉ tệp kế hoạch chính mới được "mở rộng" một mẫu; tệp được bao gồm thì không.',
                detailEn: 'Only the plan file itself may extend a template, not an included file.',
              }),
            );
          } else if (extendsItem) {
            diagnostics.push(
              diagnostic('DD3009', path, item.loc.range, {
                detail: 'Một kế hoạch chỉ mở rộng được một mẫu.',
                detailEn: 'A plan can extend only one template.',
              }),
            );
          } else {
            extendsItem = { item, file: path };
          }
        }
      }
      stack.pop();
      layer.files.push(path);
    };

    visit(root, true);
    layers.unshift(layer);
    if (extendsItem) {
      const target = resolvePath(extendsItem.file, extendsItem.item.path.value);
      if (extendsChain.includes(target) || target === root) {
        diagnostics.push(
          diagnostic('DD3005', extendsItem.file, extendsItem.item.loc.range, {
            cycle: [...extendsChain, root, target].join(' → '),
          }),
        );
      } else if (!read(target)) {
        diagnostics.push(
          diagnostic('DD3004', extendsItem.file, extendsItem.item.path.loc.range, { path: target }),
        );
      } else if (seenInLayers.has(target)) {
        diagnostics.push(
          diagnostic('DD3005', extendsItem.file, extendsItem.item.loc.range, {
            cycle: [root, target].join(' → '),
          }),
        );
      } else {
        extendsChain.push(root);
        loadLayer(target, extendsItem.item);
      }
    }
  };

  if (!read(entry)) {
    const at = { line: 1, column: 1, offset: 0 };
    diagnostics.push(diagnostic('DD3004', entry, { start: at, end: at }, { path: entry }));
    return { files, layers, diagnostics };
  }
  loadLayer(entry, undefined);
  return { files, layers, diagnostics };
}

export type { PlanFile };
