/** The JSON API, version 1 ({@code /api/v1}); OpenAPI at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui}. */
package ca.careorchestrator.app.web.api;
