package no.carerelay.trajectory.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import no.carerelay.resourceserver.Denial;
import no.carerelay.resourceserver.DenialListener;

/**
 * Writes every request the token filter refused (401, 403) to the access log: an attempt on a patient's pathway data
 * must be reviewable even when it never reached a controller. The patient is the pseudonym in the path, when the path
 * names a well-formed one.
 */
@Component
class DeniedRequests implements DenialListener {

    private static final Pattern PATIENT_PATH = Pattern.compile("/api/v1/patients/([A-Za-z0-9_-]{16,64})(/.*)?");

    private final AccessLog accessLog;

    DeniedRequests(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void denied(Denial denial) {
        Matcher patient = PATIENT_PATH.matcher(denial.path());
        String pseudonym = patient.matches() ? patient.group(1) : null;
        accessLog.requestRefused(denial.caller(), pseudonym, action(denial.method(), patient.matches() ? patient.group(2) : null),
                denial.method() + " " + denial.path(), denial.status(), denial.reason());
    }

    /** The action the request would have been, named as the controller logs it, so one patient's log reads as one list. */
    private static String action(String method, String patientSubPath) {
        if ("POST".equals(method) && "/pathway-events".equals(patientSubPath)) {
            return "register-pathway-event";
        }
        if ("GET".equals(method) && "/trajectories".equals(patientSubPath)) {
            return "read-timeline";
        }
        return "api-request";
    }
}
