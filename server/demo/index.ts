export { utcDayStart } from "./calendar";
export { CATEGORIES } from "./catalogue-data";
export { DEMO_USAGE, parseDemoArgs } from "./cli-args";
export type { DemoCliArgs } from "./cli-args";
export { loadDemo } from "./load";
export type { DemoProgress } from "./load";
export { PERSONAS, PERSONA_PARAMS } from "./personas";
export type { Persona } from "./personas";
export { countCustomers, resetDemoTables } from "./reset.repo";
