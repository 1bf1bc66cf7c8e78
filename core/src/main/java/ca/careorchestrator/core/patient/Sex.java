package ca.careorchestrator.core.patient;

/** Sex as encoded in the NAM (the month of birth carries +50 for women). */
public enum Sex {
    FEMALE, MALE
}
