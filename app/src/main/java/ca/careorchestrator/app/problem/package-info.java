/**
 * The one catalogue of problems (RFC 9457) every module raises and every interface renders: HTTP problem
 * details now, FHIR OperationOutcome and HL7 NACK reasons later. Messages are in {@code messages*.properties}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Problem catalogue", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package ca.careorchestrator.app.problem;
