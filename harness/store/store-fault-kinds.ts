/** The ways the failed-batch store (the target's failed-batch directory) can fail under it. */
export const STORE_FAULTS = ['unwritable', 'full', 'vanish'] as const;
export type StoreFault = (typeof STORE_FAULTS)[number];
