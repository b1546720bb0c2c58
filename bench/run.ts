/** `npm run bench -- <name> [flags]`: runs bench/<name>.ts, whose default export takes the flags. */
import fs from "node:fs";
import path from "node:path";

function available(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith(".ts") && file !== "run.ts")
    .map((file) => file.slice(0, -3))
    .sort();
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const names = available();
  if (!name || !names.includes(name)) {
    console.error(`${name ? `Unknown benchmark "${name}".` : "No benchmark named."} Available: ${names.join(", ") || "(none)"}\nUsage: npm run bench -- <name> [flags]`);
    process.exitCode = 1;
    return;
  }
  const mod: { default?: unknown } = await import(path.join(__dirname, `${name}.ts`));
  if (typeof mod.default !== "function") throw new Error(`bench/${name}.ts has no default export function`);
  await (mod.default as (args: string[]) => Promise<void>)(rest);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
