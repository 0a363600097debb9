package no.carerelay.contracts;

/** Topic names. Every record on them is keyed by the patient pseudonym so order holds per patient. */
public final class Topics {

    public static final String PATIENT_REGISTRY = "patient.registry.v1";
    public static final String PATIENT_ENCOUNTERS = "patient.encounters.v1";
    public static final String TRAJECTORY_EVENTS = "trajectory.events.v1";
    public static final String COLLABORATION_HANDOVERS = "collaboration.handovers.v1";
    public static final String COLLABORATION_EVENTS = "collaboration.events.v1";
    /** collaboration-service's access log, entry by entry (PatientDataAccessed), for the patient's own view. */
    public static final String COLLABORATION_ACCESS = "collaboration.access.v1";
    /** trajectory-service's access log, entry by entry (PatientDataAccessed), for the patient's own view. */
    public static final String TRAJECTORY_ACCESS = "trajectory.access.v1";
    public static final String NOTIFICATION_DELIVERIES = "notification.deliveries.v1";

    private Topics() {
    }

    /** The dead-letter topic of one consumer group on one topic: {@code <topic>.<group>.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}
