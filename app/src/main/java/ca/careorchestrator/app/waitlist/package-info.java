/**
 * Waitlist (alerts, free for everyone): patients' care requests, the access desk's priorities, and the offers made
 * when a slot is published or freed: the best matching request (priority, then time waited) gets the slot held on its
 * behalf and a notice to accept or decline before the offer runs out; a decline or a lapse passes it on; a slot too
 * close to its start is left to general search. A freed slot is refused to everyone else until the matcher has looked
 * at it (booking's {@code FirstLook} port), so that a bot polling the search cannot take it while someone waits. Owns the {@code waitlist_*} tables; the matcher's index (core) is
 * rebuilt from them at start-up. Holds and books through booking, acts for patients through identity, reads slots
 * through availability and areas and clinics through directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Waitlist")
package ca.careorchestrator.app.waitlist;
