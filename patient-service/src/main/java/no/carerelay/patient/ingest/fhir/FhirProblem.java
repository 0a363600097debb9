package no.carerelay.patient.ingest.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A refusal on the FHIR channel, answered as an OperationOutcome: the HTTP status, the FHIR issue type, a reason
 * that names the element and never its value, and the FHIRPath of the element.
 */
final class FhirProblem extends RuntimeException {

    private final int status;
    private final OperationOutcome.IssueType type;
    private final String expression;
    private final String reasonCode;

    FhirProblem(int status, OperationOutcome.IssueType type, String expression, String reasonCode, String reason) {
        super(reason);
        this.status = status;
        this.type = type;
        this.expression = expression;
        this.reasonCode = reasonCode;
    }

    static FhirProblem invalid(String expression, String reasonCode, String reason) {
        return new FhirProblem(422, OperationOutcome.IssueType.INVALID, expression, reasonCode, reason);
    }

    static FhirProblem required(String expression, String what) {
        return new FhirProblem(422, OperationOutcome.IssueType.REQUIRED, expression, "missing-element", expression + " (" + what + ") is required");
    }

    int status() {
        return status;
    }

    OperationOutcome.IssueType type() {
        return type;
    }

    String expression() {
        return expression;
    }

    String reasonCode() {
        return reasonCode;
    }
}
