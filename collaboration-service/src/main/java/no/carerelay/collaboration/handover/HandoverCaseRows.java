package no.carerelay.collaboration.handover;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.HandoverReason;

/** Reads handover_case rows. */
final class HandoverCaseRows {

    static final String COLUMNS = """
            id, requirement_id, patient_pseudonym, municipality, receiving_service, reason, needed, due_at, requested_by_org,
            requested_by_her_id, requested_by_name, status, opened_at, declared_on, received_at, received_by, accepted_at,
            accepted_by, planned_start, rejected_at, rejected_by, rejection_reason, proposed_date, cancelled_at,
            cancellation_reason, completed_at, completed_by, escalated_at""";

    static final RowMapper<HandoverCase> MAPPER = HandoverCaseRows::map;

    private HandoverCaseRows() {
    }

    private static HandoverCase map(ResultSet rs, int row) throws SQLException {
        return new HandoverCase(rs.getObject("id", UUID.class), rs.getObject("requirement_id", UUID.class), rs.getString("patient_pseudonym"),
                rs.getString("municipality"), rs.getString("receiving_service"), HandoverReason.valueOf(rs.getString("reason")),
                rs.getString("needed"), instant(rs, "due_at"),
                new OrganisationRef(rs.getString("requested_by_org"), rs.getString("requested_by_her_id"), rs.getString("requested_by_name")),
                HandoverStatus.valueOf(rs.getString("status")), instant(rs, "opened_at"), date(rs, "declared_on"), instant(rs, "received_at"),
                rs.getString("received_by"), instant(rs, "accepted_at"), rs.getString("accepted_by"), date(rs, "planned_start"),
                instant(rs, "rejected_at"), rs.getString("rejected_by"), rs.getString("rejection_reason"), date(rs, "proposed_date"),
                instant(rs, "cancelled_at"), rs.getString("cancellation_reason"), instant(rs, "completed_at"), rs.getString("completed_by"),
                instant(rs, "escalated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
