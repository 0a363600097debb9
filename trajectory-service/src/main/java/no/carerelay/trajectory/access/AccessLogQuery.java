package no.carerelay.trajectory.access;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The access log for auditors, newest first, optionally for one patient ("who looked at this patient"). */
@Service
public class AccessLogQuery {

    public record Page(List<AccessLogEntry> items, long total) {
    }

    private final JdbcClient jdbc;

    AccessLogQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Page page(String patientPseudonym, int page, int size) {
        String where = " FROM access_log WHERE (CAST(:patient AS TEXT) IS NULL OR patient_pseudonym = :patient)";
        long total = jdbc.sql("SELECT count(*)" + where).param("patient", patientPseudonym).query(Long.class).single();
        List<AccessLogEntry> items = jdbc.sql("SELECT " + AccessLogVerifier.COLUMNS + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("patient", patientPseudonym).param("limit", size).param("offset", (long) page * size)
                .query(AccessLogVerifier::entry).list();
        return new Page(items, total);
    }
}
