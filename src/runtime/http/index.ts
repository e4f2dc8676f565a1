export { HttpClientCore, type CallOptions, type HttpClientOptions, type WebhookSenderOptions, type HttpFallback, type HttpInput, type HttpResponse } from './client.js';
export { createRouter, RouterCore, routePath, type HttpAnswer, type HttpHandler, type HttpRequest, type HttpResult, type HttpRoutes, type ProblemField, type RouterOptions } from './server.js';
export { IDEMPOTENT, type HttpMediaSpec, type HttpMultipartSpec, type HttpOperationSpec, type HttpParameterSpec, type HttpResponseSpec, type ParameterLocation } from './spec.js';
export { type FileContent, type UploadedFile } from './multipart.js';
