import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * import/no-cycle judges files; this judges folders. Two modules that import each other through
 * different files form no file cycle yet still cannot be understood, tested or moved apart.
 */

const SERVER = path.resolve(__dirname, "../../server");
const modules = fs.readdirSync(SERVER, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [full] : [];
  });
}

function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of modules) {
    const deps = new Set<string>();
    for (const file of sourceFiles(path.join(SERVER, name))) {
      for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)) {
        if (!spec?.startsWith(".")) continue;
        const target = path.relative(SERVER, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
        if (target && target !== name && modules.includes(target)) deps.add(target);
      }
    }
    graph.set(name, deps);
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...trail.slice(trail.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    state.set(node, "done");
    trail.pop();
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe("server modules form a layered graph", () => {
  it("no module reaches itself through others", () => {
    expect(findCycle(moduleGraph())).toBeNull();
  });

  it("the queue is infrastructure: server/jobs imports no domain module", () => {
    expect([...(moduleGraph().get("jobs") ?? [])].sort()).toEqual(["db"]);
  });

  it("the cycle finder finds a planted cycle", () => {
    const planted = new Map([
      ["kpi", new Set(["segments"])],
      ["segments", new Set(["models"])],
      ["models", new Set(["kpi"])],
    ]);
    expect(findCycle(planted)).toEqual(["kpi", "segments", "models", "kpi"]);
  });
});
