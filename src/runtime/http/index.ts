export { HttpClientCore, type CallOptions, type HttpClientOptions, type HttpFallback, type HttpInput, type HttpResponse } from './client.js';
export { createRouter, type HttpHandler, type HttpRequest, type HttpResult, type ProblemField, type RouterOptions } from './server.js';
export { IDEMPOTENT, type HttpMediaSpec, type HttpOperationSpec, type HttpParameterSpec, type HttpResponseSpec, type ParameterLocation } from './spec.js';
