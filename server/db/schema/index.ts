export * from "./enums";
export * from "./staff";
export * from "./customers";
export * from "./events";
export * from "./models";
export * from "./segments";
export * from "./campaigns";
export * from "./demo";
