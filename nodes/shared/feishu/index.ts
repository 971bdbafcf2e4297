export * from './bitableClient';
export * from './feishuAuth';
export * from './feishuErrors';
