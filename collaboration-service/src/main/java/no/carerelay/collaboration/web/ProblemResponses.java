package no.carerelay.collaboration.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import no.carerelay.collaboration.errors.InvalidInputException;
import no.carerelay.collaboration.errors.NotFoundException;
import no.carerelay.collaboration.errors.PatientAccessDeniedException;
import no.carerelay.collaboration.errors.StateConflictException;
import no.carerelay.collaboration.errors.VersionConflictException;
import no.carerelay.collaboration.handover.HandoverCaseNotFoundException;
import no.carerelay.collaboration.handover.InvalidTransitionException;
import no.carerelay.collaboration.handover.NotAddressedMunicipalityException;

/**
 * RFC 9457 problem details for every error: what is wrong and where, and for a refused state change which changes
 * the case allows. Bodies never echo free text the caller sent.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final String TYPE_BASE = "https://carerelay.no/problems/";

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "One or more fields are invalid; see 'errors'.");
        problem.setProperty("errors", e.violations());
        return problem;
    }

    /**
     * A controller asked for the caller of a request that carries no validated token. The filter chain lets no such
     * request through to a guarded endpoint; should one get here anyway, it is refused like the filter refuses it.
     */
    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                "this API needs a bearer token (Authorization: Bearer <JWT>) from the CareRelay token issuer");
    }

    @ExceptionHandler(HandoverCaseNotFoundException.class)
    ProblemDetail notFound(HandoverCaseNotFoundException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "handover-case-not-found", "No such handover case",
                "There is no handover case " + e.caseId() + ".");
        problem.setProperty("caseId", e.caseId());
        return problem;
    }

    @ExceptionHandler(NotAddressedMunicipalityException.class)
    ProblemDetail notAddressed(NotAddressedMunicipalityException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "not-addressed-municipality", "Not your municipality's case",
                "Only the municipality a handover case is addressed to can answer it, and only it and the pathway coordinator on the "
                        + "patient's care team can see it. The attempt has been logged.");
        problem.setProperty("caseId", e.caseId());
        return problem;
    }

    @ExceptionHandler(InvalidTransitionException.class)
    ProblemDetail invalidTransition(InvalidTransitionException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "invalid-transition", "The case cannot make this change", e.getMessage());
        problem.setProperty("caseId", e.caseId());
        problem.setProperty("currentStatus", e.current());
        problem.setProperty("requestedStatus", e.requested());
        problem.setProperty("allowedTransitions", e.allowed());
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "One or more fields are invalid; see 'errors'.");
        problem.setProperty("errors", e.violations());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage() + ".");
    }

    @ExceptionHandler(StateConflictException.class)
    ProblemDetail stateConflict(StateConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "invalid-transition", "The change does not fit the current state", e.getMessage());
        problem.setProperty("currentStatus", e.current());
        problem.setProperty("requestedStatus", e.requested());
        problem.setProperty("allowedTransitions", e.allowed());
        return problem;
    }

    @ExceptionHandler(VersionConflictException.class)
    ProblemDetail versionConflict(VersionConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "version-conflict", "Changed by someone else", e.getMessage() + ".");
        problem.setProperty("currentVersion", e.currentVersion());
        return problem;
    }

    @ExceptionHandler(PatientAccessDeniedException.class)
    ProblemDetail patientAccess(PatientAccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "no-work-related-need", "No work-related connection to the patient",
                "Only members of the patient's care team, and municipalities with a handover case or a team member for the patient, can do this. The attempt has been logged.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unhandled error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; nothing was changed. It is safe to retry.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "The body is not valid JSON for this endpoint, or a field has the wrong type or format (dates as 2026-11-24, instants as 2026-11-22T09:30:00Z).");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "One or more fields are invalid; see 'errors'.");
        problem.setProperty("errors", java.util.List.of(new InvalidRequestException.Violation(name, "must be a valid " + expected)));
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
