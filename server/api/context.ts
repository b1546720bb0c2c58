import { getDatabase } from "../db";
import { currentStaff } from "../auth";
import type { Context } from "./trpc";

export async function createContext(): Promise<Context> {
  const database = await getDatabase();
  return { db: database.db, user: await currentStaff(database) };
}
