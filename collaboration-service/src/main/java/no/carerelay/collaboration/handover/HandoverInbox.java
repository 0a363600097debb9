package no.carerelay.collaboration.handover;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.collaboration.identity.Actor;
import no.carerelay.resourceserver.Role;

/**
 * The handover cases a caller may see, the most pressing deadline first: a municipality's inbox (the cases addressed
 * to the kommunenummer of its token), and for a hospital pathway coordinator the cases of the patients whose care
 * team they are on. Nobody else sees any.
 */
@Service
public class HandoverInbox {

    private final JdbcClient jdbc;

    HandoverInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(List<HandoverStatus> statuses, String reason, Boolean escalated) {
    }

    public record Page(List<HandoverCase> items, long total) {
    }

    @Transactional(readOnly = true)
    public Page page(Actor actor, Filter filter, int page, int size) {
        List<String> visible = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (actor.municipality() != null) {
            visible.add("municipality = ?");
            params.add(actor.municipality());
        }
        if (actor.has(Role.PATHWAY_COORDINATOR)) {
            visible.add("patient_pseudonym IN (SELECT patient_pseudonym FROM care_team_member WHERE user_id = ? AND ended_at IS NULL)");
            params.add(actor.userId());
        }
        if (visible.isEmpty()) {
            return new Page(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(" WHERE (" + String.join(" OR ", visible) + ")");
        if (!filter.statuses().isEmpty()) {
            where.append(" AND status IN (").append(String.join(", ", filter.statuses().stream().map(s -> "?").toList())).append(")");
            filter.statuses().forEach(status -> params.add(status.name()));
        }
        if (filter.reason() != null) {
            where.append(" AND reason = ?");
            params.add(filter.reason());
        }
        if (filter.escalated() != null) {
            where.append(filter.escalated() ? " AND escalated_at IS NOT NULL" : " AND escalated_at IS NULL");
        }
        long total = jdbc.sql("SELECT count(*) FROM handover_case" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        // unanswered first, then by deadline: what costs the most if left is at the top
        List<HandoverCase> items = jdbc.sql("SELECT " + HandoverCaseRows.COLUMNS + " FROM handover_case" + where
                        + " ORDER BY CASE WHEN status IN ('REQUESTED', 'RECEIVED') THEN 0 WHEN status = 'ACCEPTED' THEN 1 ELSE 2 END, due_at, id"
                        + " LIMIT ? OFFSET ?")
                .params(pageParams).query(HandoverCaseRows.MAPPER).list();
        return new Page(items, total);
    }
}
