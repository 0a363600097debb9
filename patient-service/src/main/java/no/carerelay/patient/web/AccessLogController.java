package no.carerelay.patient.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.accesschain.AccessLogPages;
import no.carerelay.accesschain.ChainVerification;
import no.carerelay.resourceserver.Caller;
import no.carerelay.patient.access.AccessLog;
import no.carerelay.patient.access.AccessLogEntry;
import no.carerelay.patient.access.AccessLogQuery;
import no.carerelay.patient.access.AccessLogVerifier;

/**
 * For auditors (role {@code auditor}, see {@code config.ApiAccessRules}): every read of patient data in
 * this service and every refused request, and whether the log's hash chain is intact.
 */
@RestController
@RequestMapping(path = "/api/v1/audit/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Who read which patient's data in patient-service (the ingest log, the patient's own access log), every refusal, and the log's integrity")
class AccessLogController {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    record AccessLogPage(List<AccessLogEntry> items, int page, int size, long total) {
    }

    private final AccessLogQuery query;
    private final AccessLogVerifier verifier;
    private final AccessLog accessLog;

    AccessLogController(AccessLogQuery query, AccessLogVerifier verifier, AccessLog accessLog) {
        this.query = query;
        this.verifier = verifier;
        this.accessLog = accessLog;
    }

    @GetMapping
    @Operation(summary = "Access-log entries, newest first; with patient=, who looked at that patient (the look is logged too)")
    AccessLogPage entries(@Parameter(hidden = true) Caller caller,
            @Parameter(description = "a patient's pseudonym") @RequestParam(required = false) String patient,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "entries per page, 1-200") @RequestParam(defaultValue = "50") int size) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        if (patient != null && !PSEUDONYM.matcher(patient).matches()) {
            violations.add(new InvalidRequestException.Violation("patient", "must be a patient pseudonym: 16-64 characters of A-Z, a-z, 0-9, _ and -"));
        }
        if (page < 0) {
            violations.add(new InvalidRequestException.Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > 200) {
            violations.add(new InvalidRequestException.Violation("size", "must be between 1 and 200"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        AccessLogPages.Page<AccessLogEntry> result = query.page(patient, page, size);
        if (patient != null) {
            accessLog.granted(caller, "access-log", "READ", "audit of who looked at the patient", List.of(patient));
        }
        return new AccessLogPage(result.items(), page, size, result.total());
    }

    @GetMapping("/verification")
    @Operation(summary = "Walks the hash chain: intact, or the first entry where it breaks and why")
    ChainVerification verification() {
        return verifier.verify();
    }
}
