package no.carerelay.patient.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.patient.access.AccessLog;
import no.carerelay.patient.access.AccessReports;
import no.carerelay.patient.patient.InvalidNationalIdException;
import no.carerelay.patient.patient.NationalId;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.patient.patient.PatientRegistry;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Denial;

/**
 * A patient's own access log (Normen: patients can see who looked): every entry of every service's access log that
 * names them. The patient is known by the national ID number in the token's {@code pid} claim (ID-porten), which
 * only patient-service may read and which never appears in the answer, the logs or a problem.
 */
@RestController
@Tag(name = "Patient", description = "For the patient, signed in through ID-porten (role patient, national ID number in pid)")
class OwnAccessLogController {

    static final String PATH = "/api/v1/me/access-log";
    private static final String PID = "pid";

    record OwnAccessLogPage(List<AccessReports.Entry> items, int page, int size, long total) {
    }

    /** The token names no usable person; the reason never contains the number. */
    static final class NoUsableNationalIdException extends RuntimeException {

        private final String problemType;

        NoUsableNationalIdException(String problemType, String reason) {
            super(reason);
            this.problemType = problemType;
        }
    }

    private final NationalIdValidator nationalIds;
    private final PatientRegistry registry;
    private final AccessReports reports;
    private final AccessLog accessLog;

    OwnAccessLogController(NationalIdValidator nationalIds, PatientRegistry registry, AccessReports reports, AccessLog accessLog) {
        this.nationalIds = nationalIds;
        this.registry = registry;
        this.reports = reports;
        this.accessLog = accessLog;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who looked at my data: every service's access-log entries that name me, newest first",
            description = """
                    Role patient. The caller is the person whose national ID number is in the token's pid claim (ID-porten); \
                    the answer never contains it. Entries from collaboration-service and trajectory-service arrive through \
                    collaboration.access.v1 and trajectory.access.v1 (shortly after the access, not at once); patient-service's \
                    own entries come from its access log. Someone patient-service holds no data on gets an empty list. This \
                    read is itself logged (resource own-access-log).""")
    @ApiResponse(responseCode = "200", description = "One page of entries; total counts all pages")
    @ApiResponse(responseCode = "400", description = "page below 0 or size outside 1-200 (problem type invalid-request)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "not role patient (problem type forbidden), or the token's pid claim is missing "
            + "(national-id-missing) or not a valid national ID number (national-id-invalid); the number is never echoed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    OwnAccessLogPage accessLog(@Parameter(hidden = true) Caller caller,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "entries per page, 1-200") @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new InvalidRequestException(List.of(page < 0 ? new InvalidRequestException.Violation("page", "must be 0 or more")
                    : new InvalidRequestException.Violation("size", "must be between 1 and 200")));
        }
        NationalId nationalId = nationalIdOf(caller);
        // Only the keyed hash is compared: nothing is decrypted, and an unknown person is not registered.
        Optional<String> pseudonym = registry.knownPseudonym(nationalId);
        AccessReports.Page result = pseudonym.map(known -> reports.page(known, page, size)).orElse(new AccessReports.Page(List.of(), 0));
        // Logged after the query, so the read shows from the next one on: the patient looking at their own data.
        accessLog.granted(caller, "own-access-log", "READ", "patient's own access log", pseudonym.stream().toList());
        return new OwnAccessLogPage(result.items(), page, size, result.total());
    }

    @ExceptionHandler(NoUsableNationalIdException.class)
    ProblemDetail noUsableNationalId(NoUsableNationalIdException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setType(URI.create("https://carerelay.no/problems/" + e.problemType));
        problem.setTitle("The token names no person patient-service can look up");
        return problem;
    }

    /** The pid claim, validated; a refusal is logged as a denial (without the number). */
    private NationalId nationalIdOf(Caller caller) {
        String pid = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? token.getToken().getClaimAsString(PID) : null;
        String type;
        String refusal;
        if (pid == null || pid.isBlank()) {
            type = "national-id-missing";
            refusal = "the token's pid claim is missing";
        } else {
            try {
                return nationalIds.validate(pid);
            } catch (InvalidNationalIdException e) {
                // the validator's reasons never quote the number
                type = "national-id-invalid";
                refusal = "the token's pid claim is not valid: " + e.getMessage();
            }
        }
        accessLog.denied(new Denial("GET", PATH, 403, refusal, caller));
        throw new NoUsableNationalIdException(type, refusal);
    }
}
