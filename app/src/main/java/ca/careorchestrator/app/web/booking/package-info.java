/**
 * The patient's booking pages (issue #4): search, choose and hold, confirm on the source, my appointments. Part of
 * the web module; a package of its own so that it may use the JSON API's {@code SearchCriteria} without a package
 * cycle ({@code web.api} uses {@code web}).
 */
package ca.careorchestrator.app.web.booking;
