package no.carerelay.collaboration.access;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.identity.Actor;

/**
 * Refused access attempts, kept for the controls Normen fact sheet 15 asks for. Written in its own transaction so
 * the record survives the refusal rolling back the request's. The application log line names the case and the
 * municipalities only; who tried is in the table, not in the log.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    AccessLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Actor actor, String resourceType, String resourceId, String action, String reason) {
        jdbc.sql("""
                        INSERT INTO access_log (at, actor, actor_municipality, resource_type, resource_id, action, decision, reason)
                        VALUES (?, ?, ?, ?, ?, ?, 'DENIED', ?)""")
                .params(Timestamp.from(clock.instant()), actor.userId(), actor.municipality(), resourceType, resourceId, action, reason)
                .update();
        meters.counter("carerelay.access.denied", "resource", resourceType, "action", action).increment();
        // neither who nor which patient goes to the application log; both are in access_log
        log.warn("Access denied: {} on a {} by a user acting for municipality {}", action, resourceType,
                actor.municipality() == null ? "none" : actor.municipality());
    }
}
