package no.carerelay.trajectory.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.trajectory.config.TrajectoryProperties;
import no.carerelay.trajectory.deadline.CalendarDays;
import no.carerelay.trajectory.deadline.Deadlines;
import no.carerelay.trajectory.handover.HandoverRequirements;
import no.carerelay.trajectory.pathway.EventSuffix;
import no.carerelay.trajectory.pathway.HomePathway;
import no.carerelay.trajectory.pathway.LeadTime;
import no.carerelay.trajectory.pathway.NprCode;
import no.carerelay.trajectory.pathway.PathwayCatalog;
import no.carerelay.trajectory.pathway.PathwayDefinition;
import no.carerelay.trajectory.pathway.PathwayVersion;
import no.carerelay.trajectory.pathway.TreatmentType;
import no.carerelay.trajectory.trajectory.PathwayEventCommand.Source;
import no.carerelay.trajectory.trajectory.Registration.Rejection;

/**
 * Applies pathway events to trajectories: the NPR codes (from patient.encounters.v1 or a pathway coordinator) and
 * the Pakkeforløp hjem contact points. Each applied event opens or closes deadlines and may require a handover, in
 * the caller's transaction. An event that does not fit is refused with the codes that would (API) or recorded as
 * ignored on the timeline (Kafka: the hospital's registration is a fact, but not one this trajectory can take).
 */
@Service
public class TrajectoryService {

    private static final Set<DeadlineInterval> ALL = EnumSet.allOf(DeadlineInterval.class);
    private static final Set<DeadlineInterval> LEAD_TIMES = EnumSet.of(DeadlineInterval.OF1, DeadlineInterval.OF2, DeadlineInterval.OF3,
            DeadlineInterval.OF4);

    private final Trajectories trajectories;
    private final Deadlines deadlines;
    private final PathwayCatalog catalog;
    private final HandoverRequirements handovers;
    private final Clock clock;
    private final ZoneId zone;
    private final MeterRegistry meters;

    TrajectoryService(Trajectories trajectories, Deadlines deadlines, PathwayCatalog catalog, HandoverRequirements handovers, Clock clock,
            TrajectoryProperties properties, MeterRegistry meters) {
        this.trajectories = trajectories;
        this.deadlines = deadlines;
        this.catalog = catalog;
        this.handovers = handovers;
        this.clock = clock;
        this.zone = properties.timeZone();
        this.meters = meters;
    }

    @Transactional
    public Registration register(PathwayEventCommand command) {
        Registration registration = isHomeMilestone(command.code()) ? registerHomeMilestone(command) : registerNprCode(command);
        meters.counter("carerelay.trajectory.pathway.events", "source", command.source().name(),
                "outcome", registration.applied() ? "applied" : "rejected").increment();
        return registration;
    }

    static boolean isHomeMilestone(String code) {
        return "SP1".equals(code) || "SP2".equals(code) || "SP3".equals(code);
    }

    private Registration registerNprCode(PathwayEventCommand command) {
        Optional<NprCode> parsed = NprCode.parse(command.code());
        if (parsed.isEmpty()) {
            return reject(command, null, "UNKNOWN_CODE", "code is neither an NPR pathway code (prefix A00-A99, B01 or C01 and an event suffix)"
                    + " nor a Pakkeforløp hjem contact point (SP1, SP2, SP3)", List.of());
        }
        NprCode code = parsed.get();
        Optional<PathwayDefinition> definition = catalog.find(code.pathway());
        if (definition.isEmpty()) {
            return reject(command, null, "UNKNOWN_PATHWAY", "pathway " + code.pathway() + " has no definition here",
                    catalog.all().stream().map(PathwayDefinition::code).toList());
        }
        if (command.hospital() == null) {
            return reject(command, null, "MISSING_FIELD", "hospital is required with an NPR code", List.of());
        }
        Optional<Trajectory> running = trajectories.findRunningForUpdate(command.patientPseudonym(), code.pathway());
        if (running.isEmpty()) {
            if (code.suffix() == EventSuffix.A) {
                return start(command, code, definition.get());
            }
            if (code.suffix() == EventSuffix.X) {
                Optional<Trajectory> treated = trajectories.findLatestTreatedForUpdate(command.patientPseudonym(), code.pathway());
                if (treated.isPresent()) {
                    return end(command, code, treated.get());
                }
            }
            return reject(command, null, "NO_TRAJECTORY", "no running " + code.pathway() + " trajectory for this patient; it starts with "
                    + code.pathway() + "A", List.of(code.pathway() + "A"));
        }
        Trajectory trajectory = running.get();
        // A again is the referral reaching another trust; from the trust that already has it, it is no event
        boolean sameTrust = trajectory.hospital().organisationNumber().equals(command.hospital().organisationNumber());
        boolean sameTrustRestart = code.suffix() == EventSuffix.A && sameTrust;
        if (!trajectory.status().allows(code.suffix()) || sameTrustRestart) {
            List<String> allowed = trajectory.status().allowedNext().stream()
                    .filter(s -> !(s == EventSuffix.A && sameTrust))
                    .map(s -> code.pathway() + s.name()).toList();
            return reject(command, trajectory.id(), "NOT_ALLOWED", code + " does not fit a trajectory in status " + trajectory.status()
                    + (sameTrustRestart ? " (the pathway was already started at this trust)" : ""), allowed);
        }
        if (command.municipality() != null || !command.hospital().equals(trajectory.hospital())) {
            trajectories.updateHospitalAndMunicipality(trajectory.id(), command.hospital(), command.municipality());
        }
        return switch (code.suffix().kind()) {
            case START -> applied(command, trajectory, trajectory.status(),
                    List.of("referral received at another trust; lead times keep running from " + trajectory.startDate()));
            case FIRST_VISIT -> firstVisit(command, code, trajectory);
            case TRANSFER -> applied(command, trajectory, trajectory.status(), List.of("transferred; the receiving trust registers "
                    + code.pathway() + "A"));
            case DECISION -> decision(command, code, trajectory);
            case TREATMENT -> treatment(command, code, trajectory);
            case END -> end(command, code, trajectory);
        };
    }

    private Registration start(PathwayEventCommand command, NprCode code, PathwayDefinition definition) {
        if (command.municipality() == null) {
            return reject(command, null, "MISSING_FIELD", "municipality is required to start a trajectory", List.of());
        }
        PathwayVersion version = definition.versionOn(command.eventDate());
        Trajectory trajectory = new Trajectory(UUID.randomUUID(), command.patientPseudonym(), code.pathway(), version.validFrom(),
                TrajectoryStatus.REFERRED, command.eventDate(), command.hospital().organisationNumber(), command.hospital(),
                command.municipality(), null, null, null, null, null);
        trajectories.insert(trajectory);
        List<String> effects = new ArrayList<>();
        effects.add("trajectory started with the " + code.pathway() + " lead times in force from " + version.validFrom());
        version.leadTime(DeadlineInterval.OF1, null).ifPresent(of1 -> open(trajectory, of1, command.eventDate(),
                "first visit (" + code.pathway() + "S)", effects));
        // A total without a treatment ends at the clinical decision (the diagnostic pathway)
        version.leadTime(DeadlineInterval.OF4, null).ifPresent(of4 -> open(trajectory, of4, command.eventDate(),
                "clinical decision (" + code.pathway() + "CK/CM/CA/CI)", effects));
        return applied(command, trajectory, TrajectoryStatus.REFERRED, effects);
    }

    private Registration firstVisit(PathwayEventCommand command, NprCode code, Trajectory trajectory) {
        List<String> effects = new ArrayList<>();
        close(trajectory, EnumSet.of(DeadlineInterval.OF1), command.eventDate(), effects);
        trajectories.firstVisit(trajectory.id(), command.eventDate());
        version(trajectory).leadTime(DeadlineInterval.OF2, null).ifPresent(of2 -> open(trajectory, of2, command.eventDate(),
                "clinical decision (" + code.pathway() + "CK/CM/CA/CI)", effects));
        return applied(command, trajectory, TrajectoryStatus.INVESTIGATING, effects);
    }

    private Registration decision(PathwayEventCommand command, NprCode code, Trajectory trajectory) {
        List<String> effects = new ArrayList<>();
        close(trajectory, EnumSet.of(DeadlineInterval.OF1, DeadlineInterval.OF2, DeadlineInterval.OF4), command.eventDate(), effects);
        if (code.suffix() != EventSuffix.CK) {
            // other cancer (continues in another pathway), other disease, or no disease: this pathway ends here
            trajectories.ended(trajectory.id(), code.toString(), command.eventDate());
            deadlines.cancel(trajectory.id(), LEAD_TIMES, command.eventDate());
            effects.add("pathway ended by the decision " + code.suffix() + " (" + code.suffix().description() + ")");
            return applied(command, trajectory, TrajectoryStatus.ENDED, effects);
        }
        PathwayVersion version = version(trajectory);
        TreatmentType planned = command.plannedTreatment();
        if (planned != null && version.leadTime(DeadlineInterval.OF3, planned).isEmpty()) {
            effects.add("the pathway sets no lead time for " + planned + "; the strictest one runs");
            planned = null;
        }
        boolean homeStarts = !trajectories.hasRunningHomePathway(trajectory.patientPseudonym());
        trajectories.decided(trajectory.id(), code.toString(), command.eventDate(), planned == null ? null : planned.name(),
                homeStarts ? command.eventDate() : null);
        String awaiting = planned == null
                ? "treatment start (" + version.perTreatment(DeadlineInterval.OF3).stream().map(l -> code.pathway() + l.treatment().suffix())
                        .collect(Collectors.joining("/")) + ")"
                : planned.description() + " (" + code.pathway() + planned.suffix() + ")";
        Optional<LeadTime> of3 = planned == null ? version.shortest(DeadlineInterval.OF3) : version.leadTime(DeadlineInterval.OF3, planned);
        Optional<LeadTime> of4 = planned == null ? version.shortest(DeadlineInterval.OF4) : version.leadTime(DeadlineInterval.OF4, planned);
        of3.ifPresent(l -> open(trajectory, l, command.eventDate(), awaiting, effects));
        of4.ifPresent(l -> open(trajectory, l, trajectory.startDate(), awaiting, effects));
        if (homeStarts) {
            startHomePathway(trajectory, command.eventDate(), effects);
        } else {
            effects.add("Pakkeforløp hjem already runs for this patient; not started again");
        }
        return applied(command, trajectory, TrajectoryStatus.DECIDED, effects);
    }

    private void startHomePathway(Trajectory trajectory, LocalDate diagnosis, List<String> effects) {
        HomePathway home = catalog.homePathwayOn(diagnosis);
        deadlines.openHomeWindow(trajectory.id(), trajectory.patientPseudonym(), trajectory.pathway(), DeadlineInterval.SP2, diagnosis,
                home.sp2Opens(diagnosis), home.sp2Due(diagnosis), "SP2 needs assessment in the municipality (Pakkeforløp hjem)");
        deadlines.openHomeWindow(trajectory.id(), trajectory.patientPseudonym(), trajectory.pathway(), DeadlineInterval.SP3, diagnosis,
                home.sp3Opens(diagnosis), home.sp3Due(diagnosis), "SP3 needs assessment in the municipality (Pakkeforløp hjem)");
        effects.add("Pakkeforløp hjem started: SP1 in hospital now, SP2 " + home.sp2Opens(diagnosis) + " to " + home.sp2Due(diagnosis)
                + ", SP3 " + home.sp3Opens(diagnosis) + " to " + home.sp3Due(diagnosis));
    }

    private Registration treatment(PathwayEventCommand command, NprCode code, Trajectory trajectory) {
        List<String> effects = new ArrayList<>();
        close(trajectory, EnumSet.of(DeadlineInterval.OF3, DeadlineInterval.OF4), command.eventDate(), effects);
        int days = CalendarDays.between(trajectory.startDate(), command.eventDate());
        // The national indicator counts surgery, drug and radiotherapy starts against their own OF4
        Optional<LeadTime> standard = TreatmentType.ofSuffix(code.suffix())
                .flatMap(type -> version(trajectory).leadTime(DeadlineInterval.OF4, type));
        Boolean within = standard.map(s -> days <= s.days()).orElse(null);
        trajectories.treatmentStarted(trajectory.id(), code.toString(), command.eventDate(), days, standard.map(LeadTime::days).orElse(null),
                within);
        effects.add(standard.map(s -> "treatment started after " + days + " days; standard " + s.days() + ": "
                        + (days <= s.days() ? "within" : "outside") + " the standard lead time")
                .orElse("treatment started after " + days + " days; the pathway sets no standard for " + code.suffix()));
        return applied(command, trajectory, TrajectoryStatus.TREATMENT_STARTED, effects);
    }

    private Registration end(PathwayEventCommand command, NprCode code, Trajectory trajectory) {
        trajectories.ended(trajectory.id(), code.toString(), command.eventDate());
        int cancelled = deadlines.cancel(trajectory.id(), ALL, command.eventDate());
        return applied(command, trajectory, TrajectoryStatus.ENDED,
                List.of("pathway ended (X); " + cancelled + " open deadline(s) cancelled, including Pakkeforløp hjem"));
    }

    private Registration registerHomeMilestone(PathwayEventCommand command) {
        int contactPoint = command.code().charAt(2) - '0';
        Optional<Trajectory> found = trajectories.findHomePathwayForUpdate(command.patientPseudonym());
        if (found.isEmpty()) {
            return reject(command, null, "NO_TRAJECTORY", "no Pakkeforløp hjem runs for this patient; it starts with a CK decision", List.of());
        }
        Trajectory trajectory = found.get();
        LocalDate done = contactPoint == 1 ? trajectory.sp1Date() : contactPoint == 2 ? trajectory.sp2Date() : trajectory.sp3Date();
        if (done != null) {
            List<String> allowed = new ArrayList<>();
            if (trajectory.sp1Date() == null) allowed.add("SP1");
            if (trajectory.sp2Date() == null) allowed.add("SP2");
            if (trajectory.sp3Date() == null) allowed.add("SP3");
            return reject(command, trajectory.id(), "NOT_ALLOWED", command.code() + " was already registered on " + done, allowed);
        }
        if (command.municipality() != null || command.hospital() != null) {
            trajectories.updateHospitalAndMunicipality(trajectory.id(), command.hospital(), command.municipality());
        }
        trajectories.homeMilestone(trajectory.id(), contactPoint, command.eventDate());
        List<String> effects = new ArrayList<>();
        if (contactPoint == 1) {
            HomePathway home = catalog.homePathwayOn(trajectory.diagnosisDate());
            LocalDate opens = home.sp2Opens(trajectory.diagnosisDate());
            LocalDate due = home.sp2Due(trajectory.diagnosisDate());
            String municipality = command.municipality() != null ? command.municipality() : trajectory.municipality();
            OrganisationRef hospital = command.hospital() != null ? command.hospital() : trajectory.hospital();
            handovers.requireForTrajectory(trajectory.id(), trajectory.patientPseudonym(), municipality, HandoverReason.SP1_COMPLETED,
                    "SP1 is done in hospital: plan the SP2 needs assessment (Pakkeforløp hjem) for " + opens + " to " + due
                            + " and send the patient a written invitation",
                    CalendarDays.startOf(opens, zone), hospital, command.sourceEventId());
            effects.add("SP1 done; the municipality is asked to plan SP2 before " + opens);
        } else {
            DeadlineInterval interval = contactPoint == 2 ? DeadlineInterval.SP2 : DeadlineInterval.SP3;
            close(trajectory, EnumSet.of(interval), command.eventDate(), effects);
        }
        return applied(command, trajectory, trajectory.status(), effects);
    }

    private void open(Trajectory trajectory, LeadTime leadTime, LocalDate from, String awaiting, List<String> effects) {
        deadlines.openLeadTime(trajectory.id(), trajectory.patientPseudonym(), trajectory.pathway(), leadTime, from, awaiting);
        effects.add(leadTime.interval() + (leadTime.treatment() == null ? "" : " " + leadTime.treatment()) + " due "
                + CalendarDays.dueDate(from, leadTime.days()) + " (" + leadTime.days() + " calendar days from " + from + ")");
    }

    private void close(Trajectory trajectory, Set<DeadlineInterval> intervals, LocalDate on, List<String> effects) {
        int closed = deadlines.close(trajectory.id(), intervals, on);
        if (closed > 0) {
            effects.add(closed + " deadline(s) met on " + on + " (" + intervals + ")");
        }
    }

    private PathwayVersion version(Trajectory trajectory) {
        PathwayDefinition definition = catalog.find(trajectory.pathway())
                .orElseThrow(() -> new IllegalStateException("pathway " + trajectory.pathway() + " lost its definition"));
        return definition.version(trajectory.definitionVersion()).orElseGet(() -> definition.versionOn(trajectory.startDate()));
    }

    private Registration applied(PathwayEventCommand command, Trajectory trajectory, TrajectoryStatus status, List<String> effects) {
        UUID milestone = trajectories.insertMilestone(trajectory.id(), command.patientPseudonym(), command.code(), command.eventDate(),
                command.hospital() == null ? null : command.hospital().organisationNumber(), command.source().name(), command.sourceEventId(),
                "APPLIED", String.join("; ", effects), clock.instant());
        return new Registration(trajectory.id(), milestone, status.name(), List.copyOf(effects), null);
    }

    private Registration reject(PathwayEventCommand command, UUID trajectoryId, String kind, String reason, List<String> allowed) {
        UUID milestone = null;
        if (command.source() == Source.KAFKA) {
            milestone = trajectories.insertMilestone(trajectoryId, command.patientPseudonym(), command.code(), command.eventDate(),
                    command.hospital() == null ? null : command.hospital().organisationNumber(), command.source().name(),
                    command.sourceEventId(), "IGNORED", reason, clock.instant());
        }
        return new Registration(trajectoryId, milestone, null, List.of(), new Rejection(kind, reason, allowed));
    }
}
