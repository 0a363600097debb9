package no.carerelay.patient.encounter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import no.carerelay.contracts.EventType;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.patient.DischargeReadyWithdrawn;
import no.carerelay.contracts.patient.EncounterCancelled;
import no.carerelay.contracts.patient.PatientAdmitted;
import no.carerelay.contracts.patient.PatientClass;
import no.carerelay.contracts.patient.PatientDischarged;
import no.carerelay.contracts.patient.PatientTransferred;
import no.carerelay.patient.patient.PatientIdentity;

/**
 * A validated ADT message, whichever channel (JSON, HL7 v2, FHIR) it came by. Each says which states of the
 * stay it may follow, which state it leads to, and the event it publishes.
 */
public sealed interface EncounterCommand {

    PatientIdentity patient();

    OrganisationRef hospital();

    /** The hospital's own id of the stay (HL7 PV1-19, FHIR Encounter.identifier). */
    String visitNumber();

    Instant occurredAt();

    /** States the stay may be in for this command; an unknown stay is allowed only where {@link #opensEncounter()}. */
    Set<EncounterStatus> allowedFrom();

    boolean opensEncounter();

    EncounterStatus leadsTo();

    /** The event to publish: type and data. */
    Event<?> event(String pseudonym, UUID encounterId);

    /** A short name for logs, metrics and the ingest log. */
    String messageType();

    record Event<T>(EventType<T> type, T data) {
    }

    record Admit(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt, PatientClass patientClass,
            LocalDate expectedDischargeDate) implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.CANCELLED);
        }

        public boolean opensEncounter() {
            return true;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.ADMITTED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.PATIENT_ADMITTED, new PatientAdmitted(pseudonym, encounterId, patient.municipality(), hospital,
                    patientClass, occurredAt, expectedDischargeDate));
        }

        public String messageType() {
            return "ADMIT";
        }
    }

    record Transfer(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt, OrganisationRef toHospital)
            implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.ADMITTED, EncounterStatus.DISCHARGE_READY);
        }

        public boolean opensEncounter() {
            return false;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.ADMITTED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.PATIENT_TRANSFERRED, new PatientTransferred(pseudonym, encounterId, patient.municipality(), hospital,
                    toHospital, occurredAt));
        }

        public String messageType() {
            return "TRANSFER";
        }
    }

    /** Opens the stay too: a hospital on the JSON channel may send only this message. */
    record DeclareDischargeReady(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt,
            LocalDate expectedDischargeDate, List<String> careNeeds) implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.ADMITTED, EncounterStatus.DISCHARGE_READY);
        }

        public boolean opensEncounter() {
            return true;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.DISCHARGE_READY;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.DISCHARGE_READY_DECLARED, new DischargeReadyDeclared(pseudonym, encounterId, patient.municipality(),
                    hospital, occurredAt, expectedDischargeDate, careNeeds));
        }

        public String messageType() {
            return "DISCHARGE_READY";
        }
    }

    record WithdrawDischargeReady(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt)
            implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.DISCHARGE_READY);
        }

        public boolean opensEncounter() {
            return false;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.ADMITTED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.DISCHARGE_READY_WITHDRAWN, new DischargeReadyWithdrawn(pseudonym, encounterId, patient.municipality(),
                    hospital, occurredAt));
        }

        public String messageType() {
            return "DISCHARGE_READY_WITHDRAWN";
        }
    }

    /** @param deceased the patient died (disposition "exp", HL7 PID-30 = Y) */
    record Discharge(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt, String disposition,
            boolean deceased) implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.ADMITTED, EncounterStatus.DISCHARGE_READY);
        }

        public boolean opensEncounter() {
            return true;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.DISCHARGED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.PATIENT_DISCHARGED, new PatientDischarged(pseudonym, encounterId, patient.municipality(), hospital,
                    occurredAt, disposition));
        }

        public String messageType() {
            return "DISCHARGE";
        }
    }

    record CancelAdmission(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt)
            implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.ADMITTED, EncounterStatus.DISCHARGE_READY);
        }

        public boolean opensEncounter() {
            return false;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.CANCELLED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.ENCOUNTER_CANCELLED, new EncounterCancelled(pseudonym, encounterId, patient.municipality(), hospital,
                    "ADMISSION", occurredAt));
        }

        public String messageType() {
            return "CANCEL_ADMISSION";
        }
    }

    /** HL7 A13: the discharge was entered in error; the patient is in hospital again. */
    record CancelDischarge(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt)
            implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.DISCHARGED);
        }

        public boolean opensEncounter() {
            return false;
        }

        public EncounterStatus leadsTo() {
            return EncounterStatus.ADMITTED;
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            return new Event<>(EventTypes.ENCOUNTER_CANCELLED, new EncounterCancelled(pseudonym, encounterId, patient.municipality(), hospital,
                    "DISCHARGE", occurredAt));
        }

        public String messageType() {
            return "CANCEL_DISCHARGE";
        }
    }

    /**
     * HL7 A08: the patient's details changed (municipality, GP). Updates the registry (which announces a move);
     * touches no stay and publishes no encounter event.
     */
    record UpdatePatient(PatientIdentity patient, OrganisationRef hospital, String visitNumber, Instant occurredAt)
            implements EncounterCommand {

        public Set<EncounterStatus> allowedFrom() {
            return Set.of(EncounterStatus.values());
        }

        public boolean opensEncounter() {
            return false;
        }

        public EncounterStatus leadsTo() {
            throw new UnsupportedOperationException("a patient update leaves the stay as it is");
        }

        public Event<?> event(String pseudonym, UUID encounterId) {
            throw new UnsupportedOperationException("a patient update publishes on patient.registry.v1 only");
        }

        public String messageType() {
            return "UPDATE_PATIENT";
        }
    }
}
