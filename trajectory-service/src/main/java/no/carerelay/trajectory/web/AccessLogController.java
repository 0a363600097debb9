package no.carerelay.trajectory.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.accesschain.ChainVerification;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.resourceserver.Caller;
import no.carerelay.trajectory.access.AccessLog;
import no.carerelay.trajectory.access.AccessLogEntry;

/**
 * For auditors (role {@code auditor}, see {@code config.ApiAccessRules}): every read and change of pathway data in
 * this service and every refused request, and whether the log's hash chain is intact.
 */
@RestController
@RequestMapping(path = "/api/v1/audit/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Who read or changed which patient's pathway data, and the log's integrity")
class AccessLogController {

    record AccessLogPage(List<AccessLogEntry> items, int page, int size, long total) {
    }

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping
    @Operation(summary = "Access-log entries, newest first; with patient=, who looked at that patient (the look is logged too)")
    AccessLogPage entries(@Parameter(hidden = true) Caller caller,
            @Parameter(description = "a patient's pseudonym") @RequestParam(required = false) String patient,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "entries per page, 1-200") @RequestParam(defaultValue = "50") int size) {
        List<InvalidRequestException.Violation> violations = ChainedAccessLog.queryProblems(patient, page, size).entrySet().stream()
                .map(problem -> new InvalidRequestException.Violation(problem.getKey(), problem.getValue())).toList();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        ChainedAccessLog.Page<AccessLogEntry> result = accessLog.page(patient, page, size);
        if (patient != null) {
            accessLog.record(caller, patient, "read-access-log", "read");
        }
        return new AccessLogPage(result.items(), page, size, result.total());
    }

    @GetMapping("/verification")
    @Operation(summary = "Walks the hash chain: intact, or the first entry where it breaks and why")
    ChainVerification verification() {
        return accessLog.verify();
    }
}
