/**
 * Simulation: the outside world of the default run. Starts a simulated platform per system the province's
 * clinics use (each on its own loopback port, speaking its protocol in its own dialect), registers each
 * with ingestion exactly as a deployment registers a vendor's address, and lets the clinics' desks change
 * their schedules on the clock. Uses {@code provisioning} (which province) and {@code ingestion}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Simulation")
package ca.careorchestrator.app.simulation;
