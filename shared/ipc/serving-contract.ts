/** The contract's serving methods and events (spread into contract.ts). */
export const servingMethods = {} as const;
export const servingEvents = {} as const;
