import { getDatabase } from "../db";
import { currentStaff } from "../auth/session";
import type { Context } from "./trpc";

export async function createContext(): Promise<Context> {
  const { db } = await getDatabase();
  return { db, user: await currentStaff(db) };
}
