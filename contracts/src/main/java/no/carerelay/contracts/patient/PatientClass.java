package no.carerelay.contracts.patient;

/** HL7 table 0004 (PV1-2) as far as handovers care: was the patient in a bed, at a visit or in the emergency room. */
public enum PatientClass {
    INPATIENT, OUTPATIENT, EMERGENCY
}
