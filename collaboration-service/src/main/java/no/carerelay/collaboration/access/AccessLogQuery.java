package no.carerelay.collaboration.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.ChainedAccessLog;

/** The access log for auditors, newest first, optionally for one patient ("who looked at this patient"). */
@Service
public class AccessLogQuery {

    private final ChainedAccessLog<AccessLogEntry> chain;

    AccessLogQuery(JdbcClient jdbc) {
        this.chain = AccessLogVerifier.chainOf(jdbc);
    }

    @Transactional(readOnly = true)
    public ChainedAccessLog.Page<AccessLogEntry> page(String patientPseudonym, int page, int size) {
        return chain.newestFirst(patientPseudonym, page, size);
    }
}
