package no.carerelay.trajectory.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import no.carerelay.trajectory.trajectory.Registration;

/** RFC 9457 problem details: what is wrong and where; for refused transitions, the codes that would fit now. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String TYPE_BASE = "https://carerelay.no/problems/";

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "One or more fields are invalid; see 'errors'.");
        problem.setProperty("errors", e.violations());
        return problem;
    }

    @ExceptionHandler(PathwayEventRefusedException.class)
    ProblemDetail refused(PathwayEventRefusedException e) {
        Registration.Rejection rejection = e.rejection();
        ProblemDetail problem = switch (rejection.kind()) {
            case "UNKNOWN_CODE", "MISSING_FIELD" -> {
                ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", rejection.reason());
                p.setProperty("errors", java.util.List.of(new InvalidRequestException.Violation(
                        rejection.kind().equals("UNKNOWN_CODE") ? "code" : rejection.reason().split(" ")[0], rejection.reason())));
                yield p;
            }
            case "UNKNOWN_PATHWAY" -> {
                ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-pathway", "Unknown pathway", rejection.reason());
                p.setProperty("definedPathways", rejection.allowed());
                yield p;
            }
            case "NO_TRAJECTORY" -> problem(HttpStatus.CONFLICT, "no-trajectory", "No trajectory for this event", rejection.reason());
            default -> problem(HttpStatus.CONFLICT, "transition-not-allowed", "Event does not fit the trajectory", rejection.reason());
        };
        if (!"UNKNOWN_PATHWAY".equals(rejection.kind()) && !rejection.allowed().isEmpty()) {
            problem.setProperty("allowed", rejection.allowed());
        }
        return problem;
    }

    @ExceptionHandler(PatientNotFoundException.class)
    ProblemDetail patientNotFound(PatientNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail concurrent(DataIntegrityViolationException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "Another registration for this patient and pathway was applied at the same time; read the timeline and retry if still needed.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "One or more parameters are invalid; see 'errors'.");
        problem.setProperty("errors", java.util.List.of(new InvalidRequestException.Violation(e.getName(), "has the wrong format (dates as 2026-11-24)")));
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unhandled error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; nothing was registered. It is safe to retry.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "The body is not valid JSON for this endpoint, or a field has the wrong type or format (dates as 2026-11-24).");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
