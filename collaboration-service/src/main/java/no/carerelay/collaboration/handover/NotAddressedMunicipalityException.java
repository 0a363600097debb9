package no.carerelay.collaboration.handover;

import java.util.UUID;

/** Only the municipality a case is addressed to may answer it (and see it, with the pathway coordinator on the patient's care team). */
public class NotAddressedMunicipalityException extends RuntimeException {

    private final UUID caseId;

    NotAddressedMunicipalityException(UUID caseId, String actingFor) {
        super(actingFor == null
                ? "handover case " + caseId + " can only be acted on by its addressed municipality; the caller's token acts for no municipality"
                : "handover case " + caseId + " is not addressed to municipality " + actingFor);
        this.caseId = caseId;
    }

    public UUID caseId() {
        return caseId;
    }
}
