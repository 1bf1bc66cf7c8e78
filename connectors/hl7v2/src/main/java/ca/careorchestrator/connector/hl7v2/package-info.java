/**
 * HL7v2 scheduling over MLLP, as the Quebec EMRs and Logibec speak it: pushed SIU^S12-S26 become slot records
 * (MSH-9.2 decides what happened to the slot, MSH-7 is the version), SQM/SQR^S25 reads every slot so a
 * silent deletion is noticed, and SRM/SRR^S01/S04 books and cancels as a placer. Versions 2.3 to 2.5.1 are
 * read by one HAPI parser into 2.5.1 structures with validation relaxed. Codes pass through untouched.
 */
package ca.careorchestrator.connector.hl7v2;
