package no.carerelay.collaboration.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.accesschain.ChainVerification;
import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.access.AccessLogEntry;
import no.carerelay.collaboration.access.AccessLogQuery;
import no.carerelay.collaboration.access.AccessLogVerifier;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.resourceserver.Caller;

/**
 * For auditors (role {@code auditor}, see {@code config.ApiAccessRules}): every access to patient data in this
 * service and every request the filter refused, and whether the log's hash chain is intact.
 */
@RestController
@RequestMapping(path = "/api/v1/audit/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Who read or changed which patient's data, and the log's integrity")
class AccessLogController {

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
    PageResponse<AccessLogEntry> entries(@Parameter(hidden = true) Caller caller, @RequestParam(required = false) String patient,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (patient != null) {
            Pseudonyms.require(patient, "patient");
        }
        new Validation().page(page, size).orThrow();
        ChainedAccessLog.Page<AccessLogEntry> result = query.page(patient, page, size);
        if (patient != null) {
            accessLog.granted(Actor.of(caller), "access-log", patient, patient, "read-access-log");
        }
        return new PageResponse<>(result.items(), page, size, result.total());
    }

    @GetMapping("/verification")
    @Operation(summary = "Walks the hash chain: intact, or the first entry where it breaks and why")
    ChainVerification verification() {
        return verifier.verify();
    }
}
