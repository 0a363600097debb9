package no.carerelay.trajectory.compliance;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import no.carerelay.trajectory.config.TrajectoryProperties;

/**
 * The national indicator: of the trajectories whose first treatment (surgery, drug or radiotherapy) has started,
 * the share that started within that treatment's standard OF4 lead time; target at least 70 % (domain brief §1,
 * "Targets"). A trajectory counts for the trust that started it, also when it was treated elsewhere, as NPR does.
 */
@Service
public class LeadTimeCompliance {

    private final JdbcClient jdbc;
    private final double target;

    LeadTimeCompliance(JdbcClient jdbc, TrajectoryProperties properties) {
        this.jdbc = jdbc;
        this.target = properties.compliance().target();
    }

    /**
     * @param pathway  optional filter, e.g. A12
     * @param hospital optional filter: organisation number of the starting trust
     * @param from     optional: treatment start on or after
     * @param to       optional: treatment start on or before
     */
    public List<Share> shares(String pathway, String hospital, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT pathway, start_hospital_org, count(*) AS completed, count(*) FILTER (WHERE within_standard) AS within
                        FROM trajectory
                        WHERE within_standard IS NOT NULL
                          AND (CAST(:pathway AS TEXT) IS NULL OR pathway = :pathway)
                          AND (CAST(:hospital AS TEXT) IS NULL OR start_hospital_org = :hospital)
                          AND (CAST(:from AS DATE) IS NULL OR treatment_date >= :from)
                          AND (CAST(:to AS DATE) IS NULL OR treatment_date <= :to)
                        GROUP BY pathway, start_hospital_org
                        ORDER BY pathway, start_hospital_org""")
                .param("pathway", pathway).param("hospital", hospital).param("from", from).param("to", to)
                .query((rs, row) -> share(rs.getString("pathway"), rs.getString("start_hospital_org"), rs.getLong("completed"),
                        rs.getLong("within")))
                .list();
    }

    double target() {
        return target;
    }

    private Share share(String pathway, String hospital, long completed, long within) {
        double share = completed == 0 ? 0 : (double) within / completed;
        return new Share(pathway, hospital, completed, within, share, target, share >= target);
    }

    /**
     * @param hospital organisation number of the trust that started the trajectories
     * @param share    within / completed, 0-1
     */
    public record Share(String pathway, String hospital, long completed, long withinStandard, double share, double target, boolean meetsTarget) {
    }
}
