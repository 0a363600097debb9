package no.carerelay.collaboration.handover;

import java.util.UUID;

public class HandoverCaseNotFoundException extends RuntimeException {

    private final UUID caseId;

    HandoverCaseNotFoundException(UUID caseId) {
        super("no handover case " + caseId);
        this.caseId = caseId;
    }

    public UUID caseId() {
        return caseId;
    }
}
