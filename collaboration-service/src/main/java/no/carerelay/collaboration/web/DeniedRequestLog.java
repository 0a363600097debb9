package no.carerelay.collaboration.web;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.resourceserver.Denial;
import no.carerelay.resourceserver.DenialListener;

/**
 * Writes every request the filter chain refuses (401: no valid token; 403: a role the endpoint's rule does not name)
 * to the access log, so an auditor sees attempts that never reached the service next to the service's own
 * refusals. Who is recorded when the token was valid (a 403); for a 401 who it was is not known, and nothing from
 * the refused token is taken as if it were. When the path names a patient ({@code /api/v1/patients/{patient}/...})
 * and it is a well-formed pseudonym, the entry is filed under that patient, so the patient's log shows the attempt.
 */
@Component
class DeniedRequestLog implements DenialListener {

    private static final PathPattern PATIENT_PATH = PathPatternParser.defaultInstance.parse("/api/v1/patients/{patient}/**");

    private final AccessLog accessLog;

    DeniedRequestLog(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void denied(Denial denial) {
        accessLog.requestRefused(denial.caller() == null ? null : Actor.of(denial.caller()), denial.method(), denial.path(),
                patient(denial.path()), denial.status(), denial.reason());
    }

    /** The pseudonym the path names, or null (no patient path, or not a pseudonym: a caller's text is not filed as one). */
    static String patient(String path) {
        if (path == null) {
            return null;
        }
        PathPattern.PathMatchInfo match;
        try {
            match = PATIENT_PATH.matchAndExtract(PathContainer.parsePath(path));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String patient = match == null ? null : match.getUriVariables().get("patient");
        return patient != null && Pseudonyms.valid(patient) ? patient : null;
    }
}
