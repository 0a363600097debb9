package no.carerelay.collaboration.care;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.collaboration.errors.InvalidInputException;
import no.carerelay.collaboration.errors.NotFoundException;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.OrganisationRef;

/** A patient's care team across organisations (FHIR CareTeam): who holds which role, with HER-id and organisation number. */
@Service
public class CareTeam {

    private static final RowMapper<CareTeamMember> MAPPER = (rs, row) -> new CareTeamMember(rs.getObject("id", UUID.class),
            rs.getString("patient_pseudonym"), CareRole.valueOf(rs.getString("role")), CareRole.Sector.valueOf(rs.getString("sector")),
            rs.getString("user_id"), new OrganisationRef(rs.getString("organisation_number"), rs.getString("her_id"), rs.getString("organisation_name")),
            rs.getString("municipality"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());

    private final JdbcClient jdbc;
    private final PatientAccess access;
    private final Clock clock;

    CareTeam(JdbcClient jdbc, PatientAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    public record NewMember(CareRole role, String userId, OrganisationRef organisation, String municipality) {
    }

    @Transactional(readOnly = true)
    public List<CareTeamMember> members(String pseudonym, Actor actor) {
        access.require(actor, pseudonym, "read-care-team");
        return members(pseudonym);
    }

    /** Active members, without an access check: for the service's own decisions (who gets a task). */
    @Transactional(readOnly = true)
    public List<CareTeamMember> members(String pseudonym) {
        return jdbc.sql("SELECT * FROM care_team_member WHERE patient_pseudonym = ? AND ended_at IS NULL ORDER BY added_at, id")
                .param(pseudonym).query(MAPPER).list();
    }

    @Transactional
    public CareTeamMember add(String pseudonym, NewMember member, Actor actor) {
        access.require(actor, pseudonym, "add-care-team-member");
        boolean municipal = member.role().sector() == CareRole.Sector.MUNICIPALITY;
        if (municipal && member.municipality() == null) {
            throw InvalidInputException.of("municipality", "is required for the municipal role " + member.role());
        }
        if (!municipal && member.municipality() != null) {
            throw InvalidInputException.of("municipality", "must be absent for the hospital role " + member.role());
        }
        Instant now = clock.instant();
        CareTeamMember added = new CareTeamMember(UUID.randomUUID(), pseudonym, member.role(), member.role().sector(), member.userId(),
                member.organisation(), member.municipality(), actor.userId(), now);
        try {
            jdbc.sql("""
                            INSERT INTO care_team_member (id, patient_pseudonym, role, sector, user_id, organisation_number, her_id, organisation_name,
                                                          municipality, added_by, added_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(added.id(), pseudonym, added.role().name(), added.sector().name(), added.userId(),
                            added.organisation().organisationNumber(), added.organisation().herId(), added.organisation().name(),
                            added.municipality(), added.addedBy(), Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("role", "this person or organisation already holds " + member.role() + " on the team");
        }
        return added;
    }

    @Transactional
    public void remove(String pseudonym, UUID memberId, Actor actor) {
        access.require(actor, pseudonym, "remove-care-team-member");
        int ended = jdbc.sql("UPDATE care_team_member SET ended_at = ? WHERE id = ? AND patient_pseudonym = ? AND ended_at IS NULL")
                .params(Timestamp.from(clock.instant()), memberId, pseudonym).update();
        if (ended == 0) {
            throw new NotFoundException("care-team member", memberId);
        }
    }

    /**
     * Who answers for a patient's follow-up: the municipal cancer coordinator when there is one, else the hospital's
     * pathway coordinator, else nobody named.
     */
    @Transactional(readOnly = true)
    public Optional<CareTeamMember> responsible(String pseudonym) {
        List<CareTeamMember> team = members(pseudonym);
        return team.stream().filter(m -> m.role() == CareRole.MUNICIPAL_CANCER_COORDINATOR).findFirst()
                .or(() -> team.stream().filter(m -> m.role() == CareRole.PATHWAY_COORDINATOR).findFirst());
    }
}
