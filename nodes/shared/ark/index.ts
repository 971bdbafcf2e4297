export * from './arkClient';
export * from './arkConfig';
export * from './arkEnvelope';
export * from './arkOrders';
export * from './arkSign';
