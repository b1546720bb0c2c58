import { createRequire } from "node:module";
import path from "node:path";

export type Tf = typeof import("@tensorflow/tfjs");

let loading: Promise<Tf> | null = null;

/**
 * TensorFlow.js, ready to use. tfjs-node (native libtensorflow) is preferred when installed, but
 * its binary download is blocked in some environments, so the default is pure tfjs on the WASM
 * backend, which needs no native build. Loaded once per process.
 */
export function loadTf(): Promise<Tf> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Tf> {
  const require = createRequire(import.meta.url);
  const nodeBinding = resolves(require, "@tensorflow/tfjs-node");
  if (nodeBinding) {
    // A runtime-computed specifier keeps bundlers and tsc from requiring the optional package.
    const tfNode = (await import(/* webpackIgnore: true */ nodeBinding)) as Tf;
    await tfNode.ready();
    return tfNode;
  }
  const tf = await import("@tensorflow/tfjs");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
  // Single-threaded: Node has no browser workers for the threaded build, and one thread keeps
  // floating-point reductions in a fixed order, so training is reproducible.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  if (!(await tf.setBackend("wasm"))) throw new Error("TensorFlow.js WASM backend failed to initialise");
  await tf.ready();
  return tf;
}

function resolves(require: NodeJS.Require, name: string): string | null {
  try {
    return require.resolve(name);
  } catch {
    return null;
  }
}
