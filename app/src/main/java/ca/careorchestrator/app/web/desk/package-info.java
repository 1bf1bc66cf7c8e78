/** The access desk's pages ({@code /guichet}): the region's queue and a request's page (priority, booking on behalf). */
package ca.careorchestrator.app.web.desk;
