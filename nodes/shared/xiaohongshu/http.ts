/** The shared HTTP function type, as the Xiaohongshu transport uses it. */
export * from '../http/httpFn';
