/**
 * The observatory's pages (issue #7): for ministry analysts, the province by region with drill-down to local networks
 * (RLS) and clinics, data quality and the data dictionary ({@code /observatoire/**}); for clinic staff, their clinic
 * against its region's median ({@code /clinique/{clinicId}/observatoire}). Part of the web module. Reads the
 * observatory's {@code ObservatoryQueries} directly (no second path through the JSON API); every chart is drawn from
 * the data table shown with it, which is its text alternative.
 */
package ca.careorchestrator.app.web.observatory;
