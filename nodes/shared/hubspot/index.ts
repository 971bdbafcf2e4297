export * from './hubspotClient';
export * from './hubspotErrors';
