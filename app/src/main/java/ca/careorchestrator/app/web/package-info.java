/**
 * Web: the bilingual (French first) pages, among them the patient's booking pages ({@code web.booking}: search, hold,
 * confirm, my appointments), the JSON API under {@code /api/v1} ({@code web.api}) and the rendering of the problem catalogue.
 * Controllers live here and nowhere else. Uses directory, availability, catalog, booking, provisioning and problem.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web and JSON API")
package ca.careorchestrator.app.web;
