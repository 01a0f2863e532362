/** The one list of fake service names; fault targets, the journal and the harness all use it. */
export const SERVICE_NAMES = ['s3', 'keyvault', 'sentinel', 'identity'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
