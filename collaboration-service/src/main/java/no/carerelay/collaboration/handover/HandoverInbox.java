package no.carerelay.collaboration.handover;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A municipality's handover inbox: its own cases only, the most pressing deadline first. */
@Service
public class HandoverInbox {

    private final JdbcClient jdbc;

    HandoverInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(String municipality, List<HandoverStatus> statuses, String reason, Boolean escalated) {
    }

    public record Page(List<HandoverCase> items, long total) {
    }

    @Transactional(readOnly = true)
    public Page page(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE municipality = ?");
        List<Object> params = new ArrayList<>(List.of(filter.municipality()));
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
