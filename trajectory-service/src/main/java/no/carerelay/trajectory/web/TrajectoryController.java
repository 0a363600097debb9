package no.carerelay.trajectory.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;
import no.carerelay.trajectory.access.AccessLog;
import no.carerelay.trajectory.config.TrajectoryProperties;
import no.carerelay.trajectory.pathway.TreatmentType;
import no.carerelay.trajectory.trajectory.PathwayEventCommand;
import no.carerelay.trajectory.trajectory.Registration;
import no.carerelay.trajectory.trajectory.Timeline;
import no.carerelay.trajectory.trajectory.TimelineQuery;
import no.carerelay.trajectory.trajectory.TrajectoryService;

/**
 * For hospitals and pathway coordinators: register milestones; for pathway and municipal coordinators: read a patient's
 * timeline. Who is calling comes from the bearer token (see {@code ApiAccessRules} for which roles reach which
 * endpoint); every read and change, and every tenant refusal, goes to the access log.
 */
@RestController
@RequestMapping("/api/v1/patients/{pseudonym}")
class TrajectoryController {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");
    private static final Pattern ORGANISATION_NUMBER = Pattern.compile("[0-9]{9}");
    private static final Pattern HER_ID = Pattern.compile("[0-9]{1,9}");

    private final TrajectoryService trajectories;
    private final TimelineQuery timelines;
    private final Clock clock;
    private final TrajectoryProperties properties;

    private final AccessLog accessLog;

    TrajectoryController(TrajectoryService trajectories, TimelineQuery timelines, Clock clock, TrajectoryProperties properties,
            AccessLog accessLog) {
        this.accessLog = accessLog;
        this.trajectories = trajectories;
        this.timelines = timelines;
        this.clock = clock;
        this.properties = properties;
    }

    record Registered(UUID trajectoryId, UUID milestoneId, String status, List<String> effects) {
    }

    @PostMapping("/pathway-events")
    ResponseEntity<Registered> register(@PathVariable String pseudonym, @RequestBody PathwayEventRequest request, Caller caller) {
        PathwayEventCommand command = validate(pseudonym, request);
        Registration registration = trajectories.register(command);
        accessLog.record(caller, pseudonym, "register-pathway-event", registration.applied() ? "registered" : "refused");
        if (!registration.applied()) {
            throw new PathwayEventRefusedException(registration.rejection());
        }
        return ResponseEntity.created(URI.create("/api/v1/patients/" + pseudonym + "/trajectories"))
                .body(new Registered(registration.trajectoryId(), registration.milestoneId(), registration.status(), registration.effects()));
    }

    /**
     * The whole timeline. A pathway coordinator reads any patient's; anyone else the rules let in (a municipal
     * coordinator) only a patient whose municipality of residence is the kommunenummer in its token. Otherwise 404,
     * the same as for a patient nobody knows, and the refusal is logged.
     */
    @GetMapping("/trajectories")
    Timeline timeline(@PathVariable String pseudonym, Caller caller) {
        checkPseudonym(pseudonym);
        if (!caller.has(Role.PATHWAY_COORDINATOR)) {
            String residence = timelines.municipality(pseudonym).orElse(null);
            if (residence == null || !residence.equals(caller.municipality())) {
                accessLog.denied(caller, pseudonym, "read-timeline", "GET /api/v1/patients/" + pseudonym + "/trajectories",
                        residence == null ? "no municipality is known for the patient" : "the patient is not a resident of the caller's municipality");
                throw new PatientNotFoundException();
            }
        }
        Timeline timeline = timelines.timeline(pseudonym);
        accessLog.record(caller, pseudonym, "read-timeline", "read");
        return timeline;
    }

    private PathwayEventCommand validate(String pseudonym, PathwayEventRequest request) {
        checkPseudonym(pseudonym);
        if (request == null) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("body", "is required")));
        }
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        if (request.code() == null || request.code().isBlank()) {
            violations.add(new InvalidRequestException.Violation("code", "is required: an NPR code such as A12S, or SP1/SP2/SP3"));
        }
        LocalDate today = LocalDate.now(clock.withZone(properties.timeZone()));
        if (request.eventDate() == null) {
            violations.add(new InvalidRequestException.Violation("eventDate", "is required (yyyy-MM-dd)"));
        } else if (request.eventDate().isAfter(today)) {
            violations.add(new InvalidRequestException.Violation("eventDate", "must not be after today (" + today + ", Europe/Oslo)"));
        }
        if (request.municipality() != null && !KOMMUNENUMMER.matcher(request.municipality()).matches()) {
            violations.add(new InvalidRequestException.Violation("municipality", "must be a four-digit kommunenummer"));
        }
        OrganisationRef hospital = null;
        if (request.hospital() != null) {
            if (request.hospital().organisationNumber() == null || !ORGANISATION_NUMBER.matcher(request.hospital().organisationNumber()).matches()) {
                violations.add(new InvalidRequestException.Violation("hospital.organisationNumber", "must be nine digits"));
            }
            if (request.hospital().herId() != null && !HER_ID.matcher(request.hospital().herId()).matches()) {
                violations.add(new InvalidRequestException.Violation("hospital.herId", "must be 1-9 digits"));
            }
            if (request.hospital().name() != null && request.hospital().name().length() > 200) {
                violations.add(new InvalidRequestException.Violation("hospital.name", "must be at most 200 characters"));
            }
        }
        TreatmentType planned = null;
        if (request.plannedTreatment() != null) {
            try {
                planned = TreatmentType.valueOf(request.plannedTreatment());
            } catch (IllegalArgumentException e) {
                violations.add(new InvalidRequestException.Violation("plannedTreatment", "must be one of SURGERY, DRUG, RADIOTHERAPY"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (request.hospital() != null) {
            hospital = new OrganisationRef(request.hospital().organisationNumber(), request.hospital().herId(), request.hospital().name());
        }
        return new PathwayEventCommand(pseudonym, request.code().trim(), request.eventDate(), request.municipality(), hospital, planned,
                PathwayEventCommand.Source.API, UUID.randomUUID());
    }

    private static void checkPseudonym(String pseudonym) {
        if (!PSEUDONYM.matcher(pseudonym).matches()) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("pseudonym",
                    "path segment must be a patient pseudonym: 16-64 characters of A-Z, a-z, 0-9, _ and -")));
        }
    }
}
