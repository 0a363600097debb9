package no.carerelay.collaboration.plan;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.collaboration.care.CareRole;
import no.carerelay.collaboration.care.CareTeam;
import no.carerelay.collaboration.care.CareTeamMember;
import no.carerelay.collaboration.care.PatientAccess;
import no.carerelay.collaboration.errors.InvalidInputException;
import no.carerelay.collaboration.errors.NotFoundException;
import no.carerelay.collaboration.errors.VersionConflictException;
import no.carerelay.collaboration.identity.Actor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and replaces a patient's individual plan as one document, guarded by its version. */
@Service
public class IndividualPlans {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PatientAccess access;
    private final CareTeam team;
    private final Clock clock;

    IndividualPlans(JdbcClient jdbc, PatientAccess access, CareTeam team, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.team = team;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public IndividualPlan get(String pseudonym, Actor actor) {
        access.require(actor, pseudonym, "read-individual-plan");
        return find(pseudonym).orElseThrow(() -> new NotFoundException("individual plan for this patient yet", null));
    }

    /**
     * Replaces the plan. {@code expectedVersion} is the version the editor read (0 for a new plan); another edit in
     * between is refused rather than overwritten.
     */
    @Transactional
    public IndividualPlan put(String pseudonym, List<String> goals, List<IndividualPlan.Measure> measures, int expectedVersion, Actor actor) {
        access.require(actor, pseudonym, "update-individual-plan");
        List<CareTeamMember> members = team.members(pseudonym);
        validate(goals, measures, members);
        int current = jdbc.sql("SELECT version FROM individual_plan WHERE patient_pseudonym = ? FOR UPDATE").param(pseudonym)
                .query(Integer.class).optional().orElse(0);
        if (current != expectedVersion) {
            throw new VersionConflictException("the individual plan", current, expectedVersion);
        }
        CareRole.Sector lead = members.stream().anyMatch(m -> m.sector() == CareRole.Sector.MUNICIPALITY) ? CareRole.Sector.MUNICIPALITY
                : CareRole.Sector.HOSPITAL;
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO individual_plan (patient_pseudonym, lead_sector, goals, measures, version, updated_by, updated_at)
                        VALUES (?, ?, CAST(? AS JSONB), CAST(? AS JSONB), ?, ?, ?)
                        ON CONFLICT (patient_pseudonym) DO UPDATE SET lead_sector = EXCLUDED.lead_sector, goals = EXCLUDED.goals,
                            measures = EXCLUDED.measures, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .params(pseudonym, lead.name(), JSON.writeValueAsString(goals), JSON.writeValueAsString(measures), current + 1, actor.userId(),
                        Timestamp.from(now))
                .update();
        return find(pseudonym).orElseThrow();
    }

    private Optional<IndividualPlan> find(String pseudonym) {
        return jdbc.sql("SELECT * FROM individual_plan WHERE patient_pseudonym = ?").param(pseudonym)
                .query((rs, row) -> new IndividualPlan(pseudonym, CareRole.Sector.valueOf(rs.getString("lead_sector")),
                        JSON.readValue(rs.getString("goals"), new TypeReference<List<String>>() {
                        }), JSON.readValue(rs.getString("measures"), new TypeReference<List<IndividualPlan.Measure>>() {
                        }), rs.getInt("version"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    private static void validate(List<String> goals, List<IndividualPlan.Measure> measures, List<CareTeamMember> members) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (goals == null || goals.isEmpty()) {
            violations.add(new InvalidInputException.Violation("goals", "at least one goal is required"));
        } else {
            for (int i = 0; i < goals.size(); i++) {
                if (goals.get(i) == null || goals.get(i).isBlank() || goals.get(i).length() > 1000) {
                    violations.add(new InvalidInputException.Violation("goals[" + i + "]", "is required, at most 1000 characters"));
                }
            }
        }
        List<IndividualPlan.Measure> list = measures == null ? List.of() : measures;
        for (int i = 0; i < list.size(); i++) {
            IndividualPlan.Measure measure = list.get(i);
            String at = "measures[" + i + "]";
            if (measure == null || measure.description() == null || measure.description().isBlank() || measure.description().length() > 1000) {
                violations.add(new InvalidInputException.Violation(at + ".description", "is required, at most 1000 characters"));
            }
            if (measure == null || measure.responsibleRole() == null) {
                violations.add(new InvalidInputException.Violation(at + ".responsibleRole", "is required"));
            } else if (members.stream().noneMatch(m -> m.role() == measure.responsibleRole()
                    && (measure.responsibleOrganisation() == null || measure.responsibleOrganisation().equals(m.organisation().organisationNumber())))) {
                violations.add(new InvalidInputException.Violation(at + ".responsibleRole",
                        "nobody on the care team holds " + measure.responsibleRole()
                                + (measure.responsibleOrganisation() == null ? "" : " in organisation " + measure.responsibleOrganisation())
                                + "; add them to the team first"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
