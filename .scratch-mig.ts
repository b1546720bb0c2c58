import { openPostgres } from "/work/wt-chain/server/db/client";
import { migrate } from "/work/wt-chain/server/db/migrate";
const db = await openPostgres("postgres://postgres@127.0.0.1:5432/chain_scratch", { max: 1 });
await migrate(db);
await db.close();
