export * from "./common";
export * from "./agencies";
export * from "./people";
export * from "./accounts";
export * from "./sessions";
export * from "./audit";
export * from "./jobs";
