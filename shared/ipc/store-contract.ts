/** The contract's store methods and events (spread into contract.ts). */
export const storeMethods = {} as const;
export const storeEvents = {} as const;
