package no.carerelay.collaboration.needs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.care.CareTeam;
import no.carerelay.collaboration.care.CareTeamMember;
import no.carerelay.collaboration.care.PatientAccess;
import no.carerelay.collaboration.errors.InvalidInputException;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.task.Task;
import no.carerelay.collaboration.task.Tasks;
import no.carerelay.contracts.collaboration.TaskOwnerType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Needs assessments (Distress Thermometer, ESAS-r). A score at or above its configured threshold creates, in the
 * same transaction, one follow-up task for the patient's responsible team member (the municipal cancer coordinator,
 * else the hospital's pathway coordinator, else whoever holds the cancer-coordinator role).
 */
@Service
public class NeedsAssessments {

    static final String DISTRESS = "DISTRESS";
    static final Set<String> CONTACT_POINTS = Set.of("SP1", "SP2", "SP3", "OTHER");
    static final Set<String> PROBLEM_CATEGORIES = Set.of("PRACTICAL", "FAMILY", "EMOTIONAL", "SPIRITUAL", "PHYSICAL");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PatientAccess access;
    private final CareTeam team;
    private final Tasks tasks;
    private final NeedsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    NeedsAssessments(JdbcClient jdbc, PatientAccess access, CareTeam team, Tasks tasks, NeedsProperties properties, MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.team = team;
        this.tasks = tasks;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    public record NewAssessment(Instrument instrument, String contactPoint, Instant assessedAt, Map<String, Integer> scores,
            List<NeedsAssessment.Problem> problems) {
    }

    @Transactional
    public NeedsAssessment record(String pseudonym, NewAssessment assessment, Actor actor) {
        access.require(actor, pseudonym, "record-needs-assessment");
        validate(assessment);
        List<NeedsAssessment.Problem> problems = assessment.problems() == null ? List.of() : assessment.problems();
        List<NeedsAssessment.Exceeded> exceeded = exceeded(assessment.instrument(), assessment.scores());
        UUID id = UUID.randomUUID();
        Instant assessedAt = assessment.assessedAt() == null ? clock.instant() : assessment.assessedAt();
        UUID taskId = exceeded.isEmpty() ? null : followUp(pseudonym, id, assessment.instrument(), exceeded).id();
        jdbc.sql("""
                        INSERT INTO needs_assessment (id, patient_pseudonym, instrument, contact_point, scores, problems, exceeded, assessed_by,
                                                      assessed_at, recorded_at)
                        VALUES (?, ?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), CAST(? AS JSONB), ?, ?, ?)""")
                .params(id, pseudonym, assessment.instrument().name(), assessment.contactPoint(), JSON.writeValueAsString(assessment.scores()),
                        JSON.writeValueAsString(problems), JSON.writeValueAsString(new Stored(exceeded, taskId)), actor.userId(),
                        Timestamp.from(assessedAt), Timestamp.from(clock.instant()))
                .update();
        meters.counter("carerelay.needs.assessments", "instrument", assessment.instrument().name(), "follow_up", String.valueOf(taskId != null))
                .increment();
        return new NeedsAssessment(id, pseudonym, assessment.instrument(), assessment.contactPoint(), assessment.scores(), problems, exceeded,
                taskId, actor.userId(), assessedAt);
    }

    @Transactional(readOnly = true)
    public List<NeedsAssessment> ofPatient(String pseudonym, Actor actor) {
        access.require(actor, pseudonym, "read-needs-assessments");
        return jdbc.sql("""
                        SELECT id, instrument, contact_point, scores, problems, exceeded, assessed_by, assessed_at FROM needs_assessment
                        WHERE patient_pseudonym = ? ORDER BY assessed_at DESC, id""")
                .param(pseudonym)
                .query((rs, row) -> {
                    Stored stored = JSON.readValue(rs.getString("exceeded"), Stored.class);
                    return new NeedsAssessment(rs.getObject("id", UUID.class), pseudonym, Instrument.valueOf(rs.getString("instrument")),
                            rs.getString("contact_point"), JSON.readValue(rs.getString("scores"), new TypeReference<LinkedHashMap<String, Integer>>() {
                            }), JSON.readValue(rs.getString("problems"), new TypeReference<List<NeedsAssessment.Problem>>() {
                            }), stored.exceeded(), stored.followUpTaskId(), rs.getString("assessed_by"), rs.getTimestamp("assessed_at").toInstant());
                })
                .list();
    }

    /** The scores at or above their threshold, in the order given. */
    List<NeedsAssessment.Exceeded> exceeded(Instrument instrument, Map<String, Integer> scores) {
        List<NeedsAssessment.Exceeded> exceeded = new ArrayList<>();
        scores.forEach((item, score) -> {
            int threshold = instrument == Instrument.DISTRESS_THERMOMETER ? properties.distressThreshold()
                    : properties.thresholdFor(EsasSymptom.valueOf(item));
            if (score >= threshold) {
                exceeded.add(new NeedsAssessment.Exceeded(item, score, threshold));
            }
        });
        return exceeded;
    }

    private Task followUp(String pseudonym, UUID assessmentId, Instrument instrument, List<NeedsAssessment.Exceeded> exceeded) {
        Optional<CareTeamMember> responsible = team.responsible(pseudonym);
        TaskOwnerType ownerType = responsible.map(m -> m.userId() != null ? TaskOwnerType.PERSON : TaskOwnerType.ROLE).orElse(TaskOwnerType.ROLE);
        String owner = responsible.map(m -> m.userId() != null ? m.userId() : m.role().name()).orElse("MUNICIPAL_CANCER_COORDINATOR");
        String municipality = responsible.map(CareTeamMember::municipality).orElse(null);
        String summary = exceeded.stream().map(e -> e.item() + " " + e.score() + " (threshold " + e.threshold() + ")")
                .collect(Collectors.joining(", "));
        return tasks.createFor(pseudonym, municipality, new Tasks.NewTask("Follow up " + instrument + ": " + summary,
                        "Created because the needs assessment reached its threshold; talk to the patient and agree measures.", ownerType, owner,
                        properties.taskPriority(), clock.instant().plus(properties.taskDueIn())),
                "NEEDS_ASSESSMENT", assessmentId, "system");
    }

    private static void validate(NewAssessment assessment) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (assessment.instrument() == null) {
            violations.add(new InvalidInputException.Violation("instrument", "is required: DISTRESS_THERMOMETER or ESAS_R"));
        }
        if (assessment.contactPoint() != null && !CONTACT_POINTS.contains(assessment.contactPoint())) {
            violations.add(new InvalidInputException.Violation("contactPoint", "must be one of SP1, SP2, SP3, OTHER"));
        }
        Map<String, Integer> scores = assessment.scores() == null ? Map.of() : assessment.scores();
        if (scores.isEmpty()) {
            violations.add(new InvalidInputException.Violation("scores", "at least one score is required"));
        }
        scores.forEach((item, score) -> {
            if (score == null || score < 0 || score > 10) {
                violations.add(new InvalidInputException.Violation("scores." + item, "must be a whole number from 0 to 10"));
            }
        });
        if (assessment.instrument() == Instrument.DISTRESS_THERMOMETER) {
            if (!scores.isEmpty() && !scores.keySet().equals(Set.of(DISTRESS))) {
                violations.add(new InvalidInputException.Violation("scores", "the Distress Thermometer has one score, DISTRESS"));
            }
            List<NeedsAssessment.Problem> problems = assessment.problems() == null ? List.of() : assessment.problems();
            for (int i = 0; i < problems.size(); i++) {
                NeedsAssessment.Problem problem = problems.get(i);
                if (problem == null || !PROBLEM_CATEGORIES.contains(problem.category())) {
                    violations.add(new InvalidInputException.Violation("problems[" + i + "].category", "must be one of " + PROBLEM_CATEGORIES));
                }
                if (problem == null || problem.item() == null || problem.item().isBlank() || problem.item().length() > 100) {
                    violations.add(new InvalidInputException.Violation("problems[" + i + "].item", "is required, at most 100 characters"));
                }
            }
        }
        if (assessment.instrument() == Instrument.ESAS_R) {
            Set<String> known = java.util.Arrays.stream(EsasSymptom.values()).map(Enum::name).collect(Collectors.toSet());
            scores.keySet().stream().filter(item -> !known.contains(item)).forEach(item ->
                    violations.add(new InvalidInputException.Violation("scores." + item, "is not an ESAS-r symptom; use " + known)));
            if (assessment.problems() != null && !assessment.problems().isEmpty()) {
                violations.add(new InvalidInputException.Violation("problems", "ESAS-r has no problem list"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** What the exceeded column holds: the crossings and the task they created. */
    record Stored(List<NeedsAssessment.Exceeded> exceeded, UUID followUpTaskId) {
    }
}
