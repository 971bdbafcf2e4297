export * from './crmApiError';
export * from './retry';
