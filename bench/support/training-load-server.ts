/**
 * The server side of `npm run bench -- training-load`: an HTTP server answering an authenticated
 * tRPC call (models.runs through the real router, the session's staff row looked up per request,
 * as the app does), in the same process that trains a model when the parent asks. Talks to the
 * parent over IPC.
 */
import http from "node:http";
import { createCaller } from "../../server/api/root";
import { openPglite } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { findStaffById } from "../../server/staff/staff.repo";
import { createStaff } from "../../server/staff/staff.service";
import { CLUSTER_FEATURES } from "../../server/models/feature-columns";
import { runFit, type FitInput } from "../../server/models/fit";
import { runFitInThread } from "../../server/models/fit-runner";
import { ZClusterParams } from "../../lib/shared/models.schemas";

type Command = { type: "train"; mode: "thread" | "inline"; rows: number };

function syntheticInput(rows: number): FitInput {
  const features = CLUSTER_FEATURES.slice(0, 16);
  const d = features.length;
  const X = new Float64Array(rows * d);
  // Eight gaussian blobs: a realistic shape for k-means, cheap to generate.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const blob = i % 8;
    for (let j = 0; j < d; j++) X[i * d + j] = blob * ((j % 3) + 1) + (rand() + rand() + rand() - 1.5);
  }
  return { task: "clusters", params: ZClusterParams.parse({ kMin: 8, kMax: 8, restarts: 1, silhouetteSample: 2000 }), features, X, rows };
}

async function main() {
  const database = await openPglite();
  await migrate(database);
  const admin = await createStaff(database.db, null, { email: "bench@example.com", name: "Bench", role: "admin", password: "long enough 1" });
  const server = http.createServer((req, res) => {
    void (async () => {
      const staffId = /session=([0-9a-f-]+)/.exec(req.headers.cookie ?? "")?.[1];
      const staff = staffId ? await findStaffById(database.db, staffId) : undefined;
      if (!staff) {
        res.writeHead(401).end();
        return;
      }
      const caller = createCaller({ db: database.db, user: { id: staff.id, email: staff.email, name: staff.name, role: staff.role } });
      const body = JSON.stringify(await caller.models.runs({ limit: 20 }));
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0, staffId: admin.id });
  });
  process.on("message", (command: Command) => {
    if (command.type !== "train") return;
    const input = syntheticInput(command.rows);
    process.send?.({ type: "training" });
    const started = performance.now();
    const finish = () => process.send?.({ type: "trained", seconds: (performance.now() - started) / 1000 });
    if (command.mode === "thread") {
      void runFitInThread(input, () => undefined).result.then(finish);
    } else {
      // Reference: the same fit on the server's own event loop.
      setTimeout(() => void runFit(input, () => undefined).then(finish), 50);
    }
  });
}

void main();
