import type { Calendar } from "./calendar";
import type { ChoiceTables } from "./choices";

/** What every customer's simulation shares: the seed, the calendar and the catalogue's choice tables. */
export interface SimulationContext {
  seed: number;
  calendar: Calendar;
  tables: ChoiceTables;
}
