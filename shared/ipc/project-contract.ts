/** The contract's project methods and events (spread into contract.ts). */
export const projectMethods = {} as const;
export const projectEvents = {} as const;
