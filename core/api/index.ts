// The API between the UI and the engine.
export * from './schema.js';
export { createClient, ApiError, type Client, type Transport } from './client.js';
export { dispatch, pairedTransport, type Handlers } from './handlers.js';
