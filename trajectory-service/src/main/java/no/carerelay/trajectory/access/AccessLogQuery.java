package no.carerelay.trajectory.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.AccessLogPages;

/** The access log for auditors, newest first, optionally for one patient ("who looked at this patient"). */
@Service
public class AccessLogQuery {

    private final JdbcClient jdbc;

    AccessLogQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AccessLogPages.Page<AccessLogEntry> page(String patientPseudonym, int page, int size) {
        return AccessLogPages.newestFirst(jdbc, AccessLogVerifier.COLUMNS, AccessLogVerifier::entry, patientPseudonym, page, size);
    }
}
